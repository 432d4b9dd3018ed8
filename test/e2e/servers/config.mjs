// Shared constants for the e2e servers (backend, sio4 server, orchestration, smoke test).
// Everything listens on 127.0.0.1 only.

export const HOST = '127.0.0.1';

// The defaults are the e2e suite's ports. E2E_*_PORT variables move a whole second set elsewhere
// (the playground runs its own servers on other ports beside a running test suite).
/** @type {(name: string, fallback: number) => number} (typed for the TypeScript tests that import PORTS) */
const envPort = (name, fallback) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 && value < 65536 ? value : fallback;
};

export const PORTS = {
  backend: envPort('E2E_BACKEND_PORT', 8000),
  soketi: envPort('E2E_SOKETI_PORT', 6001),
  soketiMetrics: envPort('E2E_SOKETI_METRICS_PORT', 9601),
  // Two soketi nodes joined by soketi's redis adapter (the horizontally scaled Pusher setup).
  soketiCluster: [envPort('E2E_SOKETI_CLUSTER_PORT_1', 6021), envPort('E2E_SOKETI_CLUSTER_PORT_2', 6022)],
  soketiClusterMetrics: [envPort('E2E_SOKETI_CLUSTER_METRICS_PORT_1', 9621), envPort('E2E_SOKETI_CLUSTER_METRICS_PORT_2', 9622)],
  laravelEchoServer: envPort('E2E_LES_PORT', 6002),
  sio4: [envPort('E2E_SIO4_PORT_1', 6011), envPort('E2E_SIO4_PORT_2', 6012)],
  redis: envPort('E2E_REDIS_PORT', 6390),
};

// Pusher app credentials (soketi's SOKETI_DEFAULT_APP_* and the backend's signing keys).
export const APP = { id: 'app-id', key: 'app-key', secret: 'app-secret' };

// Fixed 32-byte encryption master key (base64 of the ASCII text below, exactly 32 bytes).
export const ENCRYPTION_MASTER_KEY_BASE64 = Buffer.from('royalcms-echo-e2e-master-key-32b').toString('base64');

// Redis: Laravel's `database.redis.options.prefix` (empty here, as in many Royalcms apps).
export const REDIS_PREFIX = process.env.REDIS_PREFIX ?? '';
// socket.io redis-adapter channel prefix; the sio4 broadcast subscriber skips it.
export const SIO4_ADAPTER_KEY = 'echo-sio4-adapter';
// soketi redis-adapter prefix of the soketi cluster: its pub/sub channels are `<prefix>#redis-adapter…`.
// Redis pub/sub ignores the db number, so the prefix is what keeps this traffic apart; `#` cannot occur
// in a Pusher channel name, so no broadcast channel ever matches it (the sio4 subscriber skips it too).
export const SOKETI_ADAPTER_PREFIX = 'echo-soketi-cluster';

export const URLS = {
  backend: `http://${HOST}:${PORTS.backend}`,
  soketi: `http://${HOST}:${PORTS.soketi}`,
  soketiCluster: PORTS.soketiCluster.map((p) => `http://${HOST}:${p}`),
  laravelEchoServer: `http://${HOST}:${PORTS.laravelEchoServer}`,
  sio4: PORTS.sio4.map((p) => `http://${HOST}:${p}`),
};

// Demo users of the Royalcms-style backend.
export const USERS = {
  1: { id: 1, name: 'Alice', email: 'alice@example.test' },
  2: { id: 2, name: 'Bob', email: 'bob@example.test' },
  3: { id: 3, name: 'Carol', email: 'carol@example.test' },
};

// Load-test users: ids 1000–9999 exist for bearer tokens only (`Authorization: Bearer token-<id>`), so
// hundreds of distinct people can join one presence channel. No password, no cookie login.
export const LOAD_USERS = { min: 1000, max: 9999 };

// A user by id: the three demo users, or a load-test user.
export function userById(id) {
  const n = Number(id);
  if (USERS[n]) return USERS[n];
  if (Number.isInteger(n) && n >= LOAD_USERS.min && n <= LOAD_USERS.max) return { id: n, name: `User ${n}`, email: `user${n}@example.test` };
  return null;
}

// Orders for the `order.{id}` channel rule: order id -> owner user id.
export const ORDER_OWNERS = { 1: 1, 2: 1, 3: 2 };

export const SESSION_COOKIE = 'royalcms_session';
