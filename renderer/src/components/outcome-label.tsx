import { AlertTriangle, CheckCircle2, Minus, Plus, UserMinus, XCircle, type LucideIcon } from 'lucide-react';
import type { OutcomeEffect, OutcomeType } from '@shared/types';
import { useTranslation } from 'react-i18next';


export const outcomeInfo: Record<OutcomeType, { icon: LucideIcon; tone: string }> = {
  created: { icon: Plus, tone: 'pending' },
  updated: { icon: CheckCircle2, tone: 'pending' },
  unchanged: { icon: Minus, tone: 'neutral' },
  deactivated: { icon: UserMinus, tone: 'neutral' },
  conflict: { icon: AlertTriangle, tone: 'attention' },
  failed: { icon: XCircle, tone: 'failed' },
};

function Badge({ outcome }: { outcome: OutcomeType }) {
  const { t } = useTranslation();
  const { icon: Icon, tone } = outcomeInfo[outcome];
  return (
    <span className={`badge badge-${tone}`}>
      <Icon aria-hidden="true" size={14} strokeWidth={2.25} />
      {t(`common.outcome.${outcome}`)}
    </span>
  );
}

/** A record's outcome; one that needs attention and was also written shows both ("Added", "Needs attention"). */
export function OutcomeLabel({ outcome, effect }: { outcome: OutcomeType; effect?: OutcomeEffect | undefined }) {
  if (outcome !== 'conflict' || !effect) return <Badge outcome={outcome} />;
  return (
    <span className="badge-pair">
      <Badge outcome={effect} /> <Badge outcome="conflict" />
    </span>
  );
}
