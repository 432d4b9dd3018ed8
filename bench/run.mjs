#!/usr/bin/env node
// `npm run bench`: royalcms-echo against laravel-echo@2.5.0 and raw pusher-js / socket.io-client,
// and its built-in Pusher client (royalcms-echo/native, no pusher-js) beside them, in one run,
// printed as  project | laravel-echo | raw transport | built-in | ratios | target | PASS/FAIL.
// Absolute times are context only (the machine is noisy); the ratios are the result.
//
//   npm run bench                              everything (about 9 min on 2 shared cores)
//   npm run bench -- --only=size,dispatch      a subset: size dispatch latency subscribe memory leak recovery fanout
//   npm run bench -- --quick                   fewer rounds (a smoke run, not for the record)
//   npm run bench -- --no-build                measure dist/ as it is
//   npm run bench -- --strict                  exit 1 when a target is missed
//   npm run bench -- --profile                 also profile the misses: bytes per module, heap per channel by object kind
//   npm run bench -- --servers=running         use servers already running (E2E_*_PORT variables pick another set)
//   BENCH_PROJECT_DIST=/tmp/x/dist npm run bench -- --no-build    measure another build of the SDK
//
// It installs bench/node_modules from bench/package-lock.json when missing, builds the SDK,
// starts the e2e servers it needs (redis, backend, soketi, sio4-1) and stops exactly those (the
// recovery metric kills its own soketi with SIGKILL and starts it again), writes
// bench/results.json; with --strict it exits 1 when a target is missed. The E2E_*_PORT variables
// move every server (soketi's cluster UDP port moves with its WebSocket port).
import { execFileSync, execFile, fork } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { BENCH_DIR, NACL_ALTERNATIVE, ROOT, SDK_ONLY, SIZE_GROUPS, measure, projectHasEntry } from './lib/sizes.mjs';
import { BENCH_SERVERS } from './lib/servers.mjs';
import { median } from './lib/harness.mjs';
import { PUSHER_VARIANTS, VARIANTS } from './lib/variants.mjs';

const METRICS = ['size', 'dispatch', 'latency', 'subscribe', 'memory', 'leak', 'recovery', 'fanout'];
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const only = option('only') ? new Set(option('only').split(',')) : new Set(METRICS);
const quick = flag('quick');
const useRunning = option('servers') === 'running';
for (const m of only) if (!METRICS.includes(m)) throw new Error(`unknown metric ${m}; known: ${METRICS.join(', ')}`);

/**
 * The targets of issue 6, in one place.
 *   size      (project - raw) / (laravel - raw) gzip bytes           <= 0.7 (adapters <= 0.6)
 *   dispatch  project / raw events per second                         >= 0.95
 *   latency   project p50 / raw p50                                   <= 1.05
 *   subscribe project time / laravel time                             <= 1.0, auth requests <= laravel's
 *   memory    (project - raw) / (laravel - raw) bytes per channel     <= 0.5
 *   leak      listeners + channel objects still reachable             == 0
 *   fanout    events lost                                             == 0
 */
const TARGETS = { sizeCore: 0.7, sizeAdapter: 0.6, dispatch: 0.95, latencyP50: 1.05, subscribeTime: 1.0, memoryAdded: 0.5, leakReachable: 0, fanoutLost: 0 };

/**
 * The targets of issue 11, for the built-in client (royalcms-echo/native), against raw pusher-js:
 *   size      whole application bundle, gzip -9, royalcms-echo/native      <= 6,500 B
 *   memory    built-in / raw bytes per subscribed channel, one listener    <= 0.5
 *   dispatch  built-in / raw events per CPU-second (decoded and wire text) >= 1.2
 *   latency   built-in p50 / raw p50 through soketi, Node and Chromium     <= 1.0
 *   recovery  channels back after kill -9 of soketi, ms after it answers   <= 1,000
 *   leak      listeners + channel objects still reachable                  == 0
 */
const TARGETS_BUILT_IN = { sizeBytes: 6500, memoryRatio: 0.5, dispatch: 1.2, latencyP50: 1.0, recoveryMs: 1000, leakReachable: 0 };

const t0 = Date.now();
const log = (line = '') => process.stdout.write(line + '\n');
const step = (line) => log(`[bench ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${line}`);

// ---------- setup ----------
function ensureBenchDeps() {
  const marker = path.join(BENCH_DIR, 'node_modules/.package-lock.json');
  const lock = path.join(BENCH_DIR, 'package-lock.json');
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  step('installing bench dependencies (npm ci --prefix bench)');
  execFileSync('npm', ['ci', '--prefix', BENCH_DIR, '--no-audit', '--no-fund'], { stdio: 'inherit' });
}

function buildSdk() {
  if (flag('no-build')) return;
  step('building the SDK (rollup)');
  execFileSync('npx', ['rollup', '-c', 'rollup.config.mjs', '--silent'], { cwd: ROOT, stdio: 'inherit' });
}

function machine() {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  return {
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    cpu: /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

const versions = () => {
  const v = (dir) => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  const nm = (name) => path.join(BENCH_DIR, 'node_modules', name);
  return {
    'royalcms-echo': v(ROOT),
    'laravel-echo': v(nm('laravel-echo')),
    '@laravel/echo-react': v(nm('@laravel/echo-react')),
    '@laravel/echo-vue': v(nm('@laravel/echo-vue')),
    'pusher-js': v(nm('pusher-js')),
    'socket.io-client': v(nm('socket.io-client')),
    'pusher-js (root)': v(path.join(ROOT, 'node_modules/pusher-js')),
    'socket.io-client (root)': v(path.join(ROOT, 'node_modules/socket.io-client')),
    esbuild: v(path.join(ROOT, 'node_modules/esbuild')),
  };
};

// ---------- servers ----------
// The ports of the servers the bench starts (the E2E_*_PORT variables move them, as for scripts/servers.mjs).
const { PORTS } = await import('../test/e2e/servers/config.mjs');
const BENCH_PORTS = [PORTS.redis, PORTS.backend, PORTS.soketi, PORTS.sio4[0]];
function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(500, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}
let serversApi;
const startedServers = [];
async function startServers() {
  if (useRunning) return;
  serversApi = await import('../scripts/servers.mjs');
  const deadline = Date.now() + 10 * 60 * 1000;
  for (let attempt = 1; ; attempt++) {
    // Someone else's test run owns the servers while they run: wait for it rather than stop them.
    for (;;) {
      const busy = Object.entries(serversApi.serverStatus()).filter(([, s]) => s.alive).map(([n]) => n);
      // Servers of another checkout (a CI clone, a second work tree) are not in our state file: their ports tell.
      for (const port of BENCH_PORTS) if (await portInUse(port)) busy.push(`port ${port}`);
      if (!busy.length) break;
      if (Date.now() > deadline) throw new Error(`the e2e servers (${busy.join(', ')}) are still running after 10 min: another test run owns them`);
      step(`the e2e servers (${busy.join(', ')}) are in use by another test run; waiting...`);
      await new Promise((r) => setTimeout(r, 10000));
    }
    step(`starting ${BENCH_SERVERS.join(', ')}`);
    try {
      for (const name of BENCH_SERVERS) {
        const r = await serversApi.startServer(name, { freshLog: true });
        if (!r.alreadyRunning) startedServers.push({ name, pid: r.pid });
      }
      return;
    } catch (error) {
      // Another test run may have started (and stopped ours) at the same moment: back off and retry.
      await stopServers();
      if (attempt >= 3 || Date.now() > deadline) throw error;
      step(`starting the servers failed (${error.message.split('\n')[0]}); retrying`);
      await new Promise((r) => setTimeout(r, 5000));
    }
  }
}
/** Stops exactly the servers this run started: a name whose PID changed belongs to someone else now. */
async function stopServers() {
  for (const { name, pid } of startedServers.reverse()) {
    if (serversApi.serverStatus()[name]?.pid !== pid) continue;
    await serversApi.stopServer(name).catch((e) => log(`stopping ${name}: ${e.message}`));
  }
  startedServers.length = 0;
}

// ---------- Node workers ----------
function worker(task, timeoutMs = 120000) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', path.join(BENCH_DIR, 'node/worker.mjs'), JSON.stringify(task)], { cwd: BENCH_DIR, timeout: timeoutMs, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const line = stdout.trim().split('\n').pop();
      let parsed;
      try {
        parsed = JSON.parse(line);
      } catch {
        return reject(new Error(`worker ${JSON.stringify(task)} failed: ${error?.message ?? ''}\n${stderr}`));
      }
      if (!parsed.ok) return reject(new Error(`worker ${JSON.stringify(task)}: ${parsed.error}`));
      resolve(parsed.result);
    });
  });
}

function profileWorker(argv) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', path.join(BENCH_DIR, 'node/profile.mjs'), ...argv], { cwd: BENCH_DIR, timeout: 120000, maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      error ? reject(new Error(`profile ${argv.join(' ')}: ${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    );
  });
}

const shuffled = (list) => list.slice().sort(() => Math.random() - 0.5);

// ---------- metrics ----------
async function sizeMetric() {
  const out = {};
  for (const group of SIZE_GROUPS) {
    const row = { label: group.label, builtIn: Boolean(group.builtIn), target: group.builtIn ? undefined : group.adapter ? TARGETS.sizeAdapter : TARGETS.sizeCore };
    if (group.id === 'native') row.target = TARGETS_BUILT_IN.sizeBytes;
    row.laravel = await measure(group.laravel, BENCH_DIR);
    row.raw = await measure(group.raw, BENCH_DIR);
    if (projectHasEntry(group.entry)) row.project = await measure(group.project, BENCH_DIR);
    else row.todo = `royalcms-echo${group.entry.slice(1)} is not exported yet: measured when package.json exports it`;
    out[group.id] = row;
  }
  out.sdkOnly = { label: 'Echo alone (transport from window)', project: await measure(SDK_ONLY.project, BENCH_DIR), laravel: await measure(SDK_ONLY.laravel, BENCH_DIR) };
  if (out.native?.project) out.naclAlternative = { label: NACL_ALTERNATIVE.label, project: await measure(NACL_ALTERNATIVE.project, BENCH_DIR) };
  return out;
}

/**
 * All variants of a driver in one process, each with its own copy of the transport, interleaved
 * round by round, timed by the process's CPU time; three processes per driver (one process's JIT
 * state can move its ratios by a few per cent). Ratios are the median of the per-round paired ratios.
 */
async function dispatchMetric() {
  const opts = quick ? { rounds: 5, batch: 50000 } : { rounds: 9, batch: 100000 };
  const processes = quick ? 1 : 3;
  const out = {};
  for (const driver of ['pusher', 'socketio']) {
    const kinds = variantsOf(driver);
    for (const mode of ['parsed', 'wire']) {
      const runs = [];
      // The wire mode does far more per event (the transport's decoding): half the batch.
      const batch = mode === 'wire' ? opts.batch / 2 : opts.batch;
      for (let p = 0; p < processes; p++) runs.push(await worker({ metric: 'dispatch', driver, mode, ...opts, batch }));
      const all = (pick) => runs.flatMap(pick);
      out[`${driver}-${mode}`] = {
        driver,
        mode,
        eventsPerSecond: Object.fromEntries(kinds.map((kind) => [kind, median(all((r) => r.rates[kind]))])),
        ratios: Object.fromEntries(kinds.filter((k) => k !== 'raw').map((kind) => [`${kind}Raw`, median(all((r) => r.ratios[kind]))])),
        runs,
        processes,
        ...opts,
      };
    }
  }
  return out;
}

const variantsOf = (driver) => (driver === 'pusher' ? PUSHER_VARIANTS : VARIANTS);

async function repeatPerVariant(repeats, task, kinds = PUSHER_VARIANTS) {
  const runs = Object.fromEntries(kinds.map((kind) => [kind, []]));
  for (let r = 0; r < repeats; r++) for (const kind of shuffled(kinds)) runs[kind].push(await worker({ ...task, variant: kind }));
  return runs;
}

async function memoryMetric() {
  return repeatPerVariant(quick ? 1 : 3, { metric: 'memory', channels: 5000 });
}

async function leakMetric() {
  const out = {};
  for (const driver of ['pusher', 'socketio']) {
    out[driver] = {};
    for (const kind of variantsOf(driver)) out[driver][kind] = await worker({ metric: 'leak', driver, variant: kind, cycles: 5000 });
  }
  return out;
}

async function subscribeNode() {
  return repeatPerVariant(quick ? 1 : 5, { metric: 'subscribe', channels: 500, warmup: 1 });
}

// ---------- recovery: kill -9 of soketi, here in the bench (its own soketi) ----------
const RECOVERY_DOWN_MS = 4000; // as the e2e suite: long enough for pusher-js's own schedule to be in its 15 s wait

/** Kills the soketi this run started with SIGKILL, waits `downMs`, starts it again (and keeps its new PID as ours). */
async function killAndRestartSoketi(downMs, onKilled) {
  const mine = startedServers.find((s) => s.name === 'soketi');
  if (!mine || serversApi.serverStatus().soketi?.pid !== mine.pid) throw new Error('recovery needs the soketi this run started (not --servers=running)');
  const killedAt = Date.now(); // the signal goes at once; killServer then waits until the ports are closed
  await serversApi.killServer('soketi', { signal: 'SIGKILL' });
  onKilled?.(killedAt);
  await new Promise((r) => setTimeout(r, downMs));
  const started = await serversApi.startServer('soketi');
  mine.pid = started.pid;
  return killedAt;
}

/** One Node process with every Pusher variant; soketi killed once it is ready. */
function recoveryWorker() {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(BENCH_DIR, 'node/worker.mjs'), [JSON.stringify({ metric: 'recovery' })], { cwd: BENCH_DIR, execArgv: ['--expose-gc'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120000);
    child.on('message', (message) => {
      if (message?.ready) killAndRestartSoketi(RECOVERY_DOWN_MS, (killedAt) => child.send({ killedAt })).catch((error) => {
        child.kill('SIGKILL');
        reject(error);
      });
    });
    child.on('exit', () => {
      clearTimeout(timer);
      try {
        const parsed = JSON.parse(stdout.trim().split('\n').pop());
        parsed.ok ? resolve(parsed.result) : reject(new Error(`recovery worker: ${parsed.error}`));
      } catch {
        reject(new Error(`recovery worker failed:\n${stderr}`));
      }
    });
  });
}

async function recoveryNode() {
  const runs = [];
  for (let r = 0; r < (quick ? 1 : 3); r++) runs.push(await recoveryWorker());
  return runs;
}

// ---------- report ----------
const rows = [];
const targets = [];
const fmt = (n, digits = 0) => (n === undefined || n === null || Number.isNaN(n) ? '-' : typeof n === 'number' ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : String(n));
const ratio = (a, b) => (b ? a / b : NaN);
/** One table row: `cells` are the figures of project, laravel-echo, raw transport and the built-in client ('-' where none). */
function row(metric, cells, ratios = '', target = '', pass, issue) {
  const [project, laravel, raw, native = '-'] = cells;
  rows.push([metric, project, laravel, raw, native, ratios, target, pass === undefined ? '' : pass ? 'PASS' : 'FAIL']);
  if (pass !== undefined) targets.push({ metric, value: ratios, target, pass, issue: issue ?? 6 });
}
function section(title) {
  rows.push([`# ${title}`]);
}
function printTable() {
  const header = ['metric', 'project', 'laravel-echo', 'raw transport', 'built-in', 'ratios', 'target', 'result'];
  const body = rows.filter((r) => r.length > 1);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => String(r[i] ?? '').length)));
  const line = (cells) => cells.map((c, i) => (i >= 1 && i <= 4 ? String(c ?? '').padStart(widths[i]) : String(c ?? '').padEnd(widths[i]))).join(' | ');
  log(line(header));
  log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) log(r.length === 1 ? r[0] : line(r));
}
const each = (values, pick, kinds = PUSHER_VARIANTS) => kinds.map((k) => (values?.[k] === undefined ? '-' : pick(values[k])));

function report(results) {
  const { size, dispatch, latency, subscribe, memory, leak, fanout, fanoutSustained, recovery, recoveryRun } = results;
  if (size) {
    section('1. size: application bundles, esbuild --bundle --minify, ESM, browser, `production` condition; bytes (gzip = gzip -9)');
    for (const [id, s] of Object.entries(size)) {
      if (id === 'sdkOnly' || id === 'naclAlternative' || s.builtIn) continue;
      const label = `size ${s.label}`;
      row(`${label}: min`, [s.project ? fmt(s.project.min) : 'TODO', fmt(s.laravel.min), fmt(s.raw.min)], s.project ? `x${fmt(ratio(s.project.min, s.laravel.min), 2)} of laravel` : '');
      row(`${label}: gzip`, [s.project ? fmt(s.project.gzip) : 'TODO', fmt(s.laravel.gzip), fmt(s.raw.gzip)], s.project ? `x${fmt(ratio(s.project.gzip, s.laravel.gzip), 2)} of laravel` : '');
      if (!s.project) {
        row(`${label}: overhead gzip`, ['TODO', fmt(s.laravel.gzip - s.raw.gzip), '0'], s.todo);
        continue;
      }
      const own = s.project.gzip - s.raw.gzip;
      const theirs = s.laravel.gzip - s.raw.gzip;
      s.overheadRatio = ratio(own, theirs);
      row(`${label}: overhead over raw, gzip`, [fmt(own), fmt(theirs), '0'], `x${fmt(s.overheadRatio, 2)} of laravel's`, `<= x${s.target}`, s.overheadRatio <= s.target);
    }
    const o = size.sdkOnly;
    row(`size ${o.label}: min / gzip`, [`${fmt(o.project.min)} / ${fmt(o.project.gzip)}`, `${fmt(o.laravel.min)} / ${fmt(o.laravel.gzip)}`, '-'], `x${fmt(ratio(o.project.gzip, o.laravel.gzip), 2)} gzip`);
    section('1b. size, built-in client: the whole application bundle (SDK + transport), against laravel-echo + pusher-js and pusher-js alone');
    for (const s of Object.values(size).filter((s) => s.builtIn)) {
      const label = `size ${s.label}`;
      if (!s.project) {
        row(`${label}: gzip`, ['-', fmt(s.laravel.gzip), fmt(s.raw.gzip), 'TODO'], s.todo);
        continue;
      }
      row(`${label}: min`, ['-', fmt(s.laravel.min), fmt(s.raw.min), fmt(s.project.min)], `x${fmt(ratio(s.project.min, s.laravel.min), 2)} of laravel-echo + pusher-js`);
      const judged = s.target !== undefined;
      row(`${label}: gzip`, ['-', fmt(s.laravel.gzip), fmt(s.raw.gzip), fmt(s.project.gzip)], `x${fmt(ratio(s.project.gzip, s.laravel.gzip), 2)} of laravel-echo + pusher-js`, judged ? `<= ${fmt(s.target)} B` : '', judged ? s.project.gzip <= s.target : undefined, judged ? 11 : undefined);
    }
    const base = size.native?.project;
    const noble = size.nativeEncrypted?.project;
    const tweet = size.naclAlternative?.project;
    if (base && noble && tweet) {
      row('size encrypted channels: added to the built-in bundle by @noble/ciphers (royalcms-echo/encrypted), gzip', ['-', '-', '-', `+${fmt(noble.gzip - base.gzip)}`], `min +${fmt(noble.min - base.min)}`);
      row('size encrypted channels: added by tweetnacl nacl-fast instead (what pusher-js carries), gzip', ['-', '-', '-', `+${fmt(tweet.gzip - base.gzip)}`], `min +${fmt(tweet.min - base.min)}; @noble/ciphers x${fmt(ratio(noble.gzip - base.gzip, tweet.gzip - base.gzip), 2)} of it`);
      row('size encrypted channels: laravel-echo + pusher-js/with-encryption over without, gzip', ['-', `+${fmt(size.nativeEncrypted.laravel.gzip - size.native.laravel.gzip)}`, `+${fmt(size.nativeEncrypted.raw.gzip - size.native.raw.gzip)}`, '-'], 'context');
    }
  }
  if (dispatch) {
    section('2. dispatch: events/s to the callback, fed in-process after a real subscription (own transport copy per variant, interleaved; events per CPU-second of the process; median of 3 processes x 9 rounds of paired ratios)');
    for (const d of Object.values(dispatch)) {
      const e = d.eventsPerSecond;
      const r = d.ratios.projectRaw;
      const pusher = d.driver === 'pusher';
      const what = pusher ? 'pusher-js listen vs bind' : 'socket.io listen vs on';
      const judged = d.mode === 'parsed';
      const label = `dispatch ${what}, ${judged ? 'decoded messages' : 'wire text'} (events/s)`;
      row(label, each(e, (x) => fmt(x), variantsOf(d.driver)), `project/raw x${fmt(r, 3)}, laravel/raw x${fmt(d.ratios.laravelRaw, 3)}`, judged ? `>= x${TARGETS.dispatch}` : '', judged ? r >= TARGETS.dispatch : undefined);
      // The built-in client decodes frames itself: both entry points are its own code, both judged.
      if (pusher && d.ratios.nativeRaw !== undefined) {
        row(`${label}: built-in client`, ['', '', '', ''], `built-in/raw x${fmt(d.ratios.nativeRaw, 3)}`, `>= x${TARGETS_BUILT_IN.dispatch}`, d.ratios.nativeRaw >= TARGETS_BUILT_IN.dispatch, 11);
      }
    }
  }
  if (latency) {
    section('3. latency: publish to callback through soketi on loopback, ms (all variants interleaved in one process/page)');
    for (const [where, l] of Object.entries(latency)) {
      if (!l) continue;
      const r50 = ratio(l.project.p50, l.raw.p50);
      row(`latency ${where} p50 (ms)`, each(l, (x) => fmt(x.p50, 3)), `project/raw x${fmt(r50, 3)}, laravel/raw x${fmt(ratio(l.laravel.p50, l.raw.p50), 3)}`, `<= x${TARGETS.latencyP50}`, r50 <= TARGETS.latencyP50);
      if (l.native) {
        const n50 = ratio(l.native.p50, l.raw.p50);
        row(`latency ${where} p50: built-in client`, ['', '', '', ''], `built-in/raw x${fmt(n50, 3)}`, `<= x${TARGETS_BUILT_IN.latencyP50}`, n50 <= TARGETS_BUILT_IN.latencyP50, 11);
      }
      row(`latency ${where} p99 (ms)`, each(l, (x) => fmt(x.p99, 3)), `project/raw x${fmt(ratio(l.project.p99, l.raw.p99), 3)}${l.native ? `, built-in/raw x${fmt(ratio(l.native.p99, l.raw.p99), 3)}` : ''}`);
      row(`latency ${where} samples / lost`, each(l, (x) => `${x.n} / ${x.lost}`));
    }
  }
  if (subscribe) {
    section('4. subscribe: 500 private channels through the real /broadcasting/auth, ms until all confirmed (median of runs; each run first subscribes and leaves one channel, untimed)');
    for (const [where, runs] of Object.entries(subscribe)) {
      if (!runs) continue;
      const kinds = PUSHER_VARIANTS.filter((k) => runs[k]);
      const ms = Object.fromEntries(kinds.map((k) => [k, median(runs[k].map((x) => x.ms))]));
      const auth = Object.fromEntries(kinds.map((k) => [k, Math.max(...runs[k].map((x) => x.serverAuthRequests ?? x.authRequests))]));
      const r = ratio(ms.project, ms.laravel);
      const nativeRatio = ms.native === undefined ? '' : `, built-in/laravel x${fmt(ratio(ms.native, ms.laravel), 3)} (no target)`;
      row(`subscribe ${where} time (ms)`, each(ms, (x) => fmt(x)), `project/laravel x${fmt(r, 3)}${nativeRatio}`, `<= x${TARGETS.subscribeTime}`, r <= TARGETS.subscribeTime);
      if (runs.project.every((x) => x.cpuMs !== undefined)) {
        const cpu = Object.fromEntries(kinds.map((k) => [k, median(runs[k].map((x) => x.cpuMs))]));
        row(`subscribe ${where} client CPU in that time (ms)`, each(cpu, (x) => fmt(x)), `project/laravel x${fmt(ratio(cpu.project, cpu.laravel), 3)}${cpu.native === undefined ? '' : `, built-in/laravel x${fmt(ratio(cpu.native, cpu.laravel), 3)}`}`);
      }
      row(`subscribe ${where} auth requests (server count)`, each(auth, (x) => fmt(x)), '', `<= laravel's`, auth.project <= auth.laravel && (auth.native === undefined || auth.native <= auth.laravel));
    }
  }
  if (memory) {
    section('5. memory: heap per subscribed channel with one listener, 5,000 channels (Node, after GC, median of runs)');
    const b = Object.fromEntries(PUSHER_VARIANTS.filter((k) => memory[k]).map((k) => [k, median(memory[k].map((x) => x.bytesPerChannel))]));
    const own = b.project - b.raw;
    const theirs = b.laravel - b.raw;
    row('memory bytes per channel', each(b, (x) => fmt(x)), b.native === undefined ? '' : `built-in/raw x${fmt(ratio(b.native, b.raw), 2)}`, b.native === undefined ? '' : `<= x${TARGETS_BUILT_IN.memoryRatio}`, b.native === undefined ? undefined : ratio(b.native, b.raw) <= TARGETS_BUILT_IN.memoryRatio, 11);
    row('memory added over raw per channel (bytes)', [fmt(own), fmt(theirs), '0'], `x${fmt(ratio(own, theirs), 2)} of laravel's`, `<= x${TARGETS.memoryAdded}`, ratio(own, theirs) <= TARGETS.memoryAdded);
  }
  if (leak) {
    section('5b. leak: 5,000 cycles of subscribe, listen, leave; WeakRef census after GC (listeners + Echo channels + transport channels)');
    for (const [driver, l] of Object.entries(leak)) {
      const kinds = variantsOf(driver);
      const tracked = `tracked: ${l.project.cycles} listeners, ${l.project.trackedEchoChannels} + ${l.project.trackedTransportChannels} channels${l.native ? ` (built-in: ${l.native.trackedEchoChannels}, one object each)` : ''}`;
      row(`leak ${driver}: still reachable`, each(l, (x) => fmt(x.reachable), kinds), tracked, '== 0', l.project.reachable === TARGETS.leakReachable);
      if (l.native) row(`leak ${driver}: still reachable, built-in client`, ['', '', '', ''], `${fmt(l.native.reachable)} of ${fmt(l.native.cycles + l.native.trackedEchoChannels)}`, '== 0', l.native.reachable === TARGETS_BUILT_IN.leakReachable, 11);
      row(`leak ${driver}: heap after GC minus before (bytes)`, each(l, (x) => fmt(x.heapDelta), kinds), 'context only (noisy)');
    }
  }
  if (recoveryRun) {
    section(`7. recovery after kill -9 of soketi (this run, down ${fmt(RECOVERY_DOWN_MS)} ms): ms from its first HTTP answer (polled every 5 ms) to \`connected\` / to the last of 11 channels (5 public, 5 private, 1 presence) confirmed again; median of kills`);
    for (const [where, runs] of Object.entries(recoveryRun)) {
      if (!runs?.length) continue;
      const pick = (k, key) => {
        const values = runs.map((r) => r[k]?.[key]);
        return values.some((v) => v === null || v === undefined) ? null : median(values);
      };
      const connected = Object.fromEntries(PUSHER_VARIANTS.map((k) => [k, pick(k, 'connectedMs')]));
      const back = Object.fromEntries(PUSHER_VARIANTS.map((k) => [k, pick(k, 'channelsMs')]));
      const perKill = (k) => runs.map((r) => fmt(r[k]?.channelsMs)).join(', ');
      row(`recovery ${where}: connected (ms)`, each(connected, (x) => fmt(x)), `${runs.length} kill(s)`);
      row(`recovery ${where}: channels back (ms)`, each(back, (x) => fmt(x)), `built-in per kill: ${perKill('native')}`, `<= ${fmt(TARGETS_BUILT_IN.recoveryMs)} ms`, back.native !== null && back.native <= TARGETS_BUILT_IN.recoveryMs, 11);
    }
  }
  if (recovery) {
    section(`7b. recovery measured by the e2e suite (e2e/browser/reliability-restart.spec.ts, ${recovery.updated}; laravel-echo: the issue's reference measurement)`);
    for (const key of ['soketi', 'sio4']) {
      const r = recovery[key];
      if (!r) continue;
      row(`recovery ${r.server} (${r.client}): connected / channels back (ms)`, [`${fmt(r.recoveryMs)} / ${fmt(r.channelsMs)}`, key === 'soketi' ? '12,600 (channels)' : '-', '-'], `server down ${fmt(r.downMs)} ms`, `<= ${fmt(r.budgetMs)} ms`, r.recoveryMs <= r.budgetMs);
    }
  }
  for (const f of [fanout, fanoutSustained]) {
    if (!f) continue;
    const judged = f === fanout;
    const pages = f.repeats > 1 ? `; median of ${f.repeats} pages per variant, in alternating order, soketi idle between pages` : '';
    section(`6. fan-out (Chromium): one page, ${fmt(f.channels)} channels, one listener each, ${fmt(f.rate)} events/s offered in total for ${f.seconds} s${pages}${judged ? ' (the issue\'s rate; target judged here)' : ' (context: lag at a rate this machine sustains)'}`);
    const v = (pick) => each(f, pick);
    if (f.repeats > 1) {
      const perPage = (x) => x.lostPerPage.map((lost, i) => `${fmt(lost)} @${fmt(x.offeredPerPage[i] / 1000, 1)}k`).join(', ');
      row(`fan-out ${f.rate}/s lost per page @ offered rate (events/s)`, v(perPage), 'in page order; a page offered less than the rate was throttled by a busy machine');
    }
    row(`fan-out ${f.rate}/s events lost (of them gaps)`, v((x) => `${fmt(x.lost)} (${fmt(x.gaps)})`), `of ${fmt(f.project.expected)} each; gaps = missing before a later one`, judged ? '== 0' : '', judged ? f.project.lost === TARGETS.fanoutLost : undefined);
    row(`fan-out ${f.rate}/s connection drops / failed publishes`, v((x) => `${x.connectionDrops} / ${x.publishFailed}`), 'events sent while a page reconnects are lost');
    row(`fan-out ${f.rate}/s page CPU per event: script / all tasks (µs)`, v((x) => `${fmt(x.pageScriptUsPerEvent, 1)} / ${fmt(x.pageTaskUsPerEvent, 1)}`), `script project/raw x${fmt(ratio(f.project.pageScriptUsPerEvent, f.raw.pageScriptUsPerEvent), 2)}${f.native ? `, built-in/raw x${fmt(ratio(f.native.pageScriptUsPerEvent, f.raw.pageScriptUsPerEvent), 2)}` : ''}`);
    row(`fan-out ${f.rate}/s callback lag p50 (ms)`, v((x) => fmt(x.lagP50)), `project/raw x${fmt(ratio(f.project.lagP50, f.raw.lagP50), 2)}`);
    row(`fan-out ${f.rate}/s callback lag p99 (ms)`, v((x) => fmt(x.lagP99)), `project/raw x${fmt(ratio(f.project.lagP99, f.raw.lagP99), 2)}`);
    row(`fan-out ${f.rate}/s offered rate (events/s)`, v((x) => fmt(x.offeredRate)), 'what the publisher achieved');
  }
}

function printProfile(profile) {
  if (profile.size) {
    for (const [entry, p] of Object.entries(profile.size)) {
      log('');
      log(`profile size: royalcms-echo/${entry} alone (production code from src/, __DEV__ false, transport from window): ${fmt(p.min)} B min, ${fmt(p.gzip)} B gzip; string literals ${fmt(p.stringLiterals.bytes)} B (${p.stringLiterals.longCount} over 24 chars: ${fmt(p.stringLiterals.longBytes)} B); with those as 4-char codes: ${fmt(p.withLongStringsAsCodes.min)} B min, ${fmt(p.withLongStringsAsCodes.gzip)} B gzip`);
      for (const m of p.modules) log(`  ${fmt(m.min).padStart(7)} B  ${m.module}`);
      log(`  ${fmt(p.otherModulesMin).padStart(7)} B  (other modules)`);
    }
  }
  if (profile.marginal) {
    const p = profile.marginal;
    log('');
    log(`profile size: what each module costs royalcms-echo/${p.entry} (${fmt(p.min)} B min, ${fmt(p.gzip)} B gzip): gzip B of its own code / with what only it imports (stubbed out)`);
    for (const m of p.modules) log(`  ${fmt(m.ownGzip).padStart(6)} / ${fmt(m.withDepsGzip).padStart(6)} B  ${m.module}`);
    log(`  ${fmt(p.ownGzipSum).padStart(6)} B  own code, summed (the rest of the whole is what gzip shares between modules)`);
  }
  if (profile.auth) {
    const a = profile.auth;
    log('');
    log(`profile auth (Node, no SDK): ${a.requests} concurrent POSTs to /broadcasting/auth, ms per round (first = fresh process)`);
    log(`  fetch (undici, the SDK's client):      ${a.fetch.map((x) => fmt(x)).join(', ')}`);
    log(`  http.request (pusher-js's Node client): ${a.http.map((x) => fmt(x)).join(', ')}`);
  }
  if (profile.memory) {
    log('');
    log('profile memory: new objects per channel (1,000 public channels, one listener each), by kind');
    for (const [kind, p] of Object.entries(profile.memory)) {
      log(`  ${kind}: ${fmt(p.newBytesPerChannel)} B per channel in new objects`);
      for (const r of p.top.filter((r) => r.perChannel >= 16)) log(`    ${fmt(r.perChannel, 1).padStart(8)} B  ${fmt(r.countPerChannel, 2).padStart(5)}x  ${r.kind}`);
    }
  }
}

// ---------- main ----------
async function main() {
  const results = { startedAt: new Date().toISOString(), machine: machine(), quick, only: [...only] };
  ensureBenchDeps();
  results.versions = versions();
  if (results.versions['pusher-js'] !== results.versions['pusher-js (root)'] || results.versions['socket.io-client'] !== results.versions['socket.io-client (root)']) {
    log('WARNING: the bench and the root use different transport versions; the size budget test measures the root ones');
  }
  buildSdk();
  if (process.env.BENCH_PROJECT_DIST) step(`measuring the SDK build in ${process.env.BENCH_PROJECT_DIST}`);
  if (only.has('size')) {
    step('size');
    results.size = await sizeMetric();
    if (flag('profile')) {
      step('profile: bytes per source module');
      const { profileMarginal, profileSize } = await import('./node/profile.mjs');
      results.profile = { size: await profileSize(), marginal: await profileMarginal({ entry: 'native' }) };
    }
  }
  const needsServers = [...only].some((m) => m !== 'size');
  if (needsServers) {
    await startServers();
    try {
      if (only.has('dispatch')) {
        step('dispatch (Node)');
        results.dispatch = await dispatchMetric();
      }
      if (flag('profile') && only.has('memory')) {
        step('profile: what a subscribed channel retains (heap snapshots, Node)');
        results.profile = { ...results.profile, memory: {} };
        for (const kind of PUSHER_VARIANTS) results.profile.memory[kind] = await profileWorker(['memory', `--variant=${kind}`]);
      }
      if (flag('profile') && only.has('subscribe')) {
        step("profile: Node's fetch against http.request for 500 auth requests");
        results.profile = { ...results.profile, auth: await profileWorker(['auth']) };
      }
      const browserOnly = new Set([...only].filter((m) => ['latency', 'subscribe', 'fanout'].includes(m) || (m === 'recovery' && !useRunning)));
      if (only.has('latency')) {
        step('latency (Node)');
        results.latency = { node: await worker(quick ? { metric: 'latency', warmup: 10, rounds: 60 } : { metric: 'latency' }) };
      }
      if (only.has('subscribe')) {
        step('subscribe (Node)');
        results.subscribe = { node: await subscribeNode() };
      }
      if (only.has('memory')) {
        step('memory (Node)');
        results.memory = await memoryMetric();
      }
      if (only.has('leak')) {
        step('leak (Node)');
        results.leak = await leakMetric();
      }
      if (only.has('recovery') && !useRunning) {
        step(`recovery (Node): soketi killed with SIGKILL, ${RECOVERY_DOWN_MS} ms down, started again`);
        results.recoveryRun = { node: await recoveryNode() };
      }
      if (browserOnly.size) {
        step(`${[...browserOnly].join(', ')} (Chromium)`);
        const { runBrowser } = await import('./browser/run-browser.mjs');
        const browser = await runBrowser({ only: browserOnly, quick, recovery: (onKilled) => killAndRestartSoketi(RECOVERY_DOWN_MS, onKilled) });
        results.machine.chromium = browser.chromium;
        if (browser.latency) results.latency = { ...results.latency, chromium: browser.latency };
        if (browser.subscribe) results.subscribe = { ...results.subscribe, chromium: browser.subscribe };
        if (browser.fanout) results.fanout = browser.fanout;
        if (browser.fanoutSustained) results.fanoutSustained = browser.fanoutSustained;
        if (browser.recovery) results.recoveryRun = { ...results.recoveryRun, chromium: browser.recovery };
      }
    } finally {
      await stopServers();
    }
  }
  // The recovery time is measured where a server can be killed safely: by the end-to-end suite
  // (npm test writes it); the bench reports the latest figures.
  const recoveryFile = path.join(BENCH_DIR, '..', '.tmp', 'results', 'recovery.json');
  if (fs.existsSync(recoveryFile)) results.recovery = JSON.parse(fs.readFileSync(recoveryFile, 'utf8'));
  else log('recovery: no .tmp/results/recovery.json yet (run npm test first to measure it)');
  results.durationSeconds = (Date.now() - t0) / 1000;
  report(results);
  results.targets = targets;
  log('');
  log(`royalcms-echo ${results.versions['royalcms-echo']} vs laravel-echo ${results.versions['laravel-echo']}, pusher-js ${results.versions['pusher-js']}, socket.io-client ${results.versions['socket.io-client']}`);
  log(`machine: ${results.machine.nproc} cores, ${results.machine.cpu}, Node ${results.machine.node}${results.machine.chromium ? `, Chromium ${results.machine.chromium}` : ''}, load at start ${results.machine.loadAverageAtStart.join(' ')}`);
  log('');
  printTable();
  if (results.profile) printProfile(results.profile);
  const failed = targets.filter((t) => !t.pass);
  log('');
  for (const issue of [11, 6]) {
    const mine = targets.filter((t) => t.issue === issue);
    const missed = mine.filter((t) => !t.pass);
    if (mine.length) log(`issue ${issue}${issue === 11 ? ' (built-in client)' : ''}: ${mine.length - missed.length} of ${mine.length} targets met${missed.length ? `; missed: ${missed.map((t) => t.metric).join('; ')}` : ''}`);
  }
  log(`${targets.length - failed.length} of ${targets.length} targets met in all (${results.durationSeconds.toFixed(0)} s)`);
  fs.writeFileSync(path.join(BENCH_DIR, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  log('results: bench/results.json; analysis of missed targets: BENCHMARKS.md');
  process.exitCode = failed.length && flag('strict') ? 1 : 0;
}

process.on('SIGINT', () => {
  stopServers().finally(() => process.exit(130));
});

main().catch(async (error) => {
  await stopServers();
  log(`bench failed: ${error.stack ?? error}`);
  process.exitCode = 2;
});
