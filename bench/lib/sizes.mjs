// Bundle sizes: the application bundles the bench measures and the size-budget test checks.
// Each entry is a tiny application that imports and constructs Echo (or only the transport),
// bundled by esbuild for the browser as ESM, minified, with the `production` export condition (a
// production build, as Vite and webpack make it; royalcms-echo then gives its short-message build,
// dist/prod/); sizes are the minified bytes and the gzip -9 bytes (node:zlib level 9, which is
// deterministic).
//
// Used by bench/run.mjs (every variant, from bench/node_modules) and by
// test/package/size-budget.test.ts (the project's own entries, from the root node_modules; the
// transports are the same versions there, so the bytes are the same).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCH_DIR = path.join(ROOT, 'bench');
// esbuild is the root's devDependency (one copy, one version for the bench and the test).
const { build } = createRequire(path.join(ROOT, 'package.json'))('esbuild');

const PUSHER_OPTIONS = `{ broadcaster: 'pusher', Pusher, key: 'app-key', cluster: 'mt1' }`;
// The built-in client: the same options without a Pusher constructor (the platform's WebSocket).
const NATIVE_OPTIONS = `{ broadcaster: 'pusher', key: 'app-key', cluster: 'mt1' }`;
const LARAVEL_PUSHER = `import Echo from 'laravel-echo';\nimport Pusher from 'pusher-js';\nwindow.Echo = new Echo(${PUSHER_OPTIONS});\n`;
const RAW_PUSHER = `import Pusher from 'pusher-js';\nwindow.pusher = new Pusher('app-key', { cluster: 'mt1' });\n`;
const SIO_OPTIONS = `{ broadcaster: 'socket.io', client: io, host: 'http://127.0.0.1:6001' }`;
const HOOK_COMPONENT = (hook) => `
export function OrderStatus() {
  ${hook}('order.1', 'OrderShipped', (e) => console.log(e));
  return null;
}`;

/**
 * Groups of entries. In each group `project` is compared with `laravel` (laravel-echo 2.5.0 or
 * its adapter) and both with `raw` (the transport alone): overhead = bundle - raw.
 * `entry` names the royalcms-echo subpath the project entry needs (skipped when the package does
 * not export it yet). `adapter` marks the React/Vue entries (their own size target in run.mjs).
 * `builtIn` marks the built-in Pusher client's applications (no pusher-js): the whole bundle is
 * what counts there (issue 11: <= 6,500 B gzip for royalcms-echo/native), with laravel-echo +
 * pusher-js and pusher-js alone beside it for scale.
 */
export const SIZE_GROUPS = [
  {
    id: 'pusher',
    label: 'Echo + pusher-js',
    entry: './pusher',
    project: `import Echo from 'royalcms-echo/pusher';\nimport Pusher from 'pusher-js';\nwindow.Echo = new Echo(${PUSHER_OPTIONS});\n`,
    laravel: `import Echo from 'laravel-echo';\nimport Pusher from 'pusher-js';\nwindow.Echo = new Echo(${PUSHER_OPTIONS});\n`,
    raw: `import Pusher from 'pusher-js';\nwindow.pusher = new Pusher('app-key', { cluster: 'mt1' });\n`,
  },
  {
    id: 'socketio',
    label: 'Echo + socket.io-client',
    entry: './socket.io',
    project: `import Echo from 'royalcms-echo/socket.io';\nimport { io } from 'socket.io-client';\nwindow.Echo = new Echo(${SIO_OPTIONS});\n`,
    laravel: `import Echo from 'laravel-echo';\nimport { io } from 'socket.io-client';\nwindow.Echo = new Echo(${SIO_OPTIONS});\n`,
    raw: `import { io } from 'socket.io-client';\nwindow.socket = io('http://127.0.0.1:6001');\n`,
  },
  {
    id: 'main',
    label: "Echo (main entry, all drivers) + pusher-js",
    entry: '.',
    project: `import Echo from 'royalcms-echo';\nimport Pusher from 'pusher-js';\nwindow.Echo = new Echo(${PUSHER_OPTIONS});\n`,
    laravel: `import Echo from 'laravel-echo';\nimport Pusher from 'pusher-js';\nwindow.Echo = new Echo(${PUSHER_OPTIONS});\n`,
    raw: `import Pusher from 'pusher-js';\nwindow.pusher = new Pusher('app-key', { cluster: 'mt1' });\n`,
  },
  {
    id: 'native',
    label: 'Echo, built-in client (royalcms-echo/native), no pusher-js',
    entry: './native',
    builtIn: true,
    project: `import Echo from 'royalcms-echo/native';\nwindow.Echo = new Echo(${NATIVE_OPTIONS});\n`,
    laravel: LARAVEL_PUSHER,
    raw: RAW_PUSHER,
  },
  {
    id: 'mainBuiltIn',
    label: 'Echo (main entry, all drivers), built-in client, no pusher-js',
    entry: '.',
    builtIn: true,
    project: `import Echo from 'royalcms-echo';\nwindow.Echo = new Echo(${NATIVE_OPTIONS});\n`,
    laravel: LARAVEL_PUSHER,
    raw: RAW_PUSHER,
  },
  {
    // Encrypted channels: the secretbox from royalcms-echo/encrypted (@noble/ciphers). Laravel Echo
    // needs pusher-js's with-encryption build for them (tweetnacl inside).
    id: 'nativeEncrypted',
    label: 'Echo, built-in client + royalcms-echo/encrypted (nacl from @noble/ciphers)',
    entry: './encrypted',
    builtIn: true,
    project: `import Echo from 'royalcms-echo/native';\nimport { nacl } from 'royalcms-echo/encrypted';\nwindow.Echo = new Echo({ broadcaster: 'pusher', key: 'app-key', cluster: 'mt1', nacl });\n`,
    laravel: `import Echo from 'laravel-echo';\nimport Pusher from 'pusher-js/with-encryption';\nwindow.Echo = new Echo(${PUSHER_OPTIONS});\n`,
    raw: `import Pusher from 'pusher-js/with-encryption';\nwindow.pusher = new Pusher('app-key', { cluster: 'mt1' });\n`,
  },
  {
    id: 'react',
    label: 'React adapter + pusher-js (react external)',
    entry: './react',
    adapter: true,
    project: `import { configureEcho, useEcho } from 'royalcms-echo/react';\nimport Pusher from 'pusher-js';\nconfigureEcho(${PUSHER_OPTIONS});\n${HOOK_COMPONENT('useEcho')}\n`,
    laravel: `import { configureEcho, useEcho } from '@laravel/echo-react';\nimport Pusher from 'pusher-js';\nconfigureEcho(${PUSHER_OPTIONS});\n${HOOK_COMPONENT('useEcho')}\n`,
    raw: `import Pusher from 'pusher-js';\nwindow.pusher = new Pusher('app-key', { cluster: 'mt1' });\n`,
  },
  {
    // The smallest way to use the adapters: an Echo from the Pusher entry given to <EchoProvider>
    // (configureEcho() accepts options too, so it always carries the all-drivers Echo of the main
    // entry). Laravel's side is its usual configureEcho().
    id: 'reactLean',
    label: 'React adapter, <EchoProvider> with Echo from royalcms-echo/pusher + pusher-js',
    entry: './react',
    adapter: true,
    project: `import Echo from 'royalcms-echo/pusher';\nimport { EchoProvider, useEcho } from 'royalcms-echo/react';\nimport { createElement } from 'react';\nimport Pusher from 'pusher-js';\nconst echo = new Echo(${PUSHER_OPTIONS});\nexport const App = () => createElement(EchoProvider, { echo }, createElement(OrderStatus));\n${HOOK_COMPONENT('useEcho')}\n`,
    laravel: `import { configureEcho, useEcho } from '@laravel/echo-react';\nimport Pusher from 'pusher-js';\nconfigureEcho(${PUSHER_OPTIONS});\n${HOOK_COMPONENT('useEcho')}\n`,
    raw: `import Pusher from 'pusher-js';\nwindow.pusher = new Pusher('app-key', { cluster: 'mt1' });\n`,
  },
  {
    id: 'vue',
    label: 'Vue adapter + pusher-js (vue external)',
    entry: './vue',
    adapter: true,
    project: `import { configureEcho, useEcho } from 'royalcms-echo/vue';\nimport Pusher from 'pusher-js';\nconfigureEcho(${PUSHER_OPTIONS});\n${HOOK_COMPONENT('useEcho')}\n`,
    laravel: `import { configureEcho, useEcho } from '@laravel/echo-vue';\nimport Pusher from 'pusher-js';\nconfigureEcho(${PUSHER_OPTIONS});\n${HOOK_COMPONENT('useEcho')}\n`,
    raw: `import Pusher from 'pusher-js';\nwindow.pusher = new Pusher('app-key', { cluster: 'mt1' });\n`,
  },
];

/** Informational: the SDK alone, the transport taken from window (not bundled). */
export const SDK_ONLY = {
  project: `import Echo from 'royalcms-echo/pusher';\nwindow.Echo = new Echo({ broadcaster: 'pusher', key: 'app-key', cluster: 'mt1' });\n`,
  laravel: `import Echo from 'laravel-echo';\nwindow.Echo = new Echo({ broadcaster: 'pusher', key: 'app-key', cluster: 'mt1' });\n`,
};

/**
 * Informational (the bench only): the other secretbox the issue compares, tweetnacl's nacl-fast
 * (what pusher-js's with-encryption build carries), passed as `nacl` to the built-in client instead
 * of royalcms-echo/encrypted. tweetnacl is resolved from the bench's node_modules (pusher-js's own
 * dependency there).
 */
export const NACL_ALTERNATIVE = {
  label: 'Echo, built-in client + tweetnacl (nacl-fast) as nacl',
  project: `import Echo from 'royalcms-echo/native';\nimport nacl from 'tweetnacl';\nwindow.Echo = new Echo({ broadcaster: 'pusher', key: 'app-key', cluster: 'mt1', nacl });\n`,
};

/** Frameworks the adapters are written for: the application has them anyway, so they stay out. */
export const EXTERNAL = ['react', 'react-dom', 'vue'];

/** The export conditions of an application's production build for the browser, as esbuild gets them. */
export const CONDITIONS = ['production'];
const BROWSER = new Set([...CONDITIONS, 'import', 'browser', 'default']);
/** What a Node application run with --conditions=production matches (the Node metrics' build). */
export const NODE = new Set(['node', 'production', 'import', 'default']);

const rootPackage = () => JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** True when the root package exports `subpath` (e.g. './react') and its ESM build exists. */
export function projectHasEntry(subpath) {
  const file = projectEntryFile(subpath);
  return Boolean(file && fs.existsSync(file));
}

// The file of an exports target for a set of conditions: the first matching key wins, in the
// order the package lists them (Node's and the bundlers' rule), nested objects included.
function exportTarget(target, matched) {
  if (typeof target === 'string') return target;
  for (const [condition, value] of Object.entries(target ?? {})) {
    const file = matched.has(condition) ? exportTarget(value, matched) : undefined;
    if (file) return file;
  }
  return undefined;
}

/**
 * The ESM file the root package exports for `subpath` in a production build for the browser (or,
 * with `conditions` NODE, in Node). BENCH_PROJECT_DIST=/some/dist measures another build of the SDK
 * instead (same file names), e.g. a candidate change built elsewhere.
 */
export function projectEntryFile(subpath, conditions = BROWSER) {
  const file = exportTarget(rootPackage().exports?.[subpath], conditions);
  if (typeof file !== 'string') return undefined;
  const dist = process.env.BENCH_PROJECT_DIST;
  return dist ? path.join(path.resolve(dist), path.relative(path.join(ROOT, 'dist'), path.join(ROOT, file))) : path.join(ROOT, file);
}

// `royalcms-echo[/sub]` -> the file the root package.json exports for it (dist/, as published).
const projectResolver = {
  name: 'royalcms-echo',
  setup(b) {
    b.onResolve({ filter: /^royalcms-echo(\/.*)?$/ }, (args) => {
      const subpath = args.path === 'royalcms-echo' ? '.' : '.' + args.path.slice('royalcms-echo'.length);
      const file = projectEntryFile(subpath);
      if (!file || !fs.existsSync(file)) return { errors: [{ text: `royalcms-echo does not export ${subpath} (or ${file} is not built)` }] };
      return { path: file };
    });
  },
};

/** Bundles `source` (resolving bare imports from `resolveDir`) and returns its minified code. */
export async function bundle(source, resolveDir) {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: 'js', sourcefile: 'app.js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    conditions: CONDITIONS,
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
    external: EXTERNAL,
    plugins: [projectResolver],
  });
  return result.outputFiles[0].contents;
}

export const gzipSize = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length;

/** { min, gzip } bytes of the bundled `source`. */
export async function measure(source, resolveDir) {
  const code = await bundle(source, resolveDir);
  return { min: code.length, gzip: gzipSize(code) };
}

/** Sizes of the project's own entries (what the budget test checks); absent adapters are skipped. */
export async function projectSizes(resolveDir = ROOT) {
  const out = {};
  for (const group of SIZE_GROUPS) {
    if (!projectHasEntry(group.entry)) continue;
    out[group.id] = await measure(group.project, resolveDir);
  }
  out.sdkOnly = await measure(SDK_ONLY.project, resolveDir);
  return out;
}
