// Smoke checks against soketi with raw pusher-js (Node build, root node_modules).
import { URLS, APP, HOST, PORTS } from './config.mjs';
import { rootRequire, check, assert, assertEqual, Recorder, sleep, trigger, loginCookie, backend } from './smoke-lib.mjs';

const Pusher = rootRequire('pusher-js');

// endpoint auth with a bearer token (no CSRF), or cookie+CSRF through a custom handler.
function connect({ bearer, cookie, csrf } = {}) {
  const headers = bearer ? { Authorization: `Bearer ${bearer}` } : {};
  const options = {
    wsHost: HOST, wsPort: PORTS.soketi, forceTLS: false, enabledTransports: ['ws'], disableStats: true, cluster: 'mt1',
    channelAuthorization: { endpoint: `${URLS.backend}/broadcasting/auth`, transport: 'ajax', headers },
    userAuthentication: { endpoint: `${URLS.backend}/broadcasting/user-auth`, transport: 'ajax', headers },
  };
  if (cookie) {
    options.channelAuthorization = {
      customHandler: async ({ socketId, channelName }, cb) => {
        const r = await fetch(`${URLS.backend}/broadcasting/auth`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie, ...(csrf ? { 'X-CSRF-TOKEN': csrf } : {}) },
          body: new URLSearchParams({ socket_id: socketId, channel_name: channelName }).toString(),
        });
        if (r.status !== 200) return cb(new Error(`status ${r.status}`), null);
        cb(null, await r.json());
      },
    };
  }
  const pusher = new Pusher(APP.key, options);
  const rec = new Recorder();
  pusher.connection.bind('message', (m) => rec.push({ kind: 'message', ...m }));
  return { pusher, rec };
}

const connected = (pusher) => new Promise((resolve, reject) => {
  if (pusher.connection.state === 'connected') return resolve();
  pusher.connection.bind('connected', resolve);
  setTimeout(() => reject(new Error('not connected')), 4000);
});

function subscribe(client, channel) {
  const ch = client.pusher.subscribe(channel);
  const events = new Recorder();
  ch.bind_global((event, data) => events.push({ event, data }));
  return { ch, events, ok: events.next((e) => e.event === 'pusher:subscription_succeeded' || e.event === 'pusher:subscription_error', 5000, `subscription result on ${channel}`) };
}

export async function runPusherChecks() {
  console.log('soketi (pusher-js 8, Pusher protocol)');
  const a = connect({ bearer: 'token-1' });
  const a2 = connect({ bearer: 'token-1' });
  const b = connect({ bearer: 'token-2' });
  try {
    await check('connect 3 clients', () => Promise.all([a, a2, b].map((c) => connected(c.pusher))));

    await check('public channel event via soketi HTTP API (backend /trigger, signed)', async () => {
      const s = subscribe(a, 'orders');
      assertEqual((await s.ok).event, 'pusher:subscription_succeeded', 'subscribe');
      await trigger({ driver: 'pusher', channel: 'orders', event: 'App\\Events\\OrderCreated', data: { id: 7 } });
      const e = await s.events.next((x) => x.event === 'App\\Events\\OrderCreated');
      assertEqual(e.data, { id: 7 }, 'data');
    });

    await check('private channel auth (bearer) + event', async () => {
      const s = subscribe(a, 'private-order.1');
      assertEqual((await s.ok).event, 'pusher:subscription_succeeded', 'subscribe');
      await trigger({ driver: 'pusher', channel: 'private-order.1', event: 'App\\Events\\OrderShipped', data: { id: 1 } });
      assertEqual((await s.events.next((x) => x.event === 'App\\Events\\OrderShipped')).data, { id: 1 }, 'data');
    });

    await check('refused channel (403) -> pusher:subscription_error status 403', async () => {
      const r = await subscribe(a, 'private-order.3').ok;
      assertEqual([r.event, r.data.status], ['pusher:subscription_error', 403], 'result');
    });

    await check('forced fault private-fault.500 -> subscription_error status 500', async () => {
      const r = await subscribe(a, 'private-fault.500').ok;
      assertEqual([r.event, r.data.status], ['pusher:subscription_error', 500], 'result');
    });

    await check('bad signature (fault.badsig) -> soketi rejects, subscription_error status 401', async () => {
      const r = await subscribe(a, 'private-fault.badsig').ok;
      assertEqual([r.event, r.data.status], ['pusher:subscription_error', 401], 'result');
    });

    await check('cookie session: no CSRF -> refused, with X-CSRF-TOKEN -> ok', async () => {
      const { cookie, csrf } = await loginCookie(1);
      const noCsrf = connect({ cookie });
      const withCsrf = connect({ cookie, csrf });
      try {
        await Promise.all([connected(noCsrf.pusher), connected(withCsrf.pusher)]);
        const r1 = await subscribe(noCsrf, 'private-order.2').ok;
        assertEqual(r1.event, 'pusher:subscription_error', 'without csrf');
        const r2 = await subscribe(withCsrf, 'private-order.2').ok;
        assertEqual(r2.event, 'pusher:subscription_succeeded', 'with csrf');
        const log = await backend('GET', '/requests?path=/broadcasting/auth&limit=2');
        assertEqual(log.body.requests.map((q) => q.status), [200, 419], 'auth statuses');
      } finally { noCsrf.pusher.disconnect(); withCsrf.pusher.disconnect(); }
    });

    await check('presence: members, member_added, member_removed', async () => {
      const sa = subscribe(a, 'presence-chat.1');
      const ra = await sa.ok;
      assertEqual(ra.event, 'pusher:subscription_succeeded', 'a subscribe');
      assertEqual(ra.data.count, 1, 'count after a');
      assertEqual(sa.ch.members.me, { id: '1', info: { id: 1, name: 'Alice' } }, 'me');
      const sb = subscribe(b, 'presence-chat.1');
      assertEqual((await sb.ok).data.count, 2, 'count after b');
      const added = await sa.events.next((x) => x.event === 'pusher:member_added');
      assertEqual(added.data, { id: '2', info: { id: 2, name: 'Bob' } }, 'member_added');
    });

    await check('client event client-typing: to others only', async () => {
      const sa = a.pusher.channel('presence-chat.1');
      const rb = new Recorder();
      const ra = new Recorder();
      b.pusher.channel('presence-chat.1').bind('client-typing', (d, meta) => rb.push({ d, meta }));
      sa.bind('client-typing', (d) => ra.push(d));
      assert(sa.trigger('client-typing', { name: 'Alice' }), 'trigger returned false');
      const got = await rb.next();
      assertEqual(got.d, { name: 'Alice' }, 'data');
      assertEqual(got.meta?.user_id, '1', 'user_id metadata');
      await sleep(200);
      assertEqual(ra.items.length, 0, 'sender received its own client event');
    });

    await check('presence member_removed when b unsubscribes', async () => {
      const rec = new Recorder();
      a.pusher.channel('presence-chat.1').bind('pusher:member_removed', (m) => rec.push(m));
      b.pusher.unsubscribe('presence-chat.1');
      assertEqual((await rec.next()).id, '2', 'removed id');
    });

    await check('toOthers: X-Socket-ID excludes that socket only', async () => {
      const s1 = subscribe(a, 'private-order.2');
      const s2 = subscribe(a2, 'private-order.2');
      await Promise.all([s1.ok, s2.ok]);
      await trigger({ driver: 'pusher', channel: 'private-order.2', event: 'App\\Events\\X', data: { n: 1 } }, a.pusher.connection.socket_id);
      await s2.events.next((x) => x.event === 'App\\Events\\X');
      await sleep(300);
      assertEqual(s1.events.count((x) => x.event === 'App\\Events\\X'), 0, 'excluded socket got the event');
    });

    await check('encrypted channel: shared_secret + nacl secretbox payload decrypted by pusher-js', async () => {
      const s = subscribe(a, 'private-encrypted-user.1');
      assertEqual((await s.ok).event, 'pusher:subscription_succeeded', 'subscribe');
      const t = await trigger({ driver: 'pusher', channel: 'private-encrypted-user.1', event: 'App\\Events\\Secret', data: { msg: 'hi' } });
      assert(t.pusher.ok, 'trigger');
      assertEqual((await s.events.next((x) => x.event === 'App\\Events\\Secret')).data, { msg: 'hi' }, 'decrypted');
    });

    await check('user sign-in (/broadcasting/user-auth) -> pusher:signin_success', async () => {
      a.pusher.signin();
      const m = await a.rec.next((x) => x.event === 'pusher:signin_success');
      assertEqual(JSON.parse(m.data.user_data), { id: '1', name: 'Alice' }, 'user_data');
      await a.pusher.user.signinDonePromise;
      assertEqual(a.pusher.user.user_data?.id, '1', 'user id');
    });

    await check('soketi HTTP API through backend /soketi/channels', async () => {
      const r = await backend('GET', '/soketi/channels');
      assertEqual(r.status, 200, 'status');
      assert(r.body.channels && 'private-order.2' in r.body.channels, `channels: ${JSON.stringify(r.body)}`);
    });
  } finally {
    for (const c of [a, a2, b]) c.pusher.disconnect();
  }
}
