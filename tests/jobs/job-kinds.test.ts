import { describe, expect, it } from 'vitest';
import type { Job, JobKind } from '@shared/types';
import { EventBus } from '../../electron/core/events';
import { emptyCounts } from '@shared/job-summary';
import type { JobHandler } from '../../electron/core/jobs/job-kind';
import { JobKinds } from '../../electron/core/jobs/registry';
import { balanceCheckJob } from '../../electron/core/sync/balance-check-job';
import { commerceJob } from '../../electron/core/sync/commerce-job';
import { commerceReconcileJob } from '../../electron/core/sync/commerce-reconcile-job';
import { residentJob } from '../../electron/core/sync/resident-job';

// The lanes of the real handlers, registered as core.ts does (their deps are
// not used by conflicts()). Who may run beside whom is what keeps one
// building's residents from being written by two jobs at once.
const kinds = new JobKinds()
  .register(residentJob, {} as never)
  .register(commerceJob, {} as never)
  .register(commerceReconcileJob, {} as never)
  .register(balanceCheckJob, {} as never);

let n = 0;
function job(kind: JobKind, corporationId?: string, extra: Partial<Job> = {}): Job {
  return {
    id: `j${++n}`,
    kind,
    trigger: 'manual',
    triggers: ['manual'],
    dryRun: false,
    status: 'running',
    phase: 'reading',
    progress: { done: 0, total: 0 },
    counts: emptyCounts(),
    createdAt: '2026-11-30T12:00:00.000Z',
    ...(corporationId ? { scope: { corporationId } } : {}),
    ...extra,
  };
}

describe('job kinds (jobs/registry.ts)', () => {
  it('a resident sync and a full reconcile of one building never run together; of two buildings they do', () => {
    expect(kinds.conflicts(job('residents', 'c1'), job('reconcile', 'c1'))).toBe(true);
    expect(kinds.conflicts(job('residents', 'c1'), job('residents', 'c2'))).toBe(false);
    // A sync of every building holds them all.
    expect(kinds.conflicts(job('residents'), job('reconcile', 'c2'))).toBe(true);
  });

  it("other buildings' invoices do not wait behind one building's; the history import and the balance check run one at a time", () => {
    expect(kinds.conflicts(job('commerce', 'c1'), job('commerce', 'c2'))).toBe(false);
    expect(kinds.conflicts(job('commerce', 'c1'), job('commerce', 'c1'))).toBe(true);
    expect(kinds.conflicts(job('commerce-reconcile'), job('commerce-reconcile'))).toBe(true);
    expect(kinds.conflicts(job('balance-check', 'c1'), job('balance-check', 'c2'))).toBe(true);
    // A check while the import writes would list lines on their way as differences: it waits for the import.
    expect(kinds.conflicts(job('commerce-reconcile'), job('balance-check'))).toBe(true);
  });

  it('jobs of different lanes run side by side', () => {
    expect(kinds.conflicts(job('residents', 'c1'), job('commerce', 'c1'))).toBe(false);
    expect(kinds.conflicts(job('commerce', 'c1'), job('balance-check'))).toBe(false);
    expect(kinds.conflicts(job('reconcile'), job('commerce-reconcile'))).toBe(false);
  });

  it('refuses a kind registered twice, and knows only the kinds registered', () => {
    expect(() => new JobKinds().register(residentJob, {} as never).register(residentJob, {} as never)).toThrow(/registered twice/);
    const only = new JobKinds().register(commerceJob, {} as never);
    expect(only.has('commerce')).toBe(true);
    expect(only.has('residents')).toBe(false);
  });

  it("runs a kind's follow-up once, when its job ends, with the handler's deps", () => {
    const seen: [string, string, unknown][] = [];
    const handler: JobHandler<'balance-check', { tag: string }> = {
      kinds: ['balance-check'],
      lane: { name: 'balance-check', perCorporation: false },
      run: async () => ({ status: 'succeeded' }),
      after: (j, deps) => void seen.push([j.id, j.status, deps.tag]),
    };
    const events = new EventBus();
    const off = new JobKinds().register(handler, { tag: 'deps' }).followUps(events, { enqueue: async () => job('residents'), everQueued: async () => false });
    const running = job('balance-check');
    events.emit('job.updated', running);
    events.emit('job.updated', job('residents', undefined, { status: 'succeeded', finishedAt: '2026-11-30T12:01:00.000Z' }));
    events.emit('job.updated', { ...running, status: 'succeeded', finishedAt: '2026-11-30T12:01:00.000Z' });
    off();
    events.emit('job.updated', { ...running, status: 'succeeded', finishedAt: '2026-11-30T12:02:00.000Z' });
    expect(seen).toEqual([[running.id, 'succeeded', 'deps']]);
  });
});
