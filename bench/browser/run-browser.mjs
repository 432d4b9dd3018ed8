// Browser metrics in Debian's Chromium (playwright-core from the root): latency, subscribe cost,
// recovery after kill -9 of soketi, and fan-out; every Pusher variant, the built-in client on the
// page's own WebSocket. Pages are served by the e2e backend from /build/bench/ (the backend serves the
// repository's .tmp/pages there), so /broadcasting/auth and /trigger are same-origin, as on a site.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { BENCH_DIR, ROOT, projectEntryFile, projectHasEntry } from '../lib/sizes.mjs';
import { BACKEND, SOKETI, backendLastRequestId, backendRequestsSince, publishPusher } from '../lib/servers.mjs';
import { PUSHER_VARIANTS as VARIANTS } from '../lib/variants.mjs';
import { chromiumLaunchOptions } from '../../test/support/chromium.mjs';

const requireRoot = createRequire(path.join(ROOT, 'package.json'));
const { build } = requireRoot('esbuild');
const OUT_DIR = path.join(ROOT, '.tmp/pages/bench');
const PAGE = `${BACKEND}/build/bench/index.html`;
export const CHROMIUM = process.env.BENCH_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = chromiumLaunchOptions.args;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const ECHO_IMPORT = {
  project: () => `import Echo from 'royalcms-echo/pusher';`,
  laravel: () => `import Echo from 'laravel-echo';`,
  raw: () => ``,
  native: () => `import Echo from 'royalcms-echo/native';`,
};
// What each variant's page script gets: the built-in client has no pusher-js at all.
const LIBS = { project: 'Pusher, Echo', laravel: 'Pusher, Echo', raw: 'Pusher', native: 'Echo' };

/** One script per variant (its own copy of pusher-js, like a real application; none for the built-in client), plus the page. */
export async function buildPages() {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, 'index.html'), '<!doctype html><meta charset="utf-8"><title>royalcms-echo bench</title><body>bench</body>\n');
  const lib = path.join(BENCH_DIR, 'lib');
  for (const kind of VARIANTS) {
    const source = `${kind === 'native' ? '' : "import Pusher from 'pusher-js';"}
${ECHO_IMPORT[kind]()}
import * as harness from ${JSON.stringify(path.join(lib, 'harness.mjs'))};
import { pusherVariant } from ${JSON.stringify(path.join(lib, 'variants.mjs'))};
const bench = (window.bench ??= { harness, makers: {} });
bench.makers[${JSON.stringify(kind)}] = (conn) => pusherVariant(${JSON.stringify(kind)}, { ${LIBS[kind]} }, conn);
`;
    await build({
      stdin: { contents: source, resolveDir: BENCH_DIR, loader: 'js', sourcefile: `bench-${kind}.js` },
      bundle: true,
      minify: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      outfile: path.join(OUT_DIR, `${kind}.js`),
      logLevel: 'silent',
      plugins: [projectResolverPlugin()],
    });
  }
}

// royalcms-echo/pusher and /native -> the root package's exported ESM files (dist/pusher.js, dist/native.js).
function projectResolverPlugin() {
  return {
    name: 'royalcms-echo',
    setup(b) {
      b.onResolve({ filter: /^royalcms-echo\/(pusher|native)$/ }, (args) => {
        const subpath = '.' + args.path.slice('royalcms-echo'.length);
        if (!projectHasEntry(subpath)) return { errors: [{ text: `${args.path} is not built` }] };
        return { path: projectEntryFile(subpath) };
      });
    },
  };
}

const CONN = { key: SOKETI.key, wsHost: SOKETI.wsHost, wsPort: SOKETI.wsPort, authEndpoint: '/broadcasting/auth', token: 'token-1' };

async function openPage(browser, kinds) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(PAGE);
  for (const kind of kinds) await page.addScriptTag({ url: `/build/bench/${kind}.js` });
  await page.evaluate(
    async ({ kinds, conn }) => {
      window.variants = {};
      for (const kind of kinds) window.variants[kind] = window.bench.makers[kind](conn);
      await Promise.all(Object.values(window.variants).map((v) => v.connected()));
    },
    { kinds, conn: CONN },
  );
  page.errors = errors;
  return page;
}

/** Publish-to-callback through soketi: the page publishes with fetch('/trigger') (the backend signs and posts to soketi). */
async function latency(browser, { warmup, rounds }) {
  const page = await openPage(browser, VARIANTS);
  const result = await page.evaluate(
    ({ warmup, rounds }) =>
      window.bench.harness.latencyRun(
        window.variants,
        (channel, event, data) =>
          fetch('/trigger', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ driver: 'pusher', channel, event, data }) }).then((r) =>
            r.arrayBuffer(),
          ),
        { warmup, rounds, prefix: `blat-${Date.now()}` },
      ),
    { warmup, rounds },
  );
  await page.close();
  return result;
}

/** 500 private channels through /broadcasting/auth: time and the number of auth requests the browser sent (and the server saw). */
async function subscribe(browser, { channels, repeats }) {
  const runs = Object.fromEntries(VARIANTS.map((kind) => [kind, []]));
  for (let r = 0; r < repeats; r++) {
    for (const kind of VARIANTS.slice().sort(() => Math.random() - 0.5)) {
      const page = await openPage(browser, [kind]);
      let sent = 0;
      page.on('request', (request) => {
        if (new URL(request.url()).pathname === '/broadcasting/auth') sent++;
      });
      // Warm-up, untimed and alike for every variant: one private channel subscribed and left.
      await page.evaluate(
        async ({ kind, name }) => {
          await window.bench.harness.subscribeMany(window.variants[kind], [name], 'private');
          window.variants[kind].leave(name, 'private');
        },
        { kind, name: `chat.bwarm${Date.now()}${r}` },
      );
      await sleep(50);
      sent = 0;
      const since = await backendLastRequestId();
      const ms = await page.evaluate(
        ({ kind, channels, stamp }) =>
          window.bench.harness.subscribeMany(
            window.variants[kind],
            Array.from({ length: channels }, (_, i) => `chat.b${stamp}x${i}`),
            'private',
          ),
        { kind, channels, stamp: `${Date.now()}${r}` },
      );
      await sleep(50);
      const server = await backendRequestsSince(since);
      runs[kind].push({ ms, authRequests: sent, serverAuthRequests: server.count, onlyAuth: server.allAuth });
      await page.close();
    }
  }
  return runs;
}

/** First moment soketi answers HTTP again (polled every 5 ms from Node). */
async function soketiAnswersAgain(timeoutMs = 45000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${SOKETI.http}/`, { signal: AbortSignal.timeout(250) });
      await response.arrayBuffer();
      if (response.ok) return Date.now();
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
  throw new Error(`soketi did not answer within ${timeoutMs} ms`);
}

/**
 * Recovery after kill -9 of soketi, every variant on one page: 5 public, 5 private and 1 presence
 * channel each. `restart(onKilled)` kills soketi, waits and starts it again (bench/run.mjs). The page
 * records (Date.now(), same clock as Node) each variant's first `connected` and each channel's first
 * confirmation after the kill; time zero is soketi's first HTTP answer, polled from Node.
 */
async function recovery(browser, { repeats, restart }) {
  const runs = [];
  for (let r = 0; r < repeats; r++) {
    const page = await openPage(browser, VARIANTS);
    const stamp = `${Date.now()}${r}`;
    const count = await page.evaluate(
      async ({ stamp }) => {
        const channelsOf = (kind) => [
          ...Array.from({ length: 5 }, (_, i) => [`brec-${kind}-${stamp}-${i}`, 'public']),
          ...Array.from({ length: 5 }, (_, i) => [`chat.brec${kind}${stamp}x${i}`, 'private']),
          [`chat.brecp${kind}${stamp}`, 'presence'],
        ];
        window.marks = {};
        for (const [kind, variant] of Object.entries(window.variants)) {
          const mark = (window.marks[kind] = { killed: false, connectedAt: null, back: {}, statuses: [] });
          for (const [name, visibility] of channelsOf(kind)) {
            variant.listen(name, 'BenchEvent', () => {}, visibility);
            await variant.subscribed(name, visibility);
            variant.onSubscribed(name, () => {
              if (mark.killed && !(name in mark.back)) mark.back[name] = Date.now();
            }, visibility);
          }
          variant.onStatus((current) => {
            mark.statuses.push([current, Date.now()]);
            if (mark.killed && current === 'connected' && mark.connectedAt === null) mark.connectedAt = Date.now();
          });
        }
        return channelsOf('x').length;
      },
      { stamp },
    );
    let answered;
    const killedAt = await restart(() => {
      page.evaluate(() => Object.values(window.marks).forEach((m) => (m.killed = true))).catch(() => {});
      answered = sleep(50).then(() => soketiAnswersAgain());
    });
    const answeredAt = await answered;
    for (const deadline = Date.now() + 45000; Date.now() < deadline; ) {
      const done = await page.evaluate((count) => Object.values(window.marks).every((m) => Object.keys(m.back).length === count), count);
      if (done) break;
      await sleep(100);
    }
    const marks = await page.evaluate(() => window.marks);
    const out = { downMs: answeredAt - killedAt, channels: count };
    for (const [kind, mark] of Object.entries(marks)) {
      const times = Object.values(mark.back);
      out[kind] = {
        connectedMs: mark.connectedAt === null ? null : mark.connectedAt - answeredAt,
        channelsMs: times.length === count ? Math.max(...times) - answeredAt : null,
        channelsBack: times.length,
        statuses: mark.statuses.filter(([, at]) => at >= killedAt - 1000).map(([status, at]) => `${status} ${at - answeredAt}`),
      };
    }
    runs.push(out);
    await page.close();
  }
  return runs;
}

/** CPU time (ms, user + system) a process has used so far, from /proc/<pid>/stat; null when unknown. */
function processCpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in USER_HZ (100)
  } catch {
    return null;
  }
}

/** soketi's PID when the bench started it (the servers' state file), else undefined. */
async function soketiPid() {
  try {
    const { serverStatus } = await import('../../scripts/servers.mjs');
    const status = serverStatus().soketi;
    return status?.alive ? status.pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Between two fan-out pages: at least `minMs`, then until soketi has been idle (< 10 % of a core
 * over 500 ms) so that no page starts while soketi still works off the previous page's backlog
 * (at most `maxMs`). Returns the ms waited.
 */
async function settle(pid, { minMs = 2000, maxMs = 15000 } = {}) {
  const t0 = Date.now();
  await sleep(minMs);
  if (!pid || processCpuMs(pid) === null) return Date.now() - t0;
  while (Date.now() - t0 < maxMs) {
    const before = processCpuMs(pid);
    await sleep(500);
    const after = processCpuMs(pid);
    if (after === null || after - before < 50) break;
  }
  return Date.now() - t0;
}

const medianOf = (values) => {
  const sorted = values.filter((v) => typeof v === 'number' && !Number.isNaN(v)).sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return sorted.length ? (sorted[Math.floor(mid)] + sorted[Math.ceil(mid)]) / 2 : NaN;
};

/**
 * One page, `channels` channels, `rate` events/s in total for `seconds`: each publish is one event
 * to 100 channels (soketi's limit per request), paced every `tickMs`. Each variant gets `repeats`
 * pages: the first round in a shuffled order, each further round in the reverse of the one before,
 * so no variant always runs first or last. Between pages the machine settles (soketi idle). Per
 * variant the figures are the median over its pages (the mean of the middle two for an even count); every page is kept
 * in `runs`, with the rate the publisher achieved and the load average.
 */
export async function fanout(browser, { channels, rate, seconds, tickMs = 50, repeats = 1, order }) {
  if (!order) {
    const first = VARIANTS.slice().sort(() => Math.random() - 0.5);
    order = [];
    for (let r = 0; r < repeats; r++) order.push(...(r % 2 ? first.slice().reverse() : first));
  }
  const out = { rate, seconds, channels, repeats, order, runs: [] };
  const soketi = await soketiPid();
  for (const kind of order) {
    const settleMs = await settle(soketi);
    const loadAverage = os.loadavg()[0];
    const page = await openPage(browser, [kind]);
    const prefix = `fan-${kind}-${Date.now()}`;
    const rounds = Math.round((rate * seconds) / channels);
    await page.evaluate(
      async ({ kind, channels, capacity, prefix }) => {
        window.fan = await window.bench.harness.fanoutSetup(window.variants[kind], channels, capacity, prefix);
      },
      { kind, channels, capacity: rounds * channels, prefix },
    );
    // The page's own CPU time while it receives (Chromium's Performance domain): per event, it is
    // the client-side cost, whatever the publisher and soketi do.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const cpu = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const groups = [];
    for (let i = 0; i < channels; i += 100) groups.push(Array.from({ length: Math.min(100, channels - i) }, (_, j) => `${prefix}-${i + j}`));
    // Warm-up, not measured: 1 s of an event nobody listens to (pusher-js decodes and routes it), so
    // the first page of a run is not the one that pays for the JIT.
    for (let tick = 0; tick < 20; tick++) {
      await Promise.all(groups.map((group) => publishPusher(group, 'BenchFanWarmUp', { t: Date.now() }).catch(() => {})));
      await sleep(tickMs);
    }
    await sleep(500);
    const before = await cpu();
    // Rounds per tick so that rounds * channels events spread evenly over `seconds`.
    const roundsPerTick = (rounds / seconds) * (tickMs / 1000);
    const t0 = Date.now();
    let sent = 0;
    let failed = 0;
    let firstError;
    const inflight = new Set();
    for (let tick = 0; sent < rounds; tick++) {
      const due = Math.min(rounds, Math.round((tick + 1) * roundsPerTick));
      for (; sent < due; sent++) {
        const data = { s: sent, t: Date.now() };
        for (const group of groups) {
          const p = publishPusher(group, 'BenchFan', data).catch((e) => {
            failed++;
            firstError ??= String(e.message ?? e).slice(0, 200);
          });
          inflight.add(p);
          p.finally(() => inflight.delete(p));
        }
      }
      const wait = t0 + (tick + 1) * tickMs - Date.now();
      if (wait > 0) await sleep(wait);
      if (Date.now() - t0 > seconds * 1000 * 4) break; // publisher cannot keep up: stop, report what was sent
    }
    await Promise.all(inflight);
    const publishSeconds = (Date.now() - t0) / 1000;
    // Drain: wait until everything arrived, or nothing arrived for 3 s (at most 30 s after publishing).
    let last = -1;
    let lastChange = Date.now();
    for (const deadline = Date.now() + 30000; Date.now() < deadline && Date.now() - lastChange < 3000; ) {
      const received = await page.evaluate(() => window.fan.received);
      if (received >= sent * channels) break;
      if (received !== last) lastChange = Date.now();
      last = received;
      await sleep(100);
    }
    const after = await cpu();
    const stats = await page.evaluate((rounds) => window.bench.harness.fanoutStats(window.fan, rounds), sent);
    const perEvent = (metric) => (stats.received ? ((after[metric] - before[metric]) * 1e6) / stats.received : NaN);
    out.runs.push({
      kind, position: out.runs.length, settleMs, loadAverage, ...stats,
      pageScriptUsPerEvent: perEvent('ScriptDuration'), pageTaskUsPerEvent: perEvent('TaskDuration'),
      publishFailed: failed, firstPublishError: firstError, publishSeconds, offeredRate: (sent * channels) / publishSeconds, rounds: sent,
    });
    await page.close();
  }
  for (const kind of new Set(order)) {
    const pages = out.runs.filter((r) => r.kind === kind);
    const agg = {};
    for (const key of Object.keys(pages[0])) if (typeof pages[0][key] === 'number') agg[key] = medianOf(pages.map((r) => r[key]));
    out[kind] = { ...agg, pages: pages.length, lostPerPage: pages.map((r) => r.lost), offeredPerPage: pages.map((r) => Math.round(r.offeredRate)) };
  }
  return out;
}

/** Runs the browser metrics; `only` picks a subset; `recovery(onKilled)` kills and restarts soketi. */
export async function runBrowser({ only, quick, recovery: restart } = {}) {
  const { chromium } = requireRoot('playwright-core');
  await buildPages();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const result = { chromium: browser.version() };
  try {
    if (!only || only.has('latency')) result.latency = await latency(browser, quick ? { warmup: 10, rounds: 60 } : { warmup: 30, rounds: 300 });
    if (!only || only.has('subscribe')) result.subscribe = await subscribe(browser, { channels: 500, repeats: quick ? 1 : 5 });
    if (restart && (!only || only.has('recovery'))) result.recovery = await recovery(browser, { repeats: quick ? 1 : 3, restart });
    // The rate (the target is judged here), then a rate this 2-core machine sustains, for the lag.
    if (!only || only.has('fanout')) {
      result.fanout = await fanout(browser, { channels: 1000, rate: 20000, seconds: quick ? 2 : 5, repeats: quick ? 1 : 2 });
      result.fanoutSustained = await fanout(browser, { channels: 1000, rate: 5000, seconds: quick ? 2 : 4 });
    }
  } finally {
    await browser.close();
  }
  return result;
}
