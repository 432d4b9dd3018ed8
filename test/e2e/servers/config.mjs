// Shared constants for the e2e servers (backend, sio4 server, orchestration, smoke test).
// Everything listens on 127.0.0.1 only.

export const HOST = '127.0.0.1';

export const PORTS = {
  backend: 8000,
  soketi: 6001,
  soketiMetrics: 9601,
  laravelEchoServer: 6002,
  sio4: [6011, 6012],
  redis: 6390,
};

// Pusher app credentials (soketi's SOKETI_DEFAULT_APP_* and the backend's signing keys).
export const APP = { id: 'app-id', key: 'app-key', secret: 'app-secret' };

// Fixed 32-byte encryption master key (base64 of the ASCII text below, exactly 32 bytes).
export const ENCRYPTION_MASTER_KEY_BASE64 = Buffer.from('royalcms-echo-e2e-master-key-32b').toString('base64');

// Redis: Laravel's `database.redis.options.prefix` (empty here, as in many Royalcms apps).
export const REDIS_PREFIX = process.env.REDIS_PREFIX ?? '';
// socket.io redis-adapter channel prefix; the sio4 broadcast subscriber skips it.
export const SIO4_ADAPTER_KEY = 'echo-sio4-adapter';

export const URLS = {
  backend: `http://${HOST}:${PORTS.backend}`,
  soketi: `http://${HOST}:${PORTS.soketi}`,
  laravelEchoServer: `http://${HOST}:${PORTS.laravelEchoServer}`,
  sio4: PORTS.sio4.map((p) => `http://${HOST}:${p}`),
};

// Demo users of the Royalcms-style backend.
export const USERS = {
  1: { id: 1, name: 'Alice', email: 'alice@example.test' },
  2: { id: 2, name: 'Bob', email: 'bob@example.test' },
  3: { id: 3, name: 'Carol', email: 'carol@example.test' },
};

// Orders for the `order.{id}` channel rule: order id -> owner user id.
export const ORDER_OWNERS = { 1: 1, 2: 1, 3: 2 };

export const SESSION_COOKIE = 'royalcms_session';
