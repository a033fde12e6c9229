import type { Events } from '@shared/contract';
import type { JobRepository } from '../db/repositories/jobs';
import { noticeFor } from '../jobs/notices';
import type { Rehydrate } from './event-fanout';

/** What else this engine can read again: its shared settings and its view of the real-time sync (absent: not relayed). */
export interface RehydrateMore {
  settings?(keys: string[]): Promise<Events['settings.changed'] | undefined>;
  commerceStatus?(): Promise<Events['commerce.status'] | undefined>;
}

/** Another engine's events, rebuilt from the jobs table and the shared settings (what a console of this engine is sent). */
export function rehydrateFrom(jobs: Pick<JobRepository, 'get'>, more: RehydrateMore = {}): Rehydrate {
  return {
    job: (id) => jobs.get(id),
    async notice(jobId) {
      const job = await jobs.get(jobId);
      return job && noticeFor(job);
    },
    ...more,
  };
}
