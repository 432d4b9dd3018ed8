// The production build (dist/prod/, the `production` export condition): the same behaviour with
// short coded error messages, and none of the long ones in its files. The default build keeps the
// full messages; both carry the same EchoError codes, listed in the READMEs.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dist, ensureBuilt, root, runNode } from './helpers';

beforeAll(ensureBuilt);

const PRODUCTION = '--conditions=production';

/**
 * Runs `setup` (which defines `EchoError`) then `call` in a fresh Node process with the node
 * options `args`, and returns what the error `call` threw looks like.
 */
function caught(args: string[], setup: string, call: string, format: 'esm' | 'cjs' = 'esm') {
  const script = `${setup}
    let thrown;
    try { ${call} } catch (error) { thrown = error; }
    console.log(JSON.stringify({ name: thrown?.name, code: thrown?.code, message: thrown?.message, echoError: thrown instanceof EchoError }));`;
  const out = runNode(format === 'esm' ? [...args, '--input-type=module', '-e', script] : [...args, '-e', script]);
  return JSON.parse(out) as { name: string; code: string; message: string; echoError: boolean };
}

const core = "import Echo, { EchoError } from 'royalcms-echo';";
const badJoin = "new Echo({ broadcaster: 'null' }).join('order 1');";

describe('the production condition', () => {
  it('resolves every JS entry to dist/prod/, for import and require', () => {
    const entries = ['royalcms-echo', 'royalcms-echo/pusher', 'royalcms-echo/socket.io', 'royalcms-echo/react', 'royalcms-echo/vue', 'royalcms-echo/testing'];
    const script = `const entries = ${JSON.stringify(entries)};
      console.log(JSON.stringify({ import: entries.map((e) => import.meta.resolve(e)), require: entries.map((e) => require.resolve(e)) }));`;
    const wrapped = `import { createRequire } from 'node:module'; const require = createRequire(${JSON.stringify(root + '/')}); ${script}`;
    const production = JSON.parse(runNode([PRODUCTION, '--input-type=module', '-e', wrapped])) as { import: string[]; require: string[] };
    // In Node the core entries come from the Node build's production files (the `node` condition).
    const files = ['node/prod/index', 'node/prod/pusher', 'node/prod/socketio', 'prod/react', 'prod/vue', 'prod/testing'];
    expect(production.import.map((url) => url.slice(url.indexOf('/dist/')))).toEqual(files.map((file) => `/dist/${file}.js`));
    expect(production.require.map((file) => file.slice(file.indexOf('/dist/')))).toEqual(files.map((file) => `/dist/${file}.cjs`));
    const development = JSON.parse(runNode(['--input-type=module', '-e', wrapped])) as { import: string[]; require: string[] };
    expect(development.import.every((url) => !url.includes('/dist/prod/'))).toBe(true);
  });

  it('lists `production` after `types` (and `node`, see node-build.test.ts) and before `import`/`require` in each JS entry', () => {
    const exports = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).exports as Record<string, unknown>;
    for (const [subpath, target] of Object.entries(exports)) {
      if (typeof target !== 'object' || target === null) continue;
      expect(Object.keys(target).filter((key) => key !== 'node'), subpath).toEqual(['types', 'production', 'import', 'require']);
    }
  });
});

describe('error messages', () => {
  it('the production build (ESM) throws an EchoError with the short coded message naming the call and the value', () => {
    const error = caught([PRODUCTION], core, badJoin);
    expect(error).toEqual({
      name: 'EchoError',
      code: 'E9',
      message: '[royalcms-echo E9] join(): "order 1" (see README "Error codes")',
      echoError: true,
    });
  });

  it('the production build (CommonJS) does the same', () => {
    const error = caught([PRODUCTION], "const { Echo, EchoError } = require('royalcms-echo/pusher');", "new Echo({ broadcaster: 'pusher', key: '' });", 'cjs');
    expect(error).toEqual({
      name: 'EchoError',
      code: 'E4',
      message: '[royalcms-echo E4] new Echo() options.Pusher: undefined (see README "Error codes")',
      echoError: true,
    });
  });

  it('the default build keeps the full message, with the same code', () => {
    const error = caught([], core, badJoin);
    expect(error).toEqual({
      name: 'EchoError',
      code: 'E9',
      message: 'join() needs a non-empty channel name without spaces, got "order 1". Pass the name without its prefix, e.g. Echo.private(`order.${id}`).',
      echoError: true,
    });
  });

  it('the production adapters and testing helper throw the core EchoError with short messages', () => {
    const adapter = caught([PRODUCTION], `${core} import { echo } from 'royalcms-echo/react';`, 'echo();');
    expect(adapter).toEqual({ name: 'EchoError', code: 'E20', message: '[royalcms-echo E20] echo() (see README "Error codes")', echoError: true });
    const testing = caught([PRODUCTION], `${core} import { FakeEcho } from 'royalcms-echo/testing';`, "new FakeEcho().channel('a').listen('order shipped', () => {});");
    expect(testing).toEqual({ name: 'EchoError', code: 'E9', message: '[royalcms-echo E9] listen(): "order shipped" (see README "Error codes")', echoError: true });
  });
});

describe('the production files', () => {
  // One sentence of a long message from each part of the SDK (core, drivers, channels, adapters, testing).
  const LONG = [
    'name without spaces',
    'is not a valid Pusher channel name',
    'needs a callback function',
    'pusher-js was not found',
    'socket.io-client was not found',
    'client events need a private or presence channel',
    'client events are not supported on encrypted channels',
    'client events allow at most',
    'Echo has not been configured',
    'or a connector class such as NullConnector (import Echo from',
    'Later malformed frames on this connection are ignored',
  ];
  const files = (dir: string) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.c?js$/.test(file))
      .map((file) => join(dir, file));

  it('contain none of the long messages', () => {
    const prod = [...files(resolve(dist, 'prod')), ...files(resolve(dist, 'node/prod'))];
    expect(prod.length).toBeGreaterThanOrEqual(12 + 4 + 6 + 4);
    for (const file of prod) {
      const code = readFileSync(file, 'utf8');
      expect(LONG.filter((sentence) => code.includes(sentence)), file).toEqual([]);
    }
  });

  it('... which the default build and the IIFE do contain (so the check above looks for real text)', () => {
    const development = files(dist)
      .filter((file) => !file.includes('/prod/'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    expect(LONG.filter((sentence) => !development.includes(sentence))).toEqual([]);
    // The IIFE has the core and every driver, not the adapters nor the subpath entries' hints.
    const iife = readFileSync(resolve(dist, 'echo.iife.min.js'), 'utf8');
    const inIife = LONG.filter((sentence) => !['Echo has not been configured', 'or a connector class such as NullConnector (import Echo from'].includes(sentence));
    expect(inIife.filter((sentence) => !iife.includes(sentence))).toEqual([]);
  });
});

describe('error codes', () => {
  it('every code thrown in src/ has a row in both READMEs', () => {
    const codes = new Set<string>();
    for (const file of readdirSync(resolve(root, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
      for (const match of readFileSync(resolve(root, 'src', file), 'utf8').matchAll(/EchoError\.coded\(\s*'(E\d+)'/g)) codes.add(match[1]!);
    }
    expect(codes.size).toBeGreaterThanOrEqual(20);
    for (const readme of ['README.md', 'README.zh-CN.md']) {
      const text = readFileSync(resolve(root, readme), 'utf8');
      const rows = [...text.matchAll(/^\| `?(E\d+)`? \|/gm)].map((match) => match[1]);
      expect(rows, readme).toEqual([...codes].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))));
    }
  });
});
