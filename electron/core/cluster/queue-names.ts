import type { JobRequest } from '../jobs/queue';

/**
 * The named queue of a job: its lane, split by building when the lane is
 * per building. graphile-worker runs one job per named queue at a time, on
 * all engines together, so this is "one resident (or commerce) job per
 * building at a time". Building ids are the systems' ids, not names.
 */
export function queueName(lane: { name: string; perCorporation: boolean }, corporationId: string | undefined): string {
  return lane.perCorporation ? `${lane.name}:${corporationId ?? '*'}` : lane.name;
}

/** The coalescing key: equal requests (kind, building, dry run) share one waiting job. */
export function jobKey(req: Pick<JobRequest, 'kind' | 'corporationId' | 'dryRun'>): string {
  return `${req.kind}:${req.corporationId ?? '*'}:${req.dryRun ? 'dry' : 'live'}`;
}
