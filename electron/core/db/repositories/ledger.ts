/**
 * The commerce ledger: the local copy of Condo Manager's receivables, where
 * each line stands in Condo Control (its id_map row), the change feed's
 * position, the last balances read and a history import's position. Async and
 * portable (SQLite and PostgreSQL): every SQL the commerce sync runs.
 *
 * Several engines may share one PostgreSQL database. What is read, decided
 * and then written (a feed page's cursor and pending mark, a failed line's
 * attempt count) is done under a row lock in one transaction (`lockFeed`,
 * `markFailed`); the rest are single upserts that are atomic by themselves.
 *
 * Amounts are integer cents (numbers; PostgreSQL's BIGINT comes back as a
 * number through db/connect.ts's parser). Timestamps are ISO-8601 strings.
 */
import type { Aging } from '@shared/types';
import type { Invoice, Payment } from '../../systems/schemas';
import { bytewise, inTransaction, isPostgres, toCount, type Executor } from '../kysely';
import { sql, type Selectable } from 'kysely';
import type { InvoicesTable, PaymentsTable, SyncStatusValue } from '../schema';

export type LedgerEntity = 'invoice' | 'payment';

/** Where a line stands in Condo Control (its id_map row). */
export interface DeliveryRow {
  entity: LedgerEntity;
  source_id: string;
  target_id: string | null;
  workspace_id: string | null;
  content_hash: string | null;
  last_synced_at: string | null;
  sync_status: SyncStatusValue;
  /** JSON array of messages. */
  attention: string;
  next_attempt_at: string | null;
  attempts: number;
}

export interface UnitTarget {
  unitId: string;
  number: string;
  corporationId: string;
  accountId: string | null;
  /** The Condo Control unit and building, once the resident sync mapped them. */
  targetId: string | null;
  workspaceId: string | null;
}

export interface FeedState {
  cursor: string | null;
  pendingSince: string | null;
  lastEventAt: string | null;
  /** Moves each time a feed page adds invoices or payments to the pending mark. */
  pendingRev: number;
}

/** A line held for a person, as Sync Status lists it (newest first). */
export interface AttentionLine {
  entity: LedgerEntity;
  id: string;
  unitId: string;
  unitNumber: string | null;
  corporationCode: string | null;
  number: string | null;
  /** JSON array of messages. */
  attention: string;
  at: string;
}

/** The last balance read from Condo Manager (and Condo Control's, once checked). */
export interface BalanceRow {
  balance_cents: number;
  /** JSON aging buckets. */
  aging: string;
  read_at: string;
  cc_balance_cents: number | null;
  cc_read_at: string | null;
}

type InvoiceRow = Selectable<InvoicesTable>;

const toInvoice = (r: InvoiceRow): Invoice => ({
  id: r.id,
  accountId: r.account_id,
  unitId: r.unit_id,
  number: r.number,
  date: r.date,
  dueDate: r.due_date ?? r.date,
  kind: r.kind as Invoice['kind'],
  lines: JSON.parse(r.lines),
  totalCents: Number(r.total_cents),
  status: r.status as Invoice['status'],
  updatedAt: r.updated_at,
});

const toPayment = (r: Selectable<PaymentsTable>): Payment => ({
  id: r.id,
  accountId: r.account_id,
  unitId: r.unit_id,
  date: r.date,
  method: r.method as Payment['method'],
  amountCents: Number(r.amount_cents),
  reference: r.reference || null,
  status: r.status as Payment['status'],
  updatedAt: r.updated_at,
});

const historyScope = (jobId: string, corp: string, entity: LedgerEntity) => `history:${jobId}:${corp}:${entity}`;

export class LedgerRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Runs `fn` with a repository over one transaction (or the caller's):
   * a feed page's lines, its cursor and the pending mark commit together or
   * not at all. `fn` must use the repository it is given.
   */
  transaction<T>(fn: (ledger: LedgerRepository) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (trx) => fn(new LedgerRepository(trx)));
  }

  /**
   * Stages an invoice. A copy never goes back in time: an older read (a
   * reconcile page read before a real-time update) does not overwrite a newer one.
   */
  async stageInvoice(corp: string, i: Invoice): Promise<void> {
    await this.db
      .insertInto('invoices')
      .values({
        id: i.id,
        corporation_id: corp,
        account_id: i.accountId,
        unit_id: i.unitId,
        number: i.number,
        date: i.date,
        due_date: i.dueDate,
        kind: i.kind,
        lines: JSON.stringify(i.lines),
        total_cents: i.totalCents,
        status: i.status,
        updated_at: i.updatedAt,
      })
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet((eb) => ({
            account_id: eb.ref('excluded.account_id'),
            unit_id: eb.ref('excluded.unit_id'),
            number: eb.ref('excluded.number'),
            date: eb.ref('excluded.date'),
            due_date: eb.ref('excluded.due_date'),
            kind: eb.ref('excluded.kind'),
            lines: eb.ref('excluded.lines'),
            total_cents: eb.ref('excluded.total_cents'),
            status: eb.ref('excluded.status'),
            updated_at: eb.ref('excluded.updated_at'),
          }))
          .where((eb) => eb(eb.ref('excluded.updated_at'), '>=', eb.ref('invoices.updated_at'))),
      )
      .execute();
  }

  /** Stages a payment (never older over newer, as stageInvoice). */
  async stagePayment(corp: string, p: Payment): Promise<void> {
    await this.db
      .insertInto('payments')
      .values({
        id: p.id,
        corporation_id: corp,
        account_id: p.accountId,
        unit_id: p.unitId,
        date: p.date,
        method: p.method,
        amount_cents: p.amountCents,
        reference: p.reference ?? '',
        status: p.status,
        updated_at: p.updatedAt,
      })
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet((eb) => ({
            account_id: eb.ref('excluded.account_id'),
            unit_id: eb.ref('excluded.unit_id'),
            date: eb.ref('excluded.date'),
            method: eb.ref('excluded.method'),
            amount_cents: eb.ref('excluded.amount_cents'),
            reference: eb.ref('excluded.reference'),
            status: eb.ref('excluded.status'),
            updated_at: eb.ref('excluded.updated_at'),
          }))
          .where((eb) => eb(eb.ref('excluded.updated_at'), '>=', eb.ref('payments.updated_at'))),
      )
      .execute();
  }

  async invoice(id: string): Promise<Invoice | undefined> {
    const row = await this.db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toInvoice(row);
  }

  async payment(id: string): Promise<Payment | undefined> {
    const row = await this.db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toPayment(row);
  }

  /** An account's invoices and payments, each by date then id. */
  async ledgerOf(accountId: string): Promise<{ invoices: Invoice[]; payments: Payment[] }> {
    const invoices = await this.db
      .selectFrom('invoices')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy(bytewise(this.db, sql.ref('date')))
      .orderBy(bytewise(this.db, sql.ref('id')))
      .execute();
    const payments = await this.db
      .selectFrom('payments')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy(bytewise(this.db, sql.ref('date')))
      .orderBy(bytewise(this.db, sql.ref('id')))
      .execute();
    return { invoices: invoices.map(toInvoice), payments: payments.map(toPayment) };
  }

  private units() {
    return this.db
      .selectFrom('units as u')
      .innerJoin('corporations as c', 'c.id', 'u.corporation_id')
      .leftJoin('id_map as m', (j) => j.on('m.entity', '=', 'unit').onRef('m.source_id', '=', 'u.id'))
      .select((eb) => [
        'u.id as unitId',
        'u.number as number',
        'u.corporation_id as corporationId',
        'u.account_id as accountId',
        'm.target_id as targetId',
        eb.fn.coalesce('m.workspace_id', 'c.workspace_id').as('workspaceId'),
      ]);
  }

  async unit(unitId: string): Promise<UnitTarget | undefined> {
    return this.units().where('u.id', '=', unitId).executeTakeFirst() as Promise<UnitTarget | undefined>;
  }

  async delivery(entity: LedgerEntity, id: string): Promise<DeliveryRow | undefined> {
    const row = await this.db
      .selectFrom('id_map')
      .select(['entity', 'source_id', 'target_id', 'workspace_id', 'content_hash', 'last_synced_at', 'sync_status', 'attention', 'next_attempt_at', 'attempts'])
      .where('entity', '=', entity)
      .where('source_id', '=', id)
      .executeTakeFirst();
    return row as DeliveryRow | undefined;
  }

  async markPushed(entity: LedgerEntity, id: string, target: { targetId: string; workspaceId: string }, hash: string, at: string): Promise<void> {
    await this.db
      .insertInto('id_map')
      .values({
        entity,
        source_id: id,
        target_id: target.targetId,
        workspace_id: target.workspaceId,
        content_hash: hash,
        last_synced_at: at,
        sync_status: 'in_sync',
        attention: '[]',
        next_attempt_at: null,
        attempts: 0,
      })
      .onConflict((oc) =>
        oc.columns(['entity', 'source_id']).doUpdateSet((eb) => ({
          target_id: eb.ref('excluded.target_id'),
          workspace_id: eb.ref('excluded.workspace_id'),
          content_hash: eb.ref('excluded.content_hash'),
          last_synced_at: eb.ref('excluded.last_synced_at'),
          sync_status: 'in_sync',
          attention: '[]',
          next_attempt_at: null,
          attempts: 0,
        })),
      )
      .execute();
  }

  /** Held for a person (attention) or to try again (failed, at `next`). */
  async markHeld(entity: LedgerEntity, id: string, status: 'attention' | 'failed', message: string, next: string | null, attempts: number): Promise<void> {
    await this.db
      .insertInto('id_map')
      .values({ entity, source_id: id, sync_status: status, attention: JSON.stringify([message]), next_attempt_at: next, attempts })
      .onConflict((oc) =>
        oc.columns(['entity', 'source_id']).doUpdateSet((eb) => ({
          sync_status: eb.ref('excluded.sync_status'),
          attention: eb.ref('excluded.attention'),
          next_attempt_at: eb.ref('excluded.next_attempt_at'),
          attempts: eb.ref('excluded.attempts'),
        })),
      )
      .execute();
  }

  private lines() {
    return this.db
      .selectFrom('id_map as m')
      .leftJoin('invoices as i', (j) => j.on('m.entity', '=', 'invoice').onRef('i.id', '=', 'm.source_id'))
      .leftJoin('payments as p', (j) => j.on('m.entity', '=', 'payment').onRef('p.id', '=', 'm.source_id'))
      .where('m.entity', 'in', ['invoice', 'payment']);
  }

  /**
   * A failed write, counted: one upsert adds one to the line's attempts (two
   * engines failing the same line count two attempts, not one; a line with
   * no row yet starts at 1), and its next try is `nextAt(attempts)`, written
   * while the upsert's row lock is held. Returns the attempts now counted.
   */
  async markFailed(entity: LedgerEntity, id: string, message: string, nextAt: (attempts: number) => string): Promise<number> {
    return this.transaction(async (l) => {
      const row = await l.db
        .insertInto('id_map')
        .values({ entity, source_id: id, sync_status: 'failed', attention: JSON.stringify([message]), next_attempt_at: null, attempts: 1 })
        .onConflict((oc) =>
          oc.columns(['entity', 'source_id']).doUpdateSet((eb) => ({
            sync_status: 'failed',
            attention: eb.ref('excluded.attention'),
            attempts: eb(eb.ref('id_map.attempts'), '+', 1),
          })),
        )
        .returning('attempts')
        .executeTakeFirstOrThrow();
      const attempts = Number(row.attempts);
      await l.db.updateTable('id_map').set({ next_attempt_at: nextAt(attempts) }).where('entity', '=', entity).where('source_id', '=', id).execute();
      return attempts;
    });
  }

  /** Failed lines of a building whose next attempt is due (at most 500 a call). */
  async due(corp: string, now: string): Promise<{ entity: LedgerEntity; id: string }[]> {
    const rows = await this.lines()
      .select(['m.entity', 'm.source_id as id'])
      .where('m.sync_status', '=', 'failed')
      .where('m.next_attempt_at', '<=', now)
      .where((eb) => eb(eb.fn.coalesce('i.corporation_id', 'p.corporation_id'), '=', corp))
      .limit(500)
      .execute();
    return rows as { entity: LedgerEntity; id: string }[];
  }

  /** The earliest retry of any failed line, or null. */
  async nextRetryAt(): Promise<string | null> {
    const row = await this.db
      .selectFrom('id_map')
      .select((eb) => eb.fn.min('next_attempt_at').as('next'))
      .where('entity', 'in', ['invoice', 'payment'])
      .where('sync_status', '=', 'failed')
      .executeTakeFirst();
    return (row?.next as string | null | undefined) ?? null;
  }

  /**
   * Lines held for a person, newest first; lines of one instant (a monthly
   * run's invoices) by record, so a shorter list is the start of a longer one
   * on both backends; a line whose record is not in the local copy last
   * (PostgreSQL would put its NULL first in a DESC sort, SQLite last).
   */
  async attention(limit = 50): Promise<AttentionLine[]> {
    const rows = await this.lines()
      .leftJoin('units as u', (j) => j.on((eb) => eb('u.id', '=', eb.fn.coalesce('i.unit_id', 'p.unit_id'))))
      .leftJoin('corporations as c', (j) => j.on((eb) => eb('c.id', '=', eb.fn.coalesce('i.corporation_id', 'p.corporation_id'))))
      .select((eb) => [
        'm.entity',
        'm.source_id as id',
        eb.fn.coalesce('i.unit_id', 'p.unit_id').as('unitId'),
        'u.number as unitNumber',
        'c.code as corporationCode',
        'i.number as number',
        'm.attention',
        eb.fn.coalesce('i.updated_at', 'p.updated_at').as('at'),
      ])
      .where('m.sync_status', '=', 'attention')
      .orderBy('at', (ob) => ob.desc().nullsLast())
      .orderBy(bytewise(this.db, sql.ref('m.entity')))
      .orderBy(bytewise(this.db, sql.ref('m.source_id')))
      .limit(limit)
      .execute();
    return rows as AttentionLine[];
  }

  async attentionCount(): Promise<number> {
    const row = await this.db
      .selectFrom('id_map')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('entity', 'in', ['invoice', 'payment'])
      .where('sync_status', '=', 'attention')
      .executeTakeFirst();
    return toCount(row?.n);
  }

  /** A building's feed position; the empty state before its first page. */
  async feed(corp: string): Promise<FeedState> {
    const row = await this.db
      .selectFrom('feed_state')
      .select(['cursor', 'pending_since as pendingSince', 'last_event_at as lastEventAt', 'pending_rev as pendingRev'])
      .where('corporation_id', '=', corp)
      .executeTakeFirst();
    return row ? { ...row, pendingRev: Number(row.pendingRev) } : { cursor: null, pendingSince: null, lastEventAt: null, pendingRev: 0 };
  }

  /**
   * A building's feed position, locked until the surrounding transaction
   * ends; call it inside `transaction()`. On PostgreSQL the row (made first
   * when missing, so there is one to lock) is read FOR UPDATE; on SQLite the
   * transaction already holds the only connection. A watcher reads its
   * cursor and pending mark, decides and writes under this lock, so neither
   * a commerce job's clearPending nor another engine's watcher slips in
   * between (no lost update).
   */
  async lockFeed(corp: string, now: string): Promise<FeedState> {
    if (!this.db.isTransaction) throw new Error('lockFeed must run inside ledger.transaction()');
    if (!isPostgres(this.db)) return this.feed(corp);
    await this.db
      .insertInto('feed_state')
      .values({ corporation_id: corp, cursor: null, pending_since: null, last_event_at: null, pending_rev: 0, updated_at: now })
      .onConflict((oc) => oc.column('corporation_id').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('feed_state')
      .select(['cursor', 'pending_since as pendingSince', 'last_event_at as lastEventAt', 'pending_rev as pendingRev'])
      .where('corporation_id', '=', corp)
      .forUpdate()
      .executeTakeFirstOrThrow();
    return { ...row, pendingRev: Number(row.pendingRev) };
  }

  async setFeed(corp: string, state: FeedState, now: string): Promise<void> {
    await this.db
      .insertInto('feed_state')
      .values({
        corporation_id: corp,
        cursor: state.cursor,
        pending_since: state.pendingSince,
        last_event_at: state.lastEventAt,
        pending_rev: state.pendingRev,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.column('corporation_id').doUpdateSet((eb) => ({
          cursor: eb.ref('excluded.cursor'),
          pending_since: eb.ref('excluded.pending_since'),
          last_event_at: eb.ref('excluded.last_event_at'),
          pending_rev: eb.ref('excluded.pending_rev'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }

  /**
   * How the engine following a building says its watcher stands (JSON text,
   * the service's to shape), for the consoles of every engine on the database.
   */
  async setWatcherStatus(corp: string, status: string, now: string): Promise<void> {
    await this.db
      .insertInto('feed_state')
      .values({ corporation_id: corp, watcher_status: status, updated_at: now })
      .onConflict((oc) => oc.column('corporation_id').doUpdateSet((eb) => ({ watcher_status: eb.ref('excluded.watcher_status') })))
      .execute();
  }

  /** Every building's watcher status as last reported (JSON text), by corporation id. */
  async watcherStatuses(): Promise<Map<string, string>> {
    const rows = await this.db.selectFrom('feed_state').select(['corporation_id', 'watcher_status']).where('watcher_status', 'is not', null).execute();
    return new Map(rows.map((r) => [r.corporation_id, r.watcher_status as string]));
  }

  /** Clears the pending mark unless a feed page added to it since `rev` (read when the job started). */
  async clearPending(corp: string, rev: number, now: string): Promise<void> {
    await this.db.updateTable('feed_state').set({ pending_since: null, updated_at: now }).where('corporation_id', '=', corp).where('pending_rev', '=', rev).execute();
  }

  async balance(accountId: string): Promise<BalanceRow | undefined> {
    const row = await this.db
      .selectFrom('balances')
      .select(['balance_cents', 'aging', 'read_at', 'cc_balance_cents', 'cc_read_at'])
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row;
  }

  async setBalance(row: { accountId: string; corp: string; unitId: string; cents: number; aging: Aging; at: string }): Promise<void> {
    await this.db
      .insertInto('balances')
      .values({ account_id: row.accountId, corporation_id: row.corp, unit_id: row.unitId, balance_cents: row.cents, aging: JSON.stringify(row.aging), read_at: row.at })
      .onConflict((oc) =>
        oc.column('account_id').doUpdateSet((eb) => ({
          balance_cents: eb.ref('excluded.balance_cents'),
          aging: eb.ref('excluded.aging'),
          read_at: eb.ref('excluded.read_at'),
        })),
      )
      .execute();
  }

  /** Condo Control's balance of an account already read from Condo Manager (no row: nothing written). */
  async setCcBalance(accountId: string, cents: number, at: string): Promise<void> {
    await this.db.updateTable('balances').set({ cc_balance_cents: cents, cc_read_at: at }).where('account_id', '=', accountId).execute();
  }

  /** A history import's position, per job, building and entity: where a restarted import goes on. */
  async historyMark(jobId: string, corp: string, entity: LedgerEntity): Promise<{ updatedAt: string; id: string } | undefined> {
    const row = await this.db.selectFrom('watermarks').select(['updated_at', 'last_id']).where('scope', '=', historyScope(jobId, corp, entity)).executeTakeFirst();
    return row ? { updatedAt: row.updated_at as string, id: row.last_id as string } : undefined;
  }

  async setHistoryMark(jobId: string, corp: string, entity: LedgerEntity, mark: { updatedAt: string; id: string }): Promise<void> {
    await this.db
      .insertInto('watermarks')
      .values({ scope: historyScope(jobId, corp, entity), updated_at: mark.updatedAt, last_id: mark.id })
      .onConflict((oc) => oc.column('scope').doUpdateSet((eb) => ({ updated_at: eb.ref('excluded.updated_at'), last_id: eb.ref('excluded.last_id') })))
      .execute();
  }

  /**
   * Forgets a finished import's positions. Compares the scope's prefix
   * exactly (not LIKE, which SQLite folds for ASCII case), so another job's
   * marks stay whatever characters its id holds.
   */
  async clearHistoryMarks(jobId: string): Promise<void> {
    const prefix = `history:${jobId}:`;
    await this.db
      .deleteFrom('watermarks')
      .where((eb) => eb(eb.fn('substr', [eb.ref('scope'), eb.lit(1), eb.lit(prefix.length)]), '=', prefix))
      .execute();
  }

  /** Buildings mapped to a Condo Control workspace, by code. */
  async mappedCorporations(): Promise<{ id: string; code: string; workspaceId: string }[]> {
    const rows = await this.db
      .selectFrom('corporations')
      .select(['id', 'code', 'workspace_id as workspaceId'])
      .where('workspace_id', 'is not', null)
      .orderBy(bytewise(this.db, sql.ref('code')))
      .orderBy(bytewise(this.db, sql.ref('id')))
      .execute();
    return rows as { id: string; code: string; workspaceId: string }[];
  }

  /** Units with a Condo Manager account, of one building or all, by building code then unit number. */
  async accounts(corp?: string): Promise<(UnitTarget & { corporationCode: string })[]> {
    let q = this.units().select('c.code as corporationCode').where('u.account_id', 'is not', null);
    if (corp !== undefined) q = q.where('u.corporation_id', '=', corp);
    const rows = await q
      .orderBy(bytewise(this.db, sql.ref('c.code')))
      .orderBy(bytewise(this.db, sql.ref('u.number')))
      .orderBy(bytewise(this.db, sql.ref('u.id')))
      .execute();
    return rows as (UnitTarget & { corporationCode: string })[];
  }
}
