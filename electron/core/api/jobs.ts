import type { Handlers } from '@shared/contract';
import { starterOf, type Caller } from '@shared/access';
import type { JobRunner } from '../jobs/runner';
import type { JobHistoryRepository } from '../db/repositories/job-history';
import type { JobRepository } from '../db/repositories/jobs';

type JobHandlers = Pick<Handlers, 'sync.start' | 'jobs.list' | 'jobs.get' | 'jobs.cancel' | 'jobs.confirm' | 'jobs.retry'>;

/**
 * The Sync Queue says who started a job: the person whose key it was ("Started
 * by Marie (front desk)"), else this computer (its window or tray) or the console's token.
 */
const startedBy = (caller?: Caller) => ({ startedBy: starterOf(caller) });

export function jobHandlers(runner: JobRunner, jobs: JobRepository, history: JobHistoryRepository): JobHandlers {
  return {
    'sync.start': async (input, caller) =>
      runner.enqueue({
        kind: input.kind,
        trigger: input.trigger ?? 'manual',
        dryRun: input.dryRun ?? false,
        ...startedBy(caller),
        ...(input.scope ? { corporationId: input.scope.corporationId } : {}),
      }),
    'jobs.list': async (input) => {
      const page = await jobs.list(input ?? {});
      // Finished resident runs say how many unchanged records still need attention, as their page counts them.
      const standing = await history.standingAttentionOf(page.items.filter((j) => j.finishedAt && (j.kind === 'residents' || j.kind === 'reconcile')).map((j) => j.id));
      // Running jobs carry fresher progress in memory than in the table.
      return {
        ...page,
        items: page.items.map((j) => (j.status === 'running' ? (runner.live(j.id) ?? j) : { ...j, ...(j.finishedAt ? { standingAttention: standing.get(j.id) ?? 0 } : {}) })),
      };
    },
    'jobs.get': async ({ id, outcome, offset, limit }) => ({
      ...(await runner.get(id)),
      outcomes: await history.outcomes(id, { ...(outcome ? { outcome } : {}), offset, limit }),
      standingAttention: await history.standingAttention(id),
    }),
    'jobs.cancel': async ({ id }) => runner.cancel(id),
    'jobs.confirm': async ({ id }) => runner.confirm(id),
    // Failed records stay marked failed in the id map, so any resident run
    // plans them again; retrying a job queues (or joins) one for its scope.
    'jobs.retry': async ({ id }, caller) => {
      const job = await runner.get(id);
      return runner.enqueue({
        kind: job.kind,
        trigger: 'manual',
        dryRun: false,
        ...startedBy(caller),
        ...(job.scope ? { corporationId: job.scope.corporationId } : {}),
      });
    },
  };
}
