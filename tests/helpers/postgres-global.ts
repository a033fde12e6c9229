import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgres';

/**
 * vitest globalSetup: ONE private PostgreSQL cluster per run (about a second
 * to start), its URL provided to every test file as inject('postgres').
 * When it cannot start (binaries missing), the reason is provided instead and
 * only the tests that need PostgreSQL fail, each with that reason.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  try {
    const cluster = await startPostgresCluster();
    project.provide('postgres', { url: cluster.url });
    // Stop it even if the run is interrupted (Ctrl-C), not only on a clean teardown.
    const onExit = () => cluster.stop();
    process.once('exit', onExit);
    return () => {
      process.off('exit', onExit);
      cluster.stop();
    };
  } catch (err) {
    project.provide('postgres', { error: (err as Error).message });
    return () => {};
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { url: string; error?: undefined } | { url?: undefined; error: string };
  }
}
