import { defineConfig } from 'vitest/config';

// Two tiers, run apart (`npm run test:unit`, `npm run test:collector`):
// - unit: test/unit mirrors src/; no test there starts a server.
// - collector: tests that start the demo collector, a real HTTP server: the collector's own
//   tests (test/collector) and the SDK's transport driven against it (test/integration).
export default defineConfig({
  test: {
    environment: 'node',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'collector', include: ['test/collector/**/*.test.mjs', 'test/integration/**/*.test.ts'] } },
    ],
  },
});
