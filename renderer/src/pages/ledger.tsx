import type { LedgerLine } from '@shared/types';
import { money, shortDate } from '../lib/format';

/** Invoices and payments, newest first, money right-aligned in CAD. Payments show as credits. */
export function Ledger({ lines, unitNumber }: { lines: LedgerLine[]; unitNumber: string }) {
  if (!lines.length) return <p className="muted">No invoices or payments for this account yet.</p>;
  const sorted = [...lines].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">Invoices and payments of unit {unitNumber}</caption>
        <thead>
          <tr>
            <th scope="col" className="col-date">
              Date
            </th>
            <th scope="col">Description</th>
            <th scope="col">Type</th>
            <th scope="col" className="num col-money">
              Amount (CAD)
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((l) => {
            const cents = l.amountCents;
            return (
              <tr key={l.id}>
                <td className="col-date tabular">{shortDate(l.date)}</td>
                <td>{l.description}</td>
                <td>{l.type === 'invoice' ? 'Invoice' : 'Payment'}</td>
                <td className={`num col-money${cents < 0 ? ' credit' : ''}`}>{money(cents)}</td>
                <td>{l.status}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
