// The Node build (dist/node/ and dist/node/prod/, the `node` export condition): Node gets the
// node:http client, browser bundlers never see a node: import, the core is one build in Node
// whatever entry it comes through, and every entry that needs the condition has it.
import { build, type Metafile } from 'esbuild';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dist, ensureBuilt, root, runNode } from './helpers';

beforeAll(ensureBuilt);

type Target = string | { [condition: string]: Target };
const exportsMap = () => JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).exports as Record<string, Target>;
const CORE = ['royalcms-echo', 'royalcms-echo/pusher', 'royalcms-echo/socket.io'];
const ADAPTERS = ['royalcms-echo/react', 'royalcms-echo/vue', 'royalcms-echo/testing'];
const inDist = (file: string) => file.slice(file.indexOf('/dist/'));

/** The ESM files an entry loads (its own and the chunks it imports, transitively), relative to dist/. */
function closure(file: string, seen = new Set<string>()): Set<string> {
  seen.add(relative(dist, file));
  for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*'(\.[^']+)'/g)) {
    const next = resolve(dirname(file), spec!);
    if (!seen.has(relative(dist, next))) closure(next, seen);
  }
  return seen;
}

const jsFiles = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => /\.c?js$/.test(file));

/** Where Node's `import` and `require` resolve each specifier, with the node options `args`. */
function resolved(specifiers: string[], args: string[] = []) {
  const script = `import { createRequire } from 'node:module';
    const require = createRequire(${JSON.stringify(root + '/')});
    const specifiers = ${JSON.stringify(specifiers)};
    console.log(JSON.stringify({ import: specifiers.map((s) => new URL(import.meta.resolve(s)).pathname), require: specifiers.map((s) => require.resolve(s)) }));`;
  const out = JSON.parse(runNode([...args, '--input-type=module', '-e', script])) as { import: string[]; require: string[] };
  return { import: out.import.map(inDist), require: out.require.map(inDist) };
}

describe('Node resolves the core entries to the Node build', () => {
  it('import and require of royalcms-echo, /pusher and /socket.io go to dist/node/', () => {
    expect(resolved(CORE)).toEqual({
      import: ['/dist/node/index.js', '/dist/node/pusher.js', '/dist/node/socketio.js'],
      require: ['/dist/node/index.cjs', '/dist/node/pusher.cjs', '/dist/node/socketio.cjs'],
    });
  });

  it('with --conditions=production they go to dist/node/prod/', () => {
    expect(resolved(CORE, ['--conditions=production'])).toEqual({
      import: ['/dist/node/prod/index.js', '/dist/node/prod/pusher.js', '/dist/node/prod/socketio.js'],
      require: ['/dist/node/prod/index.cjs', '/dist/node/prod/pusher.cjs', '/dist/node/prod/socketio.cjs'],
    });
  });

  it('the adapters and the testing helper keep their one build (they import the core as the package)', () => {
    expect(resolved(ADAPTERS).import).toEqual(['/dist/react.js', '/dist/vue.js', '/dist/testing.js']);
  });

  it('in Node the core is one build whatever entry it comes through (one EchoError class)', () => {
    const out = runNode([
      '--input-type=module',
      '-e',
      `const [a, b, c] = await Promise.all(${JSON.stringify(CORE)}.map((s) => import(s)));
       const { createRequire } = await import('node:module');
       const d = createRequire(${JSON.stringify(root + '/')})('royalcms-echo/socket.io');
       console.log(JSON.stringify([a.EchoError === b.EchoError, b.EchoError === c.EchoError, a.EchoBase === c.EchoBase, typeof d.EchoError]));`,
    ]);
    expect(JSON.parse(out)).toEqual([true, true, true, 'function']);
  });

  it('royalcms-echo/socket.io in Node loads no HTTP client', () => {
    const code = [...closure(resolve(dist, 'node/socketio.js'))].map((file) => readFileSync(resolve(dist, file), 'utf8')).join('\n');
    expect(code).not.toMatch(/from 'node:/);
    // ...while the Pusher entries, which authorize, reach it (in whichever shared chunk rollup put it).
    for (const entry of ['node/pusher.js', 'node/native.js']) {
      const pusher = [...closure(resolve(dist, entry))].map((file) => readFileSync(resolve(dist, file), 'utf8')).join('\n');
      expect(pusher, entry).toMatch(/from 'node:http'/);
    }
  });
});

describe('browser bundlers never see node: imports', () => {
  async function browserBundle(source: string, conditions: string[] = []): Promise<{ code: string; metafile: Metafile }> {
    const result = await build({
      stdin: { contents: source, resolveDir: root, loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      conditions,
      write: false,
      metafile: true,
      logLevel: 'silent',
      external: ['pusher-js', 'socket.io-client'],
    });
    return { code: result.outputFiles[0]!.text, metafile: result.metafile };
  }
  const source = `import Echo from 'royalcms-echo';
    import PusherEcho from 'royalcms-echo/pusher';
    import SocketEcho from 'royalcms-echo/socket.io';
    window.all = [Echo, PusherEcho, SocketEcho];`;

  for (const conditions of [[], ['production']]) {
    it(`an esbuild --platform=browser bundle of the core entries${conditions.length ? ' (production)' : ''} has no node: import and no file of dist/node/`, async () => {
      const { code, metafile } = await browserBundle(source, conditions);
      const inputs = Object.keys(metafile.inputs);
      expect(inputs.filter((file) => file.includes('dist/node/'))).toEqual([]);
      expect(inputs.some((file) => file.includes(conditions.length ? 'dist/prod/shared/pusher-connector.js' : 'dist/shared/pusher-connector.js'))).toBe(true);
      const imports = Object.values(metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
      expect(imports.filter((path) => path.startsWith('node:'))).toEqual([]);
      expect(code).not.toMatch(/node:/);
      // ... and it carries the fetch client.
      expect(code).toContain('credentials: "same-origin"');
    });
  }

  it('no file of the browser builds (dist/, dist/prod/, the IIFE) imports a node: module', () => {
    const browserFiles = jsFiles(dist).filter((file) => !file.startsWith('node/'));
    expect(browserFiles.length).toBeGreaterThanOrEqual(2 * 12 + 2);
    const offenders = browserFiles.filter((file) => /(?:from\s*|import\s*\(?\s*|require\()['"]node:/.test(readFileSync(resolve(dist, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

describe('the `node` condition in package.json', () => {
  const defaultFile = (target: Target): string | undefined =>
    typeof target === 'string' ? target : typeof target['import'] === 'string' ? target['import'] : undefined;

  it('is on exactly the entries that send HTTP requests and those that share a chunk with them', () => {
    const entries = Object.entries(exportsMap()).filter(([, target]) => typeof target === 'object' && defaultFile(target)?.endsWith('.js'));
    const files = new Map(entries.map(([subpath, target]) => [subpath, closure(resolve(root, defaultFile(target)!))]));
    const sendsHttp = [...files].filter(([, set]) => [...set].some((file) => readFileSync(resolve(dist, file), 'utf8').includes('application/x-www-form-urlencoded')));
    // (A new entry that sends requests or shares a chunk with one lands in needNode: give it the
    // condition here and put it in rollup.config.mjs's coreEntries.)
    expect(sendsHttp.map(([subpath]) => subpath)).toEqual(expect.arrayContaining(['.', './pusher']));
    const httpChunks = new Set(sendsHttp.flatMap(([, set]) => [...set].filter((file) => file.startsWith('shared/'))));
    const needNode = [...files].filter(([, set]) => [...set].some((file) => httpChunks.has(file))).map(([subpath]) => subpath);
    const haveNode = entries.filter(([, target]) => typeof target === 'object' && 'node' in target).map(([subpath]) => subpath);
    expect(haveNode).toEqual(needNode);
  });

  it('comes right after `types`, with `production` nested first, in each entry that has it, and its files are built', () => {
    const files = (target: Target): string[] => (typeof target === 'string' ? [target] : Object.values(target).flatMap(files));
    for (const [subpath, target] of Object.entries(exportsMap())) {
      if (typeof target !== 'object' || !('node' in target)) continue;
      expect(Object.keys(target).slice(0, 2), subpath).toEqual(['types', 'node']);
      expect(Object.keys(target['node'] as object), subpath).toEqual(['production', 'import', 'require']);
      expect(files(target['node']!).filter((file) => !file.startsWith('./dist/node/') || !existsSync(resolve(root, file))), subpath).toEqual([]);
    }
  });
});

describe('the Node build on the wire', () => {
  let server: http.Server;
  let url: string;
  const seen: http.IncomingHttpHeaders[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      req.on('end', () => res.end('{"auth":"app-key:signature"}'));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/broadcasting/auth`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });

  // Authorizes one channel through the SDK's channelAuthorization handler (a stand-in for
  // pusher-js calls it), importing `specifier` in a fresh Node process.
  const authorizeWith = (specifier: string) =>
    new Promise<string>((done, fail) => {
      const script = `const { Echo } = await import(${JSON.stringify(specifier)});
        let options;
        class Pusher {
          constructor(key, o) { options = o; this.connection = { state: 'connected', socket_id: '1.2', bind() {}, unbind() {} }; }
          subscribe() { return { bind() {}, unbind() {}, subscribed: false, name: 'x' }; }
          channel() { return undefined; }
        }
        new Echo({ broadcaster: 'pusher', Pusher, key: 'app-key', cluster: 'mt1', authEndpoint: process.argv[1], withoutInterceptors: true });
        options.channelAuthorization.customHandler({ socketId: '1.2', channelName: 'private-a' }, (error, data) => console.log(JSON.stringify({ error: error && String(error), data })));`;
      execFile(process.execPath, ['--input-type=module', '-e', script, url], { cwd: root, encoding: 'utf8', timeout: 10000 }, (error, stdout) =>
        error ? fail(error) : done(stdout.trim()),
      );
    });

  it('`royalcms-echo/pusher` in Node authorizes through node:http (no fetch headers such as sec-fetch-mode)', async () => {
    seen.length = 0;
    expect(JSON.parse(await authorizeWith('royalcms-echo/pusher'))).toEqual({ error: null, data: { auth: 'app-key:signature' } });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', connection: 'keep-alive' });
    expect(seen[0]!['sec-fetch-mode']).toBeUndefined();
  });

  it('... which the default (browser) build, loaded by its path, does send: it uses fetch', async () => {
    seen.length = 0;
    expect(JSON.parse(await authorizeWith(resolve(dist, 'pusher.js')))).toEqual({ error: null, data: { auth: 'app-key:signature' } });
    expect(seen[0]!['sec-fetch-mode']).toBe('cors');
  });
});
