// Condo Control users. Rules the sync must live with: the login email is
// unique among a workspace's active users, case-insensitively (409) — a
// deactivated user has no login, so a current resident may take the address;
// group and unit ids must exist (422); people are deactivated, never deleted;
// a create repeated with the same Idempotency-Key returns the same user.
import type { Statement } from 'better-sqlite3';
import type { MonotonicClock } from '../common/clock';
import { HttpError, notFound, validationFailed, type ErrorItem } from '../common/http-error';
import type { Paging } from '../common/query';
import type { Db } from '../common/sqlite';
import type { Phone } from '../portfolio/types';
import type { Directory } from './directory';
import type { UserCreate, UserPatch } from './validation';

export interface CcUser {
  id: string;
  externalId: string | null;
  firstName: string;
  lastName: string;
  email: string | null;
  phones: Phone[];
  language: 'en' | 'fr';
  active: boolean;
  groupIds: string[];
  unitIds: string[];
  updatedAt: string;
}

interface Row {
  id: string;
  external_id: string | null;
  first_name: string;
  last_name: string;
  email: string | null;
  phones: string;
  language: 'en' | 'fr';
  active: number;
  group_ids: string;
  unit_ids: string;
  updated_at: string;
}

const toUser = (r: Row): CcUser => ({
  id: r.id,
  externalId: r.external_id,
  firstName: r.first_name,
  lastName: r.last_name,
  email: r.email,
  phones: JSON.parse(r.phones) as Phone[],
  language: r.language,
  active: r.active === 1,
  groupIds: JSON.parse(r.group_ids) as string[],
  unitIds: JSON.parse(r.unit_ids) as string[],
  updatedAt: r.updated_at,
});

export interface UserFilter {
  externalId?: string | undefined;
  email?: string | undefined;
}

export class Users {
  private readonly s: Record<string, Statement>;
  private readonly lists = new Map<string, { rows: Statement; count: Statement }>();
  private nextN: number;

  constructor(
    private readonly db: Db,
    private readonly directory: Directory,
    private readonly clock: MonotonicClock,
  ) {
    this.s = {
      get: db.prepare('SELECT * FROM users WHERE ws_id = ? AND id = ?'),
      byEmail: db.prepare('SELECT id FROM users WHERE ws_id = ? AND email_lower = ? AND id != ? AND active = 1').pluck(),
      ofUnit: db.prepare('SELECT u.* FROM users u WHERE ws_id = ? AND EXISTS (SELECT 1 FROM json_each(u.unit_ids) WHERE value = ?) ORDER BY n'),
      insert: db.prepare(
        `INSERT INTO users (n, id, ws_id, external_id, first_name, last_name, email, email_lower, phones, language, active, group_ids, unit_ids, updated_at)
         VALUES (@n, @id, @ws, @externalId, @firstName, @lastName, @email, @emailLower, @phones, @language, @active, @groupIds, @unitIds, @updatedAt)`,
      ),
      update: db.prepare(
        `UPDATE users SET external_id = @externalId, first_name = @firstName, last_name = @lastName, email = @email,
         email_lower = @emailLower, phones = @phones, language = @language, active = @active, group_ids = @groupIds,
         unit_ids = @unitIds, updated_at = @updatedAt WHERE id = @id`,
      ),
      maxN: db.prepare('SELECT COALESCE(MAX(n), 0) FROM users').pluck(),
      idemGet: db.prepare('SELECT request_hash AS hash, user_id AS userId, status FROM idempotency_keys WHERE ws_id = ? AND key = ?'),
      idemPut: db.prepare('INSERT INTO idempotency_keys (ws_id, key, request_hash, user_id, status, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    };
    this.nextN = (this.st('maxN').get() as number) + 1;
  }

  private st(name: string): Statement {
    const s = this.s[name];
    if (!s) throw new Error(`no statement ${name}`);
    return s;
  }

  /** After a reset the id counter starts again after the seeded users. */
  reload(): void {
    this.nextN = (this.st('maxN').get() as number) + 1;
  }

  private listStatements(filter: UserFilter) {
    const key = `${filter.externalId !== undefined}|${filter.email !== undefined}`;
    let cached = this.lists.get(key);
    if (!cached) {
      const where = ['ws_id = @ws'];
      if (filter.externalId !== undefined) where.push('external_id = @externalId');
      if (filter.email !== undefined) where.push('email_lower = @email');
      const clause = where.join(' AND ');
      cached = {
        rows: this.db.prepare(`SELECT * FROM users WHERE ${clause} ORDER BY n LIMIT @limit OFFSET @offset`),
        count: this.db.prepare(`SELECT COUNT(*) FROM users WHERE ${clause}`).pluck(),
      };
      this.lists.set(key, cached);
    }
    return cached;
  }

  list(wsId: string, filter: UserFilter, paging: Paging): { total: number; items: CcUser[] } {
    const { rows, count } = this.listStatements(filter);
    const params: Record<string, string | number> = { ws: wsId };
    if (filter.externalId !== undefined) params.externalId = filter.externalId;
    if (filter.email !== undefined) params.email = filter.email.toLowerCase();
    return {
      total: count.get(params) as number,
      items: (rows.all({ ...params, limit: paging.limit, offset: paging.offset }) as Row[]).map(toUser),
    };
  }

  get(wsId: string, id: string): CcUser {
    const row = this.st('get').get(wsId, id) as Row | undefined;
    if (!row) throw notFound('The user', 'userId', id);
    return toUser(row);
  }

  ofUnit(wsId: string, unitId: string): CcUser[] {
    return (this.st('ofUnit').all(wsId, unitId) as Row[]).map(toUser);
  }

  private check(wsId: string, user: CcUser): void {
    const errors: ErrorItem[] = [];
    const groups = this.directory.groupIds();
    user.groupIds.forEach((g, i) => {
      if (!groups.has(g)) errors.push({ key: `groupIds.${i}`, value: 'is not a group' });
    });
    user.unitIds.forEach((u, i) => {
      try {
        this.directory.unit(wsId, u);
      } catch {
        errors.push({ key: `unitIds.${i}`, value: 'is not a unit of this workspace' });
      }
    });
    if (errors.length > 0) throw validationFailed(errors);
    if (user.email !== null && user.active) {
      const other = this.st('byEmail').get(wsId, user.email.toLowerCase(), user.id) as string | undefined;
      if (other) {
        throw new HttpError(409, 'duplicate_email', 'Another user already logs in with this email.', [
          { key: 'email', value: 'is already used by another user' },
          { key: 'existingUserId', value: other },
        ]);
      }
    }
  }

  private params(wsId: string, u: CcUser) {
    return {
      id: u.id, ws: wsId, externalId: u.externalId, firstName: u.firstName, lastName: u.lastName,
      email: u.email, emailLower: u.email?.toLowerCase() ?? null, phones: JSON.stringify(u.phones),
      language: u.language, active: u.active ? 1 : 0, groupIds: JSON.stringify(u.groupIds),
      unitIds: JSON.stringify(u.unitIds), updatedAt: u.updatedAt,
    };
  }

  create(wsId: string, input: UserCreate, idem?: { key: string; hash: string }): { user: CcUser; status: number; replayed: boolean } {
    if (idem) {
      const seen = this.st('idemGet').get(wsId, idem.key) as { hash: string; userId: string; status: number } | undefined;
      if (seen) {
        if (seen.hash !== idem.hash) {
          throw new HttpError(422, 'idempotency_key_reused', 'This Idempotency-Key was used with a different request.', [
            { key: 'Idempotency-Key', value: 'was used with a different body' },
          ]);
        }
        return { user: this.get(wsId, seen.userId), status: seen.status, replayed: true };
      }
    }
    const n = this.nextN;
    const user: CcUser = {
      id: `user_${n}`,
      externalId: input.externalId ?? null,
      firstName: input.firstName ?? '',
      lastName: input.lastName,
      email: input.email ?? null,
      phones: input.phones ?? [],
      language: input.language ?? 'en',
      active: input.active ?? true,
      groupIds: [...new Set(input.groupIds)],
      unitIds: [...new Set(input.unitIds ?? [])],
      updatedAt: '',
    };
    this.check(wsId, user);
    user.updatedAt = this.clock.next();
    this.db.transaction(() => {
      this.st('insert').run({ n, ...this.params(wsId, user) });
      if (idem) this.st('idemPut').run(wsId, idem.key, idem.hash, user.id, 201, user.updatedAt);
    })();
    this.nextN = n + 1;
    return { user, status: 201, replayed: false };
  }

  /** Applies a change; bumps updatedAt only when something actually changed. */
  update(wsId: string, id: string, patch: UserPatch | ((u: CcUser) => Partial<CcUser>)): CcUser {
    const before = this.get(wsId, id);
    const changes = typeof patch === 'function' ? patch(before) : patch;
    const next: CcUser = { ...before, ...changes, id: before.id, updatedAt: before.updatedAt };
    next.groupIds = [...new Set(next.groupIds)];
    next.unitIds = [...new Set(next.unitIds)];
    if (JSON.stringify(next) === JSON.stringify(before)) return before;
    this.check(wsId, next);
    next.updatedAt = this.clock.next();
    this.st('update').run(this.params(wsId, next));
    return next;
  }
}
