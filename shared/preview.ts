import type { JobOutcome } from './types';
import { isStandingAttention } from './standing-attention';

/** What a preview (dry run) would do, sorted by the side effect a person cares about. */
export interface PreviewEffects {
  /** New Condo Control users: each gets Condo Control's welcome email unless activation is deferred. Includes new users who also need attention. */
  created: JobOutcome[];
  /** Users whose details change (name, email, phones, language, units), including those who also need attention. */
  updated: JobOutcome[];
  /** Users who move from one group to another (a subset of the other lists). */
  movedGroups: JobOutcome[];
  /** Users deactivated: they lose their login. */
  deactivated: JobOutcome[];
  /** Flagged with nothing else written: a note says what to fix in Condo Manager. */
  attention: JobOutcome[];
  /** Nothing changes, but a note from an earlier sync is still open (shared/standing-attention.ts). */
  standing: JobOutcome[];
  /** Records that could not be prepared. */
  failed: JobOutcome[];
  /** Units whose details change in Condo Control's Unit File. */
  units: JobOutcome[];
}

/** An outcome that needs attention besides the write it makes. */
export const alsoNeedsAttention = (o: JobOutcome): boolean => o.outcome === 'conflict' && !!o.effect;

/**
 * Sorts a dry run's outcomes into side effects. Each record lands in exactly
 * one of created, updated, deactivated, attention, standing, failed and units
 * (or none, when it is unchanged with nothing asked of anyone), so the numbers add up to the records processed; a
 * record that needs attention and is also written counts where it is written.
 */
export function previewEffects(outcomes: JobOutcome[]): PreviewEffects {
  const e: PreviewEffects = { created: [], updated: [], movedGroups: [], deactivated: [], attention: [], standing: [], failed: [], units: [] };
  for (const o of outcomes) {
    if (isStandingAttention(o)) {
      e.standing.push(o);
      continue;
    }
    const kind = o.outcome === 'conflict' && o.effect ? o.effect : o.outcome;
    if (o.entity === 'unit') {
      if (kind === 'updated') e.units.push(o);
      else if (kind === 'conflict') e.attention.push(o);
      else if (kind === 'failed') e.failed.push(o);
      continue;
    }
    if (o.entity !== 'person') continue;
    if (o.changes?.some((c) => c.field === 'groups')) e.movedGroups.push(o);
    if (kind === 'created') e.created.push(o);
    else if (kind === 'updated') e.updated.push(o);
    else if (kind === 'deactivated') e.deactivated.push(o);
    else if (kind === 'conflict') e.attention.push(o);
    else if (kind === 'failed') e.failed.push(o);
  }
  return e;
}
