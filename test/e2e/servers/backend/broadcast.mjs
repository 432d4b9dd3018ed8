// Broadcasting from the backend, as Royalcms's (Laravel's) Pusher and Redis broadcasters do.
//  pusher: signed POST to soketi's HTTP API /apps/<id>/events (auth_key, auth_timestamp, auth_version, body_md5,
//          auth_signature); socket_id = X-Socket-ID (toOthers); private-encrypted-* payloads nacl-secretbox'ed.
//  pusher-cluster: the same, to node 1 (soketi-1) of the soketi cluster only, as an app behind a load balancer
//          reaches one node; soketi's redis adapter fans it out to the clients of both nodes.
//  redis:  PUBLISH <prefix><channel> {"event","data":{...,"socket"},"socket"} (RedisBroadcaster, data keeps `socket`).
import { Redis } from 'ioredis';
import { APP, HOST, PORTS, URLS, REDIS_PREFIX } from '../config.mjs';
import { sign, md5Hex, hmacHex, encryptPayload } from './crypto.mjs';

let redis = null;
function redisClient() {
  if (!redis) {
    redis = new Redis({ host: HOST, port: PORTS.redis, maxRetriesPerRequest: 1, retryStrategy: (n) => Math.min(n * 200, 1000) });
    redis.on('error', () => {}); // reported per publish
  }
  return redis;
}

// Signed request to soketi's Pusher HTTP API. `path` like `/apps/app-id/events`; `base` the server (single soketi by default).
export async function pusherApi(method, path, query = {}, body = null, base = URLS.soketi) {
  const raw = body === null ? '' : JSON.stringify(body);
  const params = { ...query, auth_key: APP.key, auth_timestamp: String(Math.floor(Date.now() / 1000)), auth_version: '1.0' };
  if (raw) params.body_md5 = md5Hex(raw);
  const ordered = Object.keys(params).sort().map((k) => `${k.toLowerCase()}=${params[k]}`).join('&');
  const signature = hmacHex(APP.secret, `${method}\n${path}\n${ordered}`);
  const qs = new URLSearchParams({ ...params, auth_signature: signature }).toString();
  const res = await fetch(`${base}${path}?${qs}`, {
    method,
    headers: raw ? { 'Content-Type': 'application/json' } : {},
    body: raw || undefined,
    signal: AbortSignal.timeout(5000),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: res.status, body: json };
}

const isPusherSocketId = (id) => typeof id === 'string' && /^\d+\.\d+$/.test(id);

// `corrupt` (tests of undecryptable events on private-encrypted-* channels): 'key' encrypts with another
// channel's key (pusher-js fetches a new key and still fails), 'format' sends no {nonce, ciphertext}.
function encryptedData(channel, dataString, corrupt) {
  if (corrupt === 'key') return encryptPayload(`${channel}.wrong-key`, dataString);
  if (corrupt === 'format') return JSON.stringify({ message: 'not an encrypted envelope' });
  return encryptPayload(channel, dataString);
}

export async function triggerPusher({ channels, event, data, socket, corrupt, base = URLS.soketi }) {
  const dataString = typeof data === 'string' ? data : JSON.stringify(data ?? {});
  const extra = isPusherSocketId(socket) ? { socket_id: socket } : {};
  const plain = channels.filter((c) => !c.startsWith('private-encrypted-'));
  const encrypted = channels.filter((c) => c.startsWith('private-encrypted-'));
  const results = [];
  for (let i = 0; i < plain.length; i += 100) {
    results.push(await pusherApi('POST', `/apps/${APP.id}/events`, {}, { name: event, data: dataString, channels: plain.slice(i, i + 100), ...extra }, base));
  }
  for (const channel of encrypted) { // one channel per request, like pusher-http-php
    results.push(await pusherApi('POST', `/apps/${APP.id}/events`, {}, { name: event, data: encryptedData(channel, dataString, corrupt), channels: [channel], ...extra }, base));
  }
  return { ok: results.every((r) => r.status === 200), results };
}

// format 'legacy' = pre-v6 "native" Royalcms 5.0 RedisBroadcaster: {"event","data"} without any `socket`.
export async function publishRedis({ channels, event, data, socket, format }) {
  const sock = socket || null;
  const isObject = data && typeof data === 'object' && !Array.isArray(data);
  const message = format === 'legacy'
    ? JSON.stringify({ event, data })
    : JSON.stringify({ event, data: isObject ? { ...data, socket: sock } : data, socket: sock });
  const receivers = {};
  for (const channel of channels) receivers[channel] = await redisClient().publish(`${REDIS_PREFIX}${channel}`, message);
  return { ok: true, receivers };
}

// driver: 'pusher' | 'redis' | 'all' (default: both; each client only hears its own server) | 'pusher-cluster'
// (the soketi cluster only: 'all' leaves it out, so the setups that do not run it need not start it).
export async function broadcast({ driver = 'all', channels, event, data, socket, format, corrupt }) {
  const out = { event, channels, socket: socket || null, driver };
  if (driver === 'pusher' || driver === 'all' || driver === 'pusher-cluster') {
    const base = driver === 'pusher-cluster' ? URLS.soketiCluster[0] : URLS.soketi;
    try { out.pusher = await triggerPusher({ channels, event, data, socket, corrupt, base }); } catch (e) { out.pusher = { ok: false, error: e.message }; }
  }
  if (driver === 'redis' || driver === 'all') {
    try { out.redis = await publishRedis({ channels, event, data, socket, format }); } catch (e) { out.redis = { ok: false, error: e.message }; }
  }
  out.ok = [out.pusher, out.redis].filter(Boolean).every((r) => r.ok);
  return out;
}

