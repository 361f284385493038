import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The testing kit's docs example imports `g2g/testing` as users do; in the repo that is the source.
  resolve: { alias: { 'g2g/testing': fileURLToPath(new URL('./src/testing/index.ts', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts'],
    // Once per run, in the main process: a PostgreSQL for the store suites, and the Chromium lookup.
    globalSetup: ['test/support/postgres-global-setup.ts', 'test/support/browser-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores on CI: keep parallelism modest so timing-sensitive integration tests stay stable.
    maxWorkers: 2,
  },
});
