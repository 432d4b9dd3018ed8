// Sessions, login identity and CSRF like Royalcms's `web` middleware group (Laravel's StartSession + VerifyCsrfToken).
// Identity: session cookie (GET /login?user=1) or `Authorization: Bearer token-<id>` (like an `auth:api` guard).
import crypto from 'node:crypto';
import { USERS, SESSION_COOKIE, userById } from '../config.mjs';
import { parseCookies } from './http-util.mjs';

const sessions = new Map(); // sid -> {csrf, userId}
const MAX_SESSIONS = 10000;

const randomToken = () => crypto.randomBytes(20).toString('hex');

export function findSession(req) {
  const sid = parseCookies(req.headers.cookie)[SESSION_COOKIE];
  return sid && sessions.has(sid) ? { sid, ...sessions.get(sid) } : null;
}

// Returns the request's session, creating one (and its Set-Cookie headers) when there is none.
export function ensureSession(req, res) {
  const existing = findSession(req);
  if (existing) return existing;
  if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value);
  const sid = randomToken();
  const data = { csrf: randomToken(), userId: null };
  sessions.set(sid, data);
  setSessionCookies(res, sid, data.csrf);
  return { sid, ...data };
}

function setSessionCookies(res, sid, csrf) {
  const prev = res.getHeader('Set-Cookie') || [];
  res.setHeader('Set-Cookie', [
    ...[].concat(prev),
    `${SESSION_COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Lax`,
    `XSRF-TOKEN=${csrf}; Path=/; SameSite=Lax`,
  ]);
}

export function login(req, res, userId) {
  const session = ensureSession(req, res);
  // Laravel regenerates the session id on login; keep the csrf token (as Laravel does for `regenerate()` without token reset).
  sessions.delete(session.sid);
  const sid = randomToken();
  sessions.set(sid, { csrf: session.csrf, userId });
  res.removeHeader('Set-Cookie');
  setSessionCookies(res, sid, session.csrf);
  return { sid, csrf: session.csrf, userId };
}

export function logout(req, res) {
  const session = findSession(req);
  if (session) sessions.delete(session.sid);
  res.setHeader('Set-Cookie', [`${SESSION_COOKIE}=; Path=/; Max-Age=0`, 'XSRF-TOKEN=; Path=/; Max-Age=0']);
}

// {user, via: 'bearer'|'session'|null, session}
export function identify(req) {
  const auth = req.headers.authorization || '';
  const bearer = auth.match(/^Bearer\s+token-(\d+)$/i);
  if (bearer) {
    const user = userById(bearer[1]); // demo users 1-3, load-test users 1000-9999
    return { user, via: user ? 'bearer' : null, session: null };
  }
  const session = findSession(req);
  const user = session && session.userId ? USERS[session.userId] || null : null;
  return { user, via: user ? 'session' : null, session };
}

// VerifyCsrfToken: reading methods pass; requests with a session cookie must carry the session's token
// as `_token`, `X-CSRF-TOKEN` or `X-XSRF-TOKEN` (our XSRF-TOKEN cookie is the plain token). Bearer requests pass.
export function csrfOk(req, params, who) {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return true;
  if (who.via === 'bearer') return true;
  const session = who.session;
  if (!session) return true; // no cookie session: nothing to forge
  const given = params._token || req.headers['x-csrf-token'] || req.headers['x-xsrf-token'];
  return typeof given === 'string' && given.length === session.csrf.length &&
    crypto.timingSafeEqual(Buffer.from(given), Buffer.from(session.csrf));
}
