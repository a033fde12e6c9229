// The desk's receivables: post an invoice or a payment, void an invoice,
// reverse a payment. Each write re-settles the account (payments pay the
// oldest invoices first, portfolio/settle.ts), so invoice statuses stay true;
// an invoice whose status changes that way gets its own invoice.updated event.
import { randomBytes } from 'node:crypto';
import type { MonotonicClock } from '../common/clock';
import type { Db } from '../common/sqlite';
import { settle } from '../portfolio/settle';
import type { Invoice, Payment, Unit } from '../portfolio/types';
import type { ChangeFeed } from './feed';
import { unknownUnit } from './people-writes';
import type { CmReads } from './reads';
import { INSERT_INVOICE, INSERT_PAYMENT, invoiceRow, paymentRow } from './schema';
import type { InvoiceCreate, PaymentCreate } from './validation';

export class LedgerWrites {
  private readonly s;

  constructor(
    private readonly db: Db,
    private readonly reads: CmReads,
    private readonly feed: ChangeFeed,
    private readonly clock: MonotonicClock,
  ) {
    this.s = {
      nextNumber: db.prepare(
        'UPDATE corporations SET next_invoice_no = next_invoice_no + 1 WHERE id = ? RETURNING next_invoice_no - 1 AS n, code',
      ),
      insertInvoice: db.prepare(INSERT_INVOICE),
      insertPayment: db.prepare(INSERT_PAYMENT),
      updateInvoice: db.prepare('UPDATE invoices SET status = ?, updated_at = ? WHERE id = ?'),
      // Settling the invoice just created keeps its creation stamp.
      updateInvoiceStatus: db.prepare('UPDATE invoices SET status = ? WHERE id = ?'),
      updatePayment: db.prepare('UPDATE payments SET status = ?, updated_at = ? WHERE id = ?'),
    };
  }

  private unitOf(corpId: string, unitId: string): Unit {
    this.reads.corporation(corpId);
    try {
      return this.reads.unit(corpId, unitId);
    } catch {
      throw unknownUnit(unitId);
    }
  }

  /** Brings invoice statuses in line with the account's payments. */
  private resettle(corpId: string, accountId: string, quietId?: string): void {
    const { invoices, postedCents } = this.reads.settleInput(accountId);
    const target = settle(invoices, postedCents);
    for (const inv of invoices) {
      const want = target.get(inv.id)?.status;
      if (!want || want === inv.status) continue;
      // The invoice just created keeps its creation stamp and event.
      if (inv.id === quietId) {
        this.s.updateInvoiceStatus.run(want, inv.id);
        continue;
      }
      const updatedAt = this.clock.next();
      this.s.updateInvoice.run(want, updatedAt, inv.id);
      this.feed.append(corpId, 'invoice.updated', 'invoice', inv.id, updatedAt);
    }
  }

  createInvoice(corpId: string, input: InvoiceCreate): Invoice {
    const unit = this.unitOf(corpId, input.unitId);
    const created = this.db.transaction(() => {
      const { n, code } = this.s.nextNumber.get(corpId) as { n: number; code: string };
      const updatedAt = this.clock.next();
      const invoice: Invoice = {
        id: `inv_n${randomBytes(6).toString('hex')}`,
        accountId: unit.accountId,
        unitId: unit.id,
        number: `${code.split(' ')[1] ?? code}-${String(n).padStart(6, '0')}`,
        date: input.date,
        dueDate: input.dueDate,
        kind: input.kind,
        lines: input.lines,
        totalCents: input.lines.reduce((sum, l) => sum + l.amountCents, 0),
        status: 'Open',
        updatedAt,
      };
      this.s.insertInvoice.run(invoiceRow(corpId, invoice));
      this.feed.append(corpId, 'invoice.created', 'invoice', invoice.id, updatedAt);
      this.resettle(corpId, unit.accountId, invoice.id);
      return invoice.id;
    })();
    this.reads.changed();
    this.feed.notify(corpId);
    return this.reads.invoice(corpId, created);
  }

  createPayment(corpId: string, input: PaymentCreate): Payment {
    const unit = this.unitOf(corpId, input.unitId);
    const payment: Payment = {
      id: `pay_n${randomBytes(6).toString('hex')}`,
      accountId: unit.accountId,
      unitId: unit.id,
      date: input.date,
      method: input.method,
      amountCents: input.amountCents,
      reference: input.reference,
      status: 'Posted',
      updatedAt: this.clock.next(),
    };
    this.db.transaction(() => {
      this.s.insertPayment.run(paymentRow(corpId, payment));
      this.feed.append(corpId, 'payment.posted', 'payment', payment.id, payment.updatedAt);
      this.resettle(corpId, unit.accountId);
    })();
    this.reads.changed();
    this.feed.notify(corpId);
    return payment;
  }

  voidInvoice(corpId: string, id: string): Invoice {
    const invoice = this.reads.invoice(corpId, id);
    if (invoice.status === 'Void') return invoice;
    const next: Invoice = { ...invoice, status: 'Void', updatedAt: this.clock.next() };
    this.db.transaction(() => {
      this.s.updateInvoice.run('Void', next.updatedAt, id);
      this.feed.append(corpId, 'invoice.voided', 'invoice', id, next.updatedAt);
      this.resettle(corpId, invoice.accountId);
    })();
    this.reads.changed();
    this.feed.notify(corpId);
    return next;
  }

  reversePayment(corpId: string, id: string): Payment {
    const payment = this.reads.payment(corpId, id);
    if (payment.status === 'Reversed') return payment;
    const next: Payment = { ...payment, status: 'Reversed', updatedAt: this.clock.next() };
    this.db.transaction(() => {
      this.s.updatePayment.run('Reversed', next.updatedAt, id);
      this.feed.append(corpId, 'payment.reversed', 'payment', id, next.updatedAt);
      this.resettle(corpId, payment.accountId);
    })();
    this.reads.changed();
    this.feed.notify(corpId);
    return next;
  }
}
