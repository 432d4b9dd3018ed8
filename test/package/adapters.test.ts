// The built adapter entries (royalcms-echo/react, /vue, /testing) as applications get them:
// one copy of the core in a bundle that uses the core and the adapters, no transport unless the
// application imports one, CommonJS and ESM loading in Node, and public types without `any`.
import { build, type Metafile } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dist, ensureBuilt, root, runNode } from './helpers';

beforeAll(ensureBuilt);

async function bundle(source: string, options: { minify?: boolean; external?: string[] } = {}): Promise<{ code: string; metafile: Metafile }> {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: options.minify ?? false,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: options.external ?? ['react', 'react-dom', 'vue'],
  });
  return { code: result.outputFiles[0]!.text, metafile: result.metafile };
}

/** How many classes named `name` (or a renamed duplicate such as `name2`) the bundle defines. */
const classCount = (code: string, name: string) => (code.match(new RegExp(`\\bclass ${name}\\d*\\b|\\b${name}\\d* = class\\b`, 'g')) ?? []).length;

describe('one copy of the core', () => {
  it('an application using the core, the React and Vue adapters and the testing helper bundles each core class once', async () => {
    const { code, metafile } = await bundle(`
      import Echo, { EchoBase } from 'royalcms-echo';
      import PusherEcho from 'royalcms-echo/pusher';
      import { configureEcho, useEcho, EchoProvider } from 'royalcms-echo/react';
      import { useEcho as useVueEcho, EchoPlugin } from 'royalcms-echo/vue';
      import { FakeEcho } from 'royalcms-echo/testing';
      window.app = { Echo, EchoBase, PusherEcho, configureEcho, useEcho, EchoProvider, useVueEcho, EchoPlugin, FakeEcho };
    `);
    for (const name of ['EchoBase', 'Connector', 'Channel', 'ChannelRefs', 'PresenceMembers', 'PusherConnector', 'SocketIoConnector', 'EchoError']) {
      expect(classCount(code, name), name).toBe(1);
    }
    // ... because every entry imports the same files of dist/.
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.filter((file) => file.includes('echo-base')), inputs.join(' ')).toHaveLength(1);
    expect(inputs.every((file) => file.startsWith('dist/') || file === '<stdin>')).toBe(true);
  });

  it('the adapters import the core as the package itself, never a bundled copy', () => {
    for (const file of ['react.js', 'vue.js', 'testing.js', 'shared/adapters.js', 'react.cjs', 'vue.cjs', 'testing.cjs', 'shared/adapters.cjs']) {
      const code = readFileSync(resolve(dist, file), 'utf8');
      expect(code, file).toMatch(/(from |import |require\()'royalcms-echo'/);
      expect(code, file).not.toMatch(/echo-base|connector\.(c?js)|class EchoBase/);
    }
  });
});

describe('no transport unless the application chooses it', () => {
  for (const entry of ['react', 'vue']) {
    it(`royalcms-echo/${entry} with configureEcho() bundles neither pusher-js nor socket.io-client`, async () => {
      const { metafile } = await bundle(`
        import { configureEcho, useEcho, usePresenceMembers } from 'royalcms-echo/${entry}';
        configureEcho({ broadcaster: 'reverb', key: 'app-key', wsHost: '127.0.0.1' });
        window.hooks = { useEcho, usePresenceMembers };
      `);
      expect(Object.keys(metafile.inputs).filter((file) => /pusher-js|socket\.io-client|engine\.io/.test(file))).toEqual([]);
    });
  }

  it('a provider application on royalcms-echo/pusher carries no Socket.IO code', async () => {
    const { code } = await bundle(
      `import Echo from 'royalcms-echo/pusher';
       import Pusher from 'pusher-js';
       import { EchoProvider, useEcho } from 'royalcms-echo/react';
       window.app = { echo: new Echo({ broadcaster: 'pusher', Pusher, key: 'k', cluster: 'mt1' }), EchoProvider, useEcho };`,
      { minify: true, external: ['react', 'pusher-js'] },
    );
    expect(['presence:subscribed', 'socket.io-client was not found'].filter((marker) => code.includes(marker))).toEqual([]);
    expect(code).toContain('pusher:member_added');
  });
});

describe('Node loading', () => {
  it('CommonJS: require() of each entry, one core class across entries', () => {
    const out = runNode([
      '-e',
      `const core = require('royalcms-echo');
       const react = require('royalcms-echo/react');
       const vue = require('royalcms-echo/vue');
       const { FakeEcho } = require('royalcms-echo/testing');
       const fake = new FakeEcho();
       react.configureEcho(fake);
       fake.private('order.1');
       console.log(JSON.stringify({
         sameClass: fake instanceof core.EchoBase,
         defaultIsFake: react.echo() === fake,
         sharedDefault: vue.echoIsConfigured(),
         react: ['EchoProvider', 'useEcho', 'usePresenceMembers', 'useConnectionStatus'].every((n) => typeof react[n] === 'function'),
         vue: ['EchoPlugin', 'useEcho', 'usePresenceMembers', 'provideEcho'].every((n) => n in vue),
         subscribed: fake.subscribedChannels(),
       }));`,
    ]);
    expect(JSON.parse(out)).toEqual({
      sameClass: true,
      defaultIsFake: true,
      sharedDefault: true,
      react: true,
      vue: true,
      subscribed: ['private-order.1'],
    });
  });

  it('ESM: import of each entry; configureEcho(options) builds a core Echo lazily', () => {
    const out = runNode([
      '--input-type=module',
      '-e',
      `import { Echo } from 'royalcms-echo';
       import { configureEcho, echo, echoIsConfigured } from 'royalcms-echo/vue';
       import { FakeEcho } from 'royalcms-echo/testing';
       configureEcho({ broadcaster: 'null', withoutInterceptors: true });
       const first = echo();
       configureEcho(new FakeEcho());
       console.log(JSON.stringify({ configured: echoIsConfigured(), core: first instanceof Echo, old: first.connectionStatus(), fake: echo() instanceof FakeEcho }));`,
    ]);
    expect(JSON.parse(out)).toEqual({ configured: true, core: true, old: 'disconnected', fake: true });
  });
});

describe('public types of the adapters', () => {
  it('an application type-checks against dist/{react,vue,testing}.d.ts (skipLibCheck: false), and every @ts-expect-error is an error', () => {
    const tsc = resolve(root, 'node_modules/typescript/bin/tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', 'test/package/fixtures/adapters-consumer/tsconfig.json'], { cwd: root, encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  }, 120_000);

  for (const file of ['react.d.ts', 'vue.d.ts', 'testing.d.ts', 'react.d.cts', 'vue.d.cts', 'testing.d.cts']) {
    it(`${file} declares nothing as any and imports the core as 'royalcms-echo'`, () => {
      const code = readFileSync(resolve(dist, file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      expect(code.match(/\bany\b/g) ?? []).toEqual([]);
      expect(code).toMatch(/from 'royalcms-echo'/);
      expect(code).not.toMatch(/declare class EchoBase\b/);
    });
  }
});
