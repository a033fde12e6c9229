/**
 * Who started a job, in the reader's words: a key's name as its holder wrote
 * it, else this computer (its window, or its tray menu) or the console's
 * access token. Undefined when nobody did (the nightly schedule, the first
 * sync): then the trigger says why it ran.
 */
import { STARTED_BY } from '@shared/access';
import type { Job } from '@shared/types';
import { i18n } from '../i18n';

type Starter = Pick<Job, 'startedBy' | 'trigger' | 'triggers'>;

/**
 * This computer or the token, for a job a person asked for once (by hand,
 * the tray, the command line). A nightly run, or one others joined, says
 * more by its triggers ("Nightly · also asked for from the command line").
 */
function which(job: Starter): 'tray' | 'local' | 'cli' | 'token' | 'trigger' | undefined {
  const local = job.startedBy === STARTED_BY.local;
  if (!local && job.startedBy !== STARTED_BY.token) return undefined;
  if ((job.triggers?.length ?? 1) > 1 || !['manual', 'tray', 'cli'].includes(job.trigger)) return 'trigger';
  if (job.trigger === 'cli') return 'cli';
  // The tray is this computer's own (an attached desktop's tray calls with its key, named as such).
  if (local) return job.trigger === 'tray' ? 'tray' : 'local';
  return 'token';
}

/**
 * The console's token names nobody, so its line says how the person used it
 * ("by hand" for Start New Sync, "from the tray menu"); the other lines
 * ignore `how`.
 */
function how(job: Starter): { how: string } {
  return { how: i18n.t(`common.triggerAlso.${job.trigger}`) };
}

/** The value beside "Started by": "Marie (front desk)", "This computer’s tray menu"…; undefined: say the trigger. */
export function starterName(job: Starter): string | undefined {
  if (!job.startedBy) return undefined;
  const w = which(job);
  if (w === 'trigger') return undefined;
  return w ? i18n.t(`access.starter.${w}`, how(job)) : job.startedBy;
}

/** The Sync Queue's line under a job: "Started by Marie (front desk)", "Started from this computer’s tray menu"…; undefined: say the trigger. */
export function starterLine(job: Starter): string | undefined {
  if (!job.startedBy) return undefined;
  const w = which(job);
  if (w === 'trigger') return undefined;
  return w ? i18n.t(`access.startedFrom.${w}`, how(job)) : i18n.t('access.startedBy', { name: job.startedBy });
}
