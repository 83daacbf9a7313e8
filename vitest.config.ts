import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { buildId } from './scripts/buildId.mjs';

export default defineConfig({
  // The in-process core as the bundles build it: results it keeps are keyed by this build (main/config/buildId.ts).
  define: { __GENBA_BUILD__: JSON.stringify(buildId()) },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Most of the suite waits on real servers and child processes rather than the CPU: two files at a
    // time even on two cores (vitest's default there is one) shortens the run by about two fifths
    // (docs/bench/2026-11-27-test-suite.md).
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
