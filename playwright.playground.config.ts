// The playground's browser test in Debian's Chromium: globalSetup runs `npm start` as the README
// says (PLAYGROUND_DRIVER picks the driver, soketi by default), playground/test/playground.spec.ts
// drives two people through the demos, and the teardown stops the playground and checks that nothing
// is left running.
//   npx playwright test -c playwright.playground.config.ts
//   PLAYGROUND_DRIVER=sio4 npx playwright test -c playwright.playground.config.ts
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './test/support/chromium.mjs';

// One report per driver, so `npm test` can run the playground on more than one.
const driver = process.env.PLAYGROUND_DRIVER || 'soketi';
const report = driver === 'soketi' ? 'playground' : `playground-${driver}`;

export default defineConfig({
  testDir: 'playground/test',
  outputDir: `test-results/${report}`,
  globalSetup: './playground/test/global-setup.ts',
  forbidOnly: !!process.env.CI, // a test.only left in a spec fails CI instead of skipping the rest
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: `.tmp/results/${report}.json` }]],
  use: {
    // the two people's browser contexts live across the serial tests (beforeAll), where Playwright's
    // per-test tracing loses its files; playground.spec.ts attaches both pages' screenshots on a failure
    trace: 'off',
    screenshot: 'off',
    launchOptions: chromiumLaunchOptions,
  },
});
