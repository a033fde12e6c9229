// Loads the generated portfolio into an (emptied) store in one transaction
// with prepared statements: that is what keeps `large` (≈450,000 rows) within
// a few seconds.
import { randomBytes } from 'node:crypto';
import { forEachAccountLedger, generateStructure } from '../portfolio';
import type { Size } from '../portfolio/types';
import type { Db } from '../common/sqlite';
import { CM_INDEXES, CM_TABLES, INSERT_INVOICE, INSERT_PAYMENT, invoiceRow, paymentRow } from './schema';

export interface SeedCounts {
  corporations: number;
  units: number;
  people: number;
  invoices: number;
  payments: number;
}

export function seedCondoManager(db: Db, seed: number, size: Size): SeedCounts {
  const counts: SeedCounts = { corporations: 0, units: 0, people: 0, invoices: 0, payments: 0 };
  const insertCorp = db.prepare('INSERT INTO corporations (id, position, code, next_invoice_no, json) VALUES (?, ?, ?, ?, ?)');
  const insertUnit = db.prepare('INSERT INTO units (id, corp_id, account_id, number, updated_at, json) VALUES (?, ?, ?, ?, ?, ?)');
  const insertPerson = db.prepare('INSERT INTO people (id, corp_id, role, status, updated_at, json) VALUES (?, ?, ?, ?, ?, ?)');
  const insertInvoice = db.prepare(INSERT_INVOICE);
  const insertPayment = db.prepare(INSERT_PAYMENT);
  const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');

  db.transaction(() => {
    for (const table of CM_TABLES) db.exec(`DELETE FROM ${table}`);
    for (const name of Object.keys(CM_INDEXES)) db.exec(`DROP INDEX IF EXISTS ${name}`);
    for (const data of generateStructure(seed, size)) {
      const corp = data.corporation;
      for (const u of data.units) insertUnit.run(u.id, corp.id, u.accountId, u.number, u.updatedAt, JSON.stringify(u));
      for (const { role, person: p } of data.people) {
        insertPerson.run(p.id, corp.id, role, p.status, p.updatedAt, JSON.stringify(p));
      }
      const nextInvoiceNumber = forEachAccountLedger(seed, size, data, (invoices, payments) => {
        for (const i of invoices) insertInvoice.run(invoiceRow(corp.id, i));
        for (const p of payments) insertPayment.run(paymentRow(corp.id, p));
        counts.invoices += invoices.length;
        counts.payments += payments.length;
      });
      insertCorp.run(corp.id, data.index, corp.code, nextInvoiceNumber, JSON.stringify(corp));
      counts.corporations++;
      counts.units += data.units.length;
      counts.people += data.people.length;
    }
    for (const [name, on] of Object.entries(CM_INDEXES)) db.exec(`CREATE INDEX ${name} ON ${on}`);
    setMeta.run('seed', String(seed));
    setMeta.run('size', size);
    // A new epoch makes every cursor handed out before this reset answer 410.
    setMeta.run('feed_epoch', randomBytes(4).toString('hex'));
    // Sequence numbers keep counting across resets; the feed starts empty here.
    const head = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").pluck().get() as number | undefined;
    setMeta.run('pruned_through', String(head ?? 0));
  })();
  return counts;
}
