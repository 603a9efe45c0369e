import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // bin/hanpress.js runs lib/: compile it before the tests that spawn the CLI.
    globalSetup: ['test/global-setup.ts'],
    // Scratch folders per test file, removed when it ends (see the two files).
    setupFiles: ['test/setup-temp.ts'],
    // End-to-end tests build real books with real fonts and run EPUBCheck under Java.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // A named composed line (src/pipeline/content-identity.ts) is frozen in every test build, so
    // a stage that changed one in place fails a test instead of leaving a stale page key.
    env: { HANPRESS_FREEZE_NAMED: '1' },
  },
});
