// Smoke checks of the backend's app routes (CSRF, toOthers) and notification hooks, with socket.io-client 4 on sio4.
import { URLS } from './config.mjs';
import { rootRequire, check, assert, assertEqual, Recorder, sleep, backend, loginCookie } from './smoke-lib.mjs';

export async function runBackendChecks() {
  console.log('backend routes (socket.io-client 4 on sio4-1 / sio4-2)');
  const io = rootRequire('socket.io-client');
  const open = (url) => {
    const socket = io(url, { transports: ['websocket'], forceNew: true });
    const rec = new Recorder();
    socket.onAny((event, ...args) => rec.push({ event, args }));
    return { socket, rec, ready: new Promise((r) => socket.on('connect', r)) };
  };
  const a = open(URLS.sio4[0]);
  const b = open(URLS.sio4[1]);
  try {
    await Promise.all([a.ready, b.ready]);
    const auth = { headers: { Authorization: 'Bearer token-1' } };
    for (const c of [a, b]) {
      c.socket.emit('subscribe', { channel: 'private-order.2', auth });
      c.socket.emit('subscribe', { channel: 'private-App.User.1', auth });
    }
    await sleep(300);

    await check('POST /orders/2/ship: 419 without CSRF; with CSRF + X-Socket-ID -> others only', async () => {
      const { cookie, csrf } = await loginCookie(1);
      const no = await backend('POST', '/orders/2/ship', { headers: { Cookie: cookie } });
      assertEqual(no.status, 419, 'without csrf');
      const ok = await backend('POST', '/orders/2/ship?driver=redis', { headers: { Cookie: cookie, 'X-CSRF-TOKEN': csrf, 'X-Socket-ID': a.socket.id } });
      assertEqual(ok.status, 200, `with csrf ${JSON.stringify(ok.body)}`);
      const e = await b.rec.next((x) => x.event === 'App\\Events\\OrderShipped');
      assertEqual([e.args[0], e.args[1].order.id, e.args[1].socket], ['private-order.2', 2, a.socket.id], 'event');
      await sleep(300);
      assertEqual(a.rec.count((x) => x.event === 'App\\Events\\OrderShipped'), 0, 'sender socket got it');
    });

    await check('POST /notify: BroadcastNotificationCreated on private-App.User.1 (current and legacy names)', async () => {
      await backend('POST', '/notify', { body: { user_id: 1, data: { amount: 3 }, driver: 'redis' } });
      const n = await a.rec.next((x) => x.event === 'Illuminate\\Notifications\\Events\\BroadcastNotificationCreated');
      assertEqual([n.args[0], n.args[1].amount, n.args[1].type, 'socket' in n.args[1]], ['private-App.User.1', 3, 'App\\Notifications\\InvoicePaid', true], 'notification');
      assert(/^[0-9a-f-]{36}$/.test(n.args[1].id), 'uuid id');
      await backend('POST', '/notify', { body: { user_id: 1, legacy: true, driver: 'redis' } });
      const l = await a.rec.next((x) => x.event === 'Royalcms\\Component\\Notifications\\Events\\BroadcastNotificationCreated');
      assertEqual('socket' in l.args[1], false, 'legacy payload has no socket');
    });

    await check('ANY /echo-headers mirrors X-Socket-ID / X-CSRF-TOKEN; /echo-headers/last', async () => {
      const r = await backend('POST', '/echo-headers', { headers: { 'X-Socket-ID': '1.2', 'X-CSRF-TOKEN': 't' }, body: { a: 1 } });
      assertEqual([r.body.headers['x-socket-id'], r.body.headers['x-csrf-token'], r.body.body], ['1.2', 't', { a: 1 }], 'mirror');
      assertEqual((await backend('GET', '/echo-headers/last')).body.headers['x-socket-id'], '1.2', 'last');
    });
  } finally {
    a.socket.close();
    b.socket.close();
  }
}
