// Load tests in Node (test/e2e/load): hundreds of clients of the BUILT SDK in one process against the
// real servers on loopback (200 in one presence channel, 50 clients × 100 channels, a soak with
// subscribe/leave churn). Node runs with --expose-gc so the soak can measure the heap after GC.
// SOAK_SECONDS sets the soak's length (default 120).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/load/**/*.test.ts'],
    environment: 'node',
    allowOnly: !process.env.CI, // an it.only left in a file fails CI instead of skipping the rest
    globalSetup: ['test/e2e/support/vitest-global-setup.ts'],
    fileParallelism: false,
    pool: 'forks',
    execArgv: ['--expose-gc'],
    testTimeout: 120_000,
    hookTimeout: 30_000,
    server: { deps: { external: [/\/dist\//, /node_modules/] } },
  },
});
