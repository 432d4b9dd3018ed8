// Profiles behind the bench's misses (npm run bench -- --profile, or directly):
//   node bench/node/profile.mjs size                 bytes per source module in the app bundles
//   node bench/node/profile.mjs marginal --entry=native   gzip bytes each module costs the bundle (stubbed out)
//   node --expose-gc bench/node/profile.mjs memory   what each subscribed channel retains, by object kind
//   node --expose-gc bench/node/profile.mjs memory --variant=laravel   (project | laravel | raw | native)
//   node bench/node/profile.mjs auth                  500 auth requests: Node's fetch (undici, what the SDK
//                                                    uses) against http.request (what pusher-js's Node build uses)
// The memory and auth profiles need the bench's servers.
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { NODE, ROOT, projectEntryFile } from '../lib/sizes.mjs';
import { pusherVariant } from '../lib/variants.mjs';
import { PUSHER_CONN } from '../lib/servers.mjs';

const { build, transform } = createRequire(path.join(ROOT, 'package.json'))('esbuild');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const gz = (s) => zlib.gzipSync(s, { level: 9 }).length;

/**
 * Bundles each SDK entry from src/ (esbuild, the same settings as the size metric, minus the
 * transport) with a metafile: minified bytes per module, and how much of the bundle is string
 * literals (error messages) and what gzip says about it. `__DEV__` is false, as in dist/prod/
 * (what the size metric measures): the production code, short error messages.
 */
export async function profileSize({ entries = ['pusher', 'socketio', 'native'], top = 12 } = {}) {
  const out = {};
  for (const entry of entries) {
    const result = await buildEntry(entry);
    const code = result.outputFiles[0].text;
    const inputs = Object.values(result.metafile.outputs)[0].inputs;
    const modules = Object.entries(inputs)
      .map(([file, v]) => ({ module: path.relative(ROOT, file), min: v.bytesInOutput }))
      .filter((m) => m.min > 0)
      .sort((a, b) => b.min - a.min);
    const strings = code.match(/`(?:[^`\\]|\\.)*`|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g) ?? [];
    const long = strings.filter((s) => s.length > 24);
    // What the bundle would weigh with every long string literal replaced by a 4-character code.
    let coded = code;
    long.forEach((s, i) => (coded = coded.replace(s, JSON.stringify('E' + i.toString(36).padStart(2, '0')))));
    out[entry] = {
      min: code.length,
      gzip: gz(code),
      modules: modules.slice(0, top),
      otherModulesMin: modules.slice(top).reduce((a, m) => a + m.min, 0),
      stringLiterals: { count: strings.length, bytes: strings.reduce((a, s) => a + s.length, 0), longCount: long.length, longBytes: long.reduce((a, s) => a + s.length, 0) },
      withLongStringsAsCodes: { min: coded.length, gzip: gz(coded) },
    };
  }
  return out;
}

// The entry's own broadcaster, the transport taken from window (the driver entries have no null
// driver; the built-in client's transport is its own code, so its bundle is the whole application).
const entrySource = (entry) => {
  const options = entry === 'socketio' ? `{ broadcaster: 'socket.io', host: 'http://127.0.0.1:6001' }` : `{ broadcaster: 'pusher', key: 'app-key', cluster: 'mt1' }`;
  return `import Echo from ${JSON.stringify(path.join(ROOT, 'src', entry + '.ts'))};\nwindow.Echo = new Echo(${options});\n`;
};

function buildEntry(entry, plugins = [], minify = { minify: true }) {
  return build({
    stdin: { contents: entrySource(entry), resolveDir: ROOT, loader: 'js' },
    bundle: true, ...minify, format: 'esm', platform: 'browser', target: 'es2020', write: false, metafile: true, logLevel: 'silent',
    tsconfig: path.join(ROOT, 'tsconfig.json'), define: { __DEV__: 'false' }, plugins, absWorkingDir: ROOT,
  });
}

/**
 * What each source module costs the bundle of `entry`, in gzip -9 bytes, two ways:
 *   own       the module's own code: the bundle (minified names and syntax) with that module's
 *             section cut out, whitespace-minified, against the whole;
 *   with deps the module stubbed (an empty function per export): its code and whatever only it
 *             imports leave the bundle.
 * Shared names compress together, so the costs add up to about, not exactly, the whole.
 */
export async function profileMarginal({ entry = 'native' } = {}) {
  const whole = await buildEntry(entry);
  const code = whole.outputFiles[0].text;
  // The same bundle with esbuild's `// src/x.ts` section comments kept (no whitespace minification).
  const sectioned = (await buildEntry(entry, [], { minify: false, minifySyntax: true, minifyIdentifiers: true })).outputFiles[0].text;
  const sections = [];
  for (const part of sectioned.split(/^(?=\/\/ (?:src\/|<stdin>))/m)) {
    const header = /^\/\/ (\S+)/.exec(part);
    sections.push({ module: header ? header[1] : '(prelude)', text: part });
  }
  const squeeze = async (text) => (await transform(text, { minifyWhitespace: true, format: 'esm', target: 'es2020', logLevel: 'silent' })).code;
  const wholeSqueezed = gz(await squeeze(sectioned));
  const inputs = Object.values(whole.metafile.outputs)[0].inputs;
  const rows = [];
  for (const { module, text } of sections) {
    if (!module.startsWith('src/')) continue;
    const own = wholeSqueezed - gz(await squeeze(sectioned.replace(text, '')));
    // The module's export names, from esbuild itself.
    const alone = await build({ entryPoints: [path.join(ROOT, module)], bundle: false, write: false, metafile: true, format: 'esm', logLevel: 'silent', outdir: '/tmp/royalcms-echo-profile', define: { __DEV__: 'false' } });
    const exports = Object.values(alone.metafile.outputs)[0].exports;
    const stub = exports.map((name) => (name === 'default' ? 'export default function () {}' : `export function ${name}() {}`)).join('\n');
    const target = path.join(ROOT, module);
    const stubbed = await buildEntry(entry, [{ name: 'stub', setup: (b) => b.onLoad({ filter: /\.ts$/ }, (args) => (args.path === target ? { contents: stub, loader: 'js' } : undefined)) }]);
    rows.push({ module, min: inputs[module]?.bytesInOutput ?? 0, ownGzip: own, withDepsGzip: gz(code) - gz(stubbed.outputFiles[0].text) });
  }
  rows.sort((a, b) => b.ownGzip - a.ownGzip);
  return { entry, min: code.length, gzip: gz(code), modules: rows, ownGzipSum: rows.reduce((a, r) => a + r.ownGzip, 0) };
}

// ---------- heap snapshot: what the channels retain ----------
async function snapshotNodes({ idsOnly = false } = {}) {
  const text = await new Promise((resolve, reject) => {
    const chunks = [];
    const stream = v8.getHeapSnapshot();
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
  const snap = JSON.parse(text);
  const f = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [iType, iName, iId, iSize] = ['type', 'name', 'id', 'self_size'].map((k) => f.indexOf(k));
  if (idsOnly) {
    // Kept as one typed array, so the "before" side adds (almost) nothing to the "after" snapshot.
    const ids = new Float64Array(snap.nodes.length / f.length);
    for (let i = 0, j = 0; i < snap.nodes.length; i += f.length) ids[j++] = snap.nodes[i + iId];
    return ids.sort();
  }
  const nodes = new Map();
  for (let i = 0; i < snap.nodes.length; i += f.length) {
    nodes.set(snap.nodes[i + iId], { type: types[snap.nodes[i + iType]], name: snap.strings[snap.nodes[i + iName]], size: snap.nodes[i + iSize] });
  }
  return nodes;
}

function hasId(sorted, id) {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === id) return true;
    if (sorted[mid] < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Subscribes `channels` channels with one listener each (as the memory metric does) between two
 * heap snapshots and groups the objects that are new and still alive by kind: per channel bytes.
 */
export async function profileMemory({ variant: kind = 'project', channels = 1000, top = 25 } = {}) {
  const Pusher = kind === 'native' ? undefined : (await import('pusher-js')).default;
  const entry = kind === 'native' ? './native' : './pusher';
  const Echo = kind === 'raw' ? undefined : kind === 'laravel' ? (await import('laravel-echo')).default : (await import(pathToFileURL(projectEntryFile(entry, NODE)).href)).default;
  const WebSocket = kind === 'native' ? createRequire(path.join(ROOT, 'package.json'))('ws') : undefined;
  const variant = pusherVariant(kind, { Pusher, Echo, WebSocket }, PUSHER_CONN);
  await variant.connected();
  const callback = (data) => (globalThis.sink = data);
  // Warm up the code paths (one channel subscribed and left) so compiled code is not counted.
  variant.listen('profile-warm', 'BenchEvent', callback);
  await variant.subscribed('profile-warm');
  for (let i = 0; i < 6; i++) globalThis.gc();
  const before = await snapshotNodes({ idsOnly: true });
  for (let i = 0; i < 6; i++) globalThis.gc();
  for (let i = 0; i < channels; i++) variant.listen(`profile-${process.pid}-${i}`, 'BenchEvent', callback);
  for (let i = 0; i < 300 && !variant.allSubscribed(); i++) await sleep(20);
  for (let i = 0; i < 6; i++) globalThis.gc();
  const after = await snapshotNodes();
  const groups = new Map();
  let total = 0;
  for (const [id, node] of after) {
    // Native (off-heap) data is not heap; the largest one here is this profiler's own id list.
    if (node.type === 'native' || hasId(before, id)) continue;
    const key = `${node.type}: ${node.name.slice(0, 60)}`;
    const g = groups.get(key) ?? { kind: key, count: 0, bytes: 0 };
    g.count++;
    g.bytes += node.size;
    total += node.size;
    groups.set(key, g);
  }
  variant.disconnect();
  const rows = [...groups.values()].sort((a, b) => b.bytes - a.bytes).slice(0, top).map((g) => ({ ...g, perChannel: g.bytes / channels, countPerChannel: g.count / channels }));
  return { variant: kind, channels, newBytesPerChannel: total / channels, top: rows };
}

/**
 * The HTTP client alone, no SDK: 500 concurrent POSTs to /broadcasting/auth with fetch() and with
 * http.request(), each in a fresh state (first round) and warm (median of the next rounds).
 */
export async function profileAuth({ requests = 500, rounds = 4 } = {}) {
  const http = await import('node:http');
  const { BACKEND, TOKEN } = await import('../lib/servers.mjs');
  const url = `${BACKEND}/broadcasting/auth`;
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', Authorization: `Bearer ${TOKEN}` };
  const body = (i) => `socket_id=1234.5678&channel_name=private-chat.profile${i}`;
  const viaFetch = () => Promise.all(Array.from({ length: requests }, (_, i) => fetch(url, { method: 'POST', headers, body: body(i) }).then((r) => r.text())));
  const viaHttp = () =>
    Promise.all(
      Array.from({ length: requests }, (_, i) =>
        new Promise((resolve, reject) => {
          const req = http.request(url, { method: 'POST', headers }, (res) => {
            res.resume();
            res.on('end', resolve);
          });
          req.on('error', reject);
          req.end(body(i));
        }),
      ),
    );
  const out = { requests, fetch: [], http: [] };
  for (let r = 0; r < rounds; r++) {
    for (const [name, run] of r % 2 ? [['http', viaHttp], ['fetch', viaFetch]] : [['fetch', viaFetch], ['http', viaHttp]]) {
      const t0 = performance.now();
      await run();
      out[name].push(performance.now() - t0);
    }
  }
  return out;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const [what, ...rest] = process.argv.slice(2);
  const opt = Object.fromEntries(rest.map((a) => a.replace(/^--/, '').split('=')));
  const result =
    what === 'memory'
      ? await profileMemory({ variant: opt.variant, channels: Number(opt.channels ?? 1000) })
      : what === 'auth'
        ? await profileAuth()
        : what === 'marginal'
          ? await profileMarginal({ entry: opt.entry })
          : await profileSize();
  if (opt.json !== undefined) fs.writeFileSync(opt.json || 'profile.json', JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
  process.exit(0);
}
