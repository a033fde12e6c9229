/** The four sync states, each with an icon, a word and a colour (never colour alone), the same everywhere. */
import { AlertTriangle, Ban, CheckCircle2, CircleDot, Clock, Loader2, PauseCircle, XCircle, type LucideIcon } from 'lucide-react';
import type { JobStatus, SyncStatus } from '@shared/types';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n';

type Tone = 'neutral' | 'pending' | 'attention' | 'failed';

const syncStates: Record<SyncStatus, { icon: LucideIcon; tone: Tone }> = {
  in_sync: { icon: CheckCircle2, tone: 'neutral' },
  pending: { icon: CircleDot, tone: 'pending' },
  attention: { icon: AlertTriangle, tone: 'attention' },
  failed: { icon: XCircle, tone: 'failed' },
};

const jobStates: Record<JobStatus, { icon: LucideIcon; tone: Tone; spin?: boolean }> = {
  queued: { icon: Clock, tone: 'pending' },
  running: { icon: Loader2, tone: 'pending', spin: true },
  awaiting_confirmation: { icon: PauseCircle, tone: 'attention' },
  succeeded: { icon: CheckCircle2, tone: 'neutral' },
  partial: { icon: AlertTriangle, tone: 'attention' },
  failed: { icon: XCircle, tone: 'failed' },
  cancelled: { icon: Ban, tone: 'neutral' },
  interrupted: { icon: AlertTriangle, tone: 'attention' },
};

export const syncStatusLabel = (s: SyncStatus): string => i18n.t(`common.syncState.${s}`);
export const jobStatusLabel = (s: JobStatus): string => i18n.t(`common.jobState.${s}`);

function Badge({ icon: Icon, label, tone, spin }: { icon: LucideIcon; label: string; tone: Tone; spin?: boolean | undefined }) {
  return (
    <span className={`badge badge-${tone}`}>
      <Icon aria-hidden="true" size={14} strokeWidth={2.25} className={spin ? 'spin' : undefined} />
      {label}
    </span>
  );
}

export function SyncStatusBadge({ status }: { status: SyncStatus }) {
  useTranslation();
  return <Badge {...syncStates[status]} label={syncStatusLabel(status)} />;
}

/**
 * How the run ended, said so that failed beats attention: a run with failed
 * records is red "Failed" (not amber), one that only left notes is amber.
 */
export function JobStatusBadge({ status, attention = 0, failed = 0 }: { status: JobStatus; attention?: number; failed?: number }) {
  useTranslation();
  const ended = status === 'succeeded' || status === 'partial';
  if (ended && failed > 0) return <Badge {...jobStates.failed} label={jobStatusLabel('failed')} />;
  if (status === 'succeeded' && attention > 0) return <Badge icon={AlertTriangle} label={syncStatusLabel('attention')} tone="attention" />;
  return <Badge {...jobStates[status]} label={jobStatusLabel(status)} />;
}
