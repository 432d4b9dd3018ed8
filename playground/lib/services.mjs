// What the playground runs for each driver: the websocket server(s), redis when the Socket.IO
// servers need it, and the demo backend. The ports differ from the e2e suite's (8000, 6001, …)
// so the playground can run while the tests do; the servers read them from E2E_*_PORT variables
// (test/e2e/servers/config.mjs) or from the config files written here.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const HOST = '127.0.0.1';

export const DRIVERS = {
  soketi: {
    label: 'soketi (Pusher protocol)',
    broadcaster: 'pusher',
    aliases: ['pusher', 'reverb'],
  },
  'laravel-echo-server': {
    label: 'laravel-echo-server 1.6 (Socket.IO 2)',
    broadcaster: 'socket.io',
    aliases: ['les', 'socket.io', 'socketio', 'echo-server'],
  },
  sio4: {
    label: 'Socket.IO 4 cluster (2 nodes + redis)',
    broadcaster: 'socket.io',
    aliases: ['socket.io-4', 'socketio4', 'sio'],
  },
};

/** 'pusher' → 'soketi', 'les' → 'laravel-echo-server', …; undefined when unknown. */
export function resolveDriver(name) {
  const wanted = String(name ?? '').trim().toLowerCase();
  return Object.keys(DRIVERS).find((key) => key === wanted || DRIVERS[key].aliases.includes(wanted));
}

export function playgroundPorts(appPort) {
  return {
    app: appPort,
    soketi: 6101,
    soketiMetrics: 9701,
    soketiCluster: 11102, // udp
    laravelEchoServer: 6102,
    sio4: [6111, 6112],
    redis: 6391,
  };
}

/** Environment for every server module of test/e2e/servers: the playground's ports instead of the suite's. */
export function serverEnv(ports) {
  return {
    E2E_BACKEND_PORT: String(ports.app),
    E2E_SOKETI_PORT: String(ports.soketi),
    E2E_SOKETI_METRICS_PORT: String(ports.soketiMetrics),
    E2E_LES_PORT: String(ports.laravelEchoServer),
    E2E_SIO4_PORT_1: String(ports.sio4[0]),
    E2E_SIO4_PORT_2: String(ports.sio4[1]),
    E2E_REDIS_PORT: String(ports.redis),
  };
}

const httpReady = (url, accept = () => true) => async () => {
  const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
  return res.ok && accept(await res.text());
};

function redisReady(port) {
  return () => new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    const done = (value) => { socket.destroy(); resolve(value); };
    socket.setTimeout(1000, () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.on('error', () => done(false));
  });
}

function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

/**
 * The services to start, in order, for `driver`.
 * @param {{driver: string, ports: ReturnType<typeof playgroundPorts>, root: string, stateDir: string, logFile: (name: string) => string}} o
 */
export function servicesFor({ driver, ports, root, stateDir, logFile }) {
  const node = process.execPath;
  const serversDir = path.join(root, 'test/e2e/servers');
  const env = serverEnv(ports);
  const services = [];

  if (driver !== 'soketi') {
    services.push({
      name: 'redis',
      first: true,
      ports: [ports.redis],
      cmd: 'redis-server',
      args: ['--bind', HOST, '--port', String(ports.redis), '--save', '', '--appendonly', 'no'],
      cwd: stateDir,
      ready: redisReady(ports.redis),
    });
  }

  if (driver === 'soketi') {
    const config = path.join(stateDir, 'soketi.json');
    services.push({
      name: 'soketi',
      ports: [ports.soketi, ports.soketiMetrics],
      cmd: node,
      args: [path.join(serversDir, 'node_modules/@soketi/soketi/bin/server.js'), 'start', `--config=${config}`],
      cwd: stateDir,
      env: {
        SOKETI_DEFAULT_APP_ID: 'app-id',
        SOKETI_DEFAULT_APP_KEY: 'app-key',
        SOKETI_DEFAULT_APP_SECRET: 'app-secret',
        SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES: 'true', // whisper()
        SOKETI_DEFAULT_APP_USER_AUTHENTICATION: 'true',
      },
      before: () => writeJson(config, {
        host: HOST,
        port: ports.soketi,
        'metrics.host': HOST,
        'metrics.port': ports.soketiMetrics,
        // soketi's cluster discovery must stay on loopback (test/e2e/servers/README.md), on its own udp port
        'cluster.address': HOST,
        'cluster.broadcast': HOST,
        'cluster.port': ports.soketiCluster,
        shutdownGracePeriod: 300,
        userAuthenticationTimeout: 3600000,
      }),
      ready: httpReady(`http://${HOST}:${ports.soketi}/`, (text) => text.trim() === 'OK'),
    });
  }

  if (driver === 'laravel-echo-server') {
    const config = path.join(stateDir, 'laravel-echo-server.json');
    const lock = path.join(stateDir, 'laravel-echo-server.lock'); // it refuses to start while this names a live PID
    services.push({
      name: 'laravel-echo-server',
      ports: [ports.laravelEchoServer],
      cmd: node,
      args: [path.join(serversDir, 'node_modules/laravel-echo-server/bin/server.js'), 'start', `--config=${config}`],
      cwd: stateDir,
      before: () => {
        fs.rmSync(lock, { force: true });
        writeJson(config, {
          authHost: `http://${HOST}:${ports.app}`,
          authEndpoint: '/broadcasting/auth',
          clients: [{ appId: 'app-id', key: 'app-key' }],
          database: 'redis',
          databaseConfig: { redis: { host: HOST, port: ports.redis, keyPrefix: '' }, publishPresence: false },
          devMode: true,
          host: HOST,
          port: ports.laravelEchoServer,
          protocol: 'http',
          socketio: {},
          sslCertPath: '',
          sslKeyPath: '',
          sslCertChainPath: '',
          sslPassphrase: '',
          subscribers: { http: true, redis: true },
          apiOriginAllow: { allowCors: false },
        });
      },
      after: () => fs.rmSync(lock, { force: true }),
      ready: async () =>
        (await httpReady(`http://${HOST}:${ports.laravelEchoServer}/`)()) &&
        fs.readFileSync(logFile('laravel-echo-server'), 'utf8').includes('Listening for redis events'),
    });
  }

  if (driver === 'sio4') {
    ports.sio4.forEach((port, i) => {
      services.push({
        name: `sio4-${i + 1}`,
        ports: [port],
        cmd: node,
        args: [path.join(serversDir, 'sio4-server.mjs')],
        cwd: serversDir,
        env: { ...env, PORT: String(port) },
        ready: httpReady(`http://${HOST}:${port}/health`, (text) => JSON.parse(text).ready === true),
      });
    });
  }

  services.push({
    name: 'backend',
    ports: [ports.app],
    cmd: node,
    args: [path.join(root, 'playground/server/backend.mjs')],
    cwd: root,
    env: { ...env, PLAYGROUND_DRIVER: driver },
    ready: httpReady(`http://${HOST}:${ports.app}/health`),
  });

  return services;
}
