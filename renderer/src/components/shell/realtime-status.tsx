/** The header's word on invoices and payments: live, starting, paused (with the reason), or off. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Radio, PauseCircle, CircleOff, Loader2, type LucideIcon } from 'lucide-react';
import type { CommerceStatus } from '@shared/types';
import { notAhead } from '../../lib/commerce-text';
import { coreText } from '../../lib/core-text';
import { relativeTime } from '../../lib/format';
import { href } from '../../lib/router';
import { useNow } from '../../lib/use-now';
import { followCommerce, useCommerce } from '../../stores/commerce-store';
import { useApp } from '../../stores/app-store';

export const realtimeLook: Record<CommerceStatus['state'], { icon: LucideIcon; tone: string; spin?: boolean }> = {
  live: { icon: Radio, tone: 'neutral' },
  starting: { icon: Loader2, tone: 'pending', spin: true },
  paused: { icon: PauseCircle, tone: 'attention' },
  off: { icon: CircleOff, tone: 'neutral' },
};

export function RealtimeStatus() {
  const { t } = useTranslation();
  const status = useCommerce((s) => s.status);
  const now = useNow();
  const serverDown = useApp((s) => s.serverDown);
  useEffect(() => followCommerce(), []);
  // With the engine gone, "live" would be a claim nobody can vouch for; the banner says why.
  if (!status || serverDown) return null;
  const look = realtimeLook[status.state];
  const Icon = look.icon;
  const word = t(`balances.realtime.short.${status.state}`);
  const detail = [
    status.reason ? coreText(status.reason) : '',
    status.lastEventAt ? t('balances.realtime.lastEvent', { when: relativeTime(notAhead(status.lastEventAt, now), now) }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <a
      className={`sync-pill realtime-pill tone-${look.tone}`}
      href={href.balances()}
      title={detail || undefined}
      aria-label={t('balances.realtime.label', { state: `${t(`balances.realtime.${status.state}`)}${detail ? `. ${detail}` : ''}` })}
    >
      <Icon aria-hidden="true" size={16} className={look.spin ? 'spin' : undefined} />
      <span>{word}</span>
    </a>
  );
}
