// Order tracking, the specification's first example: an order's page subscribes to the private
// channel order.{id} and listens for ShippingStatusUpdated; the button asks the backend to move
// the order on, and the page changes only when the broadcast arrives (never from the response).
import { h, bi, biText, avatar, clock, money, codeSample, describeSubscriptionError } from './ui.js';

export const STATUS_LABELS = {
  placed: ['已下单', 'Order placed'],
  packed: ['已打包', 'Packed'],
  shipped: ['已发货', 'Shipped'],
  in_transit: ['运输中', 'In transit'],
  out_for_delivery: ['派送中', 'Out for delivery'],
  delivered: ['已签收', 'Delivered'],
};

const statusLabel = (status) => bi(...(STATUS_LABELS[status] ?? [status, status]));
const itemName = (order) => bi(order.item.zh, order.item.en, { class: 'item-name' });

async function getJson(url) {
  const { data } = await window.axios.get(url);
  return data;
}

/** #/orders: every demo order, yours and other people's. */
export function orderListView(root, { user }) {
  const grid = h('div', { class: 'order-grid', testid: 'order-list' }, h('p', { class: 'muted' }, bi('加载中…', 'Loading…')));
  root.replaceChildren(
    h('section', { class: 'card' },
      h('div', { class: 'card-head' },
        h('h1', null, bi('订单跟踪', 'Order tracking')),
        h('p', { class: 'muted' }, bi(
          '打开订单页面会订阅私有频道 order.{id}；只有订单的主人能通过授权。试试别人的订单。',
          'An order page subscribes to the private channel order.{id}; only the order\'s owner is authorized. Try someone else\'s order too.',
        )),
      ),
      grid,
    ),
  );
  let live = true;
  getJson('/api/orders').then(({ orders }) => {
    if (!live) return;
    grid.replaceChildren(...orders.map((order) => {
      const mine = order.owner.id === user.id;
      return h('a', { class: `order-card${mine ? ' mine' : ''}`, href: `#/orders/${order.id}`, testid: `order-card-${order.id}` },
        h('div', { class: 'order-card-top' },
          h('span', { class: 'order-id' }, `#${order.id}`),
          h('span', { class: `tag ${mine ? 'tag-mine' : 'tag-other'}` }, mine ? bi('我的', 'Mine') : bi(`${order.owner.name} 的`, `${order.owner.name}'s`)),
        ),
        itemName(order),
        h('div', { class: 'order-card-bottom' },
          h('span', { class: `status-pill status-${order.status}` }, statusLabel(order.status)),
          h('span', { class: 'muted' }, money(order.total)),
        ),
      );
    }));
  }).catch((error) => grid.replaceChildren(h('p', { class: 'error' }, error.message)));
  return () => { live = false; };
}

/** #/orders/<id>: Echo.private(`order.${id}`).listen('ShippingStatusUpdated', …) */
export function orderView(root, { id, echo, user, log, statuses }) {
  const channelName = `order.${id}`;
  let order = null;
  let lastUpdate = null;
  let pending = false; // a request was sent and its broadcast has not arrived yet
  let actionError = null;
  let channelState = { state: 'pending' };

  const body = h('div', { class: 'order-body' }, h('p', { class: 'muted' }, bi('加载中…', 'Loading…')));
  const channelBox = h('div', { class: 'channel-state', testid: 'channel-state' });
  root.replaceChildren(
    h('a', { class: 'back-link', href: '#/orders' }, '← ', bi('全部订单', 'All orders')),
    h('section', { class: 'card order-page', testid: 'order-page', dataset: { orderId: String(id) } },
      channelBox,
      body,
      codeSample(biText('代码', 'Code'), `Echo.private(\`order.\${orderId}\`)
    .listen('ShippingStatusUpdated', (e) => {
        console.log(e.update); // {order_id: ${id}, status: '…', …}
    });`),
    ),
  );

  const renderChannel = () => {
    const full = `private-${channelName}`;
    if (channelState.state === 'refused') {
      const owner = order ? order.owner.name : '—';
      channelBox.dataset.state = 'refused';
      channelBox.replaceChildren(
        h('div', { class: 'refused', testid: 'refused', role: 'alert' },
          h('div', { class: 'refused-icon', 'aria-hidden': 'true', html: '<svg viewBox="0 0 24 24"><path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 2a8 8 0 0 1 6.32 12.9L7.1 5.68A7.96 7.96 0 0 1 12 4ZM4 12c0-1.85.63-3.55 1.68-4.9L16.9 18.32A8 8 0 0 1 4 12Z"/></svg>' }),
          h('div', null,
            h('strong', null, bi('无权订阅此订单的频道', 'Not authorized for this order\'s channel')),
            h('p', null, h('code', null, full), ' — ', h('span', { testid: 'refused-detail' }, describeSubscriptionError(channelState.error))),
            h('p', { class: 'muted' }, bi(
              `routes/channels.php 只允许订单主人（${owner}）订阅，所以这里收不到实时更新。`,
              `routes/channels.php admits only the order's owner (${owner}), so this page gets no live updates.`,
            )),
            h('pre', { class: 'rule' }, h('code', null, "Broadcast::channel('order.{orderId}', function ($user, $orderId) {\n    return $user->id === Order::findOrNew($orderId)->user_id;\n});")),
          ),
        ),
      );
      return;
    }
    channelBox.dataset.state = channelState.state;
    channelBox.replaceChildren(
      h('span', { class: `dot dot-${channelState.state}`, 'aria-hidden': 'true' }),
      h('code', null, full),
      channelState.state === 'subscribed'
        ? bi('已订阅，正在监听 ShippingStatusUpdated', 'subscribed, listening for ShippingStatusUpdated')
        : bi('订阅中…', 'subscribing…'),
    );
  };

  const renderBody = () => {
    if (!order) return;
    const mine = order.owner.id === user.id;
    const refused = channelState.state === 'refused';
    const steps = h('ol', { class: `timeline${refused ? ' stale' : ''}`, testid: 'timeline' },
      statuses.map((status, i) => h('li', { class: `step ${i < order.step ? 'done' : i === order.step ? 'current' : 'todo'}` },
        h('span', { class: 'step-dot', 'aria-hidden': 'true' }),
        statusLabel(status),
      )),
    );
    const actions = mine
      ? h('div', { class: 'actions' },
          h('button', { class: 'button primary', type: 'button', testid: 'advance', disabled: pending || order.step >= statuses.length - 1, onClick: () => act('advance') },
            bi('推进配送状态', 'Advance shipping status')),
          h('button', { class: 'button', type: 'button', testid: 'reset', disabled: pending || order.step === 0, onClick: () => act('reset') }, bi('重置', 'Reset')),
        )
      : h('p', { class: 'muted' }, bi('只有订单主人可以推进配送状态。', 'Only the order\'s owner can advance its shipping status.'));
    body.replaceChildren(...[
      h('div', { class: 'order-head' },
        h('div', null, h('span', { class: 'order-id' }, `#${order.id}`), h('h1', null, itemName(order))),
        h('div', { class: 'owner' }, avatar(order.owner), h('div', null, h('small', { class: 'muted' }, bi('订单主人', 'Owner')), h('strong', null, order.owner.name))),
      ),
      h('div', { class: 'current-status' },
        h('small', { class: 'muted' }, bi('配送状态', 'Shipping status')),
        h('span', { class: `status-pill big status-${order.status}`, testid: 'order-status', dataset: { status: order.status } }, statusLabel(order.status)),
        refused ? h('span', { class: 'muted' }, bi('（页面打开时的状态）', '(as of page load)')) : null,
      ),
      steps,
      refused ? null : lastUpdate
        ? h('p', { class: 'last-update', testid: 'last-update' },
            bi('最近一次实时更新', 'Last live update'), ': ',
            h('strong', null, statusLabel(lastUpdate.status)), ` · ${clock(lastUpdate.at)} · `,
            bi(`由 ${lastUpdate.by?.name ?? '—'} 触发，经 ShippingStatusUpdated 广播送达`, `by ${lastUpdate.by?.name ?? '—'}, delivered by the ShippingStatusUpdated broadcast`))
        : h('p', { class: 'last-update muted' }, bi('页面不刷新；状态只会由广播更新。', 'This page never reloads: the status changes only when the broadcast arrives.')),
      actions,
      actionError ? h('p', { class: 'error', testid: 'action-error' }, actionError) : null,
    ].filter(Boolean));
  };

  async function act(action) {
    pending = true;
    actionError = null;
    renderBody();
    try {
      await window.axios.post(`/orders/${id}/${action}`);
    } catch (error) {
      pending = false;
      actionError = `${error.response?.status ?? ''} ${error.response?.data?.message ?? error.message}`;
      renderBody();
      return;
    }
    // nothing else to do with the response: the ShippingStatusUpdated broadcast updates the page
    setTimeout(() => { if (pending) { pending = false; renderBody(); } }, 4000);
  }

  // The specification's example, live:
  const channel = echo.private(channelName);
  log.watch(channel);
  channel
    .listen('ShippingStatusUpdated', (e) => {
      if (!order || e.update.order_id !== order.id) return;
      order.step = e.update.step;
      order.status = e.update.status;
      lastUpdate = { status: e.update.status, at: new Date(), by: e.update.by };
      pending = false;
      renderBody();
      body.querySelector('.current-status')?.classList.add('flash');
    })
    .subscribed(() => { channelState = { state: 'subscribed' }; renderChannel(); renderBody(); })
    .error((error) => { channelState = { state: 'refused', error }; renderChannel(); renderBody(); });
  renderChannel();

  getJson(`/api/orders/${id}`).then(({ order: loaded }) => {
    order = loaded;
    renderChannel();
    renderBody();
  }).catch((error) => {
    body.replaceChildren(h('p', { class: 'error' }, error.response?.status === 404 ? bi('没有这个订单。', 'No such order.') : error.message));
  });

  return () => echo.leave(channelName);
}
