// A Socket.IO 4 server that speaks laravel-echo-server's protocol (the events are listed in
// test/e2e/servers/README.md, "sio4 server ... and laravel-echo-server"). Run several processes
// (PORT=6011, PORT=6012) joined by @socket.io/redis-adapter.
//
//   client -> server: subscribe {channel, auth:{headers}}, unsubscribe {channel}, client event {channel, event, data}
//   server -> client: <event>(channel, data), subscription_error(channel, status),
//                     presence:subscribed(channel, members), presence:joining(channel, member),
//                     presence:leaving(channel, member)
//   Laravel RedisBroadcaster PUBLISH {event, data, socket} -> delivered once (io.local on every process).
import http from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { HOST, PORTS, APP, URLS, REDIS_PREFIX, SIO4_ADAPTER_KEY, SOKETI_ADAPTER_PREFIX } from './config.mjs';
import { createApi } from './sio4-api.mjs';

const PORT = Number(process.env.PORT || PORTS.sio4[0]);
const AUTH_URL = process.env.AUTH_URL || `${URLS.backend}/broadcasting/auth`;
const AUTH_TIMEOUT_MS = 5000;
const log = (...args) => console.log(new Date().toISOString(), `[sio4:${PORT}]`, ...args);

const isGuarded = (ch) => ch.startsWith('private-') || ch.startsWith('presence-');
const isPresence = (ch) => ch.startsWith('presence-');

const redisOptions = { host: HOST, port: PORTS.redis, maxRetriesPerRequest: 2, retryStrategy: (n) => Math.min(n * 200, 1000) };
const pubClient = new Redis(redisOptions);
const subClient = pubClient.duplicate();
const broadcastClient = pubClient.duplicate();
for (const c of [pubClient, subClient, broadcastClient]) c.on('error', (e) => log('redis error:', e.message));

// The HTTP API handler must be registered before socket.io attaches (engine.io forwards non-/socket.io/ requests to it).
let api = (req, res) => { res.writeHead(503); res.end(); };
const httpServer = http.createServer((req, res) => api(req, res));
const io = new Server(httpServer, {
  allowEIO3: true, // socket.io-client 2.x can connect too
  cors: { origin: true, credentials: true },
});
io.adapter(createAdapter(pubClient, subClient, { key: SIO4_ADAPTER_KEY, requestsTimeout: 2000 }));
let psubscribed = false;
const isReady = () => psubscribed && pubClient.status === 'ready' && subClient.status === 'ready';
api = createApi({ io, port: PORT, appId: APP.id, appKey: APP.key, isReady });

// ---- auth against the Royalcms backend (same request shape as laravel-echo-server) ----
async function authorize(socket, channel, auth) {
  const headers = { ...((auth && typeof auth.headers === 'object' && auth.headers) || {}) };
  if (!headers.Cookie && !headers.cookie && socket.request.headers.cookie) headers.Cookie = socket.request.headers.cookie;
  headers['X-Requested-With'] = 'XMLHttpRequest';
  headers['Content-Type'] = 'application/x-www-form-urlencoded';
  try {
    const res = await fetch(AUTH_URL, {
      method: 'POST',
      headers,
      body: new URLSearchParams({ channel_name: channel }).toString(),
      signal: AbortSignal.timeout(AUTH_TIMEOUT_MS),
      // laravel-echo-server's HTTP client does not follow a POST's redirect: a redirect to the login
      // page is a refusal (subscription_error with 302), not a 200.
      redirect: 'manual',
    });
    const text = await res.text();
    if (res.status !== 200) return { ok: false, status: res.status };
    let body;
    try { body = JSON.parse(text); } catch { body = text; }
    return { ok: true, body };
  } catch (e) {
    log('auth request failed:', e.message);
    return { ok: false, status: 0 };
  }
}

function memberFromAuth(body) {
  let data = body && body.channel_data;
  if (typeof data === 'string') { try { data = JSON.parse(data); } catch { data = null; } }
  if (!data || data.user_id === undefined || data.user_id === null) return null;
  return { user_id: data.user_id, user_info: data.user_info };
}

// Sockets in a channel across the cluster; falls back to this process if redis is unavailable.
async function socketsIn(channel) {
  try { return await io.in(channel).fetchSockets(); } catch (e) {
    log('fetchSockets failed, using local sockets only:', e.message);
    return io.local.in(channel).fetchSockets();
  }
}

// Members de-duplicated by user_id, newest first (laravel-echo-server order).
function membersOf(sockets, channel) {
  const entries = sockets
    .map((s) => s.data?.presence?.[channel])
    .filter(Boolean)
    .sort((a, b) => b.joinedAt - a.joinedAt);
  const seen = new Set();
  const members = [];
  for (const m of entries) {
    const key = String(m.user_id);
    if (seen.has(key)) continue;
    seen.add(key);
    members.push({ user_id: m.user_id, user_info: m.user_info, socketId: m.socketId });
  }
  return members;
}

async function joinPresence(socket, channel, member) {
  const before = await socketsIn(channel);
  const alreadyThere = before.some((s) => s.id !== socket.id && String(s.data?.presence?.[channel]?.user_id) === String(member.user_id));
  socket.data.presence = { ...(socket.data.presence || {}), [channel]: { ...member, socketId: socket.id, joinedAt: Date.now() } };
  socket.join(channel);
  const members = membersOf([...before.filter((s) => s.id !== socket.id), socket], channel);
  socket.emit('presence:subscribed', channel, members);
  if (!alreadyThere) socket.to(channel).emit('presence:joining', channel, { ...member, socketId: socket.id });
}

// Called after the socket has left `channel`; announces leaving when the user's last socket is gone.
async function leavePresence(socketId, channel, member) {
  const rest = await socketsIn(channel);
  const stillThere = rest.some((s) => s.id !== socketId && String(s.data?.presence?.[channel]?.user_id) === String(member.user_id));
  if (!stillThere) io.to(channel).emit('presence:leaving', channel, { user_id: member.user_id, user_info: member.user_info });
}

async function subscribe(socket, data) {
  const channel = data && typeof data.channel === 'string' ? data.channel : null;
  if (!channel) return;
  if (!isGuarded(channel)) { socket.join(channel); return; }
  const result = await authorize(socket, channel, data.auth);
  if (!socket.connected) return;
  if (!result.ok) {
    log(`subscription_error ${channel} ${result.status} for ${socket.id}`);
    socket.emit('subscription_error', channel, result.status);
    return;
  }
  if (!isPresence(channel)) { socket.join(channel); return; }
  const member = memberFromAuth(result.body);
  if (!member) { socket.emit('subscription_error', channel, 500); return; }
  await joinPresence(socket, channel, member);
}

async function unsubscribe(socket, data) {
  const channel = data && typeof data.channel === 'string' ? data.channel : null;
  if (!channel || !socket.rooms.has(channel)) return;
  const member = socket.data.presence?.[channel];
  socket.leave(channel);
  if (member) {
    delete socket.data.presence[channel];
    await leavePresence(socket.id, channel, member);
  }
}

function clientEvent(socket, data) {
  if (typeof data === 'string') { try { data = JSON.parse(data); } catch { return; } }
  if (!data || typeof data.channel !== 'string' || typeof data.event !== 'string') return;
  const { channel, event } = data;
  if (!event.startsWith('client-') || !isGuarded(channel) || !socket.rooms.has(channel)) return;
  socket.to(channel).emit(event, channel, data.data);
}

io.on('connection', (socket) => {
  socket.data.presence = {};
  const safe = (fn) => (data) => fn(socket, data).catch((e) => log('handler error:', e.stack || e));
  socket.on('subscribe', safe(subscribe));
  socket.on('unsubscribe', safe(unsubscribe));
  socket.on('client event', (data) => clientEvent(socket, data));
  socket.on('disconnect', () => {
    for (const [channel, member] of Object.entries(socket.data.presence || {})) {
      leavePresence(socket.id, channel, member).catch((e) => log('leave error:', e.message));
    }
  });
});

// ---- Laravel RedisBroadcaster PUBLISHes -> local sockets of this process only ----
broadcastClient.on('pmessage', (_pattern, redisChannel, message) => {
  if (redisChannel.startsWith(SIO4_ADAPTER_KEY)) return; // socket.io adapter traffic
  if (redisChannel.startsWith(SOKETI_ADAPTER_PREFIX)) return; // the soketi cluster's adapter traffic
  let payload;
  try { payload = JSON.parse(message); } catch { return; }
  if (!payload || typeof payload.event !== 'string') return;
  const channel = redisChannel.slice(REDIS_PREFIX.length);
  let op = io.local.to(channel);
  if (payload.socket) op = op.except(String(payload.socket));
  op.emit(payload.event, channel, payload.data);
});
const broadcastsSubscribed = broadcastClient.psubscribe(`${REDIS_PREFIX}*`).then(() => { psubscribed = true; }, (e) => log('psubscribe failed:', e.message));

// Listen only once redis holds this process's subscriptions. A client that came earlier (one reconnecting
// the moment a killed process returns) would get a presence list without the other process's members:
// the cluster-wide read counts the processes subscribed to the adapter's request channel. The adapter
// subscribes in its constructor; a PING on the same connection is answered after those subscriptions.
Promise.all([subClient.ping(), broadcastsSubscribed]).then(
  () => httpServer.listen(PORT, HOST, () => log(`listening on http://${HOST}:${PORT} (auth ${AUTH_URL})`)),
  (e) => { log('redis not ready:', e.message); process.exit(1); },
);

for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, () => {
    log(`${sig}, shutting down`);
    io.close();
    for (const c of [pubClient, subClient, broadcastClient]) c.disconnect();
    setTimeout(() => process.exit(0), 200).unref();
  });
}
