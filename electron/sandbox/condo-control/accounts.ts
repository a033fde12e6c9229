// A resident's account in Condo Control: invoices and payments the sync pushes
// with idempotent upserts keyed by (unit, externalId), and what My Account →
// Account Balance shows. Balance rule (the same as Condo Manager's):
//   totalCents = Σ amounts of invoices not Void − Σ payments Posted.
import type { Statement } from 'better-sqlite3';
import type { MonotonicClock } from '../common/clock';
import type { Paging } from '../common/query';
import type { Db } from '../common/sqlite';
import type { InvoiceUpsert, PaymentUpsert } from './validation';

export interface InvoiceTransaction {
  id: string;
  type: 'invoice';
  externalId: string;
  unitId: string;
  number: string | null;
  date: string;
  dueDate: string | null;
  kind: string | null;
  description: string;
  lines: Array<{ description: string; amountCents: number }>;
  amountCents: number;
  status: 'Open' | 'Paid' | 'Void';
  updatedAt: string;
}

export interface PaymentTransaction {
  id: string;
  type: 'payment';
  externalId: string;
  unitId: string;
  date: string;
  method: string | null;
  reference: string | null;
  amountCents: number;
  status: 'Posted' | 'Reversed';
  updatedAt: string;
}

export type Transaction = InvoiceTransaction | PaymentTransaction;

export interface AccountBalance {
  unitId: string;
  totalCents: number;
  invoicedCents: number;
  paidCents: number;
  currency: 'CAD';
}

type Table = 'invoices' | 'payments';

export class Accounts {
  private readonly s: Record<string, Statement>;
  private next: Record<Table, number>;

  constructor(db: Db, private readonly clock: MonotonicClock) {
    const upsert = (table: Table, amount: string) =>
      db.prepare(
        `INSERT INTO ${table} (n, id, ws_id, unit_id, external_id, date, ${amount}, status, updated_at, json)
         VALUES (@n, @id, @ws, @unitId, @externalId, @date, @amount, @status, @updatedAt, @json)
         ON CONFLICT (unit_id, external_id) DO UPDATE SET date = excluded.date, ${amount} = excluded.${amount},
         status = excluded.status, updated_at = excluded.updated_at, json = excluded.json`,
      );
    this.s = {
      invoicesUpsert: upsert('invoices', 'total_cents'),
      paymentsUpsert: upsert('payments', 'amount_cents'),
      invoicesGet: db.prepare('SELECT json FROM invoices WHERE unit_id = ? AND external_id = ?').pluck(),
      paymentsGet: db.prepare('SELECT json FROM payments WHERE unit_id = ? AND external_id = ?').pluck(),
      invoicesMax: db.prepare('SELECT COALESCE(MAX(n), 0) FROM invoices').pluck(),
      paymentsMax: db.prepare('SELECT COALESCE(MAX(n), 0) FROM payments').pluck(),
      transactions: db.prepare(
        `SELECT json FROM (SELECT json, date, 0 AS k, n FROM invoices WHERE unit_id = @unit
           UNION ALL SELECT json, date, 1 AS k, n FROM payments WHERE unit_id = @unit)
         ORDER BY date, k, n LIMIT @limit OFFSET @offset`,
      ).pluck(),
      transactionCount: db.prepare(
        'SELECT (SELECT COUNT(*) FROM invoices WHERE unit_id = ?) + (SELECT COUNT(*) FROM payments WHERE unit_id = ?)',
      ).pluck(),
      invoiced: db.prepare("SELECT COALESCE(SUM(total_cents), 0) FROM invoices WHERE unit_id = ? AND status != 'Void'").pluck(),
      paid: db.prepare("SELECT COALESCE(SUM(amount_cents), 0) FROM payments WHERE unit_id = ? AND status = 'Posted'").pluck(),
    };
    this.next = this.counters();
  }

  private st(name: string): Statement {
    const s = this.s[name];
    if (!s) throw new Error(`no statement ${name}`);
    return s;
  }

  private counters(): Record<Table, number> {
    return {
      invoices: (this.st('invoicesMax').get() as number) + 1,
      payments: (this.st('paymentsMax').get() as number) + 1,
    };
  }

  reload(): void {
    this.next = this.counters();
  }

  /** Stores the record; 201 when new, 200 when replaced or unchanged. */
  private upsert<T extends Transaction>(table: Table, wsId: string, build: (id: string, updatedAt: string) => T): { record: T; status: number } {
    const draft = build('', '');
    const existingJson = this.st(`${table}Get`).get(draft.unitId, draft.externalId) as string | undefined;
    const existing = existingJson ? (JSON.parse(existingJson) as T) : undefined;
    if (existing) {
      const same = JSON.stringify({ ...draft, id: existing.id, updatedAt: existing.updatedAt }) === existingJson;
      if (same) return { record: existing, status: 200 };
    }
    const n = this.next[table];
    const record = build(existing?.id ?? `${table === 'invoices' ? 'inv' : 'pay'}_${n}`, this.clock.next());
    this.st(`${table}Upsert`).run({
      n, id: record.id, ws: wsId, unitId: record.unitId, externalId: record.externalId, date: record.date,
      amount: record.amountCents, status: record.status, updatedAt: record.updatedAt, json: JSON.stringify(record),
    });
    if (!existing) this.next[table] = n + 1;
    return { record, status: existing ? 200 : 201 };
  }

  upsertInvoice(wsId: string, unitId: string, externalId: string, input: InvoiceUpsert) {
    const lines = input.lines ?? [];
    const amount = input.totalCents ?? input.amountCents ?? lines.reduce((s, l) => s + l.amountCents, 0);
    return this.upsert<InvoiceTransaction>('invoices', wsId, (id, updatedAt) => ({
      id, type: 'invoice', externalId, unitId,
      number: input.number ?? null,
      date: input.date.slice(0, 10),
      dueDate: input.dueDate?.slice(0, 10) ?? null,
      kind: input.kind ?? null,
      description: input.description ?? (lines.map((l) => l.description).join('; ') || (input.kind ?? 'Invoice')),
      lines,
      amountCents: amount,
      status: input.status ?? 'Open',
      updatedAt,
    }));
  }

  upsertPayment(wsId: string, unitId: string, externalId: string, input: PaymentUpsert) {
    return this.upsert<PaymentTransaction>('payments', wsId, (id, updatedAt) => ({
      id, type: 'payment', externalId, unitId,
      date: input.date.slice(0, 10),
      method: input.method ?? null,
      reference: input.reference ?? null,
      amountCents: input.amountCents,
      status: input.status ?? 'Posted',
      updatedAt,
    }));
  }

  transactions(unitId: string, paging: Paging): { total: number; json: string } {
    const rows = this.st('transactions').all({ unit: unitId, limit: paging.limit, offset: paging.offset }) as string[];
    return { total: this.st('transactionCount').get(unitId, unitId) as number, json: `[${rows.join(',')}]` };
  }

  balance(unitId: string): AccountBalance {
    const invoicedCents = this.st('invoiced').get(unitId) as number;
    const paidCents = this.st('paid').get(unitId) as number;
    return { unitId, totalCents: invoicedCents - paidCents, invoicedCents, paidCents, currency: 'CAD' };
  }
}
