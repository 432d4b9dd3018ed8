// The event log panel: every event the page receives, newest first, with its channel (full name,
// prefix included), the event's full name on the wire and the name listen() takes for it, so
// the namespace rule (App\Events\X ← 'X') and the leading-dot rule ('.Full\Class' as written)
// can be read off each line. Also logs presence callbacks, subscriptions and connection changes.
import { h, bi, clock } from './ui.js';

const MAX_ENTRIES = 300;

const KIND_LABELS = {
  event: ['事件', 'event'],
  notification: ['通知', 'notification'],
  whisper: ['耳语', 'whisper'],
  presence: ['在线', 'presence'],
  subscription: ['订阅', 'subscription'],
  error: ['拒绝', 'refused'],
  connection: ['连接', 'connection'],
};

export class EventLog {
  /**
   * @param {HTMLElement} root the <aside> to render into
   * @param {{formatter: {format(name: string): string}, notificationEvent: string}} names
   */
  constructor(root, { formatter, notificationEvent }) {
    this.formatter = formatter;
    this.notificationEvent = notificationEvent;
    this.count = 0;
    this.countEl = h('span', { class: 'log-count', testid: 'log-count' }, '0');
    this.list = h('ol', { class: 'log-list', testid: 'log-list' });
    this.empty = h('p', { class: 'log-empty' }, bi('还没有收到事件。打开一个订单或聊天室试试。', 'No events yet. Open an order or the chat room.'));
    root.append(
      h('div', { class: 'log-header' },
        h('h2', null, bi('事件日志', 'Event log')),
        this.countEl,
        h('span', { class: 'spacer' }),
        h('button', { class: 'link-button', type: 'button', testid: 'log-clear', onClick: () => this.clear() }, bi('清空', 'Clear')),
      ),
      h('p', { class: 'log-legend' },
        bi('频道名含前缀；事件名为服务器发送的完整类名，下方是 listen() 的写法。', 'Channels with their prefix; events by their full name on the wire, with the name listen() takes below.'),
      ),
      this.empty,
      this.list,
    );
  }

  /** Logs everything a channel receives (listenToAll), its subscription and its refusal. */
  watch(channel) {
    channel.listenToAll((name, data) => this.received(channel.name, name, data));
    channel.subscribed(() => this.add({ kind: 'subscription', channel: channel.name, title: 'subscribed', note: ['订阅成功', 'subscription succeeded'] }));
    channel.error((error) => this.add({
      kind: 'error',
      channel: channel.name,
      title: `HTTP ${error.status ?? '—'} ${error.reason ?? ''}`.trim(),
      note: ['频道授权被拒绝', 'channel authorization refused'],
      data: error,
    }));
    return channel;
  }

  /** An event from listenToAll(): `name` is the form listen() takes ('ShippingStatusUpdated', '.Full\\Class', '.client-typing'). */
  received(channelName, name, data) {
    const wire = this.formatter.format(name);
    const literal = name.replace(/\\/g, '\\\\'); // as written in JavaScript source
    if (wire.startsWith('client-')) {
      this.add({ kind: 'whisper', channel: channelName, title: wire, listen: `listenForWhisper('${wire.slice('client-'.length)}')`, data });
    } else if (wire === this.notificationEvent) {
      this.add({ kind: 'notification', channel: channelName, title: wire, listen: `notification()  ≡  listen('${literal}')`, data });
    } else {
      this.add({ kind: 'event', channel: channelName, title: wire, listen: `listen('${literal}')`, data });
    }
  }

  presence(channelName, callback, detail, data) {
    this.add({ kind: 'presence', channel: channelName, title: callback, note: detail, data });
  }

  connection(status, previous) {
    this.add({ kind: 'connection', channel: null, title: `${previous} → ${status}` });
  }

  add({ kind, channel, title, listen, note, data }) {
    this.count += 1;
    this.countEl.textContent = String(this.count);
    this.empty.hidden = true;
    const [zh, en] = KIND_LABELS[kind];
    const entry = h('li', { class: `log-entry kind-${kind}`, testid: 'log-entry', dataset: { kind, channel: channel ?? '', event: title } },
      h('div', { class: 'log-meta' },
        h('time', null, clock(new Date(), true)),
        h('span', { class: 'kind' }, `${zh} ${en}`),
        channel ? h('code', { class: 'log-channel', testid: 'log-channel' }, channel) : null,
      ),
      h('code', { class: 'log-event', testid: 'log-event' }, title),
      listen ? h('div', { class: 'log-listen' }, h('code', null, listen)) : null,
      note ? h('div', { class: 'log-note' }, Array.isArray(note) ? bi(note[0], note[1]) : note) : null,
      data !== undefined
        ? h('details', { class: 'log-data' }, h('summary', null, 'payload'), h('pre', null, JSON.stringify(data, null, 2)))
        : null,
    );
    this.list.prepend(entry);
    entry.classList.add('fresh');
    setTimeout(() => entry.classList.remove('fresh'), 1200);
    while (this.list.children.length > MAX_ENTRIES) this.list.lastElementChild.remove();
  }

  clear() {
    this.list.replaceChildren();
    this.count = 0;
    this.countEl.textContent = '0';
    this.empty.hidden = false;
  }
}
