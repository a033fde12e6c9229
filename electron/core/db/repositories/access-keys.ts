/** Access keys in the database: rows hold a hash of each key, never the key. */
import type { Kysely, Selectable } from 'kysely';
import { roles, type AccessKey, type Role } from '@shared/access';
import type { AccessKeysTable, AccessTables } from './access-schema';

export type AccessKeyRow = Selectable<AccessKeysTable>;

function asRole(value: string): Role {
  // The table's CHECK constraint keeps other values out; this guards a hand-edited file.
  return (roles as readonly string[]).includes(value) ? (value as Role) : 'support';
}

export function toAccessKey(r: AccessKeyRow): AccessKey {
  return {
    id: r.id,
    name: r.name,
    role: asRole(r.role),
    prefix: r.key_prefix,
    createdAt: r.created_at,
    ...(r.last_used_at ? { lastUsedAt: r.last_used_at } : {}),
    ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}),
  };
}

export class AccessKeyRepository {
  constructor(private readonly db: Kysely<AccessTables>) {}

  async insert(row: { id: string; name: string; role: Role; keyHash: string; keyPrefix: string; createdAt: string }): Promise<void> {
    await this.db
      .insertInto('access_keys')
      .values({ id: row.id, name: row.name, role: row.role, key_hash: row.keyHash, key_prefix: row.keyPrefix, created_at: row.createdAt, last_used_at: null, revoked_at: null })
      .execute();
  }

  /** Newest first; revoked keys only when asked for. */
  async list(opts: { includeRevoked?: boolean } = {}): Promise<AccessKey[]> {
    let q = this.db.selectFrom('access_keys').selectAll();
    if (!opts.includeRevoked) q = q.where('revoked_at', 'is', null);
    const rows = await q.orderBy('created_at', 'desc').orderBy('id').execute();
    return rows.map(toAccessKey);
  }

  async get(id: string): Promise<AccessKeyRow | undefined> {
    return this.db.selectFrom('access_keys').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findByHash(keyHash: string): Promise<AccessKeyRow | undefined> {
    return this.db.selectFrom('access_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
  }

  /** A key in use with this name (names tell people apart in the audit log), compared without case. */
  async activeNamed(name: string): Promise<AccessKeyRow | undefined> {
    const rows = await this.db.selectFrom('access_keys').selectAll().where('revoked_at', 'is', null).execute();
    const wanted = name.normalize('NFC').toLocaleLowerCase('en-CA');
    return rows.find((r) => r.name.normalize('NFC').toLocaleLowerCase('en-CA') === wanted);
  }

  /**
   * Marks the key revoked (once: a second revoke keeps the first time).
   * `changed` is false when the key was already revoked before this call.
   */
  async revoke(id: string, at: string): Promise<{ row: AccessKeyRow; changed: boolean } | undefined> {
    const res = await this.db.updateTable('access_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    const row = await this.get(id);
    return row ? { row, changed: Number(res.numUpdatedRows) > 0 } : undefined;
  }

  async touch(id: string, at: string): Promise<void> {
    await this.db.updateTable('access_keys').set({ last_used_at: at }).where('id', '=', id).execute();
  }
}
