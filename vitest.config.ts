import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests build real books with real fonts and run EPUBCheck under Java.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
