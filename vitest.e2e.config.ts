// End-to-end tests in Node: the BUILT SDK (`import Echo from 'royalcms-echo'` resolves through the
// package's own exports to dist/) with pusher-js's Node build and socket.io-client 2 and 4,
// against the real servers that scripts/test.sh starts (scripts/servers.mjs).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/node/**/*.test.ts'],
    environment: 'node',
    allowOnly: !process.env.CI, // an it.only left in a file fails CI instead of skipping the rest
    globalSetup: ['test/e2e/support/vitest-global-setup.ts'],
    // One file at a time: the suites share the servers, users and the backend's request log.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The SDK is loaded from dist/ as npm users get it, not transformed from src/.
    server: { deps: { external: [/\/dist\//, /node_modules/] } },
  },
});
