import type { JobCounts } from './types';

/** A job's counts before it has processed anything. */
export const emptyCounts = (): JobCounts => ({ created: 0, updated: 0, unchanged: 0, deactivated: 0, conflict: 0, failed: 0 });

/**
 * A job's counts as a person reads them: each record in exactly one bucket,
 * so `created + updated + deactivated + attention + failed + unchanged` is the
 * number processed. A record that needs attention and was also written counts
 * where it was written (`created` includes `createdAttention`); `attention`
 * keeps only those with no other write.
 */
export interface CountsTally {
  created: number;
  createdAttention: number;
  updated: number;
  updatedAttention: number;
  deactivated: number;
  deactivatedAttention: number;
  /** Needing attention and written nothing else. */
  attention: number;
  failed: number;
  unchanged: number;
  /** Every record that needs attention (what status badges count). */
  attentionTotal: number;
}

export function tally(c: JobCounts): CountsTally {
  const also = c.alsoWritten ?? { created: 0, updated: 0, deactivated: 0 };
  return {
    created: c.created + also.created,
    createdAttention: also.created,
    updated: c.updated + also.updated,
    updatedAttention: also.updated,
    deactivated: c.deactivated + also.deactivated,
    deactivatedAttention: also.deactivated,
    attention: c.conflict - also.created - also.updated - also.deactivated,
    failed: c.failed,
    unchanged: c.unchanged,
    attentionTotal: c.conflict,
  };
}

/** A job's counts in words, as the notice, the CLI and the console say them. */
export function countsInWords(c: JobCounts): string[] {
  const n = tally(c);
  const also = (k: number) => (k ? ` (${k} of them also ${k === 1 ? 'needs' : 'need'} attention)` : '');
  return [
    n.created ? `${n.created} created${also(n.createdAttention)}` : '',
    n.updated ? `${n.updated} updated${also(n.updatedAttention)}` : '',
    n.deactivated ? `${n.deactivated} deactivated${also(n.deactivatedAttention)}` : '',
    n.attention ? `${n.attention} ${n.attention === 1 ? 'needs' : 'need'} attention` : '',
    n.failed ? `${n.failed} failed` : '',
  ].filter(Boolean);
}
