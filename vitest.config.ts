import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores: a couple of workers keeps real servers and browsers from starving each other.
    maxWorkers: 2,
  },
});
