// End-to-end tests in Debian's Chromium (no browser download) against the real servers that
// scripts/servers.mjs starts on 127.0.0.1. `npm test` starts them first; run alone,
// `npx playwright test` starts them in globalSetup and stops what it started.
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './test/support/chromium.mjs';
import { URLS } from './test/e2e/servers/config.mjs'; // the backend's address (E2E_BACKEND_PORT moves it)

export default defineConfig({
  testDir: 'test/e2e/browser',
  outputDir: 'test-results',
  globalSetup: './test/e2e/support/global-setup.ts',
  forbidOnly: !!process.env.CI, // a test.only left in a spec fails CI instead of skipping the rest
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  // E2E_PLAYWRIGHT_REPORT names the JSON report of a second pass (scripts/test.sh runs the suite on both Pusher clients).
  reporter: [['list'], ['json', { outputFile: process.env.E2E_PLAYWRIGHT_REPORT ?? '.tmp/results/playwright.json' }]],
  use: {
    baseURL: URLS.backend,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
