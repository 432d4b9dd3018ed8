// Notifications: Echo.private(`App.User.${userId}`).notification(...) feeds the bell (unread
// count), a toast, and the notifications view (a form that sends one to any demo user).
import { h, bi, biText, avatar, clock, codeSample, toast } from './ui.js';

export class NotificationCenter {
  /** @param {{echo: any, user: {id: number, name: string}, log: any, bell: HTMLElement, count: HTMLElement, toasts: HTMLElement}} o */
  constructor({ echo, user, log, bell, count, toasts }) {
    this.items = [];
    this.unread = 0;
    this.listeners = new Set();
    this.countEl = count;
    this.toasts = toasts;
    bell.addEventListener('click', () => {
      location.hash = '#/notifications';
      this.markAllRead();
    });

    // The specification's example, live:
    const channel = echo.private(`App.User.${user.id}`);
    log.watch(channel);
    channel.notification((notification) => this.receive(notification));
    this.render();
  }

  receive(notification) {
    this.items.unshift({ ...notification, received_at: new Date(), unread: true });
    this.unread += 1;
    this.render();
    const from = notification.from ? notification.from.name : '';
    toast(this.toasts, { title: biText('新通知', 'New notification') + (from ? ` · ${from}` : ''), body: notification.message, testid: 'toast' });
  }

  markAllRead() {
    for (const item of this.items) item.unread = false;
    this.unread = 0;
    this.render();
  }

  onChange(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  render() {
    this.countEl.hidden = this.unread === 0;
    this.countEl.textContent = this.unread > 99 ? '99+' : String(this.unread);
    this.countEl.parentElement.classList.toggle('ringing', this.unread > 0);
    for (const listener of this.listeners) listener();
  }
}

/** The notifications view: send form + received list. Returns its cleanup function. */
export function notificationsView(root, { center, user, users }) {
  const firstOther = users.find((u) => u.id !== user.id);
  const select = h('select', { name: 'user_id', testid: 'notify-to', 'aria-label': biText('收件人', 'Recipient') },
    users.map((u) => h('option', { value: u.id, selected: u === firstOther }, u.id === user.id ? `${u.name} (你 · you)` : u.name)),
  );
  const input = h('input', { name: 'message', testid: 'notify-message', maxlength: 200, placeholder: biText('说点什么…', 'Say something…'), autocomplete: 'off' });
  const status = h('p', { class: 'form-status', testid: 'notify-status', 'aria-live': 'polite' });
  const form = h('form', { class: 'notify-form', testid: 'notify-form' },
    h('label', null, bi('发给', 'To'), select),
    h('label', { class: 'grow' }, bi('内容', 'Message'), input),
    h('button', { class: 'button primary', type: 'submit', testid: 'notify-send' }, bi('发送通知', 'Send')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = '';
    try {
      const { data } = await window.axios.post('/notifications', { user_id: Number(select.value), message: input.value });
      status.replaceChildren(bi(`已发送给 ${data.to.name}`, `Sent to ${data.to.name} on private-App.User.${data.to.id}`));
      input.value = '';
    } catch (error) {
      status.textContent = `${error.response?.status ?? ''} ${error.response?.data?.message ?? error.message}`;
    }
  });

  const list = h('ul', { class: 'notification-list', testid: 'notification-list' });
  const markRead = h('button', { class: 'link-button', type: 'button', onClick: () => center.markAllRead() }, bi('全部标为已读', 'Mark all read'));
  const renderList = () => {
    list.replaceChildren(
      ...center.items.map((n) =>
        h('li', { class: `notification${n.unread ? ' unread' : ''}`, testid: 'notification' },
          n.from ? avatar(n.from) : null,
          h('div', { class: 'notification-body' },
            h('div', { class: 'notification-head' }, h('strong', null, n.from?.name ?? '—'), h('code', null, n.type), h('time', null, clock(n.received_at))),
            h('p', null, n.message),
          ),
        ),
      ),
    );
    if (!center.items.length) list.append(h('li', { class: 'empty' }, bi('还没有通知。发一条给别人，或者给自己。', 'No notifications yet. Send one to someone else, or to yourself.')));
    markRead.hidden = center.unread === 0;
  };
  const stop = center.onChange(renderList);
  renderList();

  root.replaceChildren(
    h('section', { class: 'card' },
      h('div', { class: 'card-head' },
        h('h1', null, bi('通知', 'Notifications')),
        h('p', { class: 'muted' }, bi(
          `你的私有频道 private-App.User.${user.id} 上的广播通知会让铃铛计数。`,
          `Broadcast notifications on your private channel private-App.User.${user.id} make the bell count.`,
        )),
      ),
      form,
      status,
      codeSample(biText('代码', 'Code'), `Echo.private(\`App.User.\${userId}\`)
    .notification((notification) => {
        console.log(notification.type); // App\\Notifications\\Nudge
    });`),
    ),
    h('section', { class: 'card' },
      h('div', { class: 'card-head row' }, h('h2', null, bi('收到的通知', 'Received')), h('span', { class: 'spacer' }), markRead),
      list,
    ),
  );
  return stop;
}
