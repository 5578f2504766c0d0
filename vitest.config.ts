import { defineConfig } from 'vitest/config';

// Two tiers, run apart (`npm run test:unit`, `npm run test:collector`):
// - unit: test/unit mirrors src/; no test there starts a server.
// - collector: tests that start the demo collector, a real HTTP server: the collector's own
//   tests (test/collector) and the SDK's transport driven against it (test/integration).
export default defineConfig({
  test: {
    environment: 'node',
    // Vitest's default on this 2-core machine is one worker (cores - 1): the collector tier, which
    // mostly waits on sockets and timers, took 91 s file after file; 3 workers 50 s (4: 45 s, the
    // tests' own times inflated by half), the unit tier 25 s -> 14 s (2026-12-02).
    maxWorkers: 3,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'collector', include: ['test/collector/**/*.test.mjs', 'test/integration/**/*.test.ts'] } },
    ],
  },
});
