import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import type { Job } from '@shared/types';
import { SharedQueue } from '../../electron/core/cluster/shared-queue';
import type { JobHandler } from '../../electron/core/jobs/job-kind';
import { JobKinds } from '../../electron/core/jobs/registry';
import { sharedDatabase, until } from './helpers';

/** What the test's handler does, per building: hold until released, sleep, or fail on its first run. */
type Script = { mode: 'hold'; release: Promise<void> } | { mode: 'sleep'; ms: number } | { mode: 'fail-once' };

interface World {
  scripts: Map<string, Script>;
  runningPerCorp: Map<string, number>;
  maxPerCorp: Map<string, number>;
  runningNow: number;
  maxAtOnce: number;
  runs: { engine: number; job: Job; checkpoint: Record<string, unknown>; aborted?: boolean }[];
  failed: Set<string>;
}

const world: World = { scripts: new Map(), runningPerCorp: new Map(), maxPerCorp: new Map(), runningNow: 0, maxAtOnce: 0, runs: [], failed: new Set() };

const residentsJob: JobHandler<'residents' | 'reconcile', { engine: number }> = {
  kinds: ['residents', 'reconcile'],
  lane: { name: 'residents', perCorporation: true },
  async run(job, ctl, deps, checkpoint) {
    const corp = job.scope?.corporationId ?? '*';
    const run: World['runs'][number] = { engine: deps.engine, job, checkpoint };
    world.runs.push(run);
    world.runningPerCorp.set(corp, (world.runningPerCorp.get(corp) ?? 0) + 1);
    world.maxPerCorp.set(corp, Math.max(world.maxPerCorp.get(corp) ?? 0, world.runningPerCorp.get(corp)!));
    world.maxAtOnce = Math.max(world.maxAtOnce, ++world.runningNow);
    try {
      ctl.phase('writing', 2);
      const script = world.scripts.get(corp) ?? { mode: 'sleep', ms: 50 };
      const aborted = new Promise<never>((_, reject) => ctl.signal.addEventListener('abort', () => reject(ctl.signal.reason), { once: true }));
      aborted.catch(() => (run.aborted = true));
      if (script.mode === 'hold') await Promise.race([script.release, aborted]);
      if (script.mode === 'sleep') await Promise.race([new Promise((r) => setTimeout(r, script.ms)), aborted]);
      if (script.mode === 'fail-once' && !world.failed.has(corp)) {
        world.failed.add(corp);
        throw new AppError('unavailable', 'Condo Control did not answer.', { system: 'Condo Control' });
      }
      ctl.outcome({ entity: 'person', entityId: 'p-1', outcome: 'created' });
      ctl.advance(2);
      return { status: 'succeeded' };
    } finally {
      world.runningPerCorp.set(corp, world.runningPerCorp.get(corp)! - 1);
      world.runningNow -= 1;
    }
  },
};

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the shared queue on graphile-worker (two engines, one database)', () => {
  let db: Awaited<ReturnType<typeof sharedDatabase>>;
  const queues: SharedQueue[] = [];
  const updates: Job[] = [];

  beforeAll(async () => {
    db = await sharedDatabase(2, 8);
    for (const [engine, pool] of db.pools.entries()) {
      const q = new SharedQueue({
        pool,
        engineId: `engine-${engine}`,
        kinds: new JobKinds().register(residentsJob, { engine }),
        concurrency: 4,
        pollIntervalMs: 200,
        checkpoint: async (id) => ({ resumedFrom: id }),
        onUpdate: (job) => updates.push(job),
      });
      await q.start();
      queues.push(q);
    }
  });
  afterAll(async () => {
    await Promise.all(queues.map((q) => q.stop()));
    await db.cleanup();
  });

  const jobsOf = async (corp: string) => (await queues[0]!.list()).filter((j) => j.queueName === `residents:${corp}`);

  it('ten concurrent Start New Sync requests from two engines make at most two jobs, and at most two runs', async () => {
    const corp = 'corp-É10';
    const gate = deferred();
    world.scripts.set(corp, { mode: 'hold', release: gate.promise });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => queues[i % 2]!.enqueue({ kind: 'residents', trigger: 'manual', corporationId: corp, dryRun: false })));
    const jobs = await jobsOf(corp);
    expect(jobs.length).toBeGreaterThanOrEqual(1);
    expect(jobs.length).toBeLessThanOrEqual(2);
    expect(new Set(results.map((r) => r.id)).size).toBe(jobs.length);
    expect(results.filter((r) => !r.joined).length).toBe(jobs.length);
    // Once one runs, a further request is not lost in it: it waits as the one job to follow.
    await until(async () => ((await jobsOf(corp)).some((j) => j.state === 'running') ? true : undefined), 10_000, 'a job to run');
    await Promise.all([queues[0]!, queues[1]!].map((q) => q.enqueue({ kind: 'residents', trigger: 'manual', corporationId: corp, dryRun: false })));
    expect((await jobsOf(corp)).map((j) => j.state).sort()).toEqual(['queued', 'running']);
    const total = (await jobsOf(corp)).length;
    gate.resolve();
    await until(async () => ((await jobsOf(corp)).length === 0 ? true : undefined), 10_000, 'the jobs to finish');
    const runs = world.runs.filter((r) => r.job.scope?.corporationId === corp);
    expect(runs.length).toBe(total);
    // The handler got the durable checkpoint of its job, and progress reached its total.
    expect(runs[0]!.checkpoint).toEqual({ resumedFrom: runs[0]!.job.id });
    const last = updates.filter((u) => u.id === runs[0]!.job.id).at(-1)!;
    expect(last.progress).toEqual({ done: 2, total: 2 });
    expect(last.counts.created).toBe(1);
  });

  it('never runs two jobs of one building at once; different buildings run side by side', async () => {
    const corps = ['corp-a', 'corp-b', 'corp-c'];
    for (const c of corps) world.scripts.set(c, { mode: 'sleep', ms: 150 });
    world.maxAtOnce = 0;
    const reqs = corps.flatMap((corporationId) =>
      (['residents', 'reconcile'] as const).flatMap((kind) => [false, true].map((dryRun) => ({ kind, corporationId, dryRun, trigger: 'manual' as const }))),
    );
    await Promise.all(reqs.map((r, i) => queues[i % 2]!.enqueue(r)));
    await until(async () => ((await queues[0]!.list()).filter((j) => corps.some((c) => j.queueName === `residents:${c}`)).length === 0 ? true : undefined), 15_000, 'all jobs');
    for (const c of corps) {
      expect(world.runs.filter((r) => r.job.scope?.corporationId === c)).toHaveLength(4);
      expect(world.maxPerCorp.get(c)).toBe(1);
    }
    expect(world.maxAtOnce).toBeGreaterThanOrEqual(2);
    // Both engines did some of the work.
    expect(new Set(world.runs.filter((r) => corps.includes(r.job.scope!.corporationId)).map((r) => r.engine)).size).toBe(2);
  });

  it('cancel removes a waiting job, and stops a running one on whichever engine runs it', async () => {
    const corp = 'corp-cancel';
    const gate = deferred();
    world.scripts.set(corp, { mode: 'hold', release: gate.promise });
    const first = await queues[0]!.enqueue({ kind: 'residents', trigger: 'manual', corporationId: corp, dryRun: false });
    await until(async () => ((await jobsOf(corp)).find((j) => j.state === 'running') ? true : undefined), 10_000, 'the job to start');
    const waiting = await queues[1]!.enqueue({ kind: 'reconcile', trigger: 'manual', corporationId: corp, dryRun: false });
    expect(await queues[1]!.cancel(waiting.id)).toBe('removed');
    expect(await queues[1]!.cancel(first.id)).toBe('stopping');
    await until(async () => ((await jobsOf(corp)).length === 0 ? true : undefined), 10_000, 'the cancelled job to end');
    const runs = world.runs.filter((r) => r.job.scope?.corporationId === corp);
    expect(runs.map((r) => [r.job.kind, r.aborted])).toEqual([['residents', true]]);
    expect(await queues[0]!.cancel(first.id)).toBe('not_found');
    gate.resolve();
  });

  it('a failed job is kept with a person’s message and runs again on retry', async () => {
    const corp = 'corp-retry';
    world.scripts.set(corp, { mode: 'fail-once' });
    const { id } = await queues[0]!.enqueue({ kind: 'residents', trigger: 'schedule', corporationId: corp, dryRun: false });
    const failed = await until(async () => (await jobsOf(corp)).find((j) => j.state === 'failed'), 10_000, 'the failure');
    expect(failed.lastError).toContain('Condo Control did not answer. Check the network');
    await expect(queues[1]!.retry('999999')).rejects.toMatchObject({ code: 'not_found' });
    await queues[1]!.retry(id);
    await until(async () => ((await jobsOf(corp)).length === 0 ? true : undefined), 10_000, 'the retried job to finish');
    expect(world.runs.filter((r) => r.job.scope?.corporationId === corp)).toHaveLength(2);
  });

  it('refuses a kind with no handler as not_implemented, queueing nothing', async () => {
    await expect(queues[0]!.enqueue({ kind: 'commerce', trigger: 'manual', corporationId: 'corp-x', dryRun: false })).rejects.toMatchObject({ code: 'not_implemented' });
    expect((await queues[0]!.list()).filter((j) => j.kind === 'commerce')).toEqual([]);
  });

  // Last: it stops engine 0.
  it('an engine that stops hands its running job back; the other engine resumes it from its checkpoint', async () => {
    const corp = 'corp-handover';
    world.scripts.set(corp, { mode: 'hold', release: new Promise(() => {}) });
    const { id } = await queues[0]!.enqueue({ kind: 'residents', trigger: 'manual', corporationId: corp, dryRun: false });
    // Wait until it runs, then stop whichever engine runs it.
    const first = await until(() => world.runs.find((r) => r.job.id === id), 10_000, 'the job to start');
    world.scripts.set(corp, { mode: 'sleep', ms: 20 });
    await queues[first.engine]!.stop();
    await until(async () => ((await jobsOf(corp)).length === 0 ? true : undefined), 10_000, 'the job to finish elsewhere');
    const runs = world.runs.filter((r) => r.job.id === id);
    expect(runs.map((r) => r.engine)).toEqual([first.engine, 1 - first.engine]);
    expect(runs[1]!.checkpoint).toEqual({ resumedFrom: id });
  });
});
