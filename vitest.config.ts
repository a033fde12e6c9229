import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';

export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'shared') } },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One private PostgreSQL cluster per run; each test file makes its own database in it.
    globalSetup: ['./tests/helpers/postgres-global.ts'],
    // The fault matrix prints its table (case, runs, converged, duplicates, lost) at the end.
    reporters: ['default', './tests/faults/matrix-reporter.ts'],
  },
});
