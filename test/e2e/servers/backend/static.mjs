// Static files: test pages (mounts from BACKEND_STATIC / --static), the SDK's dist/ and vendor client libraries.
// In served .html files `{{ csrf_token() }}` is replaced with the session's CSRF token (a session is created).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSession } from './session.mjs';
import { sendText } from './http-util.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const NM = path.join(ROOT, 'node_modules');

const VENDOR = {
  'pusher.min.js': 'pusher-js/dist/web/pusher.min.js',
  'pusher.js': 'pusher-js/dist/web/pusher.js',
  'pusher-with-encryption.min.js': 'pusher-js/dist/web/pusher-with-encryption.min.js',
  'pusher-with-encryption.js': 'pusher-js/dist/web/pusher-with-encryption.js',
  'socket.io.min.js': 'socket.io-client/dist/socket.io.min.js',
  'socket.io.js': 'socket.io-client/dist/socket.io.js',
  'socket.io-v2.js': 'socket.io-client-v2/dist/socket.io.js',
  'axios.min.js': 'axios/dist/axios.min.js',
};

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json',
  '.map': 'application/json', '.ts': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

// "/=test/e2e/pages;/playground/=playground" (paths relative to the repo root unless absolute).
// Default: / -> test/e2e/pages, /build/ -> .tmp/pages (bundles built by the Playwright globalSetup).
function parseMounts(spec) {
  return spec.split(';').filter(Boolean).map((entry) => {
    const [prefix, dir] = entry.split('=');
    return { prefix: prefix.endsWith('/') ? prefix : prefix + '/', dir: path.resolve(ROOT, dir) };
  });
}

export function createStatic(spec) {
  const mounts = [{ prefix: '/dist/', dir: path.join(ROOT, 'dist') }, ...parseMounts(spec)]
    .sort((a, b) => b.prefix.length - a.prefix.length);

  function resolveFile(pathname) {
    if (pathname.startsWith('/vendor/')) {
      const name = pathname.slice('/vendor/'.length);
      const base = name.endsWith('.map') ? name.slice(0, -4) : name;
      return VENDOR[base] ? path.join(NM, VENDOR[base]) + (name === base ? '' : '.map') : null;
    }
    const mount = mounts.find((m) => pathname.startsWith(m.prefix) || pathname + '/' === m.prefix);
    if (!mount) return null;
    const rel = decodeURIComponent(pathname.slice(mount.prefix.length));
    const file = path.resolve(mount.dir, '.' + path.sep + rel);
    if (file !== mount.dir && !file.startsWith(mount.dir + path.sep)) return null; // traversal
    try {
      return fs.statSync(file).isDirectory() ? path.join(file, 'index.html') : file;
    } catch { return file; }
  }

  // Returns true when the request was answered.
  return function serveStatic(req, res, url) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const file = resolveFile(url.pathname);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return false;
    const type = TYPES[path.extname(file)] || 'application/octet-stream';
    let body = fs.readFileSync(file);
    if (type.startsWith('text/html') && body.includes('csrf_token()')) {
      const { csrf } = ensureSession(req, res);
      body = Buffer.from(body.toString('utf8').replace(/\{\{\s*csrf_token\(\)\s*\}\}/g, csrf));
    }
    if (req.method === 'HEAD') { res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }); res.end(); return true; }
    sendText(res, 200, body, type);
    return true;
  };
}

export function mountsFromEnvAndArgs(argv) {
  const parts = [];
  for (let i = 0; i < argv.length; i++) if (argv[i] === '--static' && argv[i + 1]) parts.push(argv[++i]);
  return parts.join(';') || process.env.BACKEND_STATIC || '/=test/e2e/pages;/build/=.tmp/pages';
}
