// Measurement loops shared by the Node workers and the browser pages (bundled by esbuild).
// Every loop is bounded in count and time.

const noop = () => {};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const withTimeout = (promise, ms, what) =>
  Promise.race([promise, sleep(ms).then(() => Promise.reject(new Error(`timed out after ${ms} ms: ${what}`)))]);

/** Percentile (0..100) of an array of numbers (nearest rank). */
export function percentile(values, p) {
  if (!values.length) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}
export const median = (values) => percentile(values, 50);

/**
 * Subscribe cost: time from the first subscribe call until `names.length` channels are
 * confirmed by the server (private channels go through the auth endpoint).
 */
export async function subscribeMany(variant, names, visibility, timeoutMs = 60000) {
  const t0 = performance.now();
  for (const name of names) variant.listen(name, 'BenchEvent', noop, visibility);
  await withTimeout(Promise.all(names.map((name) => variant.subscribed(name, visibility))), timeoutMs, `${names.length} ${visibility} subscriptions`);
  return performance.now() - t0;
}

/**
 * Publish-to-callback latency of several variants, interleaved round by round (each round in a
 * shuffled order) so drift of the machine hits all of them alike. `publish(channel, event, data)`
 * resolves when the publisher's request completed; a sample ends when both the callback ran and
 * the request completed (the next publish starts after that).
 */
export async function latencyRun(variants, publish, { warmup = 30, rounds = 300, prefix = 'lat', timeoutMs = 3000 } = {}) {
  const probes = {};
  for (const [kind, variant] of Object.entries(variants)) {
    const name = `${prefix}-${kind}`;
    const probe = { name, pending: null, samples: [], lost: 0 };
    variant.listen(name, 'BenchLatency', (data) => {
      const t = performance.now();
      if (probe.pending && data && data.id === probe.pending.id) probe.pending.resolve(t);
    });
    await withTimeout(variant.subscribed(name), 10000, `subscription of ${name}`);
    probes[kind] = probe;
  }
  const kinds = Object.keys(probes);
  let id = 0;
  for (let round = 0; round < warmup + rounds; round++) {
    const order = kinds.slice().sort(() => Math.random() - 0.5);
    for (const kind of order) {
      const probe = probes[kind];
      const sampleId = ++id;
      const received = new Promise((resolve) => (probe.pending = { id: sampleId, resolve }));
      const t0 = performance.now();
      try {
        const [t1] = await withTimeout(Promise.all([received, publish(probe.name, 'BenchLatency', { id: sampleId })]), timeoutMs, 'latency sample');
        if (round >= warmup) probe.samples.push(t1 - t0);
      } catch {
        if (round >= warmup) probe.lost++;
      }
      probe.pending = null;
    }
  }
  const out = {};
  for (const kind of kinds) {
    const { samples, lost } = probes[kind];
    out[kind] = { p50: percentile(samples, 50), p99: percentile(samples, 99), mean: samples.reduce((a, b) => a + b, 0) / samples.length, n: samples.length, lost };
  }
  return out;
}

/**
 * Fan-out receiver: `count` channels, one listener each. Every event carries {s: sequence, t:
 * publisher's Date.now()}; the listener records its lag and counts gaps and duplicates.
 */
export async function fanoutSetup(variant, count, capacity, prefix = 'fan') {
  const state = {
    count,
    received: 0,
    duplicates: 0,
    lags: new Float64Array(capacity),
    lastSeq: new Int32Array(count).fill(-1),
    perChannel: new Int32Array(count),
    connectionDrops: 0,
    connectionLog: [],
  };
  const t0 = Date.now();
  // A dropped connection (the ping timed out, or the server closed it under backpressure)
  // is where events get lost: count the drops.
  variant.onStatus((current, previous) => {
    if (previous === 'connected' && current !== 'connected') state.connectionDrops++;
    if (state.connectionLog.length < 20) state.connectionLog.push(`${Date.now() - t0} ms ${previous} -> ${current}`);
  });
  variant.pusher?.connection.bind('error', (error) => {
    if (state.connectionLog.length < 20) state.connectionLog.push(`${Date.now() - t0} ms error ${JSON.stringify(error?.error ?? error)?.slice(0, 200)}`);
  });
  const names = [];
  for (let i = 0; i < count; i++) {
    const name = `${prefix}-${i}`;
    names.push(name);
    variant.listen(name, 'BenchFan', (data) => {
      const lag = Date.now() - data.t;
      if (data.s <= state.lastSeq[i]) {
        state.duplicates++;
        return;
      }
      state.lastSeq[i] = data.s;
      state.perChannel[i]++;
      if (state.received < capacity) state.lags[state.received] = lag;
      state.received++;
    });
  }
  await withTimeout(Promise.all(names.map((name) => variant.subscribed(name))), 60000, `${count} fan-out subscriptions`);
  return state;
}

/** Summary of a fan-out run after `rounds` events were published to every channel. */
export function fanoutStats(state, rounds) {
  const lags = state.lags.subarray(0, Math.min(state.received, state.lags.length));
  let channelsShort = 0;
  let gaps = 0; // events missing before a channel's last received one (dropped on the way, not late)
  let lastSeqMin = Infinity;
  for (let i = 0; i < state.count; i++) {
    if (state.perChannel[i] < rounds) channelsShort++;
    gaps += state.lastSeq[i] + 1 - state.perChannel[i];
    lastSeqMin = Math.min(lastSeqMin, state.lastSeq[i]);
  }
  return {
    expected: rounds * state.count,
    received: state.received,
    lost: rounds * state.count - state.received,
    duplicates: state.duplicates,
    channelsShort,
    gaps,
    lastSeqMin,
    connectionDrops: state.connectionDrops,
    connectionLog: state.connectionLog,
    lagP50: percentile(lags, 50),
    lagP99: percentile(lags, 99),
    lagMax: lags.reduce((a, b) => Math.max(a, b), 0),
  };
}
