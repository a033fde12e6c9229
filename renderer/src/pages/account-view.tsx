/** One unit's My Account → Account Balance: the balance, where it stands in Condo Control, aging, and every line. */
import { AlertTriangle, CheckCircle2, Radio, Save, Wallet } from 'lucide-react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AccountLedger } from '@shared/types';
import { notAhead } from '../lib/commerce-text';
import { coreText } from '../lib/core-text';
import { absoluteDate, money, relativeTime } from '../lib/format';
import { useNow } from '../lib/use-now';
import { useBuildingLabel } from '../lib/use-building-label';
import { AccountLines } from './account-lines';

const BUCKETS = ['d0_30', 'd31_60', 'd61_90', 'over90'] as const;

function Figure({ cents }: { cents: number }) {
  const { t } = useTranslation();
  const note = cents === 0 ? t('balances.account.paid') : cents > 0 ? t('balances.account.owing') : t('balances.account.credit');
  return (
    <p className="balance-figure num">
      {money(Math.abs(cents))} <span className="balance-note">{note}</span>
    </p>
  );
}

function CondoControlLine({ account }: { account: AccountLedger }) {
  const { t } = useTranslation();
  const cc = account.condoControl;
  if (!cc.mapped) return <p className="tone-text-attention small"><AlertTriangle aria-hidden="true" size={14} /> {t('balances.account.notInCc')}</p>;
  if (cc.balanceCents === undefined) return <p className="muted small">{t('balances.account.ccNotChecked')}</p>;
  if (cc.balanceCents === account.balanceCents) {
    return <p className="small"><CheckCircle2 aria-hidden="true" size={14} /> {t('balances.account.ccSame')}</p>;
  }
  return (
    <p className="tone-text-attention small">
      <AlertTriangle aria-hidden="true" size={14} /> {t('balances.account.ccDiffers', { cents: cc.balanceCents, diff: Math.abs(account.balanceCents - cc.balanceCents) })}
    </p>
  );
}

export function AccountView({ account, busy, onGet }: { account: AccountLedger; busy: boolean; onGet: () => void }) {
  const { t } = useTranslation();
  const buildingLabel = useBuildingLabel();
  const now = useNow();
  const headingId = `account-${account.unitId}`;
  return (
    <section className="section account-view" aria-labelledby={headingId}>
      <div className="balance-summary">
        <div>
          <p className="eyebrow">{t('balances.account.eyebrow')}</p>
          <h2 id={headingId} className="account-heading">
            {t('balances.account.heading', { number: account.unitNumber, building: account.corporationCode || buildingLabel(account.corporationId) })}
          </h2>
          <Figure cents={account.balanceCents} />
          <p className="account-meta">
            {account.stale ? (
              <span className="badge badge-attention"><AlertTriangle aria-hidden="true" size={14} /> {t('balances.account.stale')}</span>
            ) : account.source === 'live' ? (
              <span className="badge badge-neutral"><Radio aria-hidden="true" size={14} /> {t('balances.account.live')}</span>
            ) : (
              <span className="badge badge-neutral"><Save aria-hidden="true" size={14} /> {t('balances.account.cached')}</span>
            )}{' '}
            {account.asOf ? (
              <span className="muted" title={absoluteDate(account.asOf)}>
                {t('balances.account.asOf', { time: absoluteDate(account.asOf) })} ({relativeTime(notAhead(account.asOf, now), now)})
              </span>
            ) : (
              <span className="muted">{t('balances.account.neverRead')}</span>
            )}
          </p>
          {account.staleReason ? <p className="tone-text-attention small">{coreText(account.staleReason)}</p> : null}
          <CondoControlLine account={account} />
        </div>
        <Button className="btn btn-primary" isDisabled={busy} onPress={onGet}>
          <Wallet aria-hidden="true" size={16} />
          {busy ? t('balances.account.getting') : t('balances.account.get')}
        </Button>
      </div>
      <dl className="aging" aria-label={t('balances.account.aging')}>
        {BUCKETS.map((b) => (
          <div key={b} className="aging-bucket">
            <dt>{t(`balances.account.agingBuckets.${b}`)}</dt>
            <dd className="num">{money(account.aging[b])}</dd>
          </div>
        ))}
      </dl>
      <AccountLines account={account} />
    </section>
  );
}
