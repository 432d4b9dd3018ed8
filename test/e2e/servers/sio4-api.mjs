// HTTP API of the sio4 server, shaped like laravel-echo-server's (src/api/http-api.ts, src/subscribers/http-subscriber.ts).
// Channel listings are cluster-wide (fetchSockets through the redis adapter).
//   GET  /  , /health                                    (no auth)
//   GET  /apps/:appId/status
//   GET  /apps/:appId/channels[?filter_by_prefix=]       {channels:{name:{subscription_count, occupied}}}
//   GET  /apps/:appId/channels/:channel                  {subscription_count, occupied[, user_count]}
//   GET  /apps/:appId/channels/:channel/users            {users:[{id, user_info}]}
//   GET  /apps/:appId/sockets[?local=1]                  {sockets:[{id, rooms, presence}]}   (test aid)
//   POST /apps/:appId/events  {channel|channels, name, data, socket_id?}  -> {message:"ok"}
// API auth: ?auth_key=<key> or Authorization: Bearer <key>; else 403 {error:"Unauthorized"}.

function send(res, status, body) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json',
    'Access-Control-Allow-Origin': '*',
  });
  res.end(text);
}

function readJson(req, limit = 1 << 20) {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks = [];
    req.on('data', (c) => {
      size += c.length;
      if (size > limit) { reject(new Error('body too large')); req.destroy(); } else chunks.push(c);
    });
    req.on('end', () => {
      try { resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')); } catch (e) { reject(e); }
    });
    req.on('error', reject);
  });
}

export function createApi({ io, port, appId, appKey, isReady }) {
  const startedAt = Date.now();

  async function channelStats(prefix) {
    const sockets = await io.fetchSockets();
    const channels = {};
    for (const s of sockets) {
      for (const room of s.rooms) {
        if (room === s.id || (prefix && !room.startsWith(prefix))) continue;
        channels[room] ??= { subscription_count: 0, occupied: true };
        channels[room].subscription_count++;
      }
    }
    return channels;
  }

  async function users(channel) {
    const sockets = await io.in(channel).fetchSockets();
    const byId = new Map();
    for (const s of sockets) {
      const m = s.data?.presence?.[channel];
      if (m && !byId.has(String(m.user_id))) byId.set(String(m.user_id), { id: m.user_id, user_info: m.user_info });
    }
    return [...byId.values()];
  }

  async function publish(body) {
    const channels = body.channels || (body.channel ? [body.channel] : null);
    if (!channels || !body.name || body.data === undefined) return false;
    let data = body.data;
    if (typeof data === 'string') { try { data = JSON.parse(data); } catch { /* keep the string */ } }
    for (const channel of channels) {
      let op = io.to(channel);
      if (body.socket_id) op = op.except(String(body.socket_id));
      op.emit(body.name, channel, data);
    }
    return true;
  }

  async function route(req, res, url) {
    const path = url.pathname;
    if (req.method === 'GET' && (path === '/' || path === '/health')) {
      if (path === '/') return send(res, 200, 'OK');
      return send(res, 200, { ok: true, ready: isReady(), server: 'sio4', port, pid: process.pid, localConnections: io.engine.clientsCount });
    }
    const m = path.match(/^\/apps\/([^/]+)(\/.*)?$/);
    if (!m) return send(res, 404, { error: 'Not found' });
    const key = url.searchParams.get('auth_key') || (req.headers.authorization || '').replace(/^Bearer\s+/i, '');
    if (decodeURIComponent(m[1]) !== appId || key !== appKey) return send(res, 403, { error: 'Unauthorized' });
    const rest = m[2] || '';
    const ch = rest.match(/^\/channels\/([^/]+)(\/users)?$/);

    if (req.method === 'POST' && rest === '/events') {
      const ok = await publish(await readJson(req));
      return ok ? send(res, 200, { message: 'ok' }) : send(res, 400, { error: 'Event must include channel, event name and data' });
    }
    if (req.method !== 'GET') return send(res, 405, { error: 'Method not allowed' });
    if (rest === '/status') {
      return send(res, 200, { subscription_count: io.engine.clientsCount, uptime: (Date.now() - startedAt) / 1000, memory_usage: process.memoryUsage() });
    }
    if (rest === '/channels') return send(res, 200, { channels: await channelStats(url.searchParams.get('filter_by_prefix')) });
    if (rest === '/sockets') {
      const sockets = url.searchParams.get('local') ? await io.local.fetchSockets() : await io.fetchSockets();
      return send(res, 200, { sockets: sockets.map((s) => ({ id: s.id, rooms: [...s.rooms].filter((r) => r !== s.id), presence: s.data?.presence || {} })) });
    }
    if (ch) {
      const channel = decodeURIComponent(ch[1]);
      if (ch[2]) return send(res, 200, { users: await users(channel) });
      const count = (await io.in(channel).fetchSockets()).length;
      const info = { subscription_count: count, occupied: count > 0 };
      if (channel.startsWith('presence-')) info.user_count = (await users(channel)).length;
      return send(res, 200, info);
    }
    return send(res, 404, { error: 'Not found' });
  }

  return (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    route(req, res, url).catch((e) => send(res, 500, { error: String(e.message || e) }));
  };
}
