// Royalcms-app-like routes (web middleware: session cookie + CSRF on POST).
//   GET  /login?user=<id>[&redirect=<path>]  -> {user, csrf_token} (+ session & XSRF-TOKEN cookies) or 302
//   GET  /login                               -> the HTML login page (where `fault.login` redirects)
//   GET|POST /logout                          -> {ok:true}
//   GET  /csrf                                -> {csrf_token}  (creates a session if needed)
//   GET  /me                                  -> {user|null, via:'session'|'bearer'|null}
//   POST /orders/<id>/ship                    -> login + owner required; broadcasts App\Events\OrderShipped on
//        private-order.<id> to others (X-Socket-ID) via driver ?driver=pusher|redis|all|pusher-cluster (default all)
import { USERS, ORDER_OWNERS } from '../config.mjs';
import { ensureSession, login, logout } from './session.mjs';
import { sendJson, sendText } from './http-util.mjs';
import { broadcast } from './broadcast.mjs';

// What a guest is redirected to (e.g. /broadcasting/auth of `fault.login`): an HTML page, not JSON.
const LOGIN_PAGE = '<!doctype html><html><head><title>Log in</title></head><body><form method="post" action="/login">' +
  '<input name="email"><input name="password" type="password"><button>Log in</button></form></body></html>';

export async function handleApp({ req, res, url, params, who }) {
  const p = url.pathname;
  if (p === '/login' && req.method === 'GET' && !url.searchParams.has('user')) return sendText(res, 200, LOGIN_PAGE, 'text/html; charset=UTF-8');
  if (p === '/login' && req.method === 'GET') {
    const user = USERS[url.searchParams.get('user')];
    if (!user) return sendJson(res, 404, { message: 'Unknown user; use ?user=1, 2 or 3' });
    const session = login(req, res, user.id);
    const redirect = url.searchParams.get('redirect');
    if (redirect && redirect.startsWith('/') && !redirect.startsWith('//')) {
      res.writeHead(302, { Location: redirect, 'Cache-Control': 'no-store' });
      return res.end();
    }
    return sendJson(res, 200, { user, csrf_token: session.csrf });
  }
  if (p === '/logout') { logout(req, res); return sendJson(res, 200, { ok: true }); }
  if (p === '/csrf' && req.method === 'GET') return sendJson(res, 200, { csrf_token: ensureSession(req, res).csrf });
  if (p === '/me' && req.method === 'GET') return sendJson(res, 200, { user: who.user, via: who.via });

  const ship = p.match(/^\/orders\/(\d+)\/ship$/);
  if (ship && req.method === 'POST') {
    if (!who.user) return sendJson(res, 401, { message: 'Unauthenticated.' });
    const id = Number(ship[1]);
    if (ORDER_OWNERS[id] !== who.user.id) return sendJson(res, 403, { message: 'This action is unauthorized.' });
    const socket = req.headers['x-socket-id'] || null;
    const order = { id, status: 'shipped', shipped_at: new Date().toISOString() };
    const result = await broadcast({
      driver: params.driver || url.searchParams.get('driver') || 'all',
      channels: [`private-order.${id}`],
      event: 'App\\Events\\OrderShipped',
      data: { order, by: { id: who.user.id, name: who.user.name } },
      socket,
    });
    return sendJson(res, 200, { order, broadcast: result });
  }
  return false;
}
