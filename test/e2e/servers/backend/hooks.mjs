// Test hooks (no CSRF, no login):
//   POST /trigger  {driver?:'pusher'|'redis'|'all'|'pusher-cluster', channel?|channels?, event, data?, socket_id?, format?:'legacy'}
//        X-Socket-ID header (or socket_id) = toOthers. -> {ok, event, channels, socket, driver, pusher?, redis?}
//        pusher: {ok, results:[{status, body}]}; redis: {ok, receivers:{<channel>: <number of redis subscribers>}}
//        format 'legacy': redis payload {event, data} without socket (Royalcms 5.0 native broadcaster)
//        corrupt 'key'|'format': private-encrypted-* via pusher encrypted with a wrong key / not an envelope
//   POST /notify   {user_id, data?, type?, driver?, legacy?} -> Illuminate\Notifications\Events\BroadcastNotificationCreated
//        on private-App.User.<id> with data {...data, id:<uuid>, type}; legacy:true -> event
//        Royalcms\Component\Notifications\Events\BroadcastNotificationCreated, legacy redis payload
//   ANY  /echo-headers        -> {method, path, query, headers, body} of this request (also kept as "last")
//   GET  /echo-headers/last   -> the last one recorded
//   GET  /requests[?path=<exact path>][&limit=N]  -> {requests:[{id,time,method,path,query,headers,body,status}]} newest first
//   DELETE /requests
//   GET  /soketi/<rest>       -> signed GET to soketi /apps/app-id/<rest> (e.g. /soketi/channels, /soketi/channels/presence-chat.1/users)
//   GET  /soketi-cluster/<rest> -> the same to node 1 of the soketi cluster (cluster-wide answers through its redis adapter)
import crypto from 'node:crypto';
import { APP, URLS } from '../config.mjs';
import { sendJson } from './http-util.mjs';
import { broadcast, pusherApi } from './broadcast.mjs';

let lastEcho = null;

function channelsOf(params) {
  const list = Array.isArray(params.channels) ? params.channels : params.channel ? [params.channel] : [];
  return list.filter((c) => typeof c === 'string' && c);
}

export async function handleHooks({ req, res, url, params, requestLog }) {
  const p = url.pathname;
  if (p === '/trigger' && req.method === 'POST') {
    const channels = channelsOf(params);
    if (!channels.length || typeof params.event !== 'string') return sendJson(res, 400, { message: 'channel(s) and event required' });
    const socket = req.headers['x-socket-id'] || params.socket_id || null;
    const corrupt = params.corrupt === 'key' || params.corrupt === 'format' ? params.corrupt : undefined;
    const result = await broadcast({ driver: params.driver || 'all', channels, event: params.event, data: params.data ?? {}, socket, format: params.format, corrupt });
    return sendJson(res, result.ok ? 200 : 502, result);
  }
  if (p === '/notify' && req.method === 'POST') {
    const userId = Number(params.user_id);
    if (!userId) return sendJson(res, 400, { message: 'user_id required' });
    const type = params.type || 'App\\Notifications\\InvoicePaid';
    const data = { ...(params.data && typeof params.data === 'object' ? params.data : {}), id: crypto.randomUUID(), type };
    const result = await broadcast({
      driver: params.driver || 'all',
      channels: [`private-App.User.${userId}`],
      event: params.legacy
        ? 'Royalcms\\Component\\Notifications\\Events\\BroadcastNotificationCreated'
        : 'Illuminate\\Notifications\\Events\\BroadcastNotificationCreated',
      data,
      socket: params.legacy ? null : req.headers['x-socket-id'] || null,
      format: params.legacy ? 'legacy' : undefined,
    });
    return sendJson(res, result.ok ? 200 : 502, { notification: data, broadcast: result });
  }
  if (p === '/echo-headers/last' && req.method === 'GET') return sendJson(res, 200, lastEcho || {});
  if (p === '/echo-headers') {
    lastEcho = { method: req.method, path: p, query: Object.fromEntries(url.searchParams), headers: req.headers, body: params };
    return sendJson(res, 200, lastEcho);
  }
  if (p === '/requests') {
    if (req.method === 'DELETE') { requestLog.length = 0; return sendJson(res, 200, { ok: true }); }
    const path = url.searchParams.get('path');
    const limit = Math.min(Number(url.searchParams.get('limit')) || 50, 200);
    const list = requestLog.filter((r) => !path || r.path === path).slice(-limit).reverse();
    return sendJson(res, 200, { requests: list });
  }
  const soketiApi = /^\/(soketi|soketi-cluster)\/(.*)$/.exec(p);
  if (soketiApi && req.method === 'GET') {
    const query = Object.fromEntries(url.searchParams);
    const base = soketiApi[1] === 'soketi' ? URLS.soketi : URLS.soketiCluster[0];
    const r = await pusherApi('GET', `/apps/${APP.id}/${soketiApi[2]}`, query, null, base);
    return sendJson(res, r.status, r.body);
  }
  return false;
}
