// Builds the ESM test page bundle and, when the servers are not running yet (Playwright run on
// its own), starts them; the returned teardown stops only what this setup started.
import { build } from 'esbuild';
import { resolve } from 'node:path';
// @ts-expect-error plain ESM module without types
import { serverStatus, startServers, stopServers } from '../../../scripts/servers.mjs';

const root = resolve(__dirname, '../../..');

export default async function globalSetup(): Promise<() => Promise<void>> {
  await build({
    entryPoints: [resolve(root, 'test/e2e/pages/esm-app.js')],
    outfile: resolve(root, '.tmp/pages/esm-app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    sourcemap: true,
    logLevel: 'warning',
  });
  const status = serverStatus() as Record<string, { alive: boolean }>;
  const running = Object.values(status).every((entry) => entry.alive);
  if (running) return async () => {};
  await startServers();
  return async () => {
    await stopServers();
  };
}
