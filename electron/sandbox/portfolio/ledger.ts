// Receivables for one corporation: monthly common expenses for every unit,
// a special assessment, and on a few accounts the rest of the story — arrears
// with late fees and interest, an NSF (a reversed PAD, its fee, a replacement
// cheque), chargebacks (one voided), other charges. Payments are mostly PAD.
// References never carry banking details.
import { addDays, addMonths, monthLabel } from './dates';
import { Rng, streamSeed } from './prng';
import { settle } from './settle';
import { SIZES } from './sizes';
import { STORY } from './story';
import type {
  CorporationData, Invoice, InvoiceKind, InvoiceLine, Payment, PaymentMethod, Size, Unit,
} from './types';

/** The last month of generated history; fixed so a seed is reproducible. */
export const LEDGER_END = '2026-10-01';

export interface Ledger {
  invoices: Invoice[];
  payments: Payment[];
  /** Next free invoice number for this corporation. */
  nextInvoiceNumber: number;
}

const PROJECTS = ['balcony guard replacement', 'garage membrane repair', 'elevator modernization', 'window caulking'];

function pickMethod(rng: Rng): PaymentMethod {
  const x = rng.float();
  return x < 0.75 ? 'PAD' : x < 0.87 ? 'Cheque' : x < 0.97 ? 'EFT' : x < 0.99 ? 'Card' : 'Cash';
}

function monthlyFee(rng: Rng, unit: Unit): number {
  if (unit.kind === 'residential') return rng.int(38_000, 120_000);
  if (unit.kind === 'commercial') return rng.int(150_000, 260_000);
  return unit.kind === 'parking' ? 6_000 : 2_500;
}

/** Every account's ledger, collected (tests, benchmarks). */
export function generateLedger(seed: number, size: Size, data: CorporationData): Ledger {
  const invoices: Invoice[] = [];
  const payments: Payment[] = [];
  const nextInvoiceNumber = forEachAccountLedger(seed, size, data, (i, p) => {
    invoices.push(...i);
    payments.push(...p);
  });
  return { invoices, payments, nextInvoiceNumber };
}

/**
 * Generates one account at a time and hands it over, so a bulk load can
 * insert it while its objects are still young: holding a whole corporation's
 * ledger made the garbage collector the largest cost of seeding `large`.
 * Returns the next free invoice number.
 */
export function forEachAccountLedger(
  seed: number,
  size: Size,
  data: CorporationData,
  onAccount: (invoices: Invoice[], payments: Payment[]) => void,
): number {
  const { months } = SIZES[size];
  const rng = new Rng(streamSeed(seed, 'ledger', data.index));
  const tag = data.corporation.id.replace(/^corp_/, '');
  const codeNumber = data.corporation.code.split(' ')[1] ?? '0';
  let invoiceNo = 0;
  let paymentNo = 0;
  let chequeNo = 1000;
  const project = rng.pick(PROJECTS);
  // Month dates and labels are the same for every account: compute them once.
  const calendar = Array.from({ length: months }, (_, m) => {
    const month = addMonths(LEDGER_END, m - (months - 1));
    return { month, label: `Common expenses – ${monthLabel(month)}`, day15: addDays(month, 14) };
  });

  // Special accounts come from suites the story does not script (Scott stays clean).
  const candidates = data.units.filter((u) => u.kind === 'residential' && !(data.index === 0 && STORY[u.number]));
  const special = (): Unit => candidates.splice(rng.int(0, candidates.length - 1), 1)[0] as Unit;
  const arrears = new Set([special().id, special().id]);
  const nsf = special().id;
  const chargebacks = [special(), special()];
  const others = [special(), special()];

  for (const unit of data.units) {
    const accountInvoices: Invoice[] = [];
    const accountPayments: Payment[] = [];
    const invoice = (kind: InvoiceKind, date: string, dueDate: string, lines: InvoiceLine[], voided = false) => {
      invoiceNo++;
      const inv: Invoice = {
        // Fixed-width ids insert in key order, which keeps the bulk load fast.
        id: `inv_${tag}_${invoiceNo.toString(36).padStart(5, '0')}`,
        accountId: unit.accountId,
        unitId: unit.id,
        number: `${codeNumber}-${String(invoiceNo).padStart(6, '0')}`,
        date,
        dueDate,
        kind,
        lines,
        totalCents: lines.reduce((sum, l) => sum + l.amountCents, 0),
        status: voided ? 'Void' : 'Open',
        updatedAt: `${voided ? addDays(date, 1) : date}T10:00:00.000Z`,
      };
      accountInvoices.push(inv);
      return inv;
    };
    const pay = (date: string, method: PaymentMethod, amountCents: number, reversed = false) => {
      paymentNo++;
      const reference =
        method === 'PAD' ? `PAD ${date.slice(0, 7)}`
        : method === 'Cheque' ? `Cheque #${chequeNo++}`
        : method === 'EFT' ? `EFT ${date.replaceAll('-', '')}-${unit.number}`
        : method === 'Card' ? `Card payment ${date}`
        : `Receipt ${paymentNo}`;
      accountPayments.push({
        id: `pay_${tag}_${paymentNo.toString(36).padStart(5, '0')}`,
        accountId: unit.accountId,
        unitId: unit.id,
        date,
        method,
        amountCents,
        reference,
        status: reversed ? 'Reversed' : 'Posted',
        updatedAt: `${reversed ? addDays(date, 3) : date}T12:00:00.000Z`,
      });
    };

    const fee = monthlyFee(rng, unit);
    const method = unit.id === nsf ? 'PAD' : pickMethod(rng);
    const late = arrears.has(unit.id);
    let unpaid = 0;
    for (let m = 0; m < months; m++) {
      const { month, label, day15 } = calendar[m]!;
      invoice('CommonExpense', month, month, [{ description: label, amountCents: fee }]);
      if (late && m >= months - 2) {
        unpaid += fee;
        invoice('LateFee', day15, day15, [{ description: 'Late payment fee', amountCents: 5_000 }]);
      } else if (unit.id === nsf && m === months - 2) {
        pay(month, 'PAD', fee, true);
        invoice('NSFFee', addDays(month, 4), addDays(month, 4), [{ description: 'NSF fee – returned pre-authorized debit', amountCents: 4_500 }]);
        pay(addDays(month, 9), 'Cheque', fee);
      } else {
        pay(method === 'EFT' ? addDays(month, rng.int(0, 5)) : month, method, fee);
      }
      if (unit.kind === 'residential' && m === months - 3) {
        const due = addDays(month, 44);
        const amount = Math.round((fee * 1.5) / 100) * 100;
        invoice('SpecialAssessment', day15, due, [{ description: `Special assessment – ${project}`, amountCents: amount }]);
        if (!late) pay(due, method, amount);
      }
    }
    if (late) {
      const last = addMonths(LEDGER_END, 0);
      invoice('Interest', addDays(last, 27), addDays(last, 27), [
        { description: 'Interest on arrears at 2% per month', amountCents: Math.round(unpaid * 0.02) },
      ]);
    }
    const chargeMonth = addMonths(LEDGER_END, -Math.min(3, months - 1));
    if (unit.id === chargebacks[0]?.id) {
      invoice('Chargeback', addDays(chargeMonth, 9), addDays(chargeMonth, 39), [
        { description: 'Chargeback – water damage repair to the suite below', amountCents: 48_500 },
      ]);
    }
    if (unit.id === chargebacks[1]?.id) {
      invoice('Chargeback', addDays(chargeMonth, 11), addDays(chargeMonth, 41), [
        { description: 'Chargeback – move-in elevator booking', amountCents: 15_000 },
      ]);
      invoice('Chargeback', addDays(chargeMonth, 12), addDays(chargeMonth, 42), [
        { description: 'Chargeback – move-in elevator booking (entered twice)', amountCents: 15_000 },
      ], true);
    }
    if (unit.id === others[0]?.id) {
      const inv = invoice('Other', addDays(chargeMonth, 5), addDays(chargeMonth, 5), [
        { description: 'Replacement key fob', amountCents: 7_500 },
      ]);
      pay(inv.date, 'Card', inv.totalCents);
    }
    if (unit.id === others[1]?.id) {
      invoice('Other', addDays(chargeMonth, 20), addDays(chargeMonth, 50), [
        { description: 'Party room booking', amountCents: 15_000 },
      ]);
    }

    const posted = accountPayments.reduce((s, p) => (p.status === 'Posted' ? s + p.amountCents : s), 0);
    const statuses = settle(accountInvoices, posted);
    for (const inv of accountInvoices) inv.status = statuses.get(inv.id)?.status ?? inv.status;
    onAccount(accountInvoices, accountPayments);
  }
  return invoiceNo + 1;
}
