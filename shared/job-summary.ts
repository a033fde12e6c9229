import type { JobCounts } from './types';

/** A job's counts in words, as the notice, the CLI and the console say them. */
export function countsInWords(c: JobCounts): string[] {
  return [
    c.created ? `${c.created} created` : '',
    c.updated ? `${c.updated} updated` : '',
    c.deactivated ? `${c.deactivated} deactivated` : '',
    c.conflict ? `${c.conflict} ${c.conflict === 1 ? 'needs' : 'need'} attention` : '',
    c.failed ? `${c.failed} failed` : '',
  ].filter(Boolean);
}
