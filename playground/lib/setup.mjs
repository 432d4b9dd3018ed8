// First-run work of `npm start`: install what is missing (npm packages from the committed
// lockfiles, Debian's redis-server for the Socket.IO drivers) and build the SDK when dist/ is
// older than its sources.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const mtime = (file) => { try { return fs.statSync(file).mtimeMs; } catch { return 0; } };

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : mtime(full));
  }
  return newest;
}

function run(cmd, args, { cwd, log, what }) {
  const t0 = Date.now();
  log(`${what}: ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } });
  if (result.error) throw new Error(`${what} failed: ${result.error.message}`);
  if (result.signal === 'SIGINT' || result.signal === 'SIGTERM') {
    throw Object.assign(new Error(`${what}: interrupted`), { interrupted: true }); // Ctrl-C reached the child too
  }
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status ?? result.signal}); see the output above.`);
  return Date.now() - t0;
}

/** npm ci in `dir` when its node_modules is missing or older than its package-lock.json. */
function ensureNpm(root, dir, log) {
  const lock = path.join(root, dir, 'package-lock.json');
  const stamp = path.join(root, dir, 'node_modules/.package-lock.json'); // npm rewrites it on every install
  if (fs.existsSync(stamp) && mtime(stamp) >= mtime(lock)) return null;
  const prefix = dir === '.' ? [] : ['--prefix', dir];
  return run('npm', ['ci', ...prefix, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, log, what: `installing ${dir === '.' ? 'the SDK\'s' : dir} npm packages` });
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function ensureRedis(log) {
  if (hasCommand('redis-server')) return null;
  if (process.getuid?.() !== 0) {
    throw new Error('redis-server is not installed; the Socket.IO drivers need it. Install it (sudo apt-get install redis-server) or use the default soketi driver.');
  }
  const t0 = Date.now();
  run('apt-get', ['update', '-qq'], { log, what: 'installing redis-server' });
  run('apt-get', ['install', '-y', '-qq', 'redis-server'], { log, what: 'installing redis-server' });
  return Date.now() - t0;
}

/** True when dist/echo.iife.min.js is missing or older than anything it is built from. */
export function sdkIsStale(root) {
  const built = mtime(path.join(root, 'dist/echo.iife.min.js'));
  if (!built) return true;
  const inputs = Math.max(
    newestMtime(path.join(root, 'src')),
    ...['rollup.config.mjs', 'tsconfig.json', 'package.json'].map((f) => mtime(path.join(root, f))),
  );
  return inputs > built;
}

/** Returns {installMs, buildMs} (null for a step that had nothing to do). */
export function prepare({ root, driver, rebuild, log }) {
  let installMs = null;
  const add = (ms) => { if (ms !== null) installMs = (installMs ?? 0) + ms; };
  add(ensureNpm(root, '.', log));
  add(ensureNpm(root, 'test/e2e/servers', log));
  if (driver !== 'soketi') add(ensureRedis(log));

  let buildMs = null;
  if (rebuild || sdkIsStale(root)) {
    buildMs = run(process.execPath, [path.join(root, 'node_modules/rollup/dist/bin/rollup'), '-c', 'rollup.config.mjs', '--silent'], {
      cwd: root, log, what: 'building the SDK (dist/)',
    });
  } else {
    log('SDK build is up to date (dist/ is newer than src/); npm start -- --rebuild forces a build');
  }
  return { installMs, buildMs };
}
