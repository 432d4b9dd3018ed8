// Tiny check harness + helpers for smoke.mjs (Node only; client libraries come from the ROOT node_modules).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { URLS } from './config.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const rootRequire = createRequire(path.join(ROOT, 'package.json'));

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let passed = 0;
let failed = 0;
export async function check(name, fn, timeoutMs = 8000) {
  const t0 = Date.now();
  let timer;
  try {
    await Promise.race([fn(), new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`timeout ${timeoutMs} ms`)), timeoutMs); })]);
    passed++;
    console.log(`  ok    ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    console.log(`  FAIL  ${name}: ${e.message}`);
  } finally { clearTimeout(timer); }
}
export const summary = () => ({ passed, failed });

export function assert(cond, msg) { if (!cond) throw new Error(msg); }
export function assertEqual(actual, expected, msg) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${msg}: expected ${e}, got ${a}`);
}

// Records events; `next(pred)` resolves with the first (past or future) entry matching pred.
export class Recorder {
  constructor() { this.items = []; this.waiters = []; }
  push(item) {
    this.items.push(item);
    this.waiters = this.waiters.filter((w) => (w.pred(item) ? (w.resolve(item), false) : true));
  }
  next(pred = () => true, timeoutMs = 5000, what = 'event') {
    const found = this.items.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const w = { pred, resolve: (v) => { clearTimeout(t); resolve(v); } };
      const t = setTimeout(() => { this.waiters = this.waiters.filter((x) => x !== w); reject(new Error(`no ${what} within ${timeoutMs} ms`)); }, timeoutMs);
      this.waiters.push(w);
    });
  }
  count(pred) { return this.items.filter(pred).length; }
}

export async function backend(method, pathname, { body, headers = {} } = {}) {
  const res = await fetch(URLS.backend + pathname, {
    method,
    headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(10000),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: res.status, body: json, headers: res.headers };
}

export const trigger = (body, socketId) =>
  backend('POST', '/trigger', { body, headers: socketId ? { 'X-Socket-ID': socketId } : {} }).then((r) => {
    if (r.status !== 200) throw new Error(`trigger failed ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  });

// Logs in as a demo user: {cookie, csrf}.
export async function loginCookie(userId) {
  const r = await backend('GET', `/login?user=${userId}`);
  const cookies = r.headers.getSetCookie().map((c) => c.split(';')[0]);
  return { cookie: cookies.join('; '), csrf: r.body.csrf_token };
}
