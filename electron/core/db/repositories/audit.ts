/** The audit log in the database: one row per recorded call, newest last. */
import type { Kysely } from 'kysely';
import { auditOutcomes, roles, type AuditEntry, type AuditOutcome, type Caller } from '@shared/access';
import type { MethodName } from '@shared/contract';
import type { Page } from '@shared/types';
import type { AccessTables, AuditLogTable } from './access-schema';
import type { Selectable } from 'kysely';

export interface AuditRecord {
  at: string;
  actor: Caller;
  method: MethodName;
  summary: AuditEntry['summary'];
  outcome: AuditOutcome;
  code?: string;
}

function toEntry(r: Selectable<AuditLogTable>): AuditEntry {
  const role = (roles as readonly string[]).includes(r.actor_role) ? (r.actor_role as Caller['role']) : 'support';
  const kind = r.actor_kind === 'key' || r.actor_kind === 'token' ? r.actor_kind : 'local';
  return {
    id: Number(r.id),
    at: r.at,
    actor: { kind, role, ...(r.actor_name ? { name: r.actor_name } : {}), ...(r.actor_key_id ? { keyId: r.actor_key_id } : {}), ...(r.actor_engine ? { engine: r.actor_engine } : {}) },
    method: r.method as MethodName,
    summary: JSON.parse(r.summary) as AuditEntry['summary'],
    outcome: (auditOutcomes as readonly string[]).includes(r.outcome) ? (r.outcome as AuditOutcome) : 'failed',
    ...(r.error_code ? { code: r.error_code } : {}),
  };
}

export class AuditRepository {
  constructor(private readonly db: Kysely<AccessTables>) {}

  async insert(rec: AuditRecord): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        at: rec.at,
        actor_kind: rec.actor.kind,
        actor_key_id: rec.actor.keyId ?? null,
        actor_name: rec.actor.name ?? null,
        actor_role: rec.actor.role,
        actor_engine: rec.actor.engine ?? null,
        method: rec.method,
        summary: JSON.stringify(rec.summary),
        outcome: rec.outcome,
        error_code: rec.code ?? null,
      })
      .execute();
  }

  /** Deletes entries recorded before `before` (an ISO instant); returns how many went. */
  async prune(before: string): Promise<number> {
    const res = await this.db.deleteFrom('audit_log').where('at', '<', before).executeTakeFirst();
    return Number(res.numDeletedRows ?? 0);
  }

  /** Newest first. */
  async list(filter: { outcome?: AuditOutcome; offset?: number; limit?: number } = {}): Promise<Page<AuditEntry>> {
    let base = this.db.selectFrom('audit_log');
    if (filter.outcome) base = base.where('outcome', '=', filter.outcome);
    const counted = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
    const rows = await base
      .selectAll()
      .orderBy('id', 'desc')
      .limit(filter.limit ?? 100)
      .offset(filter.offset ?? 0)
      .execute();
    // pg answers count(*) as a string (int8): Number() keeps both backends alike.
    return { items: rows.map(toEntry), total: Number(counted?.n ?? 0) };
  }
}
