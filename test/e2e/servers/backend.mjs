// Royalcms-style backend for the e2e tests on 127.0.0.1:8000 (node:http, no framework).
//   node test/e2e/servers/backend.mjs [--static /=test/e2e/pages] [--static /playground/=playground]
// Routes: see backend/app-routes.mjs (login, csrf, orders), backend/auth.mjs (/broadcasting/auth, /broadcasting/user-auth),
// backend/hooks.mjs (/trigger, /notify, /echo-headers, /requests, /soketi/*), backend/control.mjs (/control/*),
// backend/static.mjs (pages, /dist/, /vendor/).
import http from 'node:http';
import { HOST, PORTS } from './config.mjs';
import { readBody, parseBody, sendJson, applyCors } from './backend/http-util.mjs';
import { identify, csrfOk } from './backend/session.mjs';
import { broadcastingAuth, broadcastingUserAuth } from './backend/auth.mjs';
import { handleApp } from './backend/app-routes.mjs';
import { handleHooks } from './backend/hooks.mjs';
import { handleControl } from './backend/control.mjs';
import { createStatic, mountsFromEnvAndArgs } from './backend/static.mjs';
import { settings } from './backend/settings.mjs';

const PORT = Number(process.env.BACKEND_PORT || PORTS.backend);
const serveStatic = createStatic(mountsFromEnvAndArgs(process.argv.slice(2)));
const requestLog = []; // bounded log of non-static requests, for tests (GET /requests)
const LOG_MAX = 200;
let nextId = 1;
const UNLOGGED = new Set(['/health', '/requests', '/control/status', '/echo-headers/last', '/favicon.ico']);

const csrfMismatch = (res) => sendJson(res, 419, { message: 'CSRF token mismatch.' });

async function route(ctx) {
  const { req, res, url, params, who } = ctx;
  const p = url.pathname;
  if (p === '/health') return sendJson(res, 200, { ok: true, server: 'backend', pid: process.pid });

  if (p === '/broadcasting/auth' || p === '/broadcasting/user-auth') {
    if (req.method !== 'GET' && req.method !== 'POST') return sendJson(res, 405, { message: 'Method not allowed' });
    if (settings.csrfOnBroadcastAuth && !csrfOk(req, params, who)) return csrfMismatch(res);
    return p === '/broadcasting/auth' ? broadcastingAuth(ctx) : broadcastingUserAuth(ctx);
  }
  if (p.startsWith('/control/')) return handleControl(ctx);
  if (p.startsWith('/orders/') && !csrfOk(req, params, who)) return csrfMismatch(res);
  if ((await handleApp(ctx)) !== false) return;
  if ((await handleHooks(ctx)) !== false) return;
  if (serveStatic(req, res, url)) return;
  return sendJson(res, 404, { message: `Not found: ${req.method} ${p}` });
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, `http://${HOST}:${PORT}`);
  if (applyCors(req, res)) return;
  try {
    const raw = req.method === 'GET' || req.method === 'HEAD' ? '' : await readBody(req);
    const body = parseBody(raw, req.headers['content-type'] || '');
    const params = { ...Object.fromEntries(url.searchParams), ...body };
    const ctx = { req, res, url, params, who: identify(req), requestLog };
    const isFile = req.method === 'GET' && /\.[a-z0-9]+$/i.test(url.pathname);
    if (!UNLOGGED.has(url.pathname) && !isFile) {
      const entry = { id: nextId++, time: new Date().toISOString(), method: req.method, path: url.pathname,
        query: Object.fromEntries(url.searchParams), headers: req.headers, body, status: null };
      requestLog.push(entry);
      if (requestLog.length > LOG_MAX) requestLog.shift();
      res.on('finish', () => { entry.status = res.statusCode; });
    }
    await route(ctx);
  } catch (e) {
    if (!res.headersSent) sendJson(res, e.status || 500, { message: e.message });
    else res.end();
  }
});

server.listen(PORT, HOST, () => console.log(new Date().toISOString(), `[backend] listening on http://${HOST}:${PORT}`));
for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, () => { server.close(); server.closeAllConnections(); setTimeout(() => process.exit(0), 100).unref(); });
}
