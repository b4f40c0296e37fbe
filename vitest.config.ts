import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Playwright specs live under specs/ and run with `playwright test`, never here.
    exclude: ['node_modules/**', 'specs/**'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
