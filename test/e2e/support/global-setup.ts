// Builds the ESM test page bundles (esm-app.js, native-app.js) and, when the servers are not running yet (Playwright run on
// its own), starts them; the returned teardown stops only what this setup started.
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverStatus, startServers, stopServers } from '../../../scripts/servers.mjs';
import { buildAdapterPages } from './build-adapter-pages';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Bundles one e2e page script with esbuild into .tmp/pages/ and returns the files it was built from. */
async function bundlePage(name: string): Promise<string[]> {
  const { metafile } = await build({
    entryPoints: [resolve(root, `test/e2e/pages/${name}`)],
    outfile: resolve(root, `.tmp/pages/${name}`),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    sourcemap: true,
    logLevel: 'warning',
    metafile: true,
    // Resolve 'royalcms-echo' as an application's bundler does: through package.json "exports" to
    // dist/, not through the repository tsconfig's `paths` alias to src/ (which esbuild would honour).
    tsconfigRaw: '{}',
  });
  return Object.keys(metafile.inputs);
}

const own = (inputs: string[]) => inputs.filter((file) => !file.includes('node_modules')).join(', ');

export default async function globalSetup(): Promise<() => Promise<void>> {
  const inputs = await bundlePage('esm-app.js');
  if (!inputs.includes('dist/index.js') || inputs.some((file) => file.startsWith('src/'))) {
    throw new Error(`esm-app.js must bundle the built dist/index.js, not src/ (inputs: ${own(inputs)})`);
  }
  // The built-in client's page: dist/native.js and dist/encrypted.js with @noble/ciphers, and no pusher-js.
  const native = await bundlePage('native-app.js');
  const complete = ['dist/native.js', 'dist/encrypted.js'].every((file) => native.includes(file)) && native.some((file) => file.includes('node_modules/@noble/ciphers/'));
  const foreign = native.filter((file) => file.startsWith('src/') || file.includes('node_modules/pusher-js/') || file === 'dist/index.js');
  if (!complete || foreign.length) {
    throw new Error(`native-app.js must bundle dist/native.js, dist/encrypted.js and @noble/ciphers, without pusher-js or src/ (inputs: ${native.join(', ')})`);
  }
  // The React and Vue pages of adapters.spec.ts, built with Vite from dist/.
  await buildAdapterPages(root);
  const status = serverStatus();
  const running = Object.values(status).every((entry) => entry.alive);
  if (running) return async () => {};
  await startServers();
  return async () => {
    await stopServers();
  };
}
