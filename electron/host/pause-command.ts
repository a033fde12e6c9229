import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { systemClock } from '../core/clock';
import { EVENTS_CHANNEL, toWire } from '../core/cluster/event-fanout';
import { defaultMigrationsDir } from '../core/core';
import { chooseDatabase } from '../core/db/connect';
import { openPostgresStore } from '../core/db/open-store';
import type { DB } from '../core/db/schema';
import { PauseControl } from '../core/jobs/pause';
import type { SettingsStore } from '../core/settings';
import { SharedSettingsStore } from '../core/settings-shared';
import { readLock } from '../runtime/lock';
import { silentLogger } from '../core/log';
import type { PauseState } from '@shared/types';
import { hostSettingsStore } from './server';

export interface PauseCommandOptions {
  dataDir: string;
  action: 'pause' | 'resume';
  /** "2h", "90m", "1d", "1.5h": how long (pause only). */
  for?: string;
  /** An ISO date and time (pause only). */
  until?: string;
  json: boolean;
  out?: NodeJS.WritableStream;
  /**
   * postgres://… of engines sharing one database (else CONDO_SYNC_DATABASE_URL
   * in `env`): with no engine running on the data dir, the pause is written
   * to the database, where every engine on it reads it, and they are told.
   */
  database?: string;
  env?: NodeJS.ProcessEnv;
}

export class PauseUsageError extends Error {}

const UNITS: Record<string, number> = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** "2h" → 7 200 000 ms. Throws PauseUsageError for anything else. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(m|min|h|d)\s*$/i.exec(text);
  if (!m) throw new PauseUsageError(`--for must be a duration such as 30m, 2h or 1d (got "${text}").`);
  return Math.round(Number(m[1]) * UNITS[m[2]!.toLowerCase()]!);
}

/** One line a person reads: "Syncing is paused until Mon, Nov 30, 3:00 p.m." */
export function pauseLine(state: PauseState): string {
  if (!state.paused) return 'Syncing is on: the nightly run and real-time sync run as scheduled.';
  if (!state.until) return 'Syncing is paused until you resume it (condo-sync resume). A sync you start yourself still runs.';
  const when = new Date(state.until).toLocaleString('en-CA', { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
  return `Syncing is paused until ${when}. A sync you start yourself still runs.`;
}

async function remote(port: number, token: string, method: string, input: unknown): Promise<PauseState> {
  const res = await fetch(`http://127.0.0.1:${port}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; result?: PauseState; error?: { code: string; message: string } };
  if (!body.ok) throw Object.assign(new Error(body.error?.message ?? `HTTP ${res.status}`), { code: body.error?.code });
  return body.result!;
}

/**
 * `condo-sync pause [--for 2h | --until ISO]` and `condo-sync resume`: asks
 * the console that owns the data dir, or, when none runs, writes the pause
 * into its settings so the next start honours it. Returns the exit code.
 */
export async function runPauseCommand(opts: PauseCommandOptions): Promise<number> {
  const out = opts.out ?? process.stdout;
  if (opts.for !== undefined && opts.until !== undefined) throw new PauseUsageError('Give --for or --until, not both.');
  if (opts.action === 'resume' && (opts.for !== undefined || opts.until !== undefined)) throw new PauseUsageError('resume takes no --for or --until.');
  const input = opts.action === 'resume' ? {} : { ...(opts.for !== undefined ? { forMs: parseDuration(opts.for) } : {}), ...(opts.until !== undefined ? { until: opts.until } : {}) };
  const method = opts.action === 'pause' ? 'sync.pause' : 'sync.resume';
  const owner = readLock(opts.dataDir);
  let state: PauseState;
  if (input.until !== undefined && Number.isNaN(Date.parse(input.until))) throw new PauseUsageError(`--until must be a date and time such as 2026-12-01T08:00-05:00 (got "${input.until}").`);
  const apply = (settings: SettingsStore) => {
    const control = new PauseControl({ settings, clock: systemClock, log: silentLogger });
    return opts.action === 'resume' ? control.resume() : control.pause(input);
  };
  if (owner) state = await remote(owner.port, owner.token, method, input);
  else {
    const store = chooseDatabase({ flag: opts.database, env: opts.env ?? process.env, sqliteFile: join(opts.dataDir, 'condo-sync.sqlite') });
    state = store.kind === 'postgres' ? await sharedPause(store.url, opts.dataDir, apply) : apply(hostSettingsStore(opts.dataDir));
  }
  out.write(`${opts.json ? JSON.stringify(state) : pauseLine(state)}\n`);
  return 0;
}

/**
 * The pause of engines sharing a PostgreSQL database, written there (in one
 * transaction), then told to the engines running on it as another engine's
 * change of the `pause` setting, so they hold or release their queues now.
 * @throws AppError unavailable when the database cannot be reached or written.
 */
async function sharedPause(url: string, dataDir: string, apply: (settings: SettingsStore) => PauseState): Promise<PauseState> {
  const database = await openPostgresStore(url, { migrationsDir: defaultMigrationsDir(), log: silentLogger, postgres: { poolSize: 1 } });
  try {
    const kysely = database.kysely as Kysely<DB>;
    const settings = new SharedSettingsStore({ db: kysely, local: hostSettingsStore(dataDir), clock: systemClock, log: silentLogger });
    await settings.load();
    const state = apply(settings);
    await settings.saved();
    const wire = toWire(`cli:${process.pid}`, 'settings.changed', { keys: ['pause'] });
    await sql`SELECT pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(wire)})`.execute(kysely);
    return state;
  } finally {
    await database.close();
  }
}
