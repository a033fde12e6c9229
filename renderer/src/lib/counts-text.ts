/** A job's counts in the reader's language, each record said once, so the parts add up to the records processed. */
import { tally } from '@shared/job-summary';
import type { JobCounts } from '@shared/types';
import { i18n } from '../i18n';

/** `prefix` is `sync.summary` (a run) or `sync.preview` (a dry run): "3 added (1 of them also needs attention), 1 needs attention". */
export function countsParts(c: JobCounts, prefix: 'sync.summary' | 'sync.preview'): string[] {
  const t = i18n.t;
  const n = tally(c);
  const part = (key: 'created' | 'updated' | 'deactivated', total: number, flagged: number) =>
    total ? t(`${prefix}.${key}`, { count: total }) + (flagged ? ` ${t('sync.alsoAttention', { count: flagged })}` : '') : '';
  return [
    part('created', n.created, n.createdAttention),
    part('updated', n.updated, n.updatedAttention),
    part('deactivated', n.deactivated, n.deactivatedAttention),
    n.attention ? t(`${prefix}.conflict`, { count: n.attention }) : '',
    n.failed ? t(`${prefix}.failed`, { count: n.failed }) : '',
  ].filter(Boolean);
}
