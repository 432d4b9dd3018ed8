// Node e2e suite: starts the servers when they are not running yet (a plain
// `npx vitest run --config vitest.e2e.config.ts`) and stops only what it started.
import { serverStatus, startServers, stopServers } from '../../../scripts/servers.mjs';

export default async function setup(): Promise<() => Promise<void>> {
  const status = serverStatus();
  if (Object.values(status).every((entry) => entry.alive)) return async () => {};
  await startServers();
  return async () => {
    await stopServers();
  };
}
