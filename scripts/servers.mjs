#!/usr/bin/env node
// Start/stop the real servers for the e2e tests (all on 127.0.0.1):
//   redis 6390, backend 8000, soketi 6001 (+9601 metrics, udp 11002), laravel-echo-server 6002, sio4-1 6011, sio4-2 6012,
//   soketi-1 6021 (+9621, udp 11022) and soketi-2 6022 (+9622, udp 11023): two soketi nodes joined by its redis adapter;
//   the E2E_*_PORT variables of test/e2e/servers/config.mjs move them all elsewhere.
// CLI:  node scripts/servers.mjs start [name...] | stop [name...] | status | kill <name> [SIGNAL] | restart <name>
// API:  startServers(), stopServers(), startServer(name), stopServer(name), killServer(name, {signal}),
//       restartServer(name), signalServer(name, signal), serverStatus(), SERVER_NAMES
// PIDs live in .tmp/servers/state.json (with each process's start time, so a recycled PID is never signalled);
// logs in .tmp/servers/<name>.log.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isAlive, portInUse, procStat, sleep, waitFor } from './lib/processes.mjs';
import { PORTS, SOKETI_ADAPTER_PREFIX } from '../test/e2e/servers/config.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVERS_DIR = path.join(ROOT, 'test/e2e/servers');
export const STATE_DIR = path.join(ROOT, '.tmp/servers');
const STATE_FILE = path.join(STATE_DIR, 'state.json');
const NODE = process.execPath;
const READY_TIMEOUT_MS = 20000;

const httpReady = (url, expect) => async () => {
  const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
  const text = await res.text();
  return res.ok && (!expect || expect(text));
};
const logIncludes = (name, text) => () => readLog(name).includes(text);

function redisPing(port) {
  return () => new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    const done = (v) => { sock.destroy(); resolve(v); };
    sock.setTimeout(1000, () => done(false));
    sock.on('connect', () => sock.write('PING\r\n'));
    sock.on('data', (d) => done(d.toString().startsWith('+PONG')));
    sock.on('error', () => done(false));
  });
}

// The servers' config files (test/e2e/servers/*.json) written to STATE_DIR with the ports of config.mjs:
// the E2E_*_PORT variables move them, so two sets of servers on one machine do not meet.
function writeConfig(file, override, target = file) {
  const base = JSON.parse(fs.readFileSync(path.join(SERVERS_DIR, file), 'utf8'));
  fs.mkdirSync(STATE_DIR, { recursive: true });
  fs.writeFileSync(path.join(STATE_DIR, target), JSON.stringify(override(base), null, 2) + '\n');
}
const BACKEND_URL = `http://127.0.0.1:${PORTS.backend}`;

const sio4 = (port) => ({
  ports: [port],
  cmd: NODE,
  args: [path.join(SERVERS_DIR, 'sio4-server.mjs')],
  cwd: SERVERS_DIR,
  env: { PORT: String(port) },
  ready: httpReady(`http://127.0.0.1:${port}/health`, (t) => JSON.parse(t).ready === true),
});

// One soketi process. `config` adds dot-path options to soketi.json (the cluster nodes' redis adapter),
// `main` is the script node runs; the UDP discovery port moves with the soketi port, so no two processes share one.
const soketi = (name, port, metricsPort, { config = {}, main = path.join(SERVERS_DIR, 'node_modules/@soketi/soketi/bin/server.js') } = {}) => ({
  ports: [port, metricsPort],
  cmd: NODE,
  args: [main, 'start', `--config=${path.join(STATE_DIR, `${name}.json`)}`],
  cwd: SERVERS_DIR,
  before: () =>
    writeConfig('soketi.json', (base) => ({
      ...base,
      port,
      'metrics.port': metricsPort,
      'cluster.port': base['cluster.port'] + (port - 6001),
      ...config,
    }), `${name}.json`),
  env: {
    SOKETI_DEFAULT_APP_ID: 'app-id',
    SOKETI_DEFAULT_APP_KEY: 'app-key',
    SOKETI_DEFAULT_APP_SECRET: 'app-secret',
    SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES: 'true',
    SOKETI_DEFAULT_APP_USER_AUTHENTICATION: 'true',
    // Pusher's own limit (10 client events per second per connection; beyond it pusher:error 4301),
    // and room for the load test's 200 people in one presence channel (soketi's default is 100).
    SOKETI_DEFAULT_APP_MAX_CLIENT_EVENTS_PER_SEC: '10',
    SOKETI_PRESENCE_MAX_MEMBERS: '1000',
  },
  ready: httpReady(`http://127.0.0.1:${port}/`, (t) => t.trim() === 'OK'),
});

// A node of the soketi cluster: soketi's redis adapter on the e2e redis (its connections named after the
// node in CLIENT LIST), started through soketi-node.cjs, which makes it listen only once the adapter has
// subscribed (else a client arriving first would get a presence list without the other node's members).
const soketiNode = (name, index) =>
  soketi(name, PORTS.soketiCluster[index], PORTS.soketiClusterMetrics[index], {
    main: path.join(SERVERS_DIR, 'soketi-node.cjs'),
    config: {
      'adapter.driver': 'redis',
      'adapter.redis.prefix': SOKETI_ADAPTER_PREFIX,
      'adapter.redis.requestsTimeout': 2000,
      'database.redis.host': '127.0.0.1',
      'database.redis.port': PORTS.redis,
      'database.redis.connectionName': name,
    },
  });

const SERVICES = {
  redis: {
    ports: [PORTS.redis],
    cmd: 'redis-server',
    args: ['--bind', '127.0.0.1', '--port', String(PORTS.redis), '--save', '', '--appendonly', 'no'],
    cwd: STATE_DIR,
    ready: redisPing(PORTS.redis),
  },
  backend: {
    ports: [PORTS.backend],
    cmd: NODE,
    args: [path.join(SERVERS_DIR, 'backend.mjs')],
    cwd: ROOT,
    ready: httpReady(`http://127.0.0.1:${PORTS.backend}/health`),
  },
  soketi: soketi('soketi', PORTS.soketi, PORTS.soketiMetrics),
  'laravel-echo-server': {
    ports: [PORTS.laravelEchoServer],
    cmd: NODE,
    args: [path.join(SERVERS_DIR, 'node_modules/laravel-echo-server/bin/server.js'), 'start', `--config=${path.join(STATE_DIR, 'laravel-echo-server.json')}`],
    cwd: STATE_DIR, // its lock file goes beside its config
    before: () => {
      fs.rmSync(path.join(STATE_DIR, 'laravel-echo-server.lock'), { force: true });
      writeConfig('laravel-echo-server.json', (base) => ({
        ...base,
        port: PORTS.laravelEchoServer,
        authHost: BACKEND_URL,
        databaseConfig: { ...base.databaseConfig, redis: { ...base.databaseConfig.redis, port: PORTS.redis } },
        apiOriginAllow: { ...base.apiOriginAllow, allowOrigin: BACKEND_URL },
      }));
    },
    ready: async () => (await httpReady(`http://127.0.0.1:${PORTS.laravelEchoServer}/`)()) && logIncludes('laravel-echo-server', 'Listening for redis events')(),
  },
  'sio4-1': sio4(PORTS.sio4[0]),
  'sio4-2': sio4(PORTS.sio4[1]),
  'soketi-1': soketiNode('soketi-1', 0),
  'soketi-2': soketiNode('soketi-2', 1),
};
export const SERVER_NAMES = Object.keys(SERVICES);

// ---------- state + process identity ----------
const readState = () => { try { return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')); } catch { return {}; } };
function updateState(fn) {
  fs.mkdirSync(STATE_DIR, { recursive: true });
  const state = readState();
  fn(state);
  fs.writeFileSync(STATE_FILE + '.tmp', JSON.stringify(state, null, 2));
  fs.renameSync(STATE_FILE + '.tmp', STATE_FILE);
}


const logFile = (name) => path.join(STATE_DIR, `${name}.log`);
function readLog(name) { try { return fs.readFileSync(logFile(name), 'utf8'); } catch { return ''; } }
const logTail = (name, lines = 40) => readLog(name).split('\n').slice(-lines).join('\n');

// ---------- single server ----------
export async function startServer(name, { timeoutMs = READY_TIMEOUT_MS, freshLog = false } = {}) {
  const svc = SERVICES[name];
  if (!svc) throw new Error(`unknown server "${name}" (known: ${SERVER_NAMES.join(', ')})`);
  const existing = readState()[name];
  if (isAlive(existing)) return { name, pid: existing.pid, ports: svc.ports, alreadyRunning: true, ms: 0 };
  for (const port of svc.ports) {
    if (await portInUse(port)) throw new Error(`${name}: port ${port} is already in use by a process this script did not start`);
  }
  if (svc.cmd === NODE && !fs.existsSync(svc.args[0])) {
    throw new Error(`${name}: ${svc.args[0]} is missing; run: bash scripts/ensure-system.sh`);
  }
  fs.mkdirSync(STATE_DIR, { recursive: true });
  svc.before?.();
  const t0 = Date.now();
  const fd = fs.openSync(logFile(name), freshLog ? 'w' : 'a');
  fs.writeSync(fd, `\n==== ${new Date().toISOString()} starting ${name} ====\n`);
  const child = spawn(svc.cmd, svc.args, {
    cwd: svc.cwd, env: { ...process.env, ...svc.env }, detached: true, stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  child.on('error', (e) => { exited = { error: e.message }; });
  child.unref();
  await sleep(20);
  if (exited?.error) throw new Error(`${name}: cannot start ${svc.cmd}: ${exited.error}; run: bash scripts/ensure-system.sh`);
  const entry = { pid: child.pid, starttime: procStat(child.pid)?.starttime, ports: svc.ports, log: logFile(name), startedAt: new Date().toISOString() };
  updateState((s) => { s[name] = entry; });

  const ok = await waitFor(svc.ready, timeoutMs, () => exited !== null);
  if (!ok) {
    const why = exited ? `exited (${JSON.stringify(exited)})` : `did not answer within ${timeoutMs} ms`;
    await killServer(name, { signal: 'SIGKILL' }).catch(() => {});
    throw new Error(`${name} ${why}. Last lines of ${logFile(name)}:\n${logTail(name)}`);
  }
  return { name, pid: child.pid, ports: svc.ports, ms: Date.now() - t0 };
}

// Sends `signal` (default SIGKILL) to the recorded PID and waits until it is gone; SIGKILL after graceMs.
export async function killServer(name, { signal = 'SIGKILL', graceMs = 8000 } = {}) {
  const entry = readState()[name];
  const t0 = Date.now();
  let wasRunning = false;
  if (isAlive(entry)) {
    wasRunning = true;
    try {
      process.kill(entry.pid, signal);
      if (signal !== 'SIGKILL') process.kill(entry.pid, 'SIGCONT'); // a paused (SIGSTOP) server must run to exit
    } catch { /* already gone */ }
    if (!(await waitFor(() => !isAlive(entry), graceMs))) {
      try { process.kill(entry.pid, 'SIGKILL'); } catch { /* gone */ }
      if (!(await waitFor(() => !isAlive(entry), 5000))) throw new Error(`${name} (pid ${entry.pid}) did not exit`);
    }
    // a just-killed process can be a zombie for a moment while its listening sockets still accept
    const ports = SERVICES[name]?.ports || [];
    await waitFor(async () => !(await Promise.all(ports.map((port) => portInUse(port)))).some(Boolean), 5000);
  }
  updateState((s) => { delete s[name]; });
  return { name, pid: entry?.pid ?? null, signal, wasRunning, ms: Date.now() - t0 };
}

// Sends a signal without waiting (e.g. SIGSTOP / SIGCONT to freeze and thaw a server).
export function signalServer(name, signal) {
  const entry = readState()[name];
  if (!isAlive(entry)) throw new Error(`${name} is not running`);
  process.kill(entry.pid, signal);
  return { name, pid: entry.pid, signal };
}

export const stopServer = (name) => killServer(name, { signal: 'SIGTERM' });

export async function restartServer(name, { signal = 'SIGKILL', timeoutMs } = {}) {
  const killed = await killServer(name, { signal });
  const started = await startServer(name, { timeoutMs });
  return { name, killed, started };
}

export function serverStatus() {
  const state = readState();
  return Object.fromEntries(SERVER_NAMES.map((name) => {
    const e = state[name];
    return [name, { pid: e?.pid ?? null, alive: isAlive(e), ports: SERVICES[name].ports, log: logFile(name) }];
  }));
}

// ---------- all servers ----------
export async function startServers({ names = SERVER_NAMES, timeoutMs = READY_TIMEOUT_MS } = {}) {
  await stopServers(); // leftovers of an earlier run (ours only: PIDs from the state file)
  const t0 = Date.now();
  const busy = [];
  for (const n of names) for (const port of SERVICES[n].ports) if (await portInUse(port)) busy.push(`${port} (${n})`);
  if (busy.length) throw new Error(`port(s) ${busy.join(', ')} already in use by processes this script did not start`);
  const started = [];
  try {
    if (names.includes('redis')) started.push(await startServer('redis', { timeoutMs, freshLog: true }));
    const rest = names.filter((n) => n !== 'redis');
    const results = await Promise.allSettled(rest.map((n) => startServer(n, { timeoutMs, freshLog: true })));
    const failed = results.filter((r) => r.status === 'rejected').map((r) => r.reason.message);
    started.push(...results.filter((r) => r.status === 'fulfilled').map((r) => r.value));
    if (failed.length) throw new Error(failed.join('\n\n'));
  } catch (e) {
    await stopServers();
    throw e;
  }
  return { ms: Date.now() - t0, servers: started };
}

export async function stopServers() {
  const names = Object.keys(readState()).filter((n) => SERVICES[n]);
  const results = await Promise.all(names.filter((n) => n !== 'redis').map(stopServer));
  if (names.includes('redis')) results.push(await stopServer('redis'));
  return results;
}

// ---------- CLI ----------
async function main([cmd, ...args]) {
  if (cmd === 'start') {
    const r = args.length ? { servers: await Promise.all(args.map((n) => startServer(n))) } : await startServers();
    for (const s of r.servers) console.log(`${s.name.padEnd(20)} pid ${String(s.pid).padEnd(8)} ports ${s.ports.join(',')}  ready in ${s.ms} ms`);
    if (r.ms !== undefined) console.log(`all servers ready in ${r.ms} ms (logs: ${path.relative(ROOT, STATE_DIR)}/)`);
  } else if (cmd === 'stop') {
    const r = args.length ? await Promise.all(args.map(stopServer)) : await stopServers();
    for (const s of r) console.log(`${s.name.padEnd(20)} ${s.wasRunning ? `stopped pid ${s.pid} in ${s.ms} ms` : 'was not running'}`);
  } else if (cmd === 'status') {
    console.log(JSON.stringify(serverStatus(), null, 2));
  } else if (cmd === 'kill' && args[0]) {
    console.log(JSON.stringify(await killServer(args[0], { signal: args[1] || 'SIGKILL' })));
  } else if (cmd === 'restart' && args[0]) {
    console.log(JSON.stringify(await restartServer(args[0])));
  } else {
    console.error('usage: node scripts/servers.mjs start [name...] | stop [name...] | status | kill <name> [SIGNAL] | restart <name>');
    console.error(`names: ${SERVER_NAMES.join(', ')}`);
    process.exitCode = 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e) => { console.error(e.message); process.exitCode = 1; });
}
