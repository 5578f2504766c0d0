import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/collector/**/*.test.mjs'],
    environment: 'node',
  },
});
