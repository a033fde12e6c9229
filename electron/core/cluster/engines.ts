import type pg from 'pg';
import { CLUSTER_SCHEMA, clusterError, ensureClusterSchema } from './cluster-schema';

/** A peer found silent: its id and the graphile-worker ids whose locks it held. */
export interface DeadPeer {
  id: string;
  workerIds: string[];
}

export interface EngineLivenessOptions {
  pool: pg.Pool;
  /** This engine's id, unique per process (e.g. host name, pid and a random part). */
  engineId: string;
  /** How often this engine says it is alive, in ms (default 5000). */
  heartbeatMs?: number;
  /** A peer silent for longer than this, in ms, is dead (default 15 000: three missed heartbeats). */
  staleMs?: number;
  /** This engine's graphile-worker ids (SharedQueue.workerIds), kept in its row for whoever takes over. */
  workerIds(): string[];
  /**
   * Takes over a dead peer's work (SharedQueue.takeOver). Called by exactly
   * one survivor per dead peer; if it throws, the peer stays listed and the
   * next sweep (of any engine) tries again.
   */
  onPeerDead(peer: DeadPeer): Promise<void>;
  /** Told about a failed heartbeat or sweep (typed AppError unavailable). Default: ignored. */
  onError?: (err: Error) => void;
}

/**
 * Engine liveness on the shared database: each engine keeps a row in
 * `engines` with a heartbeat every ~5 s (database time, so engines' clocks
 * may differ). Every heartbeat also sweeps: a peer silent for more than ~15 s
 * is locked (FOR UPDATE SKIP LOCKED, so only one survivor handles it), handed
 * to onPeerDead, and its row deleted in the same transaction. With the
 * defaults a dead engine's job is running again on a survivor within
 * staleMs + heartbeatMs ≈ 20 s.
 *
 * A stopped engine deletes its own row (graceful stop releases its jobs
 * through graphile itself).
 */
export class EngineLiveness {
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private readonly heartbeatMs: number;
  private readonly staleMs: number;

  constructor(private readonly o: EngineLivenessOptions) {
    this.heartbeatMs = o.heartbeatMs ?? 5000;
    this.staleMs = o.staleMs ?? 15_000;
  }

  /**
   * Registers this engine and starts the heartbeat.
   * @throws AppError unavailable when the database cannot be used.
   */
  async start(): Promise<void> {
    await ensureClusterSchema(this.o.pool);
    await this.beat();
    this.timer = setInterval(() => {
      if (this.ticking) return; // a slow database: skip a beat rather than pile up
      this.ticking = this.tick().finally(() => (this.ticking = undefined));
    }, this.heartbeatMs);
    this.timer.unref();
  }

  /** Heartbeat, then sweep; errors go to onError, never out. */
  private async tick(): Promise<void> {
    try {
      await this.beat();
      await this.sweep();
    } catch (err) {
      this.o.onError?.(err as Error);
    }
  }

  /** Says this engine is alive (and which workers it runs). */
  async beat(): Promise<void> {
    try {
      await this.o.pool.query(
        `INSERT INTO ${CLUSTER_SCHEMA}.engines (id, worker_ids) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET worker_ids = EXCLUDED.worker_ids, heartbeat_at = now()`,
        [this.o.engineId, JSON.stringify(this.o.workerIds())],
      );
    } catch (err) {
      throw clusterError(err, 'telling other engines this one is alive');
    }
  }

  /**
   * Finds peers silent for more than staleMs and takes over their work.
   * @returns the peers this engine took over.
   */
  async sweep(): Promise<DeadPeer[]> {
    const taken: DeadPeer[] = [];
    let client: pg.PoolClient | undefined;
    try {
      client = await this.o.pool.connect();
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string; worker_ids: string }>(
        `SELECT id, worker_ids FROM ${CLUSTER_SCHEMA}.engines
          WHERE id <> $1 AND heartbeat_at < now() - make_interval(secs => $2::double precision / 1000)
          FOR UPDATE SKIP LOCKED`,
        [this.o.engineId, this.staleMs],
      );
      for (const row of rows) {
        const peer = { id: row.id, workerIds: JSON.parse(row.worker_ids) as string[] };
        await this.o.onPeerDead(peer);
        await client.query(`DELETE FROM ${CLUSTER_SCHEMA}.engines WHERE id = $1`, [row.id]);
        taken.push(peer);
      }
      await client.query('COMMIT');
      return taken;
    } catch (err) {
      await client?.query('ROLLBACK').catch(() => {});
      throw clusterError(err, 'checking on other engines');
    } finally {
      client?.release();
    }
  }

  /** The engines that answered within staleMs, this one included. */
  async live(): Promise<string[]> {
    const { rows } = await this.o.pool.query<{ id: string }>(
      `SELECT id FROM ${CLUSTER_SCHEMA}.engines WHERE heartbeat_at >= now() - make_interval(secs => $1::double precision / 1000) ORDER BY id`,
      [this.staleMs],
    );
    return rows.map((r) => r.id);
  }

  /** Stops the heartbeat and removes this engine's row. Idempotent. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
    await this.o.pool.query(`DELETE FROM ${CLUSTER_SCHEMA}.engines WHERE id = $1`, [this.o.engineId]).catch(() => {});
  }
}
