/** An account's invoices and payments, oldest first, with the running balance and where each line stands in Condo Control. */
import { AlertTriangle, CheckCircle2, Clock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AccountLedger, LedgerLine } from '@shared/types';
import { coreText } from '../lib/core-text';
import { money, relativeTime, shortDate, timeOfDay } from '../lib/format';
import { useNow } from '../lib/use-now';

function kindOf(t: TFunction, l: LedgerLine): string {
  if (l.type === 'invoice') return t(`balances.kind.${l.kind ?? 'Other'}`);
  return t('balances.lines.payment', { method: l.method ? t(`balances.method.${l.method}`) : '' });
}

function sameDay(iso: string, now: number): boolean {
  return new Date(iso).toDateString() === new Date(now).toDateString();
}

/** "In Condo Control since 14:02", "Not yet in Condo Control: the next attempt is in 5 min", or what holds it. */
function Where({ line }: { line: LedgerLine }) {
  const { t } = useTranslation();
  const now = useNow();
  const d = line.condoControl;
  if (d.state === 'in_condo_control') {
    const time = d.since ? (sameDay(d.since, now) ? timeOfDay(d.since) : shortDate(d.since)) : '';
    return (
      <span className="where where-in">
        <CheckCircle2 aria-hidden="true" size={14} /> {t('balances.lines.inSince', { time })}
      </span>
    );
  }
  if (d.state === 'attention') {
    return (
      <span className="where tone-text-attention">
        <AlertTriangle aria-hidden="true" size={14} /> {t('balances.lines.held', { note: coreText(d.message ?? '') })}
      </span>
    );
  }
  const soon = d.nextAttemptAt && Date.parse(d.nextAttemptAt) - now < 45_000;
  return (
    <span className="where tone-text-pending" title={d.message ? coreText(d.message) : undefined}>
      <Clock aria-hidden="true" size={14} />{' '}
      {soon ? t('balances.lines.notYetSoon') : d.nextAttemptAt ? t('balances.lines.notYet', { when: relativeTime(d.nextAttemptAt, now) }) : t('balances.lines.notYetUnknown')}
    </span>
  );
}

export function AccountLines({ account }: { account: AccountLedger }) {
  const { t } = useTranslation();
  if (!account.lines.length) return <p className="muted">{t('balances.lines.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="data-table account-lines">
        <caption className="visually-hidden">{t('balances.lines.caption', { number: account.unitNumber })}</caption>
        <thead>
          <tr>
            <th scope="col" className="col-date">{t('balances.lines.date')}</th>
            <th scope="col">{t('balances.lines.description')}</th>
            <th scope="col">{t('balances.lines.kind')}</th>
            <th scope="col" className="num col-money">{t('balances.lines.amount')}</th>
            <th scope="col" className="num col-money">{t('balances.lines.balance')}</th>
            <th scope="col">{t('balances.lines.where')}</th>
          </tr>
        </thead>
        <tbody>
          {account.lines.map((l) => (
            <tr key={l.id} className={l.counts ? undefined : 'line-void'}>
              <td className="col-date tabular">{shortDate(`${l.date}T12:00:00Z`)}</td>
              <td>
                {/* Condo Manager's own words for the line: data, not the console's language. */}
                <span translate="no">{l.description}</span>
                {l.number ? <span className="muted"> · {l.number}</span> : null}
                {!l.counts ? <div className="line-status">{l.type === 'invoice' ? t('balances.lines.voided') : t('balances.lines.reversed')}</div> : null}
              </td>
              <td>{kindOf(t, l)}</td>
              <td className={`num col-money${l.amountCents < 0 ? ' credit' : ''}`}>{l.counts ? money(l.amountCents) : <s>{money(l.amountCents)}</s>}</td>
              <td className="num col-money">{money(l.runningBalanceCents)}</td>
              <td>
                <Where line={l} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4}>{t('balances.lines.total')}</th>
            <td className="num col-money"><strong>{money(account.balanceCents)}</strong></td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
