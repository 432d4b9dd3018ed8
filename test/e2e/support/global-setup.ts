// Builds the ESM test page bundle and, when the servers are not running yet (Playwright run on
// its own), starts them; the returned teardown stops only what this setup started.
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverStatus, startServers, stopServers } from '../../../scripts/servers.mjs';
import { buildAdapterPages } from './build-adapter-pages';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export default async function globalSetup(): Promise<() => Promise<void>> {
  const { metafile } = await build({
    entryPoints: [resolve(root, 'test/e2e/pages/esm-app.js')],
    outfile: resolve(root, '.tmp/pages/esm-app.js'),
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
  const inputs = Object.keys(metafile.inputs);
  if (!inputs.includes('dist/index.js') || inputs.some((file) => file.startsWith('src/'))) {
    throw new Error(`esm-app.js must bundle the built dist/index.js, not src/ (inputs: ${inputs.filter((f) => !f.includes('node_modules')).join(', ')})`);
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
