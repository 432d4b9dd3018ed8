// Quick end-to-end check of the real servers with raw clients (no SDK):
//   node test/e2e/servers/smoke.mjs            starts all servers, runs the checks, stops them
//   node test/e2e/servers/smoke.mjs --running  uses servers already started (node scripts/servers.mjs start)
import { startServers, stopServers } from '../../../scripts/servers.mjs';
import { HOST, PORTS, URLS } from './config.mjs';
import { check, summary, assertEqual, backend, trigger, rootRequire, Recorder, sleep } from './smoke-lib.mjs';
import { runPusherChecks } from './smoke-pusher.mjs';
import { runSioChecks, SIO_SUITES } from './smoke-sio.mjs';
import { runBackendChecks } from './smoke-backend.mjs';
import { runClusterChecks } from './smoke-cluster.mjs';

const useRunning = process.argv.includes('--running');

async function runControlChecks() {
  console.log('control: kill -9 / restart one server through the backend');
  await check('kill -9 sio4-2, cluster still answers, restart it, cross-process delivery again', async () => {
    const k = await backend('POST', '/control/kill?server=sio4-2');
    assertEqual([k.status, k.body.wasRunning], [200, true], 'kill');
    const io = rootRequire('socket.io-client');
    const a = io(URLS.sio4[0], { transports: ['websocket'], forceNew: true });
    const rec = new Recorder();
    a.onAny((event, ...args) => rec.push({ event, args }));
    a.emit('subscribe', { channel: 'presence-chat.9', auth: { headers: { Authorization: 'Bearer token-3' } } });
    await rec.next((x) => x.event === 'presence:subscribed', 4000, 'presence:subscribed with a dead peer');
    const s = await backend('POST', '/control/start?server=sio4-2');
    assertEqual(s.status, 200, `start ${JSON.stringify(s.body)}`);
    const b = io(URLS.sio4[1], { transports: ['websocket'], forceNew: true });
    const recB = new Recorder();
    b.onAny((event, ...args) => recB.push({ event, args }));
    b.emit('subscribe', { channel: 'presence-chat.9', auth: { headers: { Authorization: 'Bearer token-2' } } });
    await rec.next((x) => x.event === 'presence:joining', 4000, 'cross-process joining');
    await trigger({ driver: 'redis', channel: 'presence-chat.9', event: 'App\\Events\\After', data: {} });
    await recB.next((x) => x.event === 'App\\Events\\After');
    a.close(); b.close();
  }, 30000);

  await check('kill -9 soketi-2, restart; a new client of node 2 sees node 1\'s presence member at once', async () => {
    const Pusher = rootRequire('pusher-js');
    const options = (port, token) => ({
      wsHost: '127.0.0.1', wsPort: port, forceTLS: false, enabledTransports: ['ws'], disableStats: true, cluster: 'mt1',
      channelAuthorization: { endpoint: `${URLS.backend}/broadcasting/auth`, transport: 'ajax', headers: { Authorization: `Bearer ${token}` } },
    });
    const port = (i) => Number(new URL(URLS.soketiCluster[i]).port);
    const a = new Pusher('app-key', options(port(0), 'token-1'));
    const room = `presence-chat.kill${Date.now().toString(36)}`;
    const joined = new Promise((r) => a.subscribe(room).bind('pusher:subscription_succeeded', r));
    try {
      await joined;
      const k = await backend('POST', '/control/kill?server=soketi-2');
      assertEqual([k.status, k.body.wasRunning], [200, true], 'kill');
      const s = await backend('POST', '/control/start?server=soketi-2');
      assertEqual(s.status, 200, `start ${JSON.stringify(s.body)}`);
      const b = new Pusher('app-key', options(port(1), 'token-2'));
      try {
        const members = await new Promise((r) => b.subscribe(room).bind('pusher:subscription_succeeded', r));
        assertEqual(Object.keys(members.members).sort(), ['1', '2'], 'members seen by the restarted node');
      } finally { b.disconnect(); }
    } finally { a.disconnect(); }
  }, 20000);

  await check('kill -9 soketi, restart; pusher-js reconnects and resubscribes by itself', async () => {
    const Pusher = rootRequire('pusher-js');
    const p = new Pusher('app-key', { wsHost: HOST, wsPort: PORTS.soketi, forceTLS: false, enabledTransports: ['ws'], cluster: 'mt1' });
    const rec = new Recorder();
    p.connection.bind('state_change', (s) => rec.push(s));
    const ch = p.subscribe('orders');
    await new Promise((r) => ch.bind('pusher:subscription_succeeded', r));
    const k = await backend('POST', '/control/kill?server=soketi');
    assertEqual(k.status, 200, 'kill');
    await rec.next((s) => s.current !== 'connected', 5000, 'disconnect noticed');
    const after = new Recorder();
    p.connection.bind('state_change', (x) => after.push(x));
    const s = await backend('POST', '/control/start?server=soketi');
    assertEqual(s.status, 200, `start ${JSON.stringify(s.body)}`);
    // pusher-js (ws only) retries on its own schedule: ~15 s after the kill here
    await after.next((x) => x.current === 'connected', 30000, 'reconnect');
    const got = new Recorder();
    ch.bind('App\\Events\\Back', (d) => got.push(d));
    for (let i = 0; i < 20 && !got.items.length; i++) { // resubscribe is async after reconnect
      await trigger({ driver: 'pusher', channel: 'orders', event: 'App\\Events\\Back', data: { i } });
      await sleep(150);
    }
    await got.next();
    p.disconnect();
  }, 45000);
}

async function main() {
  if (!useRunning) {
    const r = await startServers();
    console.log(`servers ready in ${r.ms} ms`);
  }
  const t0 = Date.now();
  try {
    await runPusherChecks();
    await runClusterChecks();
    for (const suite of SIO_SUITES) await runSioChecks(suite);
    await runBackendChecks();
    await runControlChecks();
  } finally {
    if (!useRunning) await stopServers();
  }
  const { passed, failed } = summary();
  console.log(`smoke checks took ${Date.now() - t0} ms`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => { console.error(e.stack || e.message); process.exitCode = 1; });
