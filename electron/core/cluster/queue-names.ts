/**
 * The named queue of a job: its lane, split by building when the lane is
 * per building. graphile-worker runs one job per named queue at a time, on
 * all engines together, so this is "one resident (or commerce) job per
 * building at a time". Building ids are the systems' ids, not names.
 */
export function queueName(lane: { name: string; perCorporation: boolean }, corporationId: string | undefined): string {
  return lane.perCorporation ? `${lane.name}:${corporationId ?? '*'}` : lane.name;
}

/**
 * The key of a job's dispatch: the job's id in our jobs table, so a job is
 * dispatched once however often it is asked for. (Coalescing of requests is
 * the jobs table's, repos.jobs.enqueue, the same on both databases.)
 */
export function dispatchKey(jobId: string): string {
  return `job:${jobId}`;
}
