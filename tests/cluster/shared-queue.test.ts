import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  /** Engines whose syncing is paused: they decline jobs nobody asked for. */
  readonly paused = new Set<number>();
  declined = 0;
  private runningPerCorp = new Map<string, number>();
  maxPerCorp = new Map<string, number>();

  target(engine: number): DispatchTarget {
    return {
      run: (jobId) =>
        new Promise((resolve) => {
          const corp = this.corpOf.get(jobId)!;
          if (this.paused.has(engine) && !this.over.has(jobId)) {
            this.declined += 1;
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
    };
  }

  job(id: string, corp: string) {
    this.corpOf.set(id, corp);
    return residentJob(id, corp);
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

  it('a job an engine declines (syncing paused there) is not lost: another engine runs it', async () => {
    const job = engines.job('declined-once', 'corp-paused');
    engines.paused.add(0);
    try {
      // Dispatched until engine 0 has declined it at least once.
      for (let i = 0; i < 20 && engines.declined === 0 && !engines.runs.some((r) => r.jobId === job.id); i++) {
        await queues[i % 2]!.dispatch(job);
        await new Promise((r) => setTimeout(r, 50));
      }
      // A declined dispatch comes back every ~7 s for whichever engine asks first, and a decline never uses it
      // up: however often the paused engine wins that race, the other engine gets it (2⁻¹⁶ odds of 16 losses in a row).
      const run = await until(() => engines.runs.find((r) => r.jobId === job.id), 120_000, 'the job to run on the engine that is not paused');
      expect(run.engine).toBe(1);
      engines.release(job.id);
      await until(async () => ((await dispatchesOf(job.id)).length === 0 ? true : undefined), 10_000, 'the dispatch to end');
    } finally {
      engines.paused.delete(0);
    }
  }, 150_000);

  it('declines never use a dispatch up: offered again every few seconds while every engine is paused, run once one is not', async () => {
    const job = engines.job('declined-often', 'corp-all-paused');
    engines.paused.add(0);
    engines.paused.add(1);
    try {
      const before = engines.declined;
      await queues[0]!.dispatch(job);
      // graphile gives a dispatch 5 attempts; a decline must not count as one (else it waits for the next dispatch).
      await until(() => (engines.declined - before >= 6 ? true : undefined), 100_000, 'six declines of the one dispatch');
      expect((await dispatchesOf(job.id)).map((d) => d.state)).not.toContain('failed');
      engines.paused.delete(1);
      const run = await until(() => engines.runs.find((r) => r.jobId === job.id), 30_000, 'the job to run once an engine is not paused');
      expect(run.engine).toBe(1);
      engines.release(job.id);
      await until(async () => ((await dispatchesOf(job.id)).length === 0 ? true : undefined), 10_000, 'the dispatch to end');
    } finally {
      engines.paused.delete(0);
      engines.paused.delete(1);
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
