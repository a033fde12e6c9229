/** On Home: whether invoices and payments reach Condo Control in real time, the last one seen, and what is held. */
import { Receipt } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { realtimeLook } from '../components/shell/realtime-status';
import { notAhead } from '../lib/commerce-text';
import { coreText } from '../lib/core-text';
import { absoluteDate, relativeTime } from '../lib/format';
import { href } from '../lib/router';
import { useNow } from '../lib/use-now';
import { followCommerce, useCommerce } from '../stores/commerce-store';

const SHOWN = 3;

export function RealtimeCard() {
  const { t } = useTranslation();
  const status = useCommerce((s) => s.status);
  const now = useNow();
  useEffect(() => followCommerce(), []);
  if (!status) return null;
  const look = realtimeLook[status.state];
  const Icon = look.icon;
  return (
    <section className="card" aria-labelledby="realtime-title">
      <h2 id="realtime-title" className="card-title">
        <Receipt aria-hidden="true" size={18} />
        {t('balances.realtime.title')}
      </h2>
      <p className="card-figure-line">
        <span className={`badge badge-${look.tone}`}>
          <Icon aria-hidden="true" size={14} strokeWidth={2.25} className={look.spin ? 'spin' : undefined} />
          {t(`balances.realtime.${status.state}`)}
        </span>
      </p>
      {status.reason ? <p className={status.state === 'paused' ? 'tone-text-attention' : 'muted'}>{coreText(status.reason)}</p> : null}
      <p className="card-meta">
        {status.lastEventAt ? (
          <span title={absoluteDate(status.lastEventAt)}>{t('balances.realtime.lastEvent', { when: relativeTime(notAhead(status.lastEventAt, now), now) })}</span>
        ) : status.state === 'live' ? (
          t('balances.realtime.noEvent')
        ) : null}
      </p>
      {status.attention.length ? (
        <>
          <p className="tone-text-attention">{t('balances.realtime.held', { count: status.attention.length })}</p>
          <ul className="attention-notes">
            {status.attention.slice(0, SHOWN).map((a) => (
              <li key={`${a.entity}:${a.id}`} className="attention-note">
                <div>
                  <a href={href.balances(a.unitId)}>{t('balances.find.unit', { number: a.unitNumber ?? '?' })}</a>
                  <p>{coreText(a.message)}</p>
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="card-foot">
        <a href={href.balances()}>{t('balances.realtime.open')}</a>
      </p>
    </section>
  );
}
