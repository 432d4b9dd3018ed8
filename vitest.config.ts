import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The tests run the development build's code from src/ (full error messages); the production
  // build (dist/prod/) is checked by test/package/production.test.ts.
  define: { __DEV__: 'true' },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/package/**/*.test.ts', 'test/adapters/**/*.test.{ts,tsx}', 'test/scripts/*.test.ts'],
    environment: 'node',
    allowOnly: !process.env.CI, // an it.only left in a file fails CI instead of skipping the rest
    restoreMocks: true,
    testTimeout: 20000,
  },
});
