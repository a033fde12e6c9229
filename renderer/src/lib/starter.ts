/**
 * Who started a job, in the reader's words: a key's name as its holder wrote
 * it, else this computer (its window, or its tray menu) or the console's
 * access token. Undefined when nobody did (the nightly schedule, the first
 * sync): then the trigger says why it ran.
 */
import { STARTED_BY } from '@shared/access';
import type { Job } from '@shared/types';
import { i18n } from '../i18n';

type Starter = Pick<Job, 'startedBy' | 'trigger'>;

function which(job: Starter): 'tray' | 'local' | 'cli' | 'token' | undefined {
  if (job.startedBy === STARTED_BY.local) return job.trigger === 'tray' ? 'tray' : job.trigger === 'cli' ? 'cli' : 'local';
  if (job.startedBy === STARTED_BY.token) return job.trigger === 'cli' ? 'cli' : 'token';
  return undefined;
}

/** The value beside "Started by": "Marie (front desk)", "This computer’s tray menu"… */
export function starterName(job: Starter): string | undefined {
  if (!job.startedBy) return undefined;
  const w = which(job);
  return w ? i18n.t(`access.starter.${w}`) : job.startedBy;
}

/** The Sync Queue's line under a job: "Started by Marie (front desk)", "Started from this computer’s tray menu"… */
export function starterLine(job: Starter): string | undefined {
  if (!job.startedBy) return undefined;
  const w = which(job);
  return w ? i18n.t(`access.startedFrom.${w}`) : i18n.t('access.startedBy', { name: job.startedBy });
}
