import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobTrigger } from '@shared/types';
import { SharedQueue } from '../../electron/core/cluster/shared-queue';
import type { DispatchTarget } from '../../electron/core/jobs/dispatcher';
import { residentJob } from './fixtures/stepping-job';
import { sharedDatabase, until } from './helpers';

/** What a test's "runner" does with a job id: hold until released (or cancelled, or the engine stops). */
interface Hold {
  release(outcome?: 'ended' | 'interrupted'): void;
}

interface Run {
  engine: number;
  jobId: string;
  corp: string;
  ended?: 'ended' | 'interrupted' | 'cancelled';
  /** The job had already ended: the runner found nothing to do. */
  noop?: boolean;
}

/**
 * Two engines' runners as the dispatcher sees them: each run is held until
 * the test releases it, so which engine runs what, and how many at once, is
 * decided by the queue alone and observed without timing guesses.
 */
class Engines {
  readonly runs: Run[] = [];
  readonly holds = new Map<string, Hold>();
  readonly corpOf = new Map<string, string>();
  /** Jobs that ended: the jobs table says so, and a later dispatch of one does nothing. */
  readonly over = new Set<string>();
  readonly triggersOf = new Map<string, JobTrigger[]>();
  /** Engines whose syncing is paused: not handed jobs nobody asked for (and they would decline one). */
  readonly paused = new Set<number>();
  /** Engines paused between taking a dispatch and running it: they say they are not paused, then decline. */
  readonly pausedLate = new Set<number>();
  /** Every decline: which engine, which job, when (ms since the epoch). */
  readonly declines: { engine: number; jobId: string; at: number }[] = [];
  private runningPerCorp = new Map<string, number>();
  maxPerCorp = new Map<string, number>();

  target(engine: number): DispatchTarget {
    return {
      run: (jobId) =>
        new Promise((resolve) => {
          const corp = this.corpOf.get(jobId)!;
          const pausedHere = this.paused.has(engine) || this.pausedLate.has(engine);
          if (pausedHere && this.pausable(jobId) && !this.over.has(jobId)) {
            this.declines.push({ engine, jobId, at: Date.now() });
            return resolve('declined');
          }
          if (this.over.has(jobId)) {
            this.runs.push({ engine, jobId, corp, ended: 'ended', noop: true });
            return resolve('ended');
          }
          const run: Run = { engine, jobId, corp };
          this.runs.push(run);
          const n = (this.runningPerCorp.get(corp) ?? 0) + 1;
          this.runningPerCorp.set(corp, n);
          this.maxPerCorp.set(corp, Math.max(this.maxPerCorp.get(corp) ?? 0, n));
          this.holds.set(`${engine}:${jobId}`, {
            release: (outcome = 'ended') => {
              if (run.ended) return;
              run.ended = outcome;
              if (outcome === 'ended') this.over.add(jobId);
              this.runningPerCorp.set(corp, this.runningPerCorp.get(corp)! - 1);
              resolve(outcome);
            },
          });
        }),
      // A cancel reaches the engine running the job; the runner ends it there.
      cancel: (jobId) => {
        const hold = this.holds.get(`${engine}:${jobId}`);
        const run = this.runs.find((r) => r.engine === engine && r.jobId === jobId && !r.ended);
        if (!hold || !run) return;
        hold.release('ended');
        run.ended = 'cancelled';
      },
      fence: () => {},
      unfence: () => {},
      paused: () => this.paused.has(engine),
      pausable: (job) => this.pausable(job.id),
    };
  }

  /** Nobody asked for it: only background triggers (as core's pausable). */
  pausable(jobId: string): boolean {
    return (this.triggersOf.get(jobId) ?? ['manual']).every((t) => t === 'schedule');
  }

  declinesOf(jobId: string) {
    return this.declines.filter((d) => d.jobId === jobId);
  }

  job(id: string, corp: string, triggers: JobTrigger[] = ['manual']) {
    this.corpOf.set(id, corp);
    this.triggersOf.set(id, triggers);
    return { ...residentJob(id, corp), trigger: triggers[0]!, triggers };
  }

  running(filter: (r: Run) => boolean = () => true): Run[] {
    return this.runs.filter((r) => !r.ended && filter(r));
  }

  release(jobId: string, outcome?: 'ended' | 'interrupted'): void {
    for (const r of this.running((r) => r.jobId === jobId)) this.holds.get(`${r.engine}:${jobId}`)!.release(outcome);
  }
}

describe('the shared queue dispatches jobs of the jobs table to one engine (graphile-worker, two engines, one database)', () => {
  let db: Awaited<ReturnType<typeof sharedDatabase>>;
  const queues: SharedQueue[] = [];
  const engines = new Engines();
  const lanes = { lane: () => ({ name: 'residents', perCorporation: true }) };

  beforeAll(async () => {
    db = await sharedDatabase(2, 8);
    for (const [engine, pool] of db.pools.entries()) {
      // Two jobs at once per engine: four held jobs can only all run if both engines take some.
      const q = new SharedQueue({ pool, engineId: `engine-${engine}`, kinds: lanes, concurrency: 2, pollIntervalMs: 200 });
      await q.start(engines.target(engine));
      queues.push(q);
    }
  });
  afterAll(async () => {
    for (const r of engines.running()) engines.holds.get(`${r.engine}:${r.jobId}`)!.release();
    await Promise.all(queues.map((q) => q.stop()));
    await db.cleanup();
  });

  /** graphile's own rows, for a failure message (no personal data: ids, attempts, times). */
  const graphileRows = async () =>
    (
      await db.pools[0]!.query(
        `SELECT j.id, j.payload->>'jobId' AS job, j.key, j.attempts, j.max_attempts, j.run_at, now() AS now, j.locked_by, q.queue_name, q.locked_by AS queue_locked_by
           FROM graphile_worker._private_jobs j LEFT JOIN graphile_worker._private_job_queues q ON q.id = j.job_queue_id ORDER BY j.id`,
      )
    ).rows;

  /** Rethrows a timeout with the job's declines and graphile's rows, to say why. */
  const failWith = (jobId: string) => async (err: Error): Promise<never> => {
    throw new Error(`${err.message}; declines ${JSON.stringify(engines.declinesOf(jobId))}; dispatches ${JSON.stringify(await graphileRows())}`);
  };

  const dispatchesOf = async (jobId: string) => (await queues[0]!.list()).filter((j) => j.jobId === jobId);

  it('a job dispatched ten times from two engines at once runs once, on one engine', async () => {
    const job = engines.job('job-10x', 'corp-É10');
    await Promise.all(Array.from({ length: 10 }, (_, i) => queues[i % 2]!.dispatch(job)));
    await until(() => (engines.running((r) => r.jobId === job.id).length ? true : undefined), 10_000, 'the job to run');
    // Asked again while it runs (a confirm, a release): still one run at a time for the building.
    await queues[1]!.dispatch(job);
    engines.release(job.id);
    await until(async () => ((await dispatchesOf(job.id)).length === 0 ? true : undefined), 10_000, 'the dispatches to end');
    // A second run (the late dispatch) starts only after the first ended, and finds the job over.
    expect(engines.runs.filter((r) => r.jobId === job.id && !r.noop)).toHaveLength(1);
    expect(engines.maxPerCorp.get('corp-É10')).toBe(1);
    expect((await dispatchesOf(job.id))).toEqual([]);
  });

  it('runs one job per building at a time across engines, buildings side by side, on both engines', async () => {
    const corps = ['corp-a', 'corp-b', 'corp-c', 'corp-d'];
    const jobs = corps.flatMap((c) => [engines.job(`${c}-1`, c), engines.job(`${c}-2`, c)]);
    await Promise.all(jobs.map((j, i) => queues[i % 2]!.dispatch(j)));
    // Four buildings, two jobs at once per engine: all four first jobs run only if both engines took two.
    const firsts = await until(() => {
      const r = engines.running((x) => corps.includes(x.corp));
      return r.length === 4 ? r : undefined;
    }, 15_000, 'one job of each building to run');
    expect(new Set(firsts.map((r) => r.corp)).size).toBe(4);
    expect(firsts.filter((r) => r.engine === 0)).toHaveLength(2);
    expect(firsts.filter((r) => r.engine === 1)).toHaveLength(2);
    for (const r of firsts) engines.release(r.jobId);
    const seconds = await until(() => {
      const r = engines.running((x) => corps.includes(x.corp));
      return r.length === 4 ? r : undefined;
    }, 15_000, 'the second job of each building to run');
    for (const r of seconds) engines.release(r.jobId);
    await until(async () => ((await queues[0]!.list()).some((j) => corps.some((c) => j.queueName === `residents:${c}`)) ? undefined : true), 15_000, 'all jobs');
    for (const c of corps) {
      expect(engines.runs.filter((r) => r.corp === c && !r.noop).map((r) => r.jobId).sort()).toEqual([`${c}-1`, `${c}-2`]);
      expect(engines.maxPerCorp.get(c)).toBe(1);
    }
  });

  it('a cancel from the engine that does not run the job reaches the one that does', async () => {
    const corp = 'corp-cancel';
    const running = engines.job('cancel-running', corp);
    await queues[0]!.dispatch(running);
    const run = await until(() => engines.running((r) => r.jobId === running.id)[0], 10_000, 'the job to start');
    await queues[1 - run.engine]!.cancel(running.id);
    await until(() => (run.ended ? true : undefined), 10_000, 'the cancel to arrive');
    expect(run.ended).toBe('cancelled');
    await until(async () => ((await dispatchesOf(running.id)).length === 0 ? true : undefined), 10_000, 'the dispatch to end');
    expect(engines.runs.filter((r) => r.corp === corp && !r.noop).map((r) => r.jobId)).toEqual([running.id]);
  });

  it('refuses a kind with no handler as not_implemented', async () => {
    const q = new SharedQueue({ pool: db.pools[0]!, engineId: 'engine-x', kinds: { lane: () => undefined } });
    await expect(q.dispatch(engines.job('no-kind', 'corp-x'))).rejects.toMatchObject({ code: 'not_implemented' });
  });

  it('a job nobody asked for is never handed to an engine where syncing is paused: the other runs it at once', async () => {
    const job = engines.job('nightly-one-paused', 'corp-paused', ['schedule']);
    engines.paused.add(0);
    try {
      // Dispatched from both engines, as a nightly run and a resume would.
      for (let i = 0; i < 6; i++) await queues[i % 2]!.dispatch(job);
      const run = await until(() => engines.runs.find((r) => r.jobId === job.id), 10_000, 'the job to run on the engine that is not paused').catch(failWith(job.id));
      expect(run.engine).toBe(1);
      expect(engines.declinesOf(job.id)).toEqual([]);
      engines.release(job.id);
      await until(async () => ((await dispatchesOf(job.id)).length === 0 ? true : undefined), 10_000, 'the dispatch to end');
    } finally {
      engines.paused.delete(0);
    }
  });

  it('while every engine is paused a nightly job waits untouched; a person asking for it, or a resume, runs it', async () => {
    const nightly = engines.job('nightly-all-paused', 'corp-all-paused', ['schedule']);
    const asked = engines.job('asked-all-paused', 'corp-asked', ['schedule']);
    engines.paused.add(0);
    engines.paused.add(1);
    try {
      await queues[0]!.dispatch(nightly);
      await queues[1]!.dispatch(asked);
      // Both engines ask for work every 200 ms: ten rounds each, and neither takes it.
      await new Promise((r) => setTimeout(r, 2_000));
      expect(engines.runs.filter((r) => r.jobId === nightly.id || r.jobId === asked.id)).toEqual([]);
      expect([...engines.declinesOf(nightly.id), ...engines.declinesOf(asked.id)]).toEqual([]);
      expect((await dispatchesOf(nightly.id)).map((d) => d.state)).toEqual(['queued']);
      // A person's Start New Sync joins the waiting job: dispatched again, no longer held by the pause.
      engines.triggersOf.set(asked.id, ['schedule', 'manual']);
      await queues[0]!.dispatch({ ...asked, triggers: ['schedule', 'manual'] });
      await until(() => engines.runs.find((r) => r.jobId === asked.id), 10_000, 'the job a person asked for to run while paused').catch(failWith(asked.id));
      engines.release(asked.id);
      // Syncing resumes on engine 1: its next fetch takes the nightly job.
      engines.paused.delete(1);
      const run = await until(() => engines.runs.find((r) => r.jobId === nightly.id), 10_000, 'the nightly job to run once an engine resumed').catch(failWith(nightly.id));
      expect(run.engine).toBe(1);
      expect(engines.declinesOf(nightly.id)).toEqual([]);
      engines.release(nightly.id);
      await until(async () => ((await dispatchesOf(nightly.id)).length + (await dispatchesOf(asked.id)).length === 0 ? true : undefined), 10_000, 'the dispatches to end');
    } finally {
      engines.paused.delete(0);
      engines.paused.delete(1);
    }
  });

  it('a job declined because the pause began after its fetch is offered again and again, never used up, then runs', async () => {
    const job = engines.job('declined-often', 'corp-declined', ['schedule']);
    // Paused between fetch and run: each engine takes the job, then declines it.
    engines.pausedLate.add(0);
    engines.pausedLate.add(1);
    try {
      await queues[0]!.dispatch(job);
      // graphile gives a dispatch 5 attempts; a decline must not count as one (else it waits for the next dispatch).
      await until(() => (engines.declinesOf(job.id).length >= 6 ? true : undefined), 100_000, 'six declines of the one dispatch').catch(failWith(job.id));
      expect((await dispatchesOf(job.id)).map((d) => d.state)).not.toContain('failed');
      // Engine 0 now knows it is paused (not handed the job); engine 1 resumed.
      engines.pausedLate.delete(0);
      engines.paused.add(0);
      engines.pausedLate.delete(1);
      const run = await until(() => engines.runs.find((r) => r.jobId === job.id), 30_000, 'the job to run once an engine is not paused').catch(failWith(job.id));
      expect(run.engine).toBe(1);
      engines.release(job.id);
      await until(async () => ((await dispatchesOf(job.id)).length === 0 ? true : undefined), 10_000, 'the dispatch to end');
    } finally {
      engines.paused.delete(0);
      engines.pausedLate.delete(0);
      engines.pausedLate.delete(1);
    }
  }, 150_000);

  // Last: it stops an engine.
  it('an engine that stops hands its running job back; the other engine runs it', async () => {
    const corp = 'corp-handover';
    const job = engines.job('handover', corp);
    await queues[0]!.dispatch(job);
    const first = await until(() => engines.running((r) => r.jobId === job.id)[0], 10_000, 'the job to start');
    // The runner interrupts its job as the engine stops; the queue makes its dispatch due again at once.
    const stopping = queues[first.engine]!.stop();
    engines.release(job.id, 'interrupted');
    await stopping;
    const second = await until(() => engines.running((r) => r.jobId === job.id)[0], 10_000, 'the job to run on the other engine');
    expect(second.engine).toBe(1 - first.engine);
    engines.release(job.id);
    await until(async () => ((await dispatchesOf(job.id)).length === 0 ? true : undefined), 10_000, 'the job to finish elsewhere');
    expect(engines.runs.filter((r) => r.jobId === job.id).map((r) => [r.engine, r.ended])).toEqual([
      [first.engine, 'interrupted'],
      [1 - first.engine, 'ended'],
    ]);
  });
});
