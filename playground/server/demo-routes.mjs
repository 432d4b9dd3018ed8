// The demo application's routes, written the way a Royalcms controller would broadcast:
//   GET  /api/orders, /api/orders/<id>          orders (in memory) with their shipping status
//   POST /orders/<id>/advance                   owner only: next shipping status, then
//        event(new ShippingStatusUpdated($update)) on private-order.<id> (everyone watching, the clicker too)
//   POST /orders/<id>/reset                     owner only: back to "placed", same event
//   GET  /chat/<room>/messages                  the room's last messages
//   POST /chat/<room>/messages {body, to_others?} broadcast(new NewMessage($message))->toOthers() on
//        presence-chat.<room>: the X-Socket-ID connection is left out (to_others=false broadcasts to all)
//   POST /notifications {user_id, message}      $user->notify(new Nudge(...)): BroadcastNotificationCreated
//        on private-App.User.<id>
// The playground uses one broadcaster: pusher (soketi's HTTP API) or redis (PUBLISH for the Socket.IO servers).
import crypto from 'node:crypto';
import { USERS, ORDER_OWNERS } from '../../test/e2e/servers/config.mjs';
import { sendJson } from '../../test/e2e/servers/backend/http-util.mjs';
import { broadcast } from '../../test/e2e/servers/backend/broadcast.mjs';

export const STATUSES = ['placed', 'packed', 'shipped', 'in_transit', 'out_for_delivery', 'delivered'];

const ORDERS = new Map([
  [1, { id: 1, user_id: 1, item: { zh: '机械键盘', en: 'Mechanical keyboard' }, total: 459 }],
  [2, { id: 2, user_id: 1, item: { zh: '降噪耳机', en: 'Noise-cancelling headphones' }, total: 1299 }],
  [3, { id: 3, user_id: 2, item: { zh: '咖啡豆 1 kg', en: 'Coffee beans, 1 kg' }, total: 168 }],
  [4, { id: 4, user_id: 3, item: { zh: '登山背包', en: 'Hiking backpack' }, total: 599 }],
]);
// routes/channels.php reads the owners table: give Carol's order the same rule as the others
for (const order of ORDERS.values()) ORDER_OWNERS[order.id] = order.user_id;
for (const order of ORDERS.values()) {
  order.step = order.id === 3 ? 2 : 0;
  order.history = [{ status: STATUSES[0], at: new Date().toISOString() }];
}

export const ROOMS = { 1: { zh: '大厅', en: 'Lobby' }, 2: { zh: '售后服务', en: 'Support' } };
const MESSAGES = new Map(Object.keys(ROOMS).map((room) => [room, []]));
const HISTORY_MAX = 50;
let nextMessageId = 1;

const NOTIFICATION_EVENT = 'Illuminate\\Notifications\\Events\\BroadcastNotificationCreated';

const publicUser = (user) => ({ id: user.id, name: user.name });

function orderView(order) {
  return {
    id: order.id,
    item: order.item,
    total: order.total,
    owner: publicUser(USERS[order.user_id]),
    status: STATUSES[order.step],
    step: order.step,
    history: order.history,
  };
}

const unauthenticated = (res) => sendJson(res, 401, { message: 'Unauthenticated.' });
const unauthorized = (res) => sendJson(res, 403, { message: 'This action is unauthorized.' });

function broadcaster(driver) {
  return driver === 'soketi' ? 'pusher' : 'redis';
}

async function shippingStatusUpdated(order, by, driver) {
  // event(new ShippingStatusUpdated($update)): broadcastOn() = new PrivateChannel('order.'.$update->order_id)
  const update = {
    order_id: order.id,
    status: STATUSES[order.step],
    step: order.step,
    updated_at: order.history.at(-1).at,
    by: publicUser(by),
  };
  return broadcast({
    driver: broadcaster(driver),
    channels: [`private-order.${order.id}`],
    event: 'App\\Events\\ShippingStatusUpdated',
    data: { update },
  });
}

export async function handleDemo({ req, res, url, params, who, driver, log }) {
  const p = url.pathname;
  const user = who.user;

  if (p === '/api/orders' && req.method === 'GET') {
    if (!user) return unauthenticated(res);
    return sendJson(res, 200, { orders: [...ORDERS.values()].map(orderView) });
  }
  let m = p.match(/^\/api\/orders\/(\d+)$/);
  if (m && req.method === 'GET') {
    if (!user) return unauthenticated(res);
    const order = ORDERS.get(Number(m[1]));
    return order ? sendJson(res, 200, { order: orderView(order) }) : sendJson(res, 404, { message: 'No such order.' });
  }

  m = p.match(/^\/orders\/(\d+)\/(advance|reset)$/);
  if (m && req.method === 'POST') {
    if (!user) return unauthenticated(res);
    const order = ORDERS.get(Number(m[1]));
    if (!order) return sendJson(res, 404, { message: 'No such order.' });
    if (order.user_id !== user.id) return unauthorized(res);
    if (m[2] === 'advance') {
      if (order.step >= STATUSES.length - 1) return sendJson(res, 422, { message: 'The order has already been delivered.' });
      order.step += 1;
    } else {
      order.step = 0;
      order.history = [];
    }
    order.history.push({ status: STATUSES[order.step], at: new Date().toISOString() });
    const result = await shippingStatusUpdated(order, user, driver);
    if (!result.ok) log('broadcast failed', JSON.stringify(result));
    return sendJson(res, result.ok ? 200 : 502, { order: orderView(order), broadcast: { ok: result.ok } });
  }

  m = p.match(/^\/chat\/(\w+)\/messages$/);
  if (m) {
    if (!user) return unauthenticated(res);
    const room = m[1];
    if (!ROOMS[room]) return sendJson(res, 404, { message: 'No such room.' });
    if (req.method === 'GET') return sendJson(res, 200, { room, messages: MESSAGES.get(room) });
    if (req.method !== 'POST') return sendJson(res, 405, { message: 'Method not allowed' });
    const body = typeof params.body === 'string' ? params.body.trim() : '';
    if (!body) return sendJson(res, 422, { message: 'The body field is required.' });
    if (body.length > 500) return sendJson(res, 422, { message: 'The body may not be greater than 500 characters.' });
    const message = { id: nextMessageId++, room, body, user: publicUser(user), sent_at: new Date().toISOString() };
    const list = MESSAGES.get(room);
    list.push(message);
    if (list.length > HISTORY_MAX) list.shift();
    // broadcast(new NewMessage($message))->toOthers(): the socket named by X-Socket-ID is left out
    const toOthers = params.to_others !== false && params.to_others !== 'false' && params.to_others !== '0';
    const socket = toOthers ? req.headers['x-socket-id'] || null : null;
    const result = await broadcast({
      driver: broadcaster(driver),
      channels: [`presence-chat.${room}`],
      event: 'App\\Events\\NewMessage',
      data: { message },
      socket,
    });
    if (!result.ok) log('broadcast failed', JSON.stringify(result));
    return sendJson(res, result.ok ? 201 : 502, { message, broadcast: { ok: result.ok, to_others: toOthers, socket } });
  }

  if (p === '/notifications' && req.method === 'POST') {
    if (!user) return unauthenticated(res);
    const recipient = USERS[params.user_id];
    if (!recipient) return sendJson(res, 422, { message: 'Unknown recipient.' });
    const text = typeof params.message === 'string' && params.message.trim() ? params.message.trim().slice(0, 200) : '👋';
    const notification = {
      id: crypto.randomUUID(),
      type: 'App\\Notifications\\Nudge',
      from: publicUser(user),
      message: text,
      sent_at: new Date().toISOString(),
    };
    const result = await broadcast({
      driver: broadcaster(driver),
      channels: [`private-App.User.${recipient.id}`],
      event: NOTIFICATION_EVENT,
      data: notification,
    });
    if (!result.ok) log('broadcast failed', JSON.stringify(result));
    return sendJson(res, result.ok ? 201 : 502, { notification, to: publicUser(recipient), broadcast: { ok: result.ok } });
  }
  return false;
}
