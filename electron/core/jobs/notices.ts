import type { Events } from '@shared/contract';
import { countsInWords } from '@shared/job-summary';
import type { Job } from '@shared/types';
import type { EventBus } from '../events';

const WHAT: Record<Job['kind'], string> = {
  reconcile: 'Full reconcile',
  'commerce-reconcile': 'Invoice history import',
  'balance-check': 'Balance check',
  commerce: 'Invoice and payment sync',
  residents: 'Sync',
};

/**
 * The notice a real (not dry-run) job gives when it ends or waits for a
 * person, from its state alone (so another engine can rebuild it from the
 * jobs table); undefined for none (dry runs, interrupted or running jobs,
 * real-time jobs that went well).
 */
export function noticeFor(job: Job): Events['notice'] | undefined {
  if (job.dryRun) return undefined;
  const c = job.counts;
  // Real-time invoice jobs run many times an hour: only trouble is worth a notice.
  if (job.trigger === 'realtime' && job.status === 'succeeded' && !c.conflict && !c.failed) return undefined;
  const parts = countsInWords(c);
  const what = WHAT[job.kind];
  if (job.status === 'succeeded' || job.status === 'partial') {
    return {
      jobId: job.id,
      // Failed beats attention: records that did not reach Condo Control are an error, notes a warning.
      level: c.failed ? 'error' : c.conflict ? 'warning' : 'success',
      title: `${what} finished${parts.length ? `: ${parts.join(', ')}` : ': everything was already in sync'}`,
      ...(c.failed ? { body: 'Records that failed are retried on the next sync. Nothing was lost.' } : {}),
    };
  }
  if (job.status === 'failed') return { jobId: job.id, level: 'error', title: `${what} failed`, body: `${job.error?.message ?? ''} Nothing was lost; it will run again.`.trim() };
  if (job.status === 'awaiting_confirmation') return { jobId: job.id, level: 'warning', title: 'Full reconcile is waiting for you', ...(job.error?.message ? { body: job.error.message } : {}) };
  return undefined;
}

/** Emits the job's notice, if it has one (noticeFor). */
export function notifyEnd(events: EventBus, job: Job): void {
  const notice = noticeFor(job);
  if (notice) events.emit('notice', notice);
}
