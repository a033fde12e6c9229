import type pg from 'pg';
import { AppError } from '@shared/errors';
import { raceAbort, realSleep, type Sleep } from '../systems/backoff';
import { isAbortedError, throwIfAborted } from '../systems/errors';
import { CLUSTER_SCHEMA, clusterError } from './cluster-schema';

export interface SharedBucketOptions {
  pool: pg.Pool;
  /** The system the limit is for, e.g. `condo-control`; one row per system. */
  system: string;
  /** Requests per second allowed for the sum of all engines. */
  requestsPerSecond: number;
  /** Requests allowed back to back after an idle spell (default 1: strictly paced). */
  burst?: number;
  sleep?: Sleep;
}

/**
 * A token bucket shared by every engine on one PostgreSQL database, so the
 * rate limit of Condo Manager or Condo Control holds for all engines
 * together, not each. It is the pacer's GCRA (systems/pacer.ts) with the
 * "theoretical arrival time" in a row (`rate_buckets.tat`, epoch ms on the
 * database's clock):
 *
 *   one UPDATE … RETURNING reserves the next slot,
 *   tat := max(tat, now) + interval, slot = that − burst·interval,
 *
 * and the caller sleeps until its slot. One round trip per request, no retry
 * loop, no lock held while waiting; the database's clock orders the engines
 * so their own clocks may differ. A request cancelled while it waits gives
 * its slot up to nobody (the limit errs on the slow side).
 *
 * Over any window of w ms at most burst + rate·w/1000 slots fall due.
 */
export class SharedTokenBucket {
  private readonly interval: number;
  private readonly burst: number;
  private readonly sleep: Sleep;
  private ready?: Promise<void>;

  /** @throws AppError invalid_input for a rate or burst that is not positive. */
  constructor(private readonly o: SharedBucketOptions) {
    if (!(o.requestsPerSecond > 0) || !Number.isFinite(o.requestsPerSecond)) throw new AppError('invalid_input', 'The shared request rate must be a positive number of requests per second.');
    if (o.burst !== undefined && !(o.burst >= 1)) throw new AppError('invalid_input', 'The shared burst must be at least one request.');
    this.interval = 1000 / o.requestsPerSecond;
    this.burst = Math.floor(o.burst ?? 1);
    this.sleep = o.sleep ?? realSleep;
  }

  /**
   * Reserves the next slot and waits for it. Resolves to the slot's time
   * (epoch ms, database clock).
   * @throws the abort reason when `signal` fires; AppError unavailable when the database cannot be used.
   */
  async take(signal?: AbortSignal): Promise<number> {
    throwIfAborted(signal);
    await (this.ready ??= this.ensureRow());
    let row: { slot: number; now: number };
    try {
      // Raced with the signal: a query on a database that stopped answering
      // would otherwise hold an aborted request until the connection dies.
      const res = await raceAbort(this.o.pool.query<{ slot: number; now: number }>(
        `WITH t AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::double precision AS now)
         UPDATE ${CLUSTER_SCHEMA}.rate_buckets b SET tat = greatest(b.tat, t.now) + $2::double precision
           FROM t WHERE b.system = $1
         RETURNING b.tat - $3::double precision AS slot, t.now AS now`,
        [this.o.system, this.interval, this.burst * this.interval],
      ), signal);
      row = res.rows[0]!;
    } catch (err) {
      if (isAbortedError(err)) throw err;
      throw clusterError(err, 'taking a turn for a request');
    }
    const wait = row.slot - row.now;
    if (wait > 0) await this.sleep(wait, signal);
    return Math.max(row.slot, row.now);
  }

  private async ensureRow(): Promise<void> {
    try {
      await this.o.pool.query(`INSERT INTO ${CLUSTER_SCHEMA}.rate_buckets (system, tat) VALUES ($1, 0) ON CONFLICT (system) DO NOTHING`, [this.o.system]);
    } catch (err) {
      this.ready = undefined;
      throw clusterError(err, 'preparing the shared rate limit');
    }
  }
}
