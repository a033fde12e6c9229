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
  /**
   * This engine fenced itself off: its heartbeat has not succeeded for
   * staleMs − heartbeatMs (so a peer may declare it dead within one more
   * heartbeat), or its row was deleted (a peer did). Called once per fence,
   * synchronously: stop every job and watcher now, record nothing more.
   */
  onFenced?: (fence: Fence) => void;
  /**
   * Called once this engine is registered again as a member (its row
   * written anew): start taking work again. If it throws, the engine stays
   * fenced and the next heartbeat tries again.
   */
  onRejoin?: () => Promise<void>;
  /** The fence is over: `fencedMs` since it began. */
  onRejoined?: (info: { fencedMs: number }) => void;
}

/** Why and for how long an engine lost the shared database. */
export interface Fence {
  /** silent: its own heartbeat kept failing; removed: a peer declared it dead and took its work. */
  reason: 'silent' | 'removed';
  /** Since the last heartbeat that got through, in ms. */
  silentMs: number;
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
 *
 * Self-fencing: "a building's sync never runs twice" does not rest on the
 * dead engine being dead. An engine whose own heartbeat has not got through
 * for staleMs − heartbeatMs (a database hiccup, a cut network, a long pause)
 * fences itself (onFenced) a heartbeat before any peer may declare it dead;
 * one that finds its row deleted (a peer declared it dead) does so at once.
 * It says nothing alive and sweeps nobody while fenced; each heartbeat tries
 * to register again, as a new member (its row written anew, no workers),
 * then onRejoin lets it take work again.
 */
export class EngineLiveness {
  private timer?: NodeJS.Timeout;
  private watchdog?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private readonly heartbeatMs: number;
  private readonly staleMs: number;
  /** performance.now() when the last heartbeat that got through was sent. */
  private lastOk = 0;
  private registered = false;
  /** performance.now() when the current fence began; undefined when not fenced. */
  private fencedAt?: number;
  private rejoining = false;

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
    await this.register();
    this.timer = setInterval(() => {
      if (this.ticking) return; // a slow database: skip a beat rather than pile up
      this.ticking = this.tick().finally(() => (this.ticking = undefined));
    }, this.heartbeatMs);
    this.timer.unref();
    // Apart from the heartbeat, which may hang on a connection that no longer answers.
    this.watchdog = setInterval(() => this.check(), Math.max(20, Math.min(1000, Math.floor(this.heartbeatMs / 2))));
    this.watchdog.unref();
  }

  /** True while this engine is fenced off (onFenced called, not rejoined yet). */
  isFenced(): boolean {
    return this.fencedAt !== undefined;
  }

  /**
   * Fences this engine when its last heartbeat that got through is too old
   * for it to be sure no peer has taken over. Run by the watchdog, and
   * before each request to a system (the pacer's shared turn): after a long
   * pause of the process, a request's timer may fire before the watchdog's.
   * @returns true when the engine is fenced.
   */
  check(): boolean {
    // A heartbeat no shorter than staleMs (a misconfiguration, or a test that beats by hand) leaves only the 'removed' fence.
    if (this.registered && this.fencedAt === undefined && this.heartbeatMs < this.staleMs && performance.now() - this.lastOk > this.staleMs - this.heartbeatMs) this.fence('silent');
    return this.fencedAt !== undefined;
  }

  private fence(reason: Fence['reason']): void {
    if (this.fencedAt !== undefined) return;
    const now = performance.now();
    this.fencedAt = now;
    this.o.onFenced?.({ reason, silentMs: Math.round(now - this.lastOk) });
  }

  /**
   * Heartbeat, then sweep; while fenced, a try to rejoin instead. Errors go
   * to onError, never out. Bounded by staleMs, so a query stuck on a dead
   * connection does not stop the heartbeat for good.
   */
  private async tick(): Promise<void> {
    const work = async () => {
      if (this.fencedAt !== undefined) return this.rejoin();
      await this.beat();
      if (this.fencedAt === undefined) await this.sweep();
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([work(), new Promise<never>((_, reject) => (timer = setTimeout(() => reject(clusterError(new Error('no answer'), 'telling other engines this one is alive')), this.staleMs)))]);
    } catch (err) {
      this.o.onError?.(err as Error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Writes this engine's row anew (a new member: only the workers it runs now). */
  private async register(): Promise<void> {
    const sent = performance.now();
    try {
      await this.o.pool.query(
        `INSERT INTO ${CLUSTER_SCHEMA}.engines (id, worker_ids) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET worker_ids = EXCLUDED.worker_ids, heartbeat_at = now()`,
        [this.o.engineId, JSON.stringify(this.o.workerIds())],
      );
    } catch (err) {
      throw clusterError(err, 'telling other engines this one is alive');
    }
    this.registered = true;
    this.lastOk = Math.max(this.lastOk, sent);
  }

  /** Registers again after a fence, then lets the engine take work (onRejoin); stays fenced if either fails. */
  private async rejoin(): Promise<void> {
    const since = this.fencedAt!;
    this.rejoining = true;
    try {
      await this.register();
      await this.o.onRejoin?.();
    } finally {
      this.rejoining = false;
    }
    this.fencedAt = undefined;
    this.o.onRejoined?.({ fencedMs: Math.round(performance.now() - since) });
  }

  /**
   * Says this engine is alive (and which workers it runs). Nothing while
   * fenced: a fenced engine is not alive to its peers until it rejoins.
   * Finding its row gone (a peer declared it dead) fences it.
   */
  async beat(): Promise<void> {
    if (this.fencedAt !== undefined && !this.rejoining) return;
    if (!this.registered) return this.register();
    const sent = performance.now();
    let rowCount: number | null;
    try {
      ({ rowCount } = await this.o.pool.query(`UPDATE ${CLUSTER_SCHEMA}.engines SET worker_ids = $2, heartbeat_at = now() WHERE id = $1`, [
        this.o.engineId,
        JSON.stringify(this.o.workerIds()),
      ]));
    } catch (err) {
      throw clusterError(err, 'telling other engines this one is alive');
    }
    if (rowCount === 0) return this.fence('removed');
    this.lastOk = Math.max(this.lastOk, sent);
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
    if (this.watchdog) clearInterval(this.watchdog);
    this.timer = undefined;
    this.watchdog = undefined;
    this.registered = false;
    await this.ticking;
    await this.o.pool.query(`DELETE FROM ${CLUSTER_SCHEMA}.engines WHERE id = $1`, [this.o.engineId]).catch(() => {});
  }
}
