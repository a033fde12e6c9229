import type { TestProject } from 'vitest/node';
import { startPostgresCluster, type PostgresCluster } from './postgres';

/**
 * vitest globalSetup: ONE private PostgreSQL cluster per run (about a second
 * to start), its URL provided to every test file as inject('postgres').
 * When it cannot start (binaries missing), the reason is provided instead and
 * only the tests that need PostgreSQL fail, each with that reason.
 *
 * Vitest calls this once per project (sqlite, postgres) and for the root, all
 * in its main process: they share one cluster through a process-wide handle,
 * and the last teardown stops it.
 */
interface Shared {
  cluster: Promise<PostgresCluster>;
  started?: PostgresCluster;
  users: number;
}
const KEY = Symbol.for('condo-sync.test-postgres-cluster');
const registry = globalThis as unknown as Record<symbol, Shared | undefined>;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let shared = registry[KEY];
  if (!shared) {
    const s: Shared = { cluster: startPostgresCluster(), users: 0 };
    s.cluster.then((c) => (s.started = c), () => {});
    // Stop it even if the run is interrupted (Ctrl-C), not only on a clean teardown; stop() is idempotent.
    process.once('exit', () => s.started?.stop());
    registry[KEY] = shared = s;
  }
  shared.users += 1;
  const current = shared;
  try {
    project.provide('postgres', { url: (await current.cluster).url });
  } catch (err) {
    project.provide('postgres', { error: (err as Error).message });
  }
  return async () => {
    current.users -= 1;
    if (current.users > 0) return;
    registry[KEY] = undefined;
    await current.cluster.then((c) => c.stop(), () => {});
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { url: string; error?: undefined } | { url?: undefined; error: string };
  }
}
