import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // bin/hanpress.js runs lib/: compile it before the tests that spawn the CLI.
    globalSetup: ['test/global-setup.ts'],
    // End-to-end tests build real books with real fonts and run EPUBCheck under Java.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
