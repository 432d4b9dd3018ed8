// One Node measurement in a fresh process (own heap, own JIT state): prints one JSON line.
//   node --expose-gc bench/node/worker.mjs '{"metric":"dispatch","driver":"pusher","variant":"project"}'
// metrics: dispatch (pusher | socketio), memory (pusher), leak (pusher | socketio),
//          subscribe (pusher), latency (pusher, all variants interleaved in this one process),
//          recovery (pusher, all variants in this process; run by bench/run.mjs, which kills and
//          restarts soketi when this process says it is ready: an IPC channel is needed)
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR, NODE, ROOT, projectEntryFile } from '../lib/sizes.mjs';
import { PUSHER_VARIANTS, VARIANTS, pusherVariant, socketIoVariant } from '../lib/variants.mjs';
import { latencyRun, median, subscribeMany } from '../lib/harness.mjs';
import { PUSHER_CONN, SIO_CONN, SOKETI, backendLastRequestId, backendRequestsSince, publishPusher, publishSocketIo } from '../lib/servers.mjs';

const task = JSON.parse(process.argv[2] ?? '{}');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const tag = `${process.pid}`;

const requireBench = createRequire(path.join(BENCH_DIR, 'package.json'));
const TRANSPORT_MODULES = /[\\/]node_modules[\\/](pusher-js|socket\.io-client|engine\.io-client|engine\.io-parser|socket\.io-parser|@socket\.io|xmlhttprequest-ssl|ws|debug|ms)[\\/]/;

/**
 * A private copy of the transport (CommonJS build, required with an emptied module cache): each
 * variant in a process gets its own functions, so the JIT's feedback for one variant's calls does
 * not make the shared transport code megamorphic for the others.
 */
function freshTransport(name) {
  for (const key of Object.keys(requireBench.cache)) if (TRANSPORT_MODULES.test(key)) delete requireBench.cache[key];
  return requireBench(name);
}

const parsers = {};

async function libsFor(driver, kind) {
  // The built-in client: Node 20 has no global WebSocket, so the application passes the `ws`
  // package (the root's devDependency; the one the README names).
  if (kind === 'native') return { Echo: (await import(pathToFileURL(projectEntryFile('./native', NODE)).href)).default, WebSocket: createRequire(path.join(ROOT, 'package.json'))('ws') };
  if (driver === 'pusher') {
    const Pusher = freshTransport('pusher-js');
    if (kind === 'raw') return { Pusher };
    const Echo = kind === 'laravel' ? (await import('laravel-echo')).default : (await import(pathToFileURL(projectEntryFile('./pusher', NODE)).href)).default;
    return { Pusher, Echo };
  }
  const { io } = freshTransport('socket.io-client');
  parsers[kind] = requireBench('socket.io-parser'); // the copy this socket.io-client just loaded
  if (kind === 'raw') return { io };
  const Echo = kind === 'laravel' ? (await import('laravel-echo')).default : (await import(pathToFileURL(projectEntryFile('./socket.io', NODE)).href)).default;
  return { io, Echo };
}

async function makeVariant(driver, kind) {
  const libs = await libsFor(driver, kind);
  const variant = driver === 'pusher' ? pusherVariant(kind, libs, PUSHER_CONN) : socketIoVariant(kind, libs, SIO_CONN);
  await variant.connected();
  return variant;
}

async function fullGc() {
  for (let i = 0; i < 6; i++) {
    globalThis.gc();
    await sleep(i < 3 ? 0 : 20);
  }
}
const heapUsed = () => process.memoryUsage().heapUsed;

async function until(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(20);
  }
}

/** Waits until a real event published through the server reached the socket.io channel. */
async function socketIoReady(channel, received) {
  for (let i = 0; i < 50 && !received(); i++) {
    await publishSocketIo(channel, 'BenchEvent', { n: 0, probe: true });
    await sleep(100);
  }
  if (!received()) throw new Error(`no event reached ${channel} through the Socket.IO server`);
}

// ---------- dispatch: events/s from the transport's channel to the callback ----------
// The variants live in this one process, each with its own copy of the transport (freshTransport),
// and are measured round by round in a shuffled order, so the machine's drift hits them alike and
// each round gives paired ratios. Each gets its own connection and a real subscription, then events
// are fed in-process: `parsed` hands a decoded message to the transport where it dispatches (the SDK's
// per-event cost stands out), `wire` hands it the server's text (the whole client-side cost per event).
// Every variant calls the same callback function. Events enter where the transport hands over a parsed
// frame: pusher-js's connection 'message' event, socket.io-client's onevent(packet).
// A batch is timed by this process's CPU time (process.cpuUsage), not by the wall clock: on a shared
// machine the wall clock also counts the time other processes held the core, which swung single
// rounds by 0.3-3x and whole runs by ±10 %; the CPU time is the work done per event (wall rates are
// kept as wallRates, for context).
async function dispatch({ driver, mode = 'parsed', variants: kinds = driver === 'pusher' ? PUSHER_VARIANTS : VARIANTS, warmupRounds = 3, rounds = 9, batch = 200000 }) {
  let count = 0;
  let sum = 0;
  const callback = (data) => {
    count++;
    sum += data.n;
  };
  const feeds = {};
  const variants = {};
  for (const kind of kinds) {
    const variant = (variants[kind] = await makeVariant(driver, kind));
    const name = `bench-dispatch-${tag}-${kind}`;
    if (driver === 'pusher') {
      variant.listen(name, 'BenchEvent', callback);
      await variant.subscribed(name);
      const text = JSON.stringify({ event: 'BenchEvent', channel: name, data: { n: 1 } });
      if (kind === 'native') {
        // The built-in client, at the same two points: `wire` hands the server's text to the
        // WebSocket's onmessage (decodeFrame, the activity timer, routing by channel name);
        // `parsed` hands the decoded frame to the connector's frame handler (routing and dispatch).
        const connector = variant.echo.connector;
        const socket = connector.socket;
        if (mode === 'wire') {
          const event = { data: JSON.stringify({ event: 'BenchEvent', channel: name, data: JSON.stringify({ n: 1 }) }) };
          feeds[kind] = (n) => {
            const ws = socket.ws;
            for (let i = 0; i < n; i++) ws.onmessage(event);
          };
        } else {
          const onFrame = connector.onFrame;
          feeds[kind] = (n) => {
            for (let i = 0; i < n; i++) onFrame(JSON.parse(text));
          };
        }
      } else if (mode === 'wire') {
        // The WebSocket frame as soketi sends it, handed to pusher-js's transport connection: all of
        // pusher-js's client-side work (decoding, its debug logging) plus anything the SDK adds.
        const transport = variant.pusher.connection.connection.transport;
        const frame = { data: JSON.stringify({ event: 'BenchEvent', channel: name, data: JSON.stringify({ n: 1 }) }) };
        feeds[kind] = (n) => {
          for (let i = 0; i < n; i++) transport.onMessage(frame);
        };
      } else {
        // A decoded message (parsed here per event, so its strings are fresh as on the wire) emitted
        // where pusher-js's connection emits it: Pusher routes it to the channel, and whatever the
        // SDK put on that path runs too.
        const connection = variant.pusher.connection;
        feeds[kind] = (n) => {
          for (let i = 0; i < n; i++) connection.emit('message', JSON.parse(text));
        };
      }
    } else {
      const before = count;
      variant.listen(name, 'BenchEvent', callback);
      await socketIoReady(name, () => count > before);
      const socket = variant.socket;
      if (mode === 'wire') {
        // The EVENT packet as the server sends it, decoded by socket.io-client's own parser (the copy
        // this client loaded) and handed to the socket, as its Manager does for each message.
        const decoder = new parsers[kind].Decoder();
        decoder.on('decoded', (packet) => socket.onpacket(packet));
        const text = '2' + JSON.stringify(['BenchEvent', name, { n: 1 }]);
        feeds[kind] = (n) => {
          for (let i = 0; i < n; i++) decoder.add(text);
        };
      } else {
        // A decoded EVENT packet (arguments parsed here per event: fresh strings) given to the socket.
        const args = JSON.stringify(['BenchEvent', name, { n: 1 }]);
        feeds[kind] = (n) => {
          for (let i = 0; i < n; i++) socket.onevent({ type: 2, nsp: '/', data: JSON.parse(args) });
        };
      }
    }
  }
  const rates = Object.fromEntries(kinds.map((kind) => [kind, []]));
  const wallRates = Object.fromEntries(kinds.map((kind) => [kind, []]));
  for (let round = 0; round < warmupRounds + rounds; round++) {
    for (const kind of kinds.slice().sort(() => Math.random() - 0.5)) {
      const before = count;
      const cpu0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      feeds[kind](batch);
      const ns = Number(process.hrtime.bigint() - t0);
      const cpu = process.cpuUsage(cpu0);
      if (count - before !== batch) throw new Error(`dispatch ${kind}: ${count - before} callbacks for ${batch} events`);
      if (round >= warmupRounds) {
        rates[kind].push(batch / ((cpu.user + cpu.system) / 1e6));
        wallRates[kind].push(batch / (ns / 1e9));
      }
    }
  }
  for (const variant of Object.values(variants)) variant.disconnect();
  // Paired per round: this round's rate of each variant over raw's.
  const ratios = Object.fromEntries(kinds.map((kind) => [kind, rates[kind].map((rate, i) => rate / rates.raw[i])]));
  return { eventsPerSecond: Object.fromEntries(kinds.map((kind) => [kind, median(rates[kind])])), ratios, rates, wallRates, batch, rounds, checksum: sum };
}

// ---------- memory: heap per subscribed channel with one listener ----------
async function memory({ variant: kind, channels = 5000 }) {
  const variant = await makeVariant('pusher', kind);
  const callback = (data) => {
    globalThis.sink = data;
  };
  await fullGc();
  const before = heapUsed();
  for (let i = 0; i < channels; i++) variant.listen(`mem-${tag}-${i}`, 'BenchEvent', callback);
  await until(() => variant.allSubscribed(), 30000, `${channels} subscriptions`);
  await sleep(100);
  await fullGc();
  const after = heapUsed();
  const result = { bytesPerChannel: (after - before) / channels, heapBefore: before, heapAfter: after, channels };
  variant.disconnect();
  return result;
}

// ---------- leak: subscribe, listen, leave; then count what is still reachable ----------
async function leak({ driver, variant: kind, cycles = 5000, batch = 50 }) {
  const variant = await makeVariant(driver, kind);
  const refs = { listeners: [], echoChannels: [], transportChannels: [] };
  await fullGc();
  const heapBefore = heapUsed();
  for (let b = 0; b * batch < cycles; b++) {
    const names = [];
    for (let j = 0; j < batch && b * batch + j < cycles; j++) {
      const name = `leak-${tag}-${b}-${j}`;
      names.push(name);
      const listener = (data) => {
        globalThis.sink = data;
      };
      const { echo, transport } = variant.listen(name, 'BenchEvent', listener);
      refs.listeners.push(new WeakRef(listener));
      if (echo) refs.echoChannels.push(new WeakRef(echo));
      if (transport) refs.transportChannels.push(new WeakRef(transport));
    }
    // Even batches leave once the server confirmed; odd batches leave while still pending.
    if (driver === 'pusher' && b % 2 === 0) await Promise.all(names.map((name) => variant.subscribed(name)));
    if (driver === 'socketio' && b % 2 === 0) await sleep(5);
    for (const name of names) variant.leave(name);
  }
  // Let the server answer the last subscribe/unsubscribe frames (pusher-js completes cancelled subscriptions then).
  if (driver === 'pusher') await until(() => variant.channelCount() === 0, 15000, 'pusher-js channels to be removed').catch(() => {});
  await sleep(300);
  await fullGc();
  const alive = (list) => list.filter((ref) => ref.deref() !== undefined).length;
  const result = {
    cycles,
    aliveListeners: alive(refs.listeners),
    aliveEchoChannels: alive(refs.echoChannels),
    aliveTransportChannels: alive(refs.transportChannels),
    trackedEchoChannels: refs.echoChannels.length,
    trackedTransportChannels: refs.transportChannels.length,
    transportChannelsLeft: driver === 'pusher' ? variant.channelCount() : null,
    echoChannelsLeft: variant.echoChannelCount ? variant.echoChannelCount() : null,
    socketListenersLeft: driver === 'socketio' ? variant.socket.listeners('BenchEvent').length : null,
    heapDelta: heapUsed() - heapBefore,
  };
  result.reachable = result.aliveListeners + result.aliveEchoChannels + result.aliveTransportChannels;
  variant.disconnect();
  return result;
}

// ---------- subscribe: N private channels through the real auth endpoint ----------
// Warm-up (untimed, the same for every variant): `warmup` private channels subscribed through the
// same auth endpoint and left, so each variant's HTTP client (undici behind the SDK's fetch,
// http.request behind pusher-js) is loaded, connected and compiled before the clock starts.
async function subscribe({ variant: kind, channels = 500, warmup = 1 }) {
  const variant = await makeVariant('pusher', kind);
  if (warmup > 0) {
    const warm = Array.from({ length: warmup }, (_, i) => `chat.warm${tag}x${i}`);
    await subscribeMany(variant, warm, 'private');
    for (const name of warm) variant.leave(name, 'private');
    await sleep(50);
  }
  const names = Array.from({ length: channels }, (_, i) => `chat.sub${tag}x${i}`);
  const since = await backendLastRequestId();
  const cpu0 = process.cpuUsage();
  const ms = await subscribeMany(variant, names, 'private');
  const cpu = process.cpuUsage(cpu0);
  await sleep(50);
  const requests = await backendRequestsSince(since);
  variant.disconnect();
  // The client process's own CPU time in the timed window (the backend and soketi run elsewhere).
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, authRequests: requests.count, onlyAuth: requests.allAuth, channels, warmup };
}

// ---------- latency: publish (signed HTTP to soketi) to callback, all variants interleaved ----------
async function latency({ warmup = 30, rounds = 300 }) {
  const variants = {};
  for (const kind of PUSHER_VARIANTS) variants[kind] = await makeVariant('pusher', kind);
  const result = await latencyRun(variants, (channel, event, data) => publishPusher([channel], event, data), { warmup, rounds, prefix: `lat-${tag}` });
  for (const variant of Object.values(variants)) variant.disconnect();
  return result;
}

// ---------- recovery: soketi killed with SIGKILL and restarted (by bench/run.mjs) ----------
// Every variant holds `publicChannels` public and `privateChannels` private channels and one
// presence channel. This process says 'ready' over IPC; the parent kills soketi, answers 'killed',
// waits `downMs` and starts it again. From 'killed' on this process polls soketi's HTTP port every
// 5 ms: the first answer is time zero. Per variant: the first `connected` after the kill and the
// moment the last channel was confirmed again (each channel at least once), in ms after time zero.
async function recovery({ publicChannels = 5, privateChannels = 5, timeoutMs = 45000 }) {
  const variants = {};
  const marks = {};
  // The backend authorizes private and presence `chat.{room}` (a room without dots) for user 1.
  const channelsOf = (kind) => [
    ...Array.from({ length: publicChannels }, (_, i) => [`rec-${kind}-${tag}-${i}`, 'public']),
    ...Array.from({ length: privateChannels }, (_, i) => [`chat.rec${kind}${tag}x${i}`, 'private']),
    [`chat.recp${kind}${tag}`, 'presence'],
  ];
  const count = channelsOf('raw').length;
  const callback = (data) => (globalThis.sink = data);
  for (const kind of PUSHER_VARIANTS) {
    const variant = (variants[kind] = await makeVariant('pusher', kind));
    const mark = (marks[kind] = { killed: false, connectedAt: undefined, back: new Map(), statuses: [] });
    for (const [name, visibility] of channelsOf(kind)) {
      variant.listen(name, 'BenchEvent', callback, visibility);
      await variant.subscribed(name, visibility);
      variant.onSubscribed(name, () => {
        if (mark.killed && !mark.back.has(name)) mark.back.set(name, Date.now());
      }, visibility);
    }
    variant.onStatus((current) => {
      mark.statuses.push([current, Date.now()]);
      if (mark.killed && current === 'connected' && mark.connectedAt === undefined) mark.connectedAt = Date.now();
    });
  }
  const killed = new Promise((resolve) => process.once('message', resolve));
  process.send({ ready: true });
  const { killedAt } = await killed;
  for (const mark of Object.values(marks)) mark.killed = true;
  const answeredAt = await answersAgain(SOKETI.http, timeoutMs);
  await until(() => Object.values(marks).every((m) => m.back.size === count), timeoutMs, 'every variant to have every channel back').catch(() => {});
  const out = { downMs: answeredAt - killedAt, channels: count };
  for (const [kind, mark] of Object.entries(marks)) {
    const backAt = mark.back.size === count ? Math.max(...mark.back.values()) : undefined;
    out[kind] = {
      connectedMs: mark.connectedAt === undefined ? null : mark.connectedAt - answeredAt,
      channelsMs: backAt === undefined ? null : backAt - answeredAt,
      channelsBack: mark.back.size,
      statuses: mark.statuses.filter(([, at]) => at >= killedAt - 1000).map(([status, at]) => `${status} ${at - answeredAt}`),
    };
  }
  for (const variant of Object.values(variants)) variant.disconnect();
  return out;
}

/** First moment `url` answers HTTP again (polled every 5 ms). */
async function answersAgain(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(250) });
      await response.arrayBuffer();
      if (response.ok) return Date.now();
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

const METRICS = { dispatch, memory, leak, subscribe, latency, recovery };

try {
  const result = await METRICS[task.metric](task);
  process.stdout.write(JSON.stringify({ ok: true, result }) + '\n');
  process.exit(0);
} catch (error) {
  process.stdout.write(JSON.stringify({ ok: false, error: String(error?.stack ?? error) }) + '\n');
  process.exit(1);
}
