// Soak: SOAK_SECONDS (default 120) of subscribe/leave churn by SDK clients on soketi (pusher-js) and
// on the Socket.IO 4 cluster (socket.io-client 4), while the backend broadcasts to the channels
// being churned and, every 250 ms, a heartbeat on a channel each client keeps. At regular points
// the churn pauses and, once every client has left its churn channels, the test takes a sample:
// the heap after GC (node --expose-gc) and, per client, the SDK's channels, the Socket.IO routes
// and every listener registered on pusher-js (channels, connection) and on socket.io-client
// (socket, manager). The listener and channel counts must be identical at every sample, the heap
// flat, every heartbeat received exactly once and in order, and no connection may drop.
import { afterAll, expect, it } from 'vitest';
import { SETUPS, trigger, unique } from '../support/env';
import { allConnected, disconnectAll, loadEcho, probeUntilReady, sleep, waitFor, type AnyEcho } from './load-clients';

const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 120);
const PER_SETUP = 8;
const SAMPLES = Math.max(4, Math.min(12, Math.round(SOAK_SECONDS / 10)));
/** Heap growth allowed between the first sample (after warm-up) and the mean of the last three. */
const HEAP_SLACK_BYTES = 4 * 1024 * 1024;
const clients: AnyEcho[] = [];

afterAll(() => disconnectAll(clients));

const gc = (globalThis as { gc?: () => void }).gc;
const count = (registry: Record<string, unknown[]> | undefined) => Object.values(registry ?? {}).reduce((sum, list) => sum + (Array.isArray(list) ? list.length : 0), 0);

/** Channels and listeners of one client, by layer. */
function census(echo: AnyEcho): Record<string, number> {
  const connector = echo.connector as any;
  if (connector.pusher) {
    const pusher = connector.pusher;
    const channels = Object.values(pusher.channels.channels) as any[];
    return {
      sdkChannels: connector.channels.size,
      pusherChannels: channels.length,
      pusherChannelCallbacks: channels.reduce((sum, channel) => sum + count(channel.callbacks._callbacks) + channel.global_callbacks.length, 0),
      pusherConnectionCallbacks: count(pusher.connection.callbacks._callbacks) + pusher.connection.global_callbacks.length,
      pusherGlobalCallbacks: count(pusher.global_emitter.callbacks._callbacks) + pusher.global_emitter.global_callbacks.length,
      queuedWhispers: connector.clientEvents.queued,
    };
  }
  const socket = connector.socket;
  return {
    sdkChannels: connector.channels.size,
    routes: connector.router.size,
    socketCallbacks: count(socket._callbacks),
    socketAnyListeners: socket._anyListeners?.length ?? 0,
    managerCallbacks: count(socket.io._callbacks),
  };
}

it(`soak: ${SOAK_SECONDS} s of subscribe/leave churn keeps heap, channel and listener counts flat`, async () => {
  expect(gc, 'node must run with --expose-gc (vitest.load.config.ts)').toBeTypeOf('function');
  const tag = unique('soak');
  const home = `soak.${tag}.home`;
  for (let i = 0; i < PER_SETUP; i++) clients.push(loadEcho(SETUPS.soketi, 3000 + i));
  for (let i = 0; i < PER_SETUP; i++) clients.push(loadEcho(SETUPS.sio4, 3100 + i, i));
  await allConnected(clients);
  const drops: string[] = [];
  clients.forEach((echo, c) => echo.onConnectionChange((status) => drops.push(`client ${c}: ${status}`)));

  // The channel every client keeps, with a heartbeat listener.
  const beats = clients.map(() => [] as number[]);
  const probes = clients.map(() => '');
  clients.forEach((echo, c) =>
    echo
      .channel(home)
      .listen('Beat', (data: any) => beats[c]!.push(data.seq))
      .listen('.e2e.probe', (data: any) => (probes[c] = data.nonce)),
  );
  await probeUntilReady(null, [home], (nonce) => probes.filter((seen) => seen !== nonce).length);

  let running = true;
  let paused = false;
  const idle = clients.map(() => false);
  let cycles = 0;
  let churnEvents = 0;
  const pool = Array.from({ length: 12 }, (_, i) => i);
  const pick = <T,>(list: T[]) => list[Math.floor(Math.random() * list.length)] as T;

  // Churn: each client joins 3 random channels (public, private, presence), listens, whispers, leaves.
  const loops = clients.map(async (echo, c) => {
    const e = echo as any;
    while (running) {
      if (paused) {
        idle[c] = true;
        while (paused && running) await sleep(10);
        idle[c] = false;
        continue;
      }
      const names: string[] = [];
      for (let k = 0; k < 3; k++) {
        const n = pick(pool);
        const kind = pick(['public', 'private', 'presence'] as const);
        const name = kind === 'public' ? `soak.${tag}.c${n}` : `chat.${tag}${kind === 'private' ? 'v' : 'p'}${n}`;
        if (names.includes(name)) continue;
        names.push(name);
        const channel = kind === 'public' ? e.channel(name) : kind === 'private' ? e.private(name) : e.join(name);
        channel.listen('Churn', () => churnEvents++).listenToAll(() => {});
        if (kind !== 'public') {
          channel.listenForWhisper('typing', () => {}).subscribed(() => channel.whisper('typing', { c }));
        }
        if (kind === 'presence') channel.here(() => {}).joining(() => {}).leaving(() => {});
      }
      await sleep(100 + Math.random() * 300);
      for (const name of names) echo.leave(name);
      cycles++;
      await sleep(Math.random() * 50);
    }
    idle[c] = true;
  });

  // The backend: heartbeats on the home channel, and broadcasts into the churn channels.
  const sentBeats: number[] = [];
  const publisher = (async () => {
    for (let seq = 1; running; seq++) {
      const churn = [`soak.${tag}.c${pick(pool)}`, `private-chat.${tag}v${pick(pool)}`, `presence-chat.${tag}p${pick(pool)}`];
      await Promise.all([
        trigger(null, { channel: home, event: 'App\\Events\\Beat', data: { seq } }).then(() => sentBeats.push(seq)),
        trigger(null, { channels: churn, event: 'App\\Events\\Churn', data: { seq } }),
      ]);
      await sleep(250);
    }
  })();

  const samples: Array<{ at: number; heap: number; census: Array<Record<string, number>> }> = [];
  const started = Date.now();
  const interval = (SOAK_SECONDS * 1000) / SAMPLES;
  for (let s = 1; s <= SAMPLES; s++) {
    await sleep(started + s * interval - Date.now());
    paused = true;
    await waitFor(() => idle.every(Boolean), 10_000, () => 'churn loops did not pause');
    // Leaves the server had not confirmed yet settle; then the counts must match the first sample.
    const baseline = samples[0]?.census;
    const settled = Date.now();
    let census_ = clients.map(census);
    while (baseline && JSON.stringify(census_) !== JSON.stringify(baseline) && Date.now() - settled < 5_000) {
      await sleep(100);
      census_ = clients.map(census);
    }
    gc!();
    await sleep(50);
    gc!();
    samples.push({ at: Math.round((Date.now() - started) / 1000), heap: process.memoryUsage().heapUsed, census: census_ });
    paused = false;
  }
  running = false;
  await Promise.all([...loops, publisher]);
  await probeUntilReady(null, [home], (nonce) => probes.filter((seen) => seen !== nonce).length); // behind every heartbeat

  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  console.log(
    `[soak] ${SOAK_SECONDS} s, ${clients.length} clients, ${cycles} churn cycles (${cycles * 3} subscribe/leave), ${churnEvents} churn events received, ${sentBeats.length} heartbeats\n` +
      `[soak] heap after GC (MB) at ${samples.map((s) => `${s.at}s: ${mb(s.heap)}`).join(', ')}\n` +
      `[soak] census per client (first sample): ${JSON.stringify(samples[0]!.census[0])} (pusher) ${JSON.stringify(samples[0]!.census[PER_SETUP])} (socket.io)`,
  );

  expect(cycles).toBeGreaterThan(clients.length * SOAK_SECONDS); // ~3 cycles per client per second
  expect(drops).toEqual([]);
  // Channels and listeners: identical at every sample (nothing left behind by thousands of leaves).
  for (const sample of samples) expect(sample.census, `census at ${sample.at} s`).toEqual(samples[0]!.census);
  expect(samples[0]!.census.every((c) => c['sdkChannels'] === 1)).toBe(true);
  // Heap: flat between the first sample (after warm-up) and the last three.
  const tail = samples.slice(-3).reduce((sum, s) => sum + s.heap, 0) / 3;
  expect(tail - samples[0]!.heap, `heap grew from ${mb(samples[0]!.heap)} MB to ${mb(tail)} MB`).toBeLessThan(HEAP_SLACK_BYTES);
  // Every heartbeat, exactly once and in order, on every client.
  for (const [c, seqs] of beats.entries()) expect(seqs, `client ${c}`).toEqual(sentBeats.sort((a, b) => a - b));
}, (SOAK_SECONDS + 90) * 1000);
