// Renders public/index.html the way a Royalcms Blade layout would: the session's CSRF token in
// <meta name="csrf-token">, the transport client's <script> tag for the driver, and
// window.Royalcms = {csrfToken, user, broadcasting} for resources/js/bootstrap.js (here public/js/bootstrap.js).
// On soketi the page has no transport script: Royalcms Echo's built-in Pusher client speaks the
// protocol itself. `?client=pusher-js` adds pusher-js's <script> tag, and Echo then uses pusher-js
// (it finds window.Pusher), as a Laravel Echo layout would have it.
import fs from 'node:fs';
import path from 'node:path';
import { USERS, APP, PORTS } from '../../test/e2e/servers/config.mjs';
import { ensureSession } from '../../test/e2e/servers/backend/session.mjs';
import { sendText } from '../../test/e2e/servers/backend/http-util.mjs';
import { ROOMS, STATUSES } from './demo-routes.mjs';

const TRANSPORT_SCRIPTS = {
  soketi: null, // the built-in client; pusher-js with ?client=pusher-js
  'laravel-echo-server': '/vendor/socket.io-v2.js', // laravel-echo-server speaks Socket.IO 2 only
  sio4: '/vendor/socket.io.min.js',
};
const PUSHER_JS_SCRIPT = '/vendor/pusher.min.js';

const DRIVER_LABELS = {
  soketi: 'soketi · Pusher',
  'laravel-echo-server': 'laravel-echo-server · Socket.IO 2',
  sio4: 'Socket.IO 4 · redis cluster',
};

/** The client that speaks to the server: soketi's is the built-in one unless the URL asks for pusher-js. */
function pusherClient(driver, url) {
  if (driver !== 'soketi') return null;
  return url.searchParams.get('client') === 'pusher-js' ? 'pusher-js' : 'built-in';
}

/** config/broadcasting.php + .env as the page sees them; the host is the page's own (bootstrap.js). */
function broadcastingConfig(driver, user) {
  if (driver === 'soketi') {
    return { broadcaster: 'pusher', key: APP.key, port: PORTS.soketi, server: `soketi :${PORTS.soketi}` };
  }
  if (driver === 'laravel-echo-server') {
    return { broadcaster: 'socket.io', port: PORTS.laravelEchoServer, server: `laravel-echo-server :${PORTS.laravelEchoServer}` };
  }
  // two Socket.IO 4 processes joined by redis: odd user ids on the first node, even ones on the
  // second, so two people in the chat talk across nodes
  const node = user && user.id % 2 === 0 ? 1 : 0;
  return { broadcaster: 'socket.io', port: PORTS.sio4[node], server: `Socket.IO 4 node ${node + 1} :${PORTS.sio4[node]}` };
}

// JSON inside <script>: no "</script>" or "<!--" can end the element early
const scriptJson = (value) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028|\u2029/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

export function renderPage({ req, res, url, who }, { driver, publicDir }) {
  const { csrf } = ensureSession(req, res);
  const user = who.user ? { id: who.user.id, name: who.user.name, email: who.user.email } : null;
  const client = pusherClient(driver, url);
  const script = client === 'pusher-js' ? PUSHER_JS_SCRIPT : TRANSPORT_SCRIPTS[driver];
  const royalcms = {
    csrfToken: csrf,
    user,
    users: Object.values(USERS).map((u) => ({ id: u.id, name: u.name })),
    driver: { name: driver, label: client ? `${DRIVER_LABELS[driver]} · ${client}` : DRIVER_LABELS[driver] },
    broadcasting: { ...broadcastingConfig(driver, user), client },
    statuses: STATUSES,
    rooms: ROOMS,
  };
  const template = fs.readFileSync(path.join(publicDir, 'index.html'), 'utf8');
  const html = template
    .replace(/\{\{\s*csrf_token\(\)\s*\}\}/g, escapeHtml(csrf))
    .replace(/\{!!\s*\$transportScript\s*!!\}/g, script ? `<script src="${script}"></script>` : '<!-- no transport script: the built-in Pusher client -->')
    .replace(/\{!!\s*\$royalcms\s*!!\}/g, scriptJson(royalcms));
  sendText(res, 200, html, 'text/html; charset=utf-8');
}
