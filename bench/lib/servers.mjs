// Addresses of the e2e servers the bench uses (scripts/servers.mjs starts them), and the Node-side
// publishers: a signed POST to soketi's HTTP API (Pusher protocol) and the Socket.IO 4 server's
// publish API, both on loopback.
import crypto from 'node:crypto';
// The servers' own ports (E2E_*_PORT variables move them: a second set of servers elsewhere, used with
// `npm run bench -- --servers=running`).
import { APP, HOST, PORTS, URLS } from '../../test/e2e/servers/config.mjs';

export const SOKETI = { key: APP.key, id: APP.id, secret: APP.secret, wsHost: HOST, wsPort: PORTS.soketi, http: URLS.soketi };
export const BACKEND = URLS.backend;
export const SIO4 = URLS.sio4[0];
/** Bearer identity the backend accepts from Node and pages alike (user 1), no cookie, so no CSRF. */
export const TOKEN = 'token-1';
export const PUSHER_CONN = { key: SOKETI.key, wsHost: SOKETI.wsHost, wsPort: SOKETI.wsPort, authEndpoint: `${BACKEND}/broadcasting/auth`, token: TOKEN };
export const SIO_CONN = { host: SIO4 };
/** The servers the bench starts (and stops) itself. */
export const BENCH_SERVERS = ['redis', 'backend', 'soketi', 'sio4-1'];

const md5 = (s) => crypto.createHash('md5').update(s).digest('hex');
const hmac = (s) => crypto.createHmac('sha256', SOKETI.secret).update(s).digest('hex');

/** POST /apps/app-id/events to soketi, signed like pusher-http-php; `channels` at most 100. */
export async function publishPusher(channels, name, data) {
  const body = JSON.stringify({ name, channels: [].concat(channels), data: JSON.stringify(data) });
  const path = `/apps/${SOKETI.id}/events`;
  const params = { auth_key: SOKETI.key, auth_timestamp: String(Math.floor(Date.now() / 1000)), auth_version: '1.0', body_md5: md5(body) };
  const ordered = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&');
  const qs = new URLSearchParams({ ...params, auth_signature: hmac(`POST\n${path}\n${ordered}`) });
  const res = await fetch(`${SOKETI.http}${path}?${qs}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  if (res.status !== 200) throw new Error(`soketi publish: HTTP ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

/** POST /apps/app-id/events to the Socket.IO 4 server (laravel-echo-server API). */
export async function publishSocketIo(channel, name, data) {
  const res = await fetch(`${SIO4}/apps/app-id/events?auth_key=app-key`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ channel, name, data }),
  });
  if (res.status !== 200) throw new Error(`sio4 publish: HTTP ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

/** Id of the newest request the backend logged (it numbers every non-static request). */
export async function backendLastRequestId() {
  const res = await fetch(`${BACKEND}/requests?limit=1`);
  const { requests } = await res.json();
  return requests[0]?.id ?? 0;
}

/**
 * Requests the backend logged after `sinceId`: their count (from the ids, so beyond the log's
 * 200 entries) and whether every one that is still in the log is a /broadcasting/auth request.
 */
export async function backendRequestsSince(sinceId) {
  const res = await fetch(`${BACKEND}/requests?limit=200`);
  const { requests } = await res.json();
  const newer = requests.filter((r) => r.id > sinceId);
  const last = requests[0]?.id ?? sinceId;
  return { count: last - sinceId, allAuth: newer.every((r) => r.path === '/broadcasting/auth') };
}
