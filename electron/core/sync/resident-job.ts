import type { EventBus } from '../events';
import type { JobHandler } from '../jobs/job-kind';
import type { CommerceService } from './commerce-service';
import type { LedgerRepository } from '../db/repositories/ledger';
import { runResidentSync, type ResidentSyncDeps } from './resident-sync';

export interface ResidentJobDeps extends ResidentSyncDeps {
  events: EventBus;
  /** The real-time watchers and the history import; absent when real time is off (tests of the resident sync alone). */
  commerce?: { service: CommerceService; ledger: LedgerRepository };
}

/**
 * Resident syncs ("Start New Sync", nightly) and full reconciles: one lane
 * with the other resident jobs, per building, because both write the same
 * people.
 */
export const residentJob: JobHandler<'residents' | 'reconcile', ResidentJobDeps> = {
  kinds: ['residents', 'reconcile'],
  lane: { name: 'residents', perCorporation: true },
  run: (job, ctl, deps, checkpoint) =>
    runResidentSync(
      deps,
      {
        jobId: job.id,
        kind: job.kind,
        dryRun: job.dryRun,
        // A reconcile stopped by its guard goes on once a person confirms (JobRunner.confirm).
        confirmed: checkpoint.confirmed === true,
        ...(job.scope ? { corporationId: job.scope.corporationId } : {}),
      },
      ctl,
    ),
  /**
   * The Unit File refetches once a sync has written (or failed to write)
   * anything. A sync that went through links buildings to Condo Control:
   * follow their feeds, then (first time, and after each nightly run) import
   * the invoice history. The watchers take the feed's head before the import
   * reads, so nothing falls between the two.
   */
  after(job, deps, next) {
    if (!job.dryRun) deps.events.emit('units.changed', { unitIds: 'all' });
    const commerce = deps.commerce;
    if (!commerce || job.dryRun || (job.status !== 'succeeded' && job.status !== 'partial')) return;
    // `after` must not reject: the reads are async, their failure is logged.
    return (async () => {
      await commerce.service.ensureWatchers();
      if (!(await commerce.ledger.mappedCorporations()).length) return;
      const nightly = job.trigger === 'schedule' || job.trigger === 'catch-up';
      if (nightly || !(await next.everQueued('commerce-reconcile'))) {
        await next.enqueue({ kind: 'commerce-reconcile', trigger: nightly ? job.trigger : 'initial', dryRun: false });
      }
    })().catch((err: unknown) => deps.log.warn('invoice history import not queued', { error: String(err) }));
  },
};
