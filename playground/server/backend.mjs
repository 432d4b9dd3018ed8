// The playground's Royalcms-style demo backend (node:http, no framework). It reuses the e2e
// backend's modules (session cookie + CSRF like the `web` middleware, /broadcasting/auth answering
// like Royalcms, /login, /dist/ and /vendor/ files) and adds the demo's own routes (demo-routes.mjs)
// and the page layout (page.mjs). Started by playground/start.mjs with the playground's ports in
// E2E_*_PORT variables and the driver in PLAYGROUND_DRIVER.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOST, PORTS } from '../../test/e2e/servers/config.mjs';
import { readBody, parseBody, sendJson, applyCors } from '../../test/e2e/servers/backend/http-util.mjs';
import { identify, csrfOk } from '../../test/e2e/servers/backend/session.mjs';
import { broadcastingAuth, broadcastingUserAuth } from '../../test/e2e/servers/backend/auth.mjs';
import { handleApp } from '../../test/e2e/servers/backend/app-routes.mjs';
import { createStatic } from '../../test/e2e/servers/backend/static.mjs';
import { settings } from '../../test/e2e/servers/backend/settings.mjs';
import { handleDemo } from './demo-routes.mjs';
import { renderPage } from './page.mjs';

const PUBLIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public');
const PORT = PORTS.backend;
const DRIVER = process.env.PLAYGROUND_DRIVER || 'soketi';
const serveStatic = createStatic(`/=${PUBLIC_DIR}`);
const log = (...args) => console.log(new Date().toISOString(), '[playground]', ...args);

async function route(ctx) {
  const { req, res, url, params, who } = ctx;
  const p = url.pathname;
  if (p === '/health') return sendJson(res, 200, { ok: true, server: 'playground', driver: DRIVER, pid: process.pid });

  if (p === '/broadcasting/auth' || p === '/broadcasting/user-auth') {
    if (req.method !== 'GET' && req.method !== 'POST') return sendJson(res, 405, { message: 'Method not allowed' });
    if (settings.csrfOnBroadcastAuth && !csrfOk(req, params, who)) return sendJson(res, 419, { message: 'CSRF token mismatch.' });
    return p === '/broadcasting/auth' ? broadcastingAuth(ctx) : broadcastingUserAuth(ctx);
  }
  // the `web` middleware group: every state-changing request of a cookie session carries its CSRF token
  if (!['GET', 'HEAD'].includes(req.method) && !csrfOk(req, params, who)) return sendJson(res, 419, { message: 'CSRF token mismatch.' });
  if ((await handleApp(ctx)) !== false) return;
  if ((await handleDemo({ ...ctx, driver: DRIVER, log })) !== false) return;
  if ((p === '/' || p === '/index.html') && req.method === 'GET') return renderPage(ctx, { driver: DRIVER, publicDir: PUBLIC_DIR });
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
    const ctx = { req, res, url, params, who: identify(req) };
    if (!/\.[a-z0-9]+$/i.test(url.pathname) && url.pathname !== '/health') {
      res.on('finish', () => log(req.method, url.pathname, res.statusCode, ctx.who.user ? `(${ctx.who.user.name})` : ''));
    }
    await route(ctx);
  } catch (error) {
    log('error', req.method, url.pathname, error.stack || error.message);
    if (!res.headersSent) sendJson(res, error.status || 500, { message: error.message });
    else res.end();
  }
});

server.listen(PORT, HOST, () => log(`listening on http://${HOST}:${PORT} (driver ${DRIVER})`));
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 100).unref();
  });
}
