import type { Aging } from '@shared/types';
import type { Invoice, Payment } from '../systems/schemas';

// Condo Manager's balance rule, which Condo Control applies too:
//   balance = Σ totals of invoices not Void − Σ payments Posted (integer cents).
// Payments settle the oldest invoices first; aging buckets hold each
// invoice's unpaid remainder by its age, and an overpayment shows as a
// negative 0–30 bucket, so the buckets always add up to the balance.

const DAY_MS = 86_400_000;

export function balanceCents(invoices: readonly Invoice[], payments: readonly Payment[]): number {
  let cents = 0;
  for (const i of invoices) if (i.status !== 'Void') cents += i.totalCents;
  for (const p of payments) if (p.status === 'Posted') cents -= p.amountCents;
  return cents;
}

const byDateThenId = (a: { date: string; id: string }, b: { date: string; id: string }) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Aging of the account at `nowMs`, the way Condo Manager ages it. */
export function agingOf(invoices: readonly Invoice[], payments: readonly Payment[], nowMs: number): Aging {
  const out: Aging = { d0_30: 0, d31_60: 0, d61_90: 0, over90: 0 };
  let credit = payments.filter((p) => p.status === 'Posted').reduce((s, p) => s + p.amountCents, 0);
  for (const inv of [...invoices].filter((i) => i.status !== 'Void').sort(byDateThenId)) {
    const applied = Math.max(0, Math.min(credit, inv.totalCents));
    credit -= applied;
    const unpaid = inv.totalCents - applied;
    const age = Math.floor((nowMs - Date.parse(`${inv.date.slice(0, 10)}T00:00:00.000Z`)) / DAY_MS);
    if (age <= 30) out.d0_30 += unpaid;
    else if (age <= 60) out.d31_60 += unpaid;
    else if (age <= 90) out.d61_90 += unpaid;
    else out.over90 += unpaid;
  }
  const total = balanceCents(invoices, payments);
  out.d0_30 += total - (out.d0_30 + out.d31_60 + out.d61_90 + out.over90);
  return out;
}

/** Lines of an invoice that do not add up to its total (the difference in cents), or 0. */
export function linesGap(invoice: Invoice): number {
  return invoice.totalCents - invoice.lines.reduce((s, l) => s + l.amountCents, 0);
}

/** Dollars for messages and logs (no personal data): "$1,234.56". */
export function dollars(cents: number): string {
  return new Intl.NumberFormat('en-CA', { style: 'currency', currency: 'CAD' }).format(cents / 100);
}
