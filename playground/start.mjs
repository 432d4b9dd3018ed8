#!/usr/bin/env node
// `npm start`: the Royalcms Echo playground. Installs what is missing, builds the SDK, starts a
// websocket server (soketi by default; laravel-echo-server or the Socket.IO 4 cluster on request)
// and the Royalcms-style demo backend that serves playground/public/, prints the URL, and on
// Ctrl-C / SIGTERM stops exactly the processes it started.
//
//   npm start
//   npm start -- --driver=laravel-echo-server      (or PLAYGROUND_DRIVER=laravel-echo-server npm start)
//   npm start -- --driver=sio4 --port=8081 --rebuild
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Supervisor, portInUse } from './lib/supervisor.mjs';
import { DRIVERS, HOST, playgroundPorts, resolveDriver, servicesFor } from './lib/services.mjs';
import { prepare } from './lib/setup.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STATE_DIR = path.join(ROOT, '.tmp/playground');

const HELP = `Royalcms Echo playground

  npm start [-- options]

Options (or environment variables):
  --driver=NAME   PLAYGROUND_DRIVER  soketi (default, Pusher protocol), laravel-echo-server
                                     (Socket.IO 2) or sio4 (Socket.IO 4 cluster over redis)
  --port=N        PLAYGROUND_PORT    port of the demo app (default 8080)
  --rebuild                          build the SDK even when dist/ is up to date
  -h, --help

Ports besides the app: soketi 6101 (+9701 metrics, udp 11102), laravel-echo-server 6102,
Socket.IO 4 nodes 6111 and 6112, redis 6391. Logs: .tmp/playground/<name>.log`;

function parseArgs(argv, env) {
  const options = { driver: env.PLAYGROUND_DRIVER || 'soketi', port: env.PLAYGROUND_PORT || '8080', rebuild: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [key, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (key === '--driver') options.driver = value();
    else if (key === '--port') options.port = value();
    else if (key === '--rebuild') options.rebuild = true;
    else if (key === '-h' || key === '--help') options.help = true;
    else throw new Error(`unknown option ${arg}\n\n${HELP}`);
  }
  const driver = resolveDriver(options.driver);
  if (!driver) throw new Error(`unknown driver "${options.driver}"; use one of: ${Object.keys(DRIVERS).join(', ')}`);
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`invalid port "${options.port}"`);
  return { ...options, driver, port };
}

const say = (line = '') => process.stdout.write(line + '\n');
const note = (line) => say(`  ${line}`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const t0 = Date.now();
  let options;
  try {
    options = parseArgs(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(error.message);
    process.exit(2);
  }
  if (options.help) { say(HELP); return; }

  const { driver } = options;
  const ports = playgroundPorts(options.port);
  const supervisor = new Supervisor({ stateDir: STATE_DIR, log: note });
  let shuttingDown = null;

  const shutdown = (code, reason) => {
    shuttingDown ??= (async () => {
      if (reason) say(`\n${reason}`);
      const stopped = await supervisor.stopAll();
      for (const s of stopped) note(`stopped ${s.name.padEnd(20)} pid ${s.pid} (${s.ms} ms)`);
      supervisor.release();
      say(stopped.length ? 'Playground stopped; nothing left running.' : 'Playground stopped.');
      process.exit(code);
    })();
    return shuttingDown;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => { void shutdown(0, `${signal}: stopping the playground…`); });
  }
  supervisor.onUnexpectedExit = (name, info) => {
    void shutdown(1, `${name} exited unexpectedly (${JSON.stringify(info)}). Last lines of ${supervisor.logFile(name)}:\n${supervisor.logTail(name)}\n`);
  };

  say(`Royalcms Echo playground · driver: ${DRIVERS[driver].label}`);
  try {
    supervisor.claim();
    await supervisor.reapLeftovers();
    const { installMs, buildMs } = prepare({ root: ROOT, driver, rebuild: options.rebuild, log: note });
    if (installMs !== null) note(`installed missing packages in ${seconds(installMs)}`);
    if (buildMs !== null) note(`SDK built in ${seconds(buildMs)}`);

    const services = servicesFor({ driver, ports, root: ROOT, stateDir: STATE_DIR, logFile: (n) => supervisor.logFile(n) });
    const busy = [];
    for (const service of services) for (const port of service.ports) if (await portInUse(port)) busy.push(`${port} (${service.name})`);
    if (busy.length) {
      const appBusy = busy.some((b) => b.endsWith('(backend)'));
      throw new Error(`port ${busy.join(', ')} already in use by another program; free it${appBusy ? ' (or move the app with --port=N)' : ''}.\n` +
        `See who holds it: ss -ltnp | grep -E ':(${busy.map((b) => b.split(' ')[0]).join('|')})\\b'`);
    }
    const report = (service, started) =>
      note(`${started.name.padEnd(20)} pid ${String(started.pid).padEnd(8)} ${service.ports.map((p) => ':' + p).join(' ').padEnd(12)} ready in ${started.ms} ms`);
    // redis first (the Socket.IO servers connect to it at start), then everything else at once
    for (const service of services.filter((s) => s.first)) {
      if (shuttingDown) return;
      report(service, await supervisor.start(service));
    }
    if (shuttingDown) return;
    const rest = services.filter((s) => !s.first);
    const results = await Promise.allSettled(rest.map((service) => supervisor.start(service).then((started) => report(service, started))));
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed.length) throw new Error(failed.map((r) => r.reason.message).join('\n\n'));
  } catch (error) {
    if (shuttingDown) return;
    if (error.interrupted) { await shutdown(130, `${error.message}; stopping.`); return; }
    console.error(`\nThe playground could not start:\n${error.message}\n`);
    if (error.owned === false) process.exit(1); // another launcher's playground: touch nothing
    await shutdown(1);
    return;
  }

  const url = `http://${HOST}:${ports.app}/`;
  supervisor.setUrl(url);
  say('');
  say(`Royalcms Echo playground: ${url}`);
  note(`Second person (own login cookie): http://localhost:${ports.app}/ or a private window`);
  note(`Users: Alice, Bob, Carol · driver switch: npm start -- --driver=laravel-echo-server | sio4`);
  note(`Ready in ${seconds(Date.now() - t0)} · logs in ${path.relative(ROOT, STATE_DIR)}/ · press Ctrl-C to stop`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
