// One balance rule for both sandboxes and the generator:
//   balance = Σ totals of invoices that are not Void − Σ payments that are Posted.
// Payments settle invoices oldest first (by date, then id); an invoice is Paid
// once fully covered, else Open. Aging buckets hold each invoice's unpaid
// remainder by days since its date; an overpayment shows as a negative
// amount in d0_30, so the buckets always add up to the total.
import { daysBetween } from './dates';
import type { InvoiceStatus } from './types';

export interface SettleInvoice {
  id: string;
  date: string;
  totalCents: number;
  status: InvoiceStatus;
}

export interface Aging {
  d0_30: number;
  d31_60: number;
  d61_90: number;
  over90: number;
}

function byDateThenId(a: SettleInvoice, b: SettleInvoice): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Status each non-void invoice should have, given the posted payments. */
export function settle(invoices: SettleInvoice[], postedCents: number): Map<string, { status: InvoiceStatus; unpaidCents: number }> {
  const out = new Map<string, { status: InvoiceStatus; unpaidCents: number }>();
  let credit = postedCents;
  for (const inv of [...invoices].sort(byDateThenId)) {
    if (inv.status === 'Void') continue;
    const applied = Math.max(0, Math.min(credit, inv.totalCents));
    credit -= applied;
    const unpaid = inv.totalCents - applied;
    out.set(inv.id, { status: unpaid <= 0 ? 'Paid' : 'Open', unpaidCents: unpaid });
  }
  return out;
}

export function aging(invoices: SettleInvoice[], postedCents: number, nowMs: number): { totalCents: number; aging: Aging } {
  const result: Aging = { d0_30: 0, d31_60: 0, d61_90: 0, over90: 0 };
  let invoiced = 0;
  const settled = settle(invoices, postedCents);
  for (const inv of invoices) {
    const s = settled.get(inv.id);
    if (!s) continue;
    invoiced += inv.totalCents;
    const age = daysBetween(inv.date, nowMs);
    if (age <= 30) result.d0_30 += s.unpaidCents;
    else if (age <= 60) result.d31_60 += s.unpaidCents;
    else if (age <= 90) result.d61_90 += s.unpaidCents;
    else result.over90 += s.unpaidCents;
  }
  const totalCents = invoiced - postedCents;
  const bucketed = result.d0_30 + result.d31_60 + result.d61_90 + result.over90;
  result.d0_30 += totalCents - bucketed;
  return { totalCents, aging: result };
}
