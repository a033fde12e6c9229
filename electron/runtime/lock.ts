import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface LockInfo {
  pid: number;
  port: number;
  token: string;
  startedAt: string;
}

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(
    readonly holder: LockInfo,
    dataDir: string,
  ) {
    super(
      `The data dir ${dataDir} is already used by Condo Sync (process ${holder.pid}, http://127.0.0.1:${holder.port}/). ` +
        'Stop that instance first, or use another --data-dir.',
    );
  }
}

export function lockPath(dataDir: string): string {
  return join(dataDir, 'condo-sync.lock');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running owner of a data dir, if any; a lock left by a dead process is ignored. */
export function readLock(dataDir: string): LockInfo | undefined {
  const file = lockPath(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' && alive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Claims the data dir for this process: one owner at a time, so two consoles
 * never sync the same portfolio into the same database. The file (0600) also
 * tells the CLI where the running instance listens and with which token.
 */
export function acquireLock(dataDir: string, info: Omit<LockInfo, 'pid' | 'startedAt'>): { release(): void } {
  const file = lockPath(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), ...info }));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          const current = readLock(dataDir);
          if (!current || current.pid === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readLock(dataDir);
      if (holder) throw new DataDirLockedError(holder, dataDir);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not claim ${file}.`);
}
