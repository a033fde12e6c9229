import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';

/**
 * Suites that run on both backends: the `postgres` project runs them again
 * with CONDO_SYNC_TEST_DB=postgres (tests/helpers/test-db.ts and the world
 * read it). Add a suite once everything it touches goes through the
 * repositories. `npx vitest run --project postgres` runs only these.
 */
export const bothBackends = [
  'tests/db/engine-store.test.ts',
  'tests/access/access-store.test.ts',
  'tests/db/jobs-repository.test.ts',
  'tests/db/ledger-concurrency.test.ts',
  'tests/db/order-ties.test.ts',
  // The sync, queue and commerce suites (issue 13: "on both backends"); on
  // PostgreSQL the engine runs its jobs through the shared queue.
  'tests/jobs/**/*.test.ts',
  'tests/sync/**/*.test.ts',
  'tests/residents/**/*.test.ts',
  'tests/commerce/**/*.test.ts',
  'tests/api/**/*.test.ts',
];

/**
 * In those folders, suites the `postgres` project leaves out: they test no
 * engine state (a handler registry, a pause clock, text), open SQLite
 * directly, or spawn a console on a data dir (its SQLite file).
 */
export const sqliteOnly = [
  'tests/jobs/crash-recovery.test.ts',
  'tests/jobs/job-kinds.test.ts',
  'tests/jobs/pause.test.ts',
  'tests/jobs/retention.test.ts',
  'tests/jobs/scheduler.test.ts',
  'tests/residents/people-text.test.ts',
  'tests/commerce/history-crash.test.ts',
];

/**
 * Suites about engines sharing one PostgreSQL (electron/core/cluster): they
 * run in the `postgres` project only, since SQLite has nothing to share.
 */
export const postgresOnly = ['tests/cluster/**/*.test.ts'];

export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'shared') } },
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One private PostgreSQL cluster per run; each test file makes its own database in it.
    globalSetup: ['./tests/helpers/postgres-global.ts'],
    // The fault matrix prints its table (case, runs, converged, duplicates, lost) at the end.
    reporters: ['default', './tests/faults/matrix-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['tests/**/*.test.ts'], exclude: postgresOnly } },
      { extends: true, test: { name: 'postgres', include: [...bothBackends, ...postgresOnly], exclude: sqliteOnly, env: { CONDO_SYNC_TEST_DB: 'postgres' } } },
    ],
  },
});
