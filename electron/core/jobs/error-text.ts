import { AppError } from '@shared/errors';

/** SQLite's own codes (better-sqlite3's SqliteError.code) for a disk that is full or failing. */
export function isDiskError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR'));
}

export const DISK_FULL =
  'The disk where Condo Sync keeps its data is full (or cannot be written). Free some space on it; nothing was lost, and the sync runs again once there is room.';

/** A job's error as the console shows it: what happened and what to do, no internals. */
export function forPeople(err: unknown): string {
  if (isDiskError(err)) return DISK_FULL;
  const details = (err as { details?: { system?: string } }).details;
  const system = details?.system ?? 'A connected system';
  const code = err instanceof AppError ? err.code : undefined;
  switch (code) {
    case 'unavailable':
    case 'timeout':
      return `${system} did not answer. Check the network and its address in Settings → Connections. Nothing was lost; the sync will run again.`;
    case 'unauthorized':
    case 'forbidden':
      return `${system} refused Condo Sync's sign-in. Check the credentials in Settings → Connections.`;
    case 'rate_limited':
      return `${system} kept asking Condo Sync to slow down. Nothing was lost; the sync will run again later.`;
    case 'upstream_error':
      return `${system} answered with an error it could not explain. Nothing was lost; the sync will run again.`;
    default:
      return err instanceof AppError || (err as { partial?: boolean }).partial ? (err as Error).message : 'The sync stopped unexpectedly. Nothing was lost; it will run again. If it repeats, contact support.';
  }
}

