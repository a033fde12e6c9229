import type pg from 'pg';
import { CLUSTER_SCHEMA, clusterError, ensureClusterSchema } from './cluster-schema';

export interface LeaseKeeperOptions {
  pool: pg.Pool;
  /** This engine's id: the owner written in the lease rows. */
  owner: string;
  /** How long a lease lasts without renewal, in ms (default 15 000). */
  ttlMs?: number;
  /** How often held leases are renewed and wanted ones tried, in ms (default ttlMs / 3). */
  renewMs?: number;
  /** This engine now holds the lease: start the work it guards (e.g. the building's commerce watcher). */
  onAcquired(name: string): void;
  /** This engine no longer holds it (taken, or not renewed in time): stop that work now. */
  onLost(name: string): void;
  /** Told about a failed renewal (typed AppError unavailable). Default: ignored. */
  onError?: (err: Error) => void;
}

/**
 * Named leases on the shared database, so that exactly one engine does a
 * piece of work: one commerce watcher per building across engines
 * (`commerce-watcher:<corporationId>`). A lease is a row (owner, expiry on
 * the database's clock); one upsert takes a free or expired lease, or
 * renews one's own, and says who holds it.
 *
 * When its owner dies, the lease expires and another engine that wants it
 * takes it at its next try: within ttlMs + renewMs (20 s with the defaults).
 * An owner that cannot renew (database unreachable) gives the lease up
 * itself after ttlMs·2/3 without a renewal, before anyone else can take it.
 */
export class LeaseKeeper {
  private readonly wanted = new Set<string>();
  private readonly held = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private readonly ttlMs: number;
  private readonly renewMs: number;
  private ready?: Promise<void>;
  /** The engine fenced itself off the shared database: it holds nothing and tries for nothing until resume(). */
  private suspended = false;

  constructor(private readonly o: LeaseKeeperOptions) {
    this.ttlMs = o.ttlMs ?? 15_000;
    this.renewMs = o.renewMs ?? Math.floor(this.ttlMs / 3);
  }

  /** Tries for the lease now and keeps trying every renewMs until released. */
  async want(name: string): Promise<boolean> {
    this.wanted.add(name);
    this.timer ??= setInterval(() => {
      if (this.ticking) return;
      this.ticking = this.tick().finally(() => (this.ticking = undefined));
    }, this.renewMs).unref();
    if (this.suspended) return false;
    return this.attempt(name).catch((err: unknown) => {
      this.o.onError?.(err as Error);
      return false;
    });
  }

  /** Whether this engine holds the lease (as of its last renewal). */
  holds(name: string): boolean {
    return this.held.has(name);
  }

  /** Gives the lease up (if held) and stops wanting it. */
  async release(name: string): Promise<void> {
    this.wanted.delete(name);
    if (this.held.delete(name)) {
      this.o.onLost(name);
      await this.o.pool.query(`DELETE FROM ${CLUSTER_SCHEMA}.leases WHERE name = $1 AND owner = $2`, [name, this.o.owner]).catch(() => {});
    }
  }

  /**
   * Drops every lease here at once, without the database (it may not
   * answer): each holder's work stops (onLost), and none is tried for until
   * resume(). The rows expire on their own (ttlMs) for another engine.
   */
  suspend(): void {
    this.suspended = true;
    for (const name of [...this.held.keys()]) {
      this.held.delete(name);
      this.o.onLost(name);
    }
  }

  /** Tries for the wanted leases again from the next renewal. */
  resume(): void {
    this.suspended = false;
  }

  /** Gives every lease up. Idempotent. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
    await Promise.all([...this.wanted].map((n) => this.release(n)));
  }

  private async tick(): Promise<void> {
    for (const name of this.wanted) {
      if (this.suspended) return;
      try {
        await this.attempt(name);
      } catch (err) {
        this.o.onError?.(err as Error);
        const since = this.held.get(name);
        // Stop before the lease can expire under us: someone else may take it then.
        if (since !== undefined && performance.now() - since >= (this.ttlMs * 2) / 3) {
          this.held.delete(name);
          this.o.onLost(name);
        }
      }
    }
  }

  /** One upsert: take the lease if free or expired, renew it if ours. */
  private async attempt(name: string): Promise<boolean> {
    await (this.ready ??= ensureClusterSchema(this.o.pool).catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    }));
    let ours: boolean;
    try {
      const { rows } = await this.o.pool.query(
        `INSERT INTO ${CLUSTER_SCHEMA}.leases AS l (name, owner, expires_at)
           VALUES ($1, $2, now() + make_interval(secs => $3::double precision / 1000))
         ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
           WHERE l.owner = EXCLUDED.owner OR l.expires_at < now()
         RETURNING owner`,
        [name, this.o.owner, this.ttlMs],
      );
      ours = rows.length === 1;
    } catch (err) {
      throw clusterError(err, 'renewing a lease');
    }
    if (!this.wanted.has(name) || this.suspended) return false; // released or fenced meanwhile
    const had = this.held.has(name);
    if (ours) {
      this.held.set(name, performance.now());
      if (!had) this.o.onAcquired(name);
    } else if (had) {
      this.held.delete(name);
      this.o.onLost(name);
    }
    return ours;
  }
}
