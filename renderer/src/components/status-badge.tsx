/** The four sync states, each with an icon, a word and a colour (never colour alone), the same everywhere. */
import { AlertTriangle, Ban, CheckCircle2, CircleDot, Clock, Loader2, PauseCircle, XCircle, type LucideIcon } from 'lucide-react';
import type { JobStatus, SyncStatus } from '@shared/types';

type Tone = 'neutral' | 'pending' | 'attention' | 'failed';

const syncStates: Record<SyncStatus, { icon: LucideIcon; label: string; tone: Tone }> = {
  in_sync: { icon: CheckCircle2, label: 'In sync', tone: 'neutral' },
  pending: { icon: CircleDot, label: 'Changes pending', tone: 'pending' },
  attention: { icon: AlertTriangle, label: 'Needs attention', tone: 'attention' },
  failed: { icon: XCircle, label: 'Failed', tone: 'failed' },
};

const jobStates: Record<JobStatus, { icon: LucideIcon; label: string; tone: Tone; spin?: boolean }> = {
  queued: { icon: Clock, label: 'Queued', tone: 'pending' },
  running: { icon: Loader2, label: 'Running', tone: 'pending', spin: true },
  awaiting_confirmation: { icon: PauseCircle, label: 'Waiting for you', tone: 'attention' },
  succeeded: { icon: CheckCircle2, label: 'Finished', tone: 'neutral' },
  partial: { icon: AlertTriangle, label: 'Needs attention', tone: 'attention' },
  failed: { icon: XCircle, label: 'Failed', tone: 'failed' },
  cancelled: { icon: Ban, label: 'Cancelled', tone: 'neutral' },
  interrupted: { icon: AlertTriangle, label: 'Interrupted', tone: 'attention' },
};

export const syncStatusLabel = (s: SyncStatus) => syncStates[s].label;

function Badge({ icon: Icon, label, tone, spin }: { icon: LucideIcon; label: string; tone: Tone; spin?: boolean | undefined }) {
  return (
    <span className={`badge badge-${tone}`}>
      <Icon aria-hidden="true" size={14} strokeWidth={2.25} className={spin ? 'spin' : undefined} />
      {label}
    </span>
  );
}

export function SyncStatusBadge({ status }: { status: SyncStatus }) {
  return <Badge {...syncStates[status]} />;
}

/** A finished job that left records needing attention reads as "Needs attention", not as a plain success. */
export function JobStatusBadge({ status, attention = 0 }: { status: JobStatus; attention?: number }) {
  if (status === 'succeeded' && attention > 0) return <Badge icon={AlertTriangle} label="Needs attention" tone="attention" />;
  return <Badge {...jobStates[status]} />;
}
