import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/**
 * The data dir holds residents' personal data (the SQLite cache, logs) and
 * possibly the connection secrets: only the account running Condo Sync may
 * read it. On Windows these modes are ignored; the profile folder's ACL
 * protects the data there.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and parents) if needed and makes it 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodQuietly(dir, PRIVATE_DIR_MODE);
}

/**
 * Creates `file` empty if missing, then makes it 0600. SQLite gives its -wal
 * and -shm files the mode of the database file, so calling this before the
 * database opens covers those too.
 */
export function ensurePrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  chmodQuietly(file, PRIVATE_FILE_MODE);
}

/** Makes an existing file 0600; a missing one is fine. */
export function makePrivate(file: string): void {
  if (existsSync(file)) chmodQuietly(file, PRIVATE_FILE_MODE);
}

function chmodQuietly(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch (err) {
    // A folder we do not own (a shared mount) keeps its mode; the files in it are still 0600.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') throw err;
  }
}
