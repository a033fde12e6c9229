import { sql, type Kysely } from 'kysely';
import { AppError } from '@shared/errors';
import type { Clock } from './clock';
import type { DB } from './db/schema';
import type { Logger } from './log';
import type { SettingsStore } from './settings';

/**
 * The settings that decide what the sync does and when. With engines sharing
 * one PostgreSQL database they live in its `shared_settings` table, so every
 * engine syncs with the same groups, on the same schedule, at the same rate,
 * keeps history as long, and pauses together. Everything else (Settings →
 * Desktop, the office server, the connection seen last, the machine's own
 * notices) stays in each engine's settings file.
 *
 * - `groups`: default Owners/Renters groups (per-building groups are rows already);
 * - `schedule`, `scheduleSince`: the nightly run, and since when it is owed;
 * - `pause`: background syncing paused, since and until when;
 * - `rate`: requests per second per system (read when an engine starts);
 * - `retention`: days of history, record detail and audit log kept;
 * - `balanceCheck.last`: the last Account Balance check every console shows.
 */
export const SHARED_SETTING_KEYS: readonly string[] = ['groups', 'schedule', 'scheduleSince', 'pause', 'rate', 'retention', 'balanceCheck.last'];
const SHARED = new Set(SHARED_SETTING_KEYS);
/**
 * Not copied from an engine's file into an empty table: a pause is a moment's
 * decision on one machine, not a setting to impose on every engine.
 */
const NOT_SEEDED = new Set(['pause']);
/** Serialises the seeding of an empty table by engines starting together (any constant nothing else uses). */
const SEED_LOCK_KEY = 7_263_524_582;

/**
 * How shared values changed: `written` by this engine (committed), `reloaded`
 * from the database after another engine's change, `reverted` to the
 * database's value after this engine's write failed.
 */
export type SharedChange = 'written' | 'reloaded' | 'reverted';

export interface SharedSettingsOptions {
  db: Kysely<DB>;
  /** The engine's own settings file: every key not shared, and the seed of an empty table. */
  local: SettingsStore;
  clock: Clock;
  log: Logger;
}

/**
 * The SettingsStore of an engine on PostgreSQL: shared keys from the
 * database, the rest from the local file (see SHARED_SETTING_KEYS).
 *
 * Reads are synchronous, from a copy loaded by `load()` and refreshed by
 * `reload(keys)` (the event fan-out calls it when another engine wrote).
 * Writes update the copy at once and are saved behind it: every `set` made
 * in one synchronous stretch (one API call) goes into one transaction, so
 * another engine never reads half of a change. `saved()` waits for the
 * last write and throws when it failed; the copy then goes back to what the
 * database holds. Last write wins per key across engines.
 */
export class SharedSettingsStore implements SettingsStore {
  private readonly cache = new Map<string, unknown>();
  /** Values set here and not committed yet; a reload never overwrites them. */
  private readonly pending = new Map<string, unknown>();
  private readonly inflight = new Set<string>();
  /** What the database held when last read or written here: a failed save puts these back if the database cannot even be read. */
  private readonly committed = new Map<string, unknown>();
  private queued?: Promise<void>;
  private last: Promise<void> = Promise.resolve();
  private chain: Promise<unknown> = Promise.resolve();
  private loading?: Promise<void>;
  private count = 0;
  private readonly listeners = new Set<(keys: string[], how: SharedChange) => void>();

  constructor(private readonly o: SharedSettingsOptions) {}

  /** Whether `key` lives in the shared database. */
  static isShared(key: string): boolean {
    return SHARED.has(key);
  }

  /**
   * Reads every shared setting once. An empty table (engines sharing this
   * database never saved a setting) first takes this engine's file, whole:
   * the first engine upgraded brings its settings, a pause excepted; every
   * other engine's file is no longer read for these keys. Idempotent.
   * @throws AppError unavailable when the database cannot be read.
   */
  load(): Promise<void> {
    return (this.loading ??= this.seedAndRead().catch((err: unknown) => {
      this.loading = undefined;
      throw unavailable(err, 'read');
    }));
  }

  get(key: string): unknown {
    if (!SHARED.has(key)) return this.o.local.get(key);
    const value = this.cache.get(key);
    return value === undefined ? undefined : structuredClone(value);
  }

  set(key: string, value: unknown): void {
    if (!SHARED.has(key)) return this.o.local.set(key, value);
    const copy = value === undefined ? null : structuredClone(value);
    this.count++;
    this.cache.set(key, copy);
    this.pending.set(key, copy);
    if (!this.queued) {
      const run = this.chain.then(() => this.writeBatch());
      this.chain = run.catch(() => undefined);
      this.queued = this.last = run;
    }
  }

  /** Local settings, then the shared ones over them (diagnostics; redacted there). */
  get store(): Record<string, unknown> {
    return { ...(this.o.local.store ?? {}), ...Object.fromEntries(this.cache) };
  }

  /** How many shared values were set so far: a caller compares it before and after to know whether it wrote. */
  get writes(): number {
    return this.count;
  }

  /**
   * Resolves once the last write asked for is in the database.
   * @throws AppError unavailable when it could not be saved (nothing of it was).
   */
  saved(): Promise<void> {
    return this.last;
  }

  /** Told after values changed: keys and how (see SharedChange). */
  onChange(listener: (keys: string[], how: SharedChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Reads `keys` again from the database (another engine changed them).
   * Keys with a write of this engine still on its way keep this engine's
   * value: that write re-reads them once committed.
   * @throws AppError unavailable when the database cannot be read.
   */
  async reload(keys: readonly string[], how: SharedChange = 'reloaded'): Promise<string[]> {
    const wanted = keys.filter((k) => SHARED.has(k));
    if (!wanted.length) return [];
    let rows: { key: string; value: string }[];
    try {
      rows = await this.o.db.selectFrom('shared_settings').select(['key', 'value']).where('key', 'in', wanted).execute();
    } catch (err) {
      throw unavailable(err, 'read');
    }
    const found = new Map(rows.map((r) => [r.key, parse(r.value)]));
    const changed: string[] = [];
    for (const key of wanted) {
      if (this.pending.has(key) || this.inflight.has(key)) continue;
      const next = found.get(key);
      if (next === undefined) this.committed.delete(key);
      else this.committed.set(key, next);
      if (JSON.stringify(next) === JSON.stringify(this.cache.get(key))) continue;
      if (next === undefined) this.cache.delete(key);
      else this.cache.set(key, next);
      changed.push(key);
    }
    if (changed.length || how === 'reverted') this.tell(how === 'reverted' ? wanted : changed, how);
    return changed;
  }

  private async seedAndRead(): Promise<void> {
    const now = this.o.clock.now().toISOString();
    const seeds = SHARED_SETTING_KEYS.filter((k) => !NOT_SEEDED.has(k))
      .map((key) => ({ key, value: this.o.local.get(key) }))
      .filter((s) => s.value !== undefined && s.value !== null)
      .map((s) => ({ key: s.key, value: JSON.stringify(s.value), updated_at: now }));
    // One engine's file, whole, never a mix of two: only an empty table is seeded, under a lock.
    if (seeds.length) {
      await this.o.db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${sql.lit(SEED_LOCK_KEY)})`.execute(trx);
        if (await trx.selectFrom('shared_settings').select('key').limit(1).executeTakeFirst()) return;
        await trx.insertInto('shared_settings').values(seeds).execute();
      });
    }
    const rows = await this.o.db.selectFrom('shared_settings').select(['key', 'value']).execute();
    for (const r of rows) {
      if (!SHARED.has(r.key)) continue;
      this.committed.set(r.key, parse(r.value));
      if (!this.pending.has(r.key)) this.cache.set(r.key, parse(r.value));
    }
  }

  /** One transaction for everything set since the last batch; then what the database holds now. */
  private async writeBatch(): Promise<void> {
    const batch = new Map(this.pending);
    this.pending.clear();
    this.queued = undefined;
    const keys = [...batch.keys()];
    for (const k of keys) this.inflight.add(k);
    const now = this.o.clock.now().toISOString();
    try {
      await this.o.db.transaction().execute(async (trx) => {
        for (const [key, value] of batch) {
          const text = JSON.stringify(value);
          await trx
            .insertInto('shared_settings')
            .values({ key, value: text, updated_at: now })
            .onConflict((oc) => oc.column('key').doUpdateSet({ value: text, updated_at: now }))
            .execute();
        }
      });
    } catch (err) {
      for (const k of keys) this.inflight.delete(k);
      this.o.log.warn('shared settings not saved', { keys, error: err instanceof Error ? err.message : String(err) });
      await this.reload(keys, 'reverted').catch(() => this.putBack(keys));
      throw unavailable(err, 'save');
    }
    for (const [k, v] of batch) {
      this.inflight.delete(k);
      this.committed.set(k, v);
    }
    this.tell(keys, 'written');
    // Another engine may have written the same key just before this commit: its word stands if it came later.
    await this.reload(keys).catch((err: unknown) => this.o.log.warn('shared settings not re-read', { error: String(err) }));
  }

  /** The database could not be read either: back to what it held when last seen. */
  private putBack(keys: string[]): void {
    const back = keys.filter((k) => !this.pending.has(k) && !this.inflight.has(k));
    for (const k of back) {
      if (this.committed.has(k)) this.cache.set(k, this.committed.get(k));
      else this.cache.delete(k);
    }
    this.tell(back, 'reverted');
  }

  private tell(keys: string[], how: SharedChange): void {
    for (const l of this.listeners) {
      try {
        l(keys, how);
      } catch (err) {
        this.o.log.warn('a settings listener failed', { error: String(err) });
      }
    }
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function unavailable(err: unknown, what: 'read' | 'save'): AppError {
  if (err instanceof AppError) return err;
  return new AppError(
    'unavailable',
    what === 'save'
      ? 'The settings could not be saved in the shared database, so nothing was changed. Try again in a moment.'
      : 'The shared settings could not be read from the database. Try again in a moment.',
  );
}
