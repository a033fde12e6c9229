/**
 * `condo-sync keys add --name … --role …`, `keys list [--all]` and
 * `keys revoke <id>`: manages the access keys in the data dir's database,
 * whether or not a console runs on it (SQLite takes turns between the two).
 * A new key is printed once and never again; key changes go into the audit
 * log as made on this computer. With `--database postgres://…` (or
 * CONDO_SYNC_DATABASE_URL) the keys live in that database, shared by every
 * engine on it.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LOCAL_ADMINISTRATOR, roles, type AccessKey, type RevokedAccessKey, type Role } from '@shared/access';
import { describeZodError, inputs } from '@shared/contract';
import { AccessService } from '../core/access/access-service';
import { systemClock } from '../core/clock';
import { defaultMigrationsDir } from '../core/core';
import { chooseDatabase, openSqliteEngine, type EngineDatabase } from '../core/db/connect';
import { openPostgresStore } from '../core/db/open-store';
import { loadMigrations, migrate } from '../core/db/migrate';
import { accessDb } from '../core/db/repositories/access-schema';
import { silentLogger } from '../core/log';
import { ensurePrivateDir, ensurePrivateFile } from '../core/private-files';

export class KeysUsageError extends Error {}

export interface KeysCommandOptions {
  dataDir: string;
  action: string | undefined;
  /** `revoke`'s key id. */
  id?: string;
  name?: string;
  role?: string;
  all?: boolean;
  /** A postgres:// URL (else CONDO_SYNC_DATABASE_URL; else SQLite in the data dir), as `serve --database`. */
  database?: string;
  env?: NodeJS.ProcessEnv;
  json: boolean;
  out?: NodeJS.WritableStream;
  err?: NodeJS.WritableStream;
}

const roleWords: Record<Role, string> = { administrator: 'administrator', property_manager: 'property manager', support: 'support' };

/** "property-manager", "Property_Manager" and "property manager" all name one role. */
export function parseRole(text: string | undefined): Role {
  const role = (text ?? '').trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (!(roles as readonly string[]).includes(role)) throw new KeysUsageError(`--role must be administrator, property-manager or support (got "${text ?? ''}").`);
  return role as Role;
}

function line(k: AccessKey): string {
  const used = k.lastUsedAt ? `last used ${k.lastUsedAt}` : 'never used';
  const state = k.revokedAt ? `  REVOKED ${k.revokedAt}` : '';
  return `${k.id}  ${roleWords[k.role].padEnd(16)}  ${k.prefix}…  ${k.name}  (created ${k.createdAt}, ${used})${state}`;
}

/** Runs one keys command; returns the exit code (usage errors throw KeysUsageError). */
export async function runKeysCommand(opts: KeysCommandOptions): Promise<number> {
  const out = opts.out ?? process.stdout;
  const write = (text: string) => out.write(`${text}\n`);
  if (opts.action !== 'add' && opts.action !== 'list' && opts.action !== 'revoke') {
    throw new KeysUsageError(`keys needs add, list or revoke (got "${opts.action ?? ''}").`);
  }
  let input: { name: string; role: Role } | undefined;
  if (opts.action === 'add') {
    const parsed = inputs['keys.create'].safeParse({ name: opts.name ?? '', role: parseRole(opts.role) });
    if (!parsed.success) throw new KeysUsageError(`--name ${describeZodError(parsed.error)[0]?.message ?? 'is not valid'}: give a label such as "Marie (front desk)".`);
    input = parsed.data;
  }
  if (opts.action === 'revoke' && !opts.id) throw new KeysUsageError('keys revoke needs the key id (condo-sync keys list shows them).');

  const choice = chooseDatabase({ ...(opts.database ? { flag: opts.database } : {}), env: opts.env ?? process.env, sqliteFile: join(opts.dataDir, 'condo-sync.sqlite') });
  let database: EngineDatabase;
  if (choice.kind === 'postgres') {
    // Same schema steps as the engines sharing that database (they serialise migrating).
    database = await openPostgresStore(choice.url, { migrationsDir: defaultMigrationsDir(), log: silentLogger });
  } else {
    ensurePrivateDir(opts.dataDir);
    ensurePrivateFile(choice.file);
    database = openSqliteEngine(choice.file);
    try {
      migrate(database.sqlite!, loadMigrations(defaultMigrationsDir()));
    } catch (err) {
      await database.close();
      throw err;
    }
  }
  try {
    // The command line names its computer in the audit log: on a shared database "this computer" alone says nothing.
    const access = new AccessService(accessDb(database.kysely), { clock: systemClock, log: silentLogger, engine: hostname() });
    if (opts.action === 'add') {
      const created = await access.guard(LOCAL_ADMINISTRATOR, 'keys.create', input, () => access.createKey(input!));
      const key = created as Awaited<ReturnType<AccessService['createKey']>>;
      if (opts.json) write(JSON.stringify(key));
      else {
        write(`Created access key ${key.id} for "${key.name}" (${roleWords[key.role]}).`);
        write('The key is shown this once; Condo Sync keeps only a hash of it. Copy it now:');
        write(key.key);
      }
    } else if (opts.action === 'list') {
      const keys = await access.listKeys({ includeRevoked: opts.all ?? false });
      if (opts.json) write(JSON.stringify({ keys }));
      else if (!keys.length) write(opts.all ? 'No access keys yet. Create one with: condo-sync keys add --name "Marie (front desk)" --role support' : 'No access keys in use. Create one with: condo-sync keys add --name "Marie (front desk)" --role support');
      else keys.forEach((k) => write(line(k)));
    } else {
      const revoked = (await access.guard(LOCAL_ADMINISTRATOR, 'keys.revoke', { id: opts.id }, () => access.revokeKey(opts.id!))) as RevokedAccessKey;
      if (opts.json) write(JSON.stringify(revoked));
      else if (revoked.alreadyRevoked) write(`${revoked.id} ("${revoked.name}") was already revoked on ${revoked.revokedAt}. Nothing changed.`);
      else write(`Revoked ${revoked.id} ("${revoked.name}"). Calls with it are refused from now on.`);
    }
    return 0;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'not_found' || code === 'conflict') {
      (opts.err ?? process.stderr).write(`${(err as Error).message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await database.close();
  }
}
