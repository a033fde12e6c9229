import type { JobRepository } from '../db/repositories/jobs';
import { noticeFor } from '../jobs/notices';
import type { Rehydrate } from './event-fanout';

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
