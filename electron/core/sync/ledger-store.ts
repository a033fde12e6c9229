import type { Aging } from '@shared/types';
import type { Db } from '../db/database';
import type { DeliveryRow, FeedState, LedgerEntity, UnitTarget } from '../db/repositories/ledger';
import type { Invoice, Payment } from '../systems/schemas';

// The shapes are the ledger repository's (db/repositories/ledger.ts), which
// this store's SQL is moving to.
export type { DeliveryRow, FeedState, LedgerEntity, UnitTarget };

interface InvoiceRow {
  id: string;
  account_id: string;
  unit_id: string;
  number: string;
  date: string;
  due_date: string | null;
  kind: Invoice['kind'];
  lines: string;
  total_cents: number;
  status: Invoice['status'];
  updated_at: string;
}

interface PaymentRow {
  id: string;
  account_id: string;
  unit_id: string;
  date: string;
  method: Payment['method'];
  amount_cents: number;
  reference: string;
  status: Payment['status'];
  updated_at: string;
}

const toInvoice = (r: InvoiceRow): Invoice => ({
  id: r.id,
  accountId: r.account_id,
  unitId: r.unit_id,
  number: r.number,
  date: r.date,
  dueDate: r.due_date ?? r.date,
  kind: r.kind,
  lines: JSON.parse(r.lines),
  totalCents: r.total_cents,
  status: r.status,
  updatedAt: r.updated_at,
});

const toPayment = (r: PaymentRow): Payment => ({
  id: r.id,
  accountId: r.account_id,
  unitId: r.unit_id,
  date: r.date,
  method: r.method,
  amountCents: r.amount_cents,
  reference: r.reference || null,
  status: r.status,
  updatedAt: r.updated_at,
});

/**
 * The local copy of Condo Manager's receivables, where each line stands in
 * Condo Control, the change feed's position and the last balances read.
 * Every SQL the commerce sync runs.
 */
export class LedgerStore {
  private readonly s;

  constructor(private readonly db: Db) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      // A copy never goes back in time: an older read (a reconcile page read
      // before a real-time update) does not overwrite a newer one.
      invoice: p(`INSERT INTO invoices (id, corporation_id, account_id, unit_id, number, date, due_date, kind, lines, total_cents, status, updated_at)
        VALUES (@id, @corp, @accountId, @unitId, @number, @date, @dueDate, @kind, @lines, @totalCents, @status, @updatedAt)
        ON CONFLICT(id) DO UPDATE SET account_id = excluded.account_id, unit_id = excluded.unit_id, number = excluded.number, date = excluded.date,
          due_date = excluded.due_date, kind = excluded.kind, lines = excluded.lines, total_cents = excluded.total_cents, status = excluded.status,
          updated_at = excluded.updated_at
        WHERE excluded.updated_at >= invoices.updated_at`),
      payment: p(`INSERT INTO payments (id, corporation_id, account_id, unit_id, date, method, amount_cents, reference, status, updated_at)
        VALUES (@id, @corp, @accountId, @unitId, @date, @method, @amountCents, @reference, @status, @updatedAt)
        ON CONFLICT(id) DO UPDATE SET account_id = excluded.account_id, unit_id = excluded.unit_id, date = excluded.date, method = excluded.method,
          amount_cents = excluded.amount_cents, reference = excluded.reference, status = excluded.status, updated_at = excluded.updated_at
        WHERE excluded.updated_at >= payments.updated_at`),
      invoiceById: p('SELECT * FROM invoices WHERE id = ?'),
      paymentById: p('SELECT * FROM payments WHERE id = ?'),
      invoicesOf: p('SELECT * FROM invoices WHERE account_id = ? ORDER BY date, id'),
      paymentsOf: p('SELECT * FROM payments WHERE account_id = ? ORDER BY date, id'),
      unit: p(`SELECT u.id AS unitId, u.number, u.corporation_id AS corporationId, u.account_id AS accountId, m.target_id AS targetId,
          COALESCE(m.workspace_id, c.workspace_id) AS workspaceId
        FROM units u JOIN corporations c ON c.id = u.corporation_id LEFT JOIN id_map m ON m.entity = 'unit' AND m.source_id = u.id WHERE u.id = ?`),
      delivery: p('SELECT * FROM id_map WHERE entity = ? AND source_id = ?'),
      pushed: p(`INSERT INTO id_map (entity, source_id, target_id, workspace_id, content_hash, last_synced_at, sync_status, attention, next_attempt_at, attempts)
        VALUES (@entity, @id, @targetId, @workspaceId, @hash, @at, 'in_sync', '[]', NULL, 0)
        ON CONFLICT(entity, source_id) DO UPDATE SET target_id = excluded.target_id, workspace_id = excluded.workspace_id,
          content_hash = excluded.content_hash, last_synced_at = excluded.last_synced_at, sync_status = 'in_sync', attention = '[]',
          next_attempt_at = NULL, attempts = 0`),
      held: p(`INSERT INTO id_map (entity, source_id, sync_status, attention, next_attempt_at, attempts)
        VALUES (@entity, @id, @status, @attention, @next, @attempts)
        ON CONFLICT(entity, source_id) DO UPDATE SET sync_status = excluded.sync_status, attention = excluded.attention,
          next_attempt_at = excluded.next_attempt_at, attempts = excluded.attempts`),
      due: p(`SELECT m.entity, m.source_id AS id FROM id_map m
        LEFT JOIN invoices i ON m.entity = 'invoice' AND i.id = m.source_id LEFT JOIN payments p ON m.entity = 'payment' AND p.id = m.source_id
        WHERE m.entity IN ('invoice', 'payment') AND m.sync_status = 'failed' AND m.next_attempt_at <= @now
          AND COALESCE(i.corporation_id, p.corporation_id) = @corp LIMIT 500`),
      nextRetry: p(`SELECT MIN(next_attempt_at) FROM id_map WHERE entity IN ('invoice', 'payment') AND sync_status = 'failed'`).pluck(),
      attention: p(`SELECT m.entity, m.source_id AS id, COALESCE(i.unit_id, p.unit_id) AS unitId, u.number AS unitNumber, c.code AS corporationCode,
          i.number AS number, m.attention, COALESCE(i.updated_at, p.updated_at) AS at
        FROM id_map m LEFT JOIN invoices i ON m.entity = 'invoice' AND i.id = m.source_id LEFT JOIN payments p ON m.entity = 'payment' AND p.id = m.source_id
        LEFT JOIN units u ON u.id = COALESCE(i.unit_id, p.unit_id) LEFT JOIN corporations c ON c.id = COALESCE(i.corporation_id, p.corporation_id)
        WHERE m.entity IN ('invoice', 'payment') AND m.sync_status = 'attention' ORDER BY at DESC LIMIT ?`),
      attentionCount: p(`SELECT COUNT(*) FROM id_map WHERE entity IN ('invoice', 'payment') AND sync_status = 'attention'`).pluck(),
      feed: p('SELECT cursor, pending_since AS pendingSince, last_event_at AS lastEventAt, pending_rev AS pendingRev FROM feed_state WHERE corporation_id = ?'),
      setFeed: p(`INSERT INTO feed_state (corporation_id, cursor, pending_since, last_event_at, pending_rev, updated_at)
        VALUES (@corp, @cursor, @pendingSince, @lastEventAt, @pendingRev, @now)
        ON CONFLICT(corporation_id) DO UPDATE SET cursor = excluded.cursor, pending_since = excluded.pending_since,
          last_event_at = excluded.last_event_at, pending_rev = excluded.pending_rev, updated_at = excluded.updated_at`),
      clearPending: p('UPDATE feed_state SET pending_since = NULL, updated_at = @now WHERE corporation_id = @corp AND pending_rev = @rev'),
      balance: p('SELECT * FROM balances WHERE account_id = ?'),
      setBalance: p(`INSERT INTO balances (account_id, corporation_id, unit_id, balance_cents, aging, read_at) VALUES (@accountId, @corp, @unitId, @cents, @aging, @at)
        ON CONFLICT(account_id) DO UPDATE SET balance_cents = excluded.balance_cents, aging = excluded.aging, read_at = excluded.read_at`),
      setCcBalance: p(`UPDATE balances SET cc_balance_cents = ?, cc_read_at = ? WHERE account_id = ?`),
      mark: p('SELECT updated_at AS updatedAt, last_id AS id FROM watermarks WHERE scope = ?'),
      setMark: p(`INSERT INTO watermarks (scope, updated_at, last_id) VALUES (?, ?, ?)
        ON CONFLICT(scope) DO UPDATE SET updated_at = excluded.updated_at, last_id = excluded.last_id`),
      clearMarks: p("DELETE FROM watermarks WHERE scope LIKE ? ESCAPE '\\'"),
      mappedCorps: p('SELECT id, code, workspace_id AS workspaceId FROM corporations WHERE workspace_id IS NOT NULL ORDER BY code'),
      accounts: p(`SELECT u.id AS unitId, u.number, u.corporation_id AS corporationId, u.account_id AS accountId, m.target_id AS targetId,
          COALESCE(m.workspace_id, c.workspace_id) AS workspaceId, c.code AS corporationCode
        FROM units u JOIN corporations c ON c.id = u.corporation_id LEFT JOIN id_map m ON m.entity = 'unit' AND m.source_id = u.id
        WHERE u.account_id IS NOT NULL AND (@corp IS NULL OR u.corporation_id = @corp) ORDER BY c.code, u.number`),
    };
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  stageInvoice(corp: string, i: Invoice): void {
    this.s.invoice.run({ ...i, corp, lines: JSON.stringify(i.lines) });
  }

  stagePayment(corp: string, p: Payment): void {
    this.s.payment.run({ ...p, corp, reference: p.reference ?? '' });
  }

  invoice(id: string): Invoice | undefined {
    const row = this.s.invoiceById.get(id) as InvoiceRow | undefined;
    return row && toInvoice(row);
  }

  payment(id: string): Payment | undefined {
    const row = this.s.paymentById.get(id) as PaymentRow | undefined;
    return row && toPayment(row);
  }

  ledgerOf(accountId: string): { invoices: Invoice[]; payments: Payment[] } {
    return {
      invoices: (this.s.invoicesOf.all(accountId) as InvoiceRow[]).map(toInvoice),
      payments: (this.s.paymentsOf.all(accountId) as PaymentRow[]).map(toPayment),
    };
  }

  unit(unitId: string): UnitTarget | undefined {
    return this.s.unit.get(unitId) as UnitTarget | undefined;
  }

  delivery(entity: LedgerEntity, id: string): DeliveryRow | undefined {
    return this.s.delivery.get(entity, id) as DeliveryRow | undefined;
  }

  markPushed(entity: LedgerEntity, id: string, target: { targetId: string; workspaceId: string }, hash: string, at: string): void {
    this.s.pushed.run({ entity, id, ...target, hash, at });
  }

  /** Held for a person (attention) or to try again (failed, at `next`). */
  markHeld(entity: LedgerEntity, id: string, status: 'attention' | 'failed', message: string, next: string | null, attempts: number): void {
    this.s.held.run({ entity, id, status, attention: JSON.stringify([message]), next, attempts });
  }

  /** Failed lines of a building whose next attempt is due. */
  due(corp: string, now: string): { entity: LedgerEntity; id: string }[] {
    return this.s.due.all({ corp, now }) as { entity: LedgerEntity; id: string }[];
  }

  nextRetryAt(): string | null {
    return (this.s.nextRetry.get() as string | null) ?? null;
  }

  attention(limit = 50): { entity: LedgerEntity; id: string; unitId: string; unitNumber: string | null; corporationCode: string | null; number: string | null; attention: string; at: string }[] {
    return this.s.attention.all(limit) as never;
  }

  attentionCount(): number {
    return this.s.attentionCount.get() as number;
  }

  feed(corp: string): FeedState {
    return (this.s.feed.get(corp) as FeedState | undefined) ?? { cursor: null, pendingSince: null, lastEventAt: null, pendingRev: 0 };
  }

  setFeed(corp: string, state: FeedState, now: string): void {
    this.s.setFeed.run({ corp, ...state, now });
  }

  /** Clears the pending mark unless a feed page added to it since `rev` (read when the job started). */
  clearPending(corp: string, rev: number, now: string): void {
    this.s.clearPending.run({ corp, rev, now });
  }

  balance(accountId: string): { balance_cents: number; aging: string; read_at: string; cc_balance_cents: number | null; cc_read_at: string | null } | undefined {
    return this.s.balance.get(accountId) as never;
  }

  setBalance(row: { accountId: string; corp: string; unitId: string; cents: number; aging: Aging; at: string }): void {
    this.s.setBalance.run({ ...row, aging: JSON.stringify(row.aging) });
  }

  setCcBalance(accountId: string, cents: number, at: string): void {
    this.s.setCcBalance.run(cents, at, accountId);
  }

  /** A history import's position, per job, building and entity: where a restarted import goes on. */
  historyMark(jobId: string, corp: string, entity: LedgerEntity): { updatedAt: string; id: string } | undefined {
    return this.s.mark.get(`history:${jobId}:${corp}:${entity}`) as { updatedAt: string; id: string } | undefined;
  }

  setHistoryMark(jobId: string, corp: string, entity: LedgerEntity, mark: { updatedAt: string; id: string }): void {
    this.s.setMark.run(`history:${jobId}:${corp}:${entity}`, mark.updatedAt, mark.id);
  }

  clearHistoryMarks(jobId: string): void {
    this.s.clearMarks.run(`history:${jobId.replace(/[\\%_]/g, (c) => `\\${c}`)}:%`);
  }

  mappedCorporations(): { id: string; code: string; workspaceId: string }[] {
    return this.s.mappedCorps.all() as never;
  }

  accounts(corp?: string): (UnitTarget & { corporationCode: string })[] {
    return this.s.accounts.all({ corp: corp ?? null }) as never;
  }
}
