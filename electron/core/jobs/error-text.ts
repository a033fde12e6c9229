import { say } from '@shared/core-messages';
import { AppError } from '@shared/errors';
import { SystemError } from '../systems/errors';

/** PostgreSQL's SQLSTATEs for a full disk (disk_full) and a failing one (io_error). */
const PG_DISK = new Set(['53100', '58030']);

/** SQLite's own codes (better-sqlite3's SqliteError.code), or PostgreSQL's SQLSTATE, for a disk that is full or failing. */
export function isDiskError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') || PG_DISK.has(code));
}

export const DISK_FULL = say('diskFull');

/**
 * A job's error (or, with `for: 'record'`, one record's) as the console shows
 * it: what happened and what to do, no internals. Always a sentence of
 * shared/core-messages.ts, except an AppError's own message.
 */
export function forPeople(err: unknown, about: 'sync' | 'record' = 'sync'): string {
  if (isDiskError(err)) return DISK_FULL;
  const details = (err as { details?: { system?: string } }).details;
  const system = details?.system ?? 'A connected system';
  const code = err instanceof AppError ? err.code : undefined;
  switch (code) {
    case 'unavailable':
    case 'timeout':
      return say(about === 'record' ? 'noAnswerRecord' : 'noAnswer', { system });
    case 'unauthorized':
    case 'forbidden':
      return say('refusedSignIn', { system });
    case 'rate_limited':
      return say('slowDown', { system });
    case 'upstream_error':
      return say(about === 'record' ? 'upstreamRecord' : 'upstream', { system });
    default:
      // A refusal Condo Control gave for a reason the sync does not handle (a user gone, a conflict): its own words are internals.
      if (err instanceof SystemError) return say(about === 'record' ? 'upstreamRecord' : 'upstream', { system });
      return err instanceof AppError || (err as { partial?: boolean }).partial ? (err as Error).message : say('stoppedUnexpectedly');
  }
}

