import type { JobRepository } from '../db/repositories/jobs';
import { noticeFor } from '../jobs/notices';
import type { JobRunner } from '../jobs/runner';
import type { Rehydrate } from './event-fanout';
import type { DispatchTarget } from './shared-queue';

/**
 * What the shared queue's workers call: this engine's runner, on the job id
 * they were handed. The queue keeps one job per lane and building across
 * engines, so a job the table says is running can only be a stopped or dead
 * engine's: it is taken over, from its checkpoint.
 *
 * `stopping()`: the engine is shutting down; a job handed over now goes back
 * to the queue for another engine instead of being dropped.
 */
export function dispatchTarget(runner: JobRunner, stopping: () => boolean): DispatchTarget {
  return {
    async run(jobId) {
      if (stopping()) return 'interrupted';
      const ended = await runner.runJob(jobId, { takeOver: true });
      if (!ended) return stopping() ? 'interrupted' : 'ended';
      return ended.status === 'interrupted' ? 'interrupted' : 'ended';
    },
    // Only a run of this engine is stopped here: the runner's own cancel of a
    // job running elsewhere would send the cancel round again.
    cancel(jobId) {
      if (runner.live(jobId)?.status === 'running') void runner.cancel(jobId).catch(() => undefined);
    },
  };
}

/** Another engine's events, rebuilt from the jobs table (what a console of this engine is sent). */
export function rehydrateFrom(jobs: Pick<JobRepository, 'get'>): Rehydrate {
  return {
    job: (id) => jobs.get(id),
    async notice(jobId) {
      const job = await jobs.get(jobId);
      return job && noticeFor(job);
    },
  };
}
