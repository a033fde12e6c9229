// Condo Manager reads. Statements are prepared once; lists come back as
// pre-joined JSON arrays ordered by (updatedAt, id), so a watermark over that
// pair never skips a row.
import type { Statement } from 'better-sqlite3';
import { notFound } from '../common/http-error';
import type { Paging } from '../common/query';
import type { Db } from '../common/sqlite';
import { aging, type SettleInvoice } from '../portfolio/settle';
import type { Corporation, Invoice, Payment, Person, Role, Unit } from '../portfolio/types';
import { INVOICE_JSON, PAYMENT_JSON } from './schema';

export interface JsonPage {
  total: number;
  json: string;
}

export type ListEntity = 'units' | 'invoices' | 'payments';

function joinRows(rows: unknown[]): string {
  return `[${(rows as string[]).join(',')}]`;
}

export class CmReads {
  private readonly s: Record<string, Statement>;
  /**
   * X-Total-Count per filter, until the next write: a sync paging through a
   * list asks the same count on every page, and counting is half the cost.
   */
  private readonly counts = new Map<string, number>();
  private readonly corps = new Map<string, Corporation>();
  /** SQLite's data_version moves when another connection commits (a test editing the file). */
  private readonly dataVersion: Statement;
  private seenVersion = -1;

  constructor(private readonly db: Db) {
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
    const p = (sql: string) => db.prepare(sql);
    const jsonOf: Record<ListEntity, string> = { units: 'json', invoices: INVOICE_JSON, payments: PAYMENT_JSON };
    const list = (table: ListEntity) => ({
      rows: p(`SELECT ${jsonOf[table]} FROM ${table} WHERE corp_id = ? AND updated_at >= ? ORDER BY updated_at, id LIMIT ? OFFSET ?`).pluck(),
      count: p(`SELECT COUNT(*) FROM ${table} WHERE corp_id = ? AND updated_at >= ?`).pluck(),
    });
    const units = list('units');
    const invoices = list('invoices');
    const payments = list('payments');
    this.s = {
      corpRows: p('SELECT json FROM corporations ORDER BY position LIMIT ? OFFSET ?').pluck(),
      corpCount: p('SELECT COUNT(*) FROM corporations').pluck(),
      corp: p('SELECT json FROM corporations WHERE id = ?').pluck(),
      unitsRows: units.rows,
      unitsCount: units.count,
      invoicesRows: invoices.rows,
      invoicesCount: invoices.count,
      paymentsRows: payments.rows,
      paymentsCount: payments.count,
      // includePast = 1 lets Past people through; without it only Active ones.
      peopleRows: p(
        `SELECT json FROM people WHERE corp_id = ? AND role = ? AND updated_at >= ? AND (status = 'Active' OR ?)
         ORDER BY updated_at, id LIMIT ? OFFSET ?`,
      ).pluck(),
      peopleCount: p(
        `SELECT COUNT(*) FROM people WHERE corp_id = ? AND role = ? AND updated_at >= ? AND (status = 'Active' OR ?)`,
      ).pluck(),
      unit: p('SELECT json FROM units WHERE corp_id = ? AND id = ?').pluck(),
      unitByAccount: p('SELECT json FROM units WHERE corp_id = ? AND account_id = ?').pluck(),
      unitsAll: p('SELECT json FROM units WHERE corp_id = ?').pluck(),
      person: p('SELECT json FROM people WHERE corp_id = ? AND role = ? AND id = ?').pluck(),
      peopleAll: p('SELECT json FROM people WHERE corp_id = ? AND role = ?').pluck(),
      invoice: p(`SELECT ${INVOICE_JSON} FROM invoices WHERE corp_id = ? AND id = ?`).pluck(),
      payment: p(`SELECT ${PAYMENT_JSON} FROM payments WHERE corp_id = ? AND id = ?`).pluck(),
      accountInvoices: p(`SELECT ${INVOICE_JSON} FROM invoices WHERE account_id = ? ORDER BY date, id`).pluck(),
      // One account's rows (the `accountId` filter): "Get Account Balance" pulls one account, not the building.
      invoicesOfAccountRows: p(`SELECT ${INVOICE_JSON} FROM invoices WHERE corp_id = ? AND account_id = ? AND updated_at >= ? ORDER BY updated_at, id LIMIT ? OFFSET ?`).pluck(),
      invoicesOfAccountCount: p('SELECT COUNT(*) FROM invoices WHERE corp_id = ? AND account_id = ? AND updated_at >= ?').pluck(),
      paymentsOfAccountRows: p(`SELECT ${PAYMENT_JSON} FROM payments WHERE corp_id = ? AND account_id = ? AND updated_at >= ? ORDER BY updated_at, id LIMIT ? OFFSET ?`).pluck(),
      paymentsOfAccountCount: p('SELECT COUNT(*) FROM payments WHERE corp_id = ? AND account_id = ? AND updated_at >= ?').pluck(),
      accountPayments: p(`SELECT ${PAYMENT_JSON} FROM payments WHERE account_id = ? ORDER BY date, id`).pluck(),
      accountSettle: p('SELECT id, date, total_cents AS totalCents, status FROM invoices WHERE account_id = ?'),
      accountPosted: p("SELECT COALESCE(SUM(amount_cents), 0) FROM payments WHERE account_id = ? AND status = 'Posted'").pluck(),
      maxUpdated: p(
        `SELECT MAX(m) FROM (SELECT MAX(updated_at) AS m FROM units UNION ALL SELECT MAX(updated_at) FROM people
         UNION ALL SELECT MAX(updated_at) FROM invoices UNION ALL SELECT MAX(updated_at) FROM payments)`,
      ).pluck(),
    };
  }

  private st(name: string): Statement {
    const statement = this.s[name];
    if (!statement) throw new Error(`no statement ${name}`);
    return statement;
  }

  /** Every write calls this after it commits, and a reset too. */
  changed(): void {
    this.counts.clear();
    this.corps.clear();
  }

  /** Drops the caches when someone else changed the file. */
  private fresh(): void {
    const version = this.dataVersion.get() as number;
    if (version !== this.seenVersion) {
      this.seenVersion = version;
      this.changed();
    }
  }

  private count(name: string, ...args: unknown[]): number {
    this.fresh();
    const key = `${name}|${args.join('|')}`;
    let n = this.counts.get(key);
    if (n === undefined) {
      n = this.st(name).get(...args) as number;
      this.counts.set(key, n);
    }
    return n;
  }

  latestUpdatedAt(): string | null {
    return (this.st('maxUpdated').get() as string | null) ?? null;
  }

  corporations(paging: Paging): JsonPage {
    return {
      total: this.st('corpCount').get() as number,
      json: joinRows(this.st('corpRows').all(paging.limit, paging.offset)),
    };
  }

  /** Corporations never change between resets, so each is read once. */
  corporation(id: string): Corporation {
    this.fresh();
    let corp = this.corps.get(id);
    if (!corp) {
      const json = this.st('corp').get(id) as string | undefined;
      if (!json) throw notFound('The corporation', 'corporation', id);
      corp = JSON.parse(json) as Corporation;
      this.corps.set(id, corp);
    }
    return corp;
  }

  list(entity: ListEntity, corpId: string, from: string, paging: Paging, accountId?: string): JsonPage {
    this.corporation(corpId);
    if (accountId !== undefined && entity !== 'units') {
      return {
        total: this.count(`${entity}OfAccountCount`, corpId, accountId, from),
        json: joinRows(this.st(`${entity}OfAccountRows`).all(corpId, accountId, from, paging.limit, paging.offset)),
      };
    }
    return {
      total: this.count(`${entity}Count`, corpId, from),
      json: joinRows(this.st(`${entity}Rows`).all(corpId, from, paging.limit, paging.offset)),
    };
  }

  people(corpId: string, role: Role, from: string, includePast: boolean, paging: Paging): JsonPage {
    this.corporation(corpId);
    const past = includePast ? 1 : 0;
    return {
      total: this.count('peopleCount', corpId, role, from, past),
      json: joinRows(this.st('peopleRows').all(corpId, role, from, past, paging.limit, paging.offset)),
    };
  }

  /** Every person of a role, for the web pages (not paged: a building is small). */
  allPeople(corpId: string, role: Role): Person[] {
    return (this.st('peopleAll').all(corpId, role) as string[]).map((j) => JSON.parse(j) as Person);
  }

  allUnits(corpId: string): Unit[] {
    return (this.st('unitsAll').all(corpId) as string[]).map((j) => JSON.parse(j) as Unit);
  }

  unit(corpId: string, id: string): Unit {
    const json = this.st('unit').get(corpId, id) as string | undefined;
    if (!json) throw notFound('The unit', 'unitId', id);
    return JSON.parse(json) as Unit;
  }

  unitByAccount(corpId: string, accountId: string): Unit {
    const json = this.st('unitByAccount').get(corpId, accountId) as string | undefined;
    if (!json) throw notFound('The account', 'account', accountId);
    return JSON.parse(json) as Unit;
  }

  person(corpId: string, role: Role, id: string): Person {
    const json = this.st('person').get(corpId, role, id) as string | undefined;
    if (!json) throw notFound(role === 'Owner' ? 'The owner' : 'The tenant', 'id', id);
    return JSON.parse(json) as Person;
  }

  invoice(corpId: string, id: string): Invoice {
    const json = this.st('invoice').get(corpId, id) as string | undefined;
    if (!json) throw notFound('The invoice', 'id', id);
    return JSON.parse(json) as Invoice;
  }

  payment(corpId: string, id: string): Payment {
    const json = this.st('payment').get(corpId, id) as string | undefined;
    if (!json) throw notFound('The payment', 'id', id);
    return JSON.parse(json) as Payment;
  }

  accountInvoices(accountId: string): Invoice[] {
    return (this.st('accountInvoices').all(accountId) as string[]).map((j) => JSON.parse(j) as Invoice);
  }

  accountPayments(accountId: string): Payment[] {
    return (this.st('accountPayments').all(accountId) as string[]).map((j) => JSON.parse(j) as Payment);
  }

  settleInput(accountId: string): { invoices: SettleInvoice[]; postedCents: number } {
    return {
      invoices: this.st('accountSettle').all(accountId) as SettleInvoice[],
      postedCents: this.st('accountPosted').get(accountId) as number,
    };
  }

  balance(corpId: string, accountId: string, nowMs = Date.now()) {
    this.unitByAccount(corpId, accountId);
    const { invoices, postedCents } = this.settleInput(accountId);
    return aging(invoices, postedCents, nowMs);
  }
}
