// Smoke checks of the soketi cluster (soketi-1 + soketi-2 joined by soketi's redis adapter) with raw
// pusher-js: A on node 1, B on node 2; the backend publishes to node 1 only.
import { URLS, APP } from './config.mjs';
import { rootRequire, check, assertEqual, Recorder, sleep, trigger, backend } from './smoke-lib.mjs';

const Pusher = rootRequire('pusher-js');

function connect(node, bearer) {
  const port = Number(new URL(URLS.soketiCluster[node]).port);
  const headers = { Authorization: `Bearer ${bearer}` };
  return new Pusher(APP.key, {
    wsHost: '127.0.0.1', wsPort: port, forceTLS: false, enabledTransports: ['ws'], disableStats: true, cluster: 'mt1',
    channelAuthorization: { endpoint: `${URLS.backend}/broadcasting/auth`, transport: 'ajax', headers },
  });
}

function subscribe(pusher, name) {
  const channel = pusher.subscribe(name);
  const events = new Recorder();
  channel.bind_global((event, data) => events.push({ event, data }));
  return { channel, events, ok: events.next((e) => e.event.startsWith('pusher:subscription_'), 5000, `subscription result on ${name}`) };
}

export async function runClusterChecks() {
  console.log('soketi cluster (two nodes, redis adapter; pusher-js 8)');
  const a = connect(0, 'token-1');
  const b = connect(1, 'token-2');
  const room = `presence-chat.smoke${Date.now().toString(36)}`;
  try {
    await check('presence across nodes: B on node 2 sees A of node 1, A gets member_added', async () => {
      const sa = subscribe(a, room);
      assertEqual((await sa.ok).event, 'pusher:subscription_succeeded', 'a subscribe');
      const sb = subscribe(b, room);
      const rb = await sb.ok;
      assertEqual([rb.event, rb.data.count, Object.keys(rb.data.members ?? {}).sort()], ['pusher:subscription_succeeded', 2, ['1', '2']], 'b sees both');
      const added = await sa.events.next((x) => x.event === 'pusher:member_added');
      assertEqual(added.data.id, '2', 'member_added');
    });

    await check('client event node 2 -> node 1, once; trigger to node 1 reaches node 2, once', async () => {
      const sa = a.channel(room);
      const sb = b.channel(room);
      const gotA = new Recorder();
      const gotB = new Recorder();
      sa.bind('client-typing', (d) => gotA.push(d));
      sb.bind('App\\Events\\Ping', (d) => gotB.push(d));
      sb.trigger('client-typing', { from: 2 });
      await trigger({ driver: 'pusher-cluster', channel: room, event: 'App\\Events\\Ping', data: { n: 1 } });
      await gotA.next();
      await gotB.next();
      await sleep(300);
      assertEqual([gotA.items.length, gotB.items.length], [1, 1], 'deliveries');
    });

    await check('HTTP API of node 1 lists the cluster: channel users of both nodes', async () => {
      const r = await backend('GET', `/soketi-cluster/channels/${room}/users`);
      assertEqual([r.status, r.body.users?.map((u) => u.id).sort()], [200, ['1', '2']], 'users');
    });

    await check('member_removed crosses nodes when B unsubscribes', async () => {
      const removed = new Recorder();
      a.channel(room).bind('pusher:member_removed', (m) => removed.push(m));
      b.unsubscribe(room);
      assertEqual((await removed.next()).id, '2', 'removed id');
    });
  } finally {
    a.disconnect();
    b.disconnect();
  }
}
