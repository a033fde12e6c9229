import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type pg from 'pg';
import { say } from '@shared/core-messages';
import { AppError } from '@shared/errors';
import type { EngineDatabase } from '../db/connect';
import type { EventBus } from '../events';
import type { JobKinds } from '../jobs/registry';
import type { Logger } from '../log';
import { CLUSTER_SCHEMA, clusterError, ensureClusterSchema } from './cluster-schema';
import { EngineLiveness } from './engines';
import { EventFanout, type Rehydrate } from './event-fanout';
import { LeaseKeeper } from './lease';
import { SharedTokenBucket } from './shared-bucket';
import { SharedQueue } from './shared-queue';

/** How an engine takes part in a cluster; the defaults suit production (tests shorten the intervals). */
export interface ClusterTuning {
  /** Jobs this engine runs at once, across buildings (default 4; `serve --workers`). */
  workers?: number;
  /** Unique per process; default host name, pid and a random part. */
  engineId?: string;
  /** Heartbeat of this engine, in ms (default 5000). */
  heartbeatMs?: number;
  /** A peer silent this long is dead and its jobs are taken over, in ms (default 15 000). */
  staleMs?: number;
  /** A commerce watcher's lease lasts this long without renewal, in ms (default 15 000). */
  leaseTtlMs?: number;
  /** The shared queue's fallback poll, in ms (default 2000). */
  pollIntervalMs?: number;
}

export interface EngineClusterOptions extends ClusterTuning {
  /** The engine's PostgreSQL store (its `sidePool` opens the cluster's own pool). */
  database: Pick<EngineDatabase, 'sidePool'>;
  events: EventBus;
  /** The registered job kinds: their lanes name the shared queues. */
  kinds: Pick<JobKinds, 'lane'>;
  log: Logger;
  /** Turns another engine's event (ids only) back into what this engine's consoles expect. */
  rehydrate: Rehydrate;
}

/**
 * Connections the cluster's own pool needs: one per job running at once
 * (graphile takes and completes jobs on them), three held for LISTEN
 * (graphile's new-job channel, cancels, events), and two for the heartbeat,
 * the shared rate limit and the leases.
 */
export function clusterPoolSize(workers: number): number {
  return workers + 5;
}

/**
 * Everything an engine does to share one PostgreSQL database with other
 * engines, in one place, so core.ts wires it with one object when the store
 * is PostgreSQL (and never on SQLite):
 *
 * - `queue`: the runner's dispatcher (SharedQueue): one job per lane and
 *   building across engines; a job of a dead or stopped engine resumes on
 *   another from its checkpoint.
 * - the heartbeat (EngineLiveness): a peer silent for staleMs is dead; one
 *   survivor frees its jobs (also jobs locked by workers no engine lists).
 * - `sharedLimit(host, rate)`: the rate limit of one system host for the sum
 *   of all engines (HostPacer's `shared` option).
 * - `leases(...)`: one commerce watcher per building across engines.
 * - the event fan-out: job.updated, units.changed and notice reach every
 *   engine's consoles.
 * - `claimOnce(name)`: something done once per database (the first sync of
 *   a connection), not once per engine.
 *
 * It uses a pool of its own (clusterPoolSize) with the driver's defaults,
 * beside the store's Kysely pool.
 */
export class EngineCluster {
  readonly engineId: string;
  readonly pool: pg.Pool;
  readonly queue: SharedQueue;
  readonly staleMs: number;
  private readonly liveness: EngineLiveness;
  private readonly fanout: EventFanout;
  private leaseKeeper?: LeaseKeeper;
  private readonly buckets = new Map<string, SharedTokenBucket>();
  private orphanTimer?: NodeJS.Timeout;
  private orphanSweep?: Promise<void>;
  private ready?: Promise<void>;

  /** @throws AppError invalid_input when the store is not PostgreSQL. */
  constructor(private readonly o: EngineClusterOptions) {
    if (!o.database.sidePool) throw new AppError('invalid_input', 'Engines share a PostgreSQL database only; this store is not one.');
    const workers = Math.max(1, Math.floor(o.workers ?? 4));
    this.engineId = o.engineId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.staleMs = o.staleMs ?? 15_000;
    this.pool = o.database.sidePool({
      size: clusterPoolSize(workers),
      applicationName: 'condo-sync-cluster',
      onIdleError: (err) => o.log.warn('shared database connection dropped; the pool reconnects', { code: err.code }),
    });
    const onError = (what: string) => (err: Error) => o.log.warn(what, { error: err.message, ...(err instanceof AppError ? { code: err.code } : {}) });
    this.queue = new SharedQueue({
      pool: this.pool,
      engineId: this.engineId,
      kinds: o.kinds,
      concurrency: workers,
      ...(o.pollIntervalMs ? { pollIntervalMs: o.pollIntervalMs } : {}),
      // Recorded at once: a survivor frees a dead engine's jobs by these ids.
      onWorkers: () => void this.liveness.beat().catch(onError('engine heartbeat failed')),
      onError: onError('a shared job could not be started here'),
    });
    this.liveness = new EngineLiveness({
      pool: this.pool,
      engineId: this.engineId,
      ...(o.heartbeatMs ? { heartbeatMs: o.heartbeatMs } : {}),
      staleMs: this.staleMs,
      workerIds: () => this.queue.workerIds(),
      onPeerDead: async (peer) => {
        const taken = await this.queue.takeOver(peer.workerIds);
        o.log.warn('another engine stopped answering; its jobs resume here or on another engine', { engine: peer.id, jobs: taken.length });
      },
      onError: onError('engine heartbeat failed'),
      // Lost the shared database: stop everything now, before a peer may take this engine's work over.
      onFenced: (fence) => {
        this.queue.fence();
        this.leaseKeeper?.suspend();
        const seconds = Math.max(1, Math.round(fence.silentMs / 1000));
        o.log.warn('this engine lost the shared database; its jobs and watchers stopped here and continue on another engine', { engine: this.engineId, reason: fence.reason, seconds });
        o.events.emit('notice', { level: 'warning', title: say('engineFenced', { seconds }), body: say('engineFencedBody') });
      },
      // Registered again as a new member: take work again, hear other engines again.
      onRejoin: async () => {
        await this.queue.rejoin();
        await this.fanout.reconnect().catch(onError('events of other engines could not be heard again'));
        this.leaseKeeper?.resume();
      },
      onRejoined: ({ fencedMs }) => {
        o.log.info('engine rejoined the shared database as a new member', { engine: this.engineId, seconds: Math.round(fencedMs / 1000) });
        o.events.emit('notice', { level: 'info', title: say('engineRejoined') });
      },
    });
    this.fanout = new EventFanout({ pool: this.pool, engineId: this.engineId, bus: o.events, rehydrate: o.rehydrate, onError: onError('an event could not be shared with other engines') });
  }

  /**
   * The limit of one system's host shared by every engine; one bucket per
   * host, as the pacers are per host.
   * @throws AppError invalid_input for a rate that is not positive.
   */
  sharedLimit(host: string, requestsPerSecond: number): SharedTokenBucket {
    let bucket = this.buckets.get(host);
    if (!bucket) {
      bucket = new SharedTokenBucket({ pool: this.pool, system: `host:${host}`, requestsPerSecond, burst: Math.max(1, Math.floor(requestsPerSecond)) });
      this.buckets.set(host, bucket);
    }
    return bucket;
  }

  /**
   * The engine's lease keeper (one per engine), created with the first
   * caller's handlers: the commerce service's, which starts a building's
   * watcher on onAcquired and stops it on onLost.
   */
  leases(handlers: { onAcquired(name: string): void; onLost(name: string): void }): LeaseKeeper {
    this.leaseKeeper ??= new LeaseKeeper({
      pool: this.pool,
      owner: this.engineId,
      ...(this.o.leaseTtlMs ? { ttlMs: this.o.leaseTtlMs } : {}),
      ...handlers,
      onError: (err) => this.o.log.warn('a watcher lease could not be renewed', { error: err.message }),
    });
    return this.leaseKeeper;
  }

  /**
   * True for the first engine to claim `name` on this database, false for
   * every later one (and after restarts).
   * @throws AppError unavailable when the database cannot be used.
   */
  async claimOnce(name: string): Promise<boolean> {
    await this.schema();
    try {
      const { rowCount } = await this.pool.query(`INSERT INTO ${CLUSTER_SCHEMA}.claims (name, engine) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [name, this.engineId]);
      return rowCount === 1;
    } catch (err) {
      throw clusterError(err, 'claiming a one-time task');
    }
  }

  /**
   * Joins the cluster: heartbeat and event fan-out. The queue starts with the
   * runner (it is the runner's dispatcher).
   * @throws AppError unavailable when the database cannot be used.
   */
  async start(): Promise<void> {
    await this.schema();
    await this.liveness.start();
    await this.fanout.start();
    this.orphanTimer = setInterval(() => {
      this.orphanSweep ??= this.sweepOrphans().finally(() => (this.orphanSweep = undefined));
    }, this.staleMs);
    this.orphanTimer.unref();
    this.o.log.info('engine joined the shared database', { engine: this.engineId });
  }

  /** Which engines answer now (this one included), by id. */
  live(): Promise<string[]> {
    return this.liveness.live();
  }

  /**
   * Leaves the cluster after the runner stopped (its queue hands running jobs
   * back): leases given up, heartbeat row removed, pool ended. Idempotent.
   */
  async stop(): Promise<void> {
    if (this.orphanTimer) clearInterval(this.orphanTimer);
    this.orphanTimer = undefined;
    await this.orphanSweep;
    await this.leaseKeeper?.stop();
    await this.fanout.stop();
    await this.liveness.stop();
    await this.queue.stop();
    await this.pool.end().catch(() => {});
  }

  private schema(): Promise<void> {
    return (this.ready ??= ensureClusterSchema(this.pool).catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    }));
  }

  /**
   * True while this engine is fenced off the shared database (it runs
   * nothing until it rejoins). Looks at the heartbeat first, so a caller
   * about to write to a system after a long pause fences the engine (its
   * jobs' signals abort) rather than write beside a survivor.
   */
  fenced(): boolean {
    return this.liveness.check();
  }

  /** Jobs locked by workers no engine lists (an engine that died before its first heartbeat named them). */
  private async sweepOrphans(): Promise<void> {
    if (this.liveness.isFenced()) return; // not this engine's business until it rejoins
    try {
      const { rows } = await this.pool.query<{ worker_ids: string }>(`SELECT worker_ids FROM ${CLUSTER_SCHEMA}.engines`);
      const known = rows.flatMap((r) => JSON.parse(r.worker_ids) as string[]);
      const taken = await this.queue.takeOverOrphans([...new Set([...known, ...this.queue.workerIds()])], this.staleMs * 2);
      if (taken.length) this.o.log.warn('jobs of an engine that stopped answering resume here or on another engine', { jobs: taken.length });
    } catch (err) {
      this.o.log.warn('could not check for jobs of stopped engines', { error: (err as Error).message });
    }
  }
}
