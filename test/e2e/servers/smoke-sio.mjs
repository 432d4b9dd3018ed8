// Smoke checks of laravel-echo-server's protocol with raw socket.io-client (2 or 4, root node_modules)
// against laravel-echo-server (6002) or the two sio4 processes (6011 + 6012).
import { URLS, APP } from './config.mjs';
import { rootRequire, check, assert, assertEqual, Recorder, sleep, trigger, loginCookie, backend } from './smoke-lib.mjs';

function connect(io, url, extra = {}) {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, ...extra });
  const rec = new Recorder();
  // socket.io 2 has no onAny: wrap onevent to see every event
  const onevent = socket.onevent;
  socket.onevent = function (packet) { rec.push({ event: packet.data[0], args: packet.data.slice(1) }); return onevent.call(this, packet); };
  const ready = new Promise((resolve, reject) => {
    socket.on('connect', resolve);
    socket.on('connect_error', (e) => reject(new Error(`connect_error ${e.message}`)));
    setTimeout(() => reject(new Error('not connected')), 4000);
  });
  return { socket, rec, ready };
}

const bearer = (id) => ({ headers: { Authorization: `Bearer token-${id}` } });
const subscribe = (c, channel, auth = {}) => c.socket.emit('subscribe', { channel, auth });
const settle = () => sleep(250); // laravel-echo-server acks no public/private subscribe

export async function runSioChecks({ label, ioModule, urlA, urlB }) {
  console.log(label);
  const io = rootRequire(ioModule);
  const a = connect(io, urlA);
  const a2 = connect(io, urlB); // second tab of user 1, on the other process when urlB differs
  const b = connect(io, urlB);
  const all = [a, a2, b];
  try {
    await check('connect 3 clients', () => Promise.all(all.map((c) => c.ready)));

    await check('public channel: redis PUBLISH reaches every client exactly once', async () => {
      for (const c of all) subscribe(c, 'orders');
      await settle();
      const t = await trigger({ driver: 'redis', channel: 'orders', event: 'App\\Events\\OrderCreated', data: { id: 5 } });
      assert(t.redis.receivers.orders >= 1, 'no redis subscriber');
      for (const c of all) {
        const e = await c.rec.next((x) => x.event === 'App\\Events\\OrderCreated');
        assertEqual(e.args, ['orders', { id: 5, socket: null }], 'args (channel, data incl. socket)');
      }
      await sleep(300);
      for (const c of all) assertEqual(c.rec.count((x) => x.event === 'App\\Events\\OrderCreated'), 1, 'deliveries');
    });

    await check('toOthers: payload socket excludes that socket only', async () => {
      await trigger({ driver: 'redis', channel: 'orders', event: 'App\\Events\\Y', data: { y: 1 } }, a.socket.id);
      await b.rec.next((x) => x.event === 'App\\Events\\Y');
      await a2.rec.next((x) => x.event === 'App\\Events\\Y');
      await sleep(300);
      assertEqual(a.rec.count((x) => x.event === 'App\\Events\\Y'), 0, 'excluded socket got it');
      assertEqual(b.rec.count((x) => x.event === 'App\\Events\\Y'), 1, 'b deliveries');
    });

    await check('private channel: server-side auth with forwarded auth.headers + event', async () => {
      subscribe(a, 'private-order.1', bearer(1));
      await settle();
      assert(!a.rec.items.some((x) => x.event === 'subscription_error'), 'unexpected subscription_error');
      await trigger({ driver: 'redis', channel: 'private-order.1', event: 'App\\Events\\OrderShipped', data: { id: 1 } });
      const e = await a.rec.next((x) => x.event === 'App\\Events\\OrderShipped');
      assertEqual(e.args[0], 'private-order.1', 'channel');
    });

    await check('refused channel -> subscription_error(channel, 403)', async () => {
      subscribe(a, 'private-order.3', bearer(1));
      const e = await a.rec.next((x) => x.event === 'subscription_error' && x.args[0] === 'private-order.3');
      assertEqual(e.args, ['private-order.3', 403], 'args');
    });

    await check('cookie session forwarded: no CSRF -> 419, with X-CSRF-TOKEN -> joined', async () => {
      const { cookie, csrf } = await loginCookie(1);
      subscribe(b, 'private-order.2', { headers: { Cookie: cookie } });
      const e = await b.rec.next((x) => x.event === 'subscription_error' && x.args[0] === 'private-order.2');
      assertEqual(e.args[1], 419, 'status');
      subscribe(b, 'private-order.2', { headers: { Cookie: cookie, 'X-CSRF-TOKEN': csrf } });
      await settle();
      await trigger({ driver: 'redis', channel: 'private-order.2', event: 'App\\Events\\Z', data: {} });
      await b.rec.next((x) => x.event === 'App\\Events\\Z');
      const log = await backend('GET', '/requests?path=/broadcasting/auth&limit=1');
      const h = log.body.requests[0].headers;
      assertEqual([h['x-requested-with'], h['x-csrf-token'], log.body.requests[0].body], ['XMLHttpRequest', csrf, { channel_name: 'private-order.2' }], 'auth request');
    });

    await check('presence: subscribed / joining, de-duplicated by user_id across processes', async () => {
      subscribe(a, 'presence-chat.1', bearer(1));
      const sa = await a.rec.next((x) => x.event === 'presence:subscribed');
      assertEqual(sa.args[1].map((m) => m.user_id), [1], 'a members');
      subscribe(b, 'presence-chat.1', bearer(2));
      const sb = await b.rec.next((x) => x.event === 'presence:subscribed');
      assertEqual(sb.args[1].map((m) => m.user_id), [2, 1], 'b members (newest first)');
      assertEqual(sb.args[1][0].user_info, { id: 2, name: 'Bob' }, 'user_info');
      const j = await a.rec.next((x) => x.event === 'presence:joining');
      assertEqual([j.args[0], j.args[1].user_id, j.args[1].user_info], ['presence-chat.1', 2, { id: 2, name: 'Bob' }], 'joining');
      subscribe(a2, 'presence-chat.1', bearer(1)); // second tab of user 1
      const s2 = await a2.rec.next((x) => x.event === 'presence:subscribed');
      assertEqual(s2.args[1].map((m) => m.user_id).sort(), [1, 2], 'a2 members de-duplicated');
      await sleep(300);
      assertEqual(b.rec.count((x) => x.event === 'presence:joining'), 0, 'b told of a second tab of user 1');
    });

    await check('client event: relayed to others only (cross-process)', async () => {
      a.socket.emit('client event', { channel: 'presence-chat.1', event: 'client-typing', data: { name: 'Alice' } });
      const e = await b.rec.next((x) => x.event === 'client-typing');
      assertEqual(e.args, ['presence-chat.1', { name: 'Alice' }], 'args');
      await a2.rec.next((x) => x.event === 'client-typing');
      a.socket.emit('client event', { channel: 'presence-chat.1', event: 'not-client', data: {} });
      a.socket.emit('client event', { channel: 'orders', event: 'client-typing', data: { public: true } });
      await sleep(300);
      assertEqual(a.rec.count((x) => x.event === 'client-typing'), 0, 'sender got its own');
      assertEqual(b.rec.count((x) => x.event === 'client-typing' || x.event === 'not-client'), 1, 'b got a refused client event');
    });

    await check('presence: leaving only when the last tab of a user leaves', async () => {
      a2.socket.emit('unsubscribe', { channel: 'presence-chat.1' });
      await sleep(300);
      assertEqual(b.rec.count((x) => x.event === 'presence:leaving'), 0, 'leaving sent while a still there');
      a.socket.disconnect();
      const l = await b.rec.next((x) => x.event === 'presence:leaving');
      assertEqual(l.args, ['presence-chat.1', { user_id: 1, user_info: { id: 1, name: 'Alice' } }], 'leaving');
    });

    await check('HTTP API: /apps/app-id/channels lists subscriptions', async () => {
      const base = urlB.replace(/\/$/, '');
      const r = await fetch(`${base}/apps/${APP.id}/channels?auth_key=${APP.key}`).then((x) => x.json());
      assert(r.channels && r.channels['presence-chat.1']?.subscription_count === 1, JSON.stringify(r));
      const forbidden = await fetch(`${base}/apps/${APP.id}/channels?auth_key=nope`);
      assertEqual(forbidden.status, 403, 'wrong key');
    });
  } finally {
    for (const c of all) c.socket.close();
  }
}

export const SIO_SUITES = [
  { label: 'laravel-echo-server 1.6.3 (socket.io-client 2)', ioModule: 'socket.io-client-v2', urlA: URLS.laravelEchoServer, urlB: URLS.laravelEchoServer },
  { label: 'sio4 x2 (socket.io-client 4; A on 6011, B on 6012)', ioModule: 'socket.io-client', urlA: URLS.sio4[0], urlB: URLS.sio4[1] },
  { label: 'sio4 x2 (socket.io-client 2 via allowEIO3; A on 6011, B on 6012)', ioModule: 'socket.io-client-v2', urlA: URLS.sio4[0], urlB: URLS.sio4[1] },
];
