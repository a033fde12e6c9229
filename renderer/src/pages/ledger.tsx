import type { LedgerLine } from '@shared/types';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n';
import { money, shortDate } from '../lib/format';

/** A line's status in the reader's language; one the catalogue does not know is shown as the system wrote it. */
function lineStatus(status: string): string {
  const key = `balances.lineStatus.${status}`;
  return i18n.exists(key) ? i18n.t(key as never) : status;
}

/** Invoices and payments, newest first, money right-aligned in CAD. Payments show as credits. */
export function Ledger({ lines, unitNumber }: { lines: LedgerLine[]; unitNumber: string }) {
  const { t } = useTranslation();
  if (!lines.length) return <p className="muted">{t('balances.ledger.empty')}</p>;
  const sorted = [...lines].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">{t('balances.ledger.caption', { number: unitNumber })}</caption>
        <thead>
          <tr>
            <th scope="col" className="col-date">
              {t('balances.ledger.date')}
            </th>
            <th scope="col">{t('balances.ledger.description')}</th>
            <th scope="col">{t('balances.ledger.type')}</th>
            <th scope="col" className="num col-money">
              {t('balances.ledger.amount')}
            </th>
            <th scope="col">{t('balances.ledger.status')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((l) => {
            const cents = l.amountCents;
            return (
              <tr key={l.id}>
                <td className="col-date tabular">{shortDate(l.date)}</td>
                {/* Condo Manager's own words for the line: data, not the console's language. */}
                <td translate="no">{l.description}</td>
                <td>{l.type === 'invoice' ? t('balances.ledger.invoice') : t('balances.ledger.payment')}</td>
                <td className={`num col-money${cents < 0 ? ' credit' : ''}`}>{money(cents)}</td>
                <td>{lineStatus(l.status)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
