import type { JobOutcome } from './types';

/** What a preview (dry run) would do, sorted by the side effect a person cares about. */
export interface PreviewEffects {
  /** New Condo Control users: each gets Condo Control's welcome email unless activation is deferred. */
  created: JobOutcome[];
  /** Users whose details change (name, email, phones, language, units). */
  updated: JobOutcome[];
  /** Users who move from one group to another (a subset of the updated and attention lists). */
  movedGroups: JobOutcome[];
  /** Users deactivated: they lose their login. */
  deactivated: JobOutcome[];
  /** Synced with every valid value, and flagged: a note says what to fix in Condo Manager. */
  attention: JobOutcome[];
  /** Records that could not be prepared. */
  failed: JobOutcome[];
  /** Units whose details change in Condo Control's Unit File. */
  units: JobOutcome[];
}

/** Sorts a dry run's outcomes into side effects; each person's outcome lands in exactly one of the first lists. */
export function previewEffects(outcomes: JobOutcome[]): PreviewEffects {
  const e: PreviewEffects = { created: [], updated: [], movedGroups: [], deactivated: [], attention: [], failed: [], units: [] };
  for (const o of outcomes) {
    if (o.entity === 'unit') {
      if (o.outcome === 'updated') e.units.push(o);
      else if (o.outcome === 'conflict') e.attention.push(o);
      else if (o.outcome === 'failed') e.failed.push(o);
      continue;
    }
    if (o.entity !== 'person') continue;
    if (o.changes?.some((c) => c.field === 'groups')) e.movedGroups.push(o);
    if (o.outcome === 'created') e.created.push(o);
    else if (o.outcome === 'updated') e.updated.push(o);
    else if (o.outcome === 'deactivated') e.deactivated.push(o);
    else if (o.outcome === 'conflict') e.attention.push(o);
    else if (o.outcome === 'failed') e.failed.push(o);
  }
  return e;
}
