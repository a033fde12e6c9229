import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DiagnosticsFile } from '@shared/types';
import { openDatabase } from '../core/db/database';
import { connectionSummary } from '../core/diagnostics/collect';
import { writeDiagnostics } from '../core/diagnostics/export';
import { sqliteKysely, type Executor } from '../core/db/kysely';
import { openPostgresEngine } from '../core/db/connect';
import { readLock } from '../runtime/lock';
import { PRIVATE_FILE_MODE } from '../core/private-files';
import { FileSecretStore } from '../core/secrets';
import { APP_VERSION } from '../core/version';
import { hostSettingsStore } from './server';
import { remoteApi } from './sync-command';

export interface DiagnosticsCommandOptions {
  dataDir: string;
  /** Also copy the zip here (0600). */
  out?: string;
  json: boolean;
  stdout?: NodeJS.WritableStream;
  /** The engine's state is in this PostgreSQL database (not the data dir's SQLite file). */
  databaseUrl?: string;
}

/**
 * `condo-sync diagnostics`: asks the console that owns the data dir for a
 * bundle, or, with none running, builds it from the data dir alone (read-only
 * database, no systems contacted). Prints where the zip is.
 * @returns the exit code: 0 written, 1 failed.
 */
export async function runDiagnosticsCommand(opts: DiagnosticsCommandOptions): Promise<number> {
  const out = opts.stdout ?? process.stdout;
  const owner = readLock(opts.dataDir);
  let file: DiagnosticsFile;
  if (owner) {
    file = await remoteApi(owner.port, owner.token).call<DiagnosticsFile>('diagnostics.export', {});
  } else {
    const dbFile = join(opts.dataDir, 'condo-sync.sqlite');
    const pg = opts.databaseUrl ? await openPostgresEngine(opts.databaseUrl, { poolSize: 2 }) : undefined;
    const db = !pg && existsSync(dbFile) ? openDatabase(dbFile, { readonly: true }) : undefined;
    const executor = pg ? (pg.kysely as Executor) : db && sqliteKysely(db);
    try {
      const secrets = new FileSecretStore(opts.dataDir);
      let configured;
      try {
        configured = secrets.get();
      } catch {
        configured = undefined;
      }
      file = await writeDiagnostics({
        dataDir: opts.dataDir,
        ...(executor ? { db: executor } : {}),
        settings: hostSettingsStore(opts.dataDir),
        about: { version: APP_VERSION, mode: configured ? 'live' : 'sandbox', adapter: 'cli', secretStorage: secrets.storage, dataDir: opts.dataDir, running: false },
        connection: connectionSummary(configured, secrets.source),
        now: new Date(),
      });
    } finally {
      db?.close();
      await pg?.close();
    }
  }
  let path = file.path;
  if (opts.out) {
    path = resolve(opts.out);
    writeFileSync(path, Buffer.from(file.base64, 'base64'), { mode: PRIVATE_FILE_MODE });
  }
  if (opts.json) out.write(`${JSON.stringify({ path, bytes: file.bytes, entries: file.entries })}\n`);
  else out.write(`Diagnostics written (no secrets, residents' names, emails and phones removed): ${path}\n`);
  return 0;
}
