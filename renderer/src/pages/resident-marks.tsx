/** Small marks shared by the Unit File and the unit page. */
import { AlertTriangle, XCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus, UnitKind } from '@shared/types';

/** Occupancy (owner occupied, rental, vacant) means something only where people live or work. */
export function hasOccupancy(kind: UnitKind): boolean {
  return kind === 'residential' || kind === 'commercial';
}

/** Beside a resident's name: this person needs attention (amber) or failed (red), in words for screen readers. */
export function AttentionMark({ status }: { status: Extract<SyncStatus, 'attention' | 'failed'> }) {
  const { t } = useTranslation();
  const Icon = status === 'failed' ? XCircle : AlertTriangle;
  return (
    <span className={`attention-mark tone-text-${status}`} title={t(`common.syncState.${status}`)}>
      <Icon aria-hidden="true" size={13} />
      <span className="visually-hidden"> ({t(`common.syncState.${status}`)})</span>
    </span>
  );
}
