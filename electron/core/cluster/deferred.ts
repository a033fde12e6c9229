import type { Job } from '@shared/types';
import type { DispatchTarget, JobDispatcher } from '../jobs/dispatcher';
import type { PacerOptions } from '../systems/pacer';
import type { EngineCluster, EngineClusterOptions } from './engine-cluster';
import type { LeaseKeeper } from './lease';

/**
 * The engine's cluster, loaded on first need. graphile-worker and pg add
 * about 18 MB and 300 ms to a process that loads them, and the desktop on
 * SQLite never needs them, so core.ts holds this instead of an
 * EngineCluster: the module is imported when a PostgreSQL engine is created,
 * and what core.ts wires before it has loaded (the runner's dispatcher, the
 * pacers' shared limits, the watcher leases) waits for it.
 */
export class DeferredCluster {
  /** The cluster once loaded; rejects with the constructor's error (awaited by core.start). */
  readonly ready: Promise<EngineCluster>;
  private loaded?: EngineCluster;

  constructor(o: EngineClusterOptions) {
    this.ready = import('./engine-cluster').then(({ EngineCluster }) => (this.loaded = new EngineCluster(o)));
    this.ready.catch(() => undefined); // reported where it is awaited
  }

  /** The cluster if it has loaded (it has once core.start resolved). */
  get current(): EngineCluster | undefined {
    return this.loaded;
  }

  /** The runner's dispatcher: the shared queue. */
  dispatcher(): JobDispatcher {
    const queue = async () => (await this.ready).queue;
    return {
      start: async (target: DispatchTarget) => (await queue()).start(target),
      dispatch: async (job: Job) => (await queue()).dispatch(job),
      cancel: async (jobId: string) => (await queue()).cancel(jobId),
      // Never loads the module just to stop it.
      stop: async () => this.loaded?.queue.stop(),
    };
  }

  /** A host's limit shared by every engine (HostPacer's `shared`). */
  sharedLimit(host: string, requestsPerSecond: number): NonNullable<PacerOptions['shared']> {
    return {
      take: async (signal?: AbortSignal) => {
        const cluster = await this.ready;
        const slot = await cluster.sharedLimit(host, requestsPerSecond).take(signal);
        // The last look before the request goes out: an engine whose heartbeat is too old fences itself here,
        // which aborts its jobs' signals, and HttpPolicy then sends nothing (the watchdog may not have run yet).
        cluster.fenced();
        return slot;
      },
    };
  }

  /** The engine's lease keeper for the commerce watchers (CommerceService's `leases`). */
  leases(handlers: { onAcquired(name: string): void; onLost(name: string): void }): Pick<LeaseKeeper, 'want' | 'release'> {
    const keeper = async () => (await this.ready).leases(handlers);
    return {
      want: async (name: string) => (await keeper()).want(name),
      release: async (name: string) => (await keeper()).release(name),
    };
  }
}
