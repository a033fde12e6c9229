import { AlertTriangle, CheckCircle2, Minus, Plus, UserMinus, XCircle, type LucideIcon } from 'lucide-react';
import type { OutcomeType } from '@shared/types';

export const outcomeInfo: Record<OutcomeType, { icon: LucideIcon; label: string; tone: string }> = {
  created: { icon: Plus, label: 'Added', tone: 'pending' },
  updated: { icon: CheckCircle2, label: 'Updated', tone: 'pending' },
  unchanged: { icon: Minus, label: 'Unchanged', tone: 'neutral' },
  deactivated: { icon: UserMinus, label: 'Deactivated', tone: 'neutral' },
  conflict: { icon: AlertTriangle, label: 'Needs attention', tone: 'attention' },
  failed: { icon: XCircle, label: 'Failed', tone: 'failed' },
};

export function OutcomeLabel({ outcome }: { outcome: OutcomeType }) {
  const { icon: Icon, label, tone } = outcomeInfo[outcome];
  return (
    <span className={`badge badge-${tone}`}>
      <Icon aria-hidden="true" size={14} strokeWidth={2.25} />
      {label}
    </span>
  );
}
