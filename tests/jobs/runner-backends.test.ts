import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '@shared/types';
import { systemClock } from '../../electron/core/clock';
import { defaultMigrationsDir } from '../../electron/core/core';
import { migrateEngine } from '../../electron/core/db/migrate-postgres';
import { JobRepository } from '../../electron/core/db/repositories/jobs';
import type { DB } from '../../electron/core/db/schema';
import { EventBus } from '../../electron/core/events';
import type { SyncControl } from '../../electron/core/jobs/control';
import type { JobHandler } from '../../electron/core/jobs/job-kind';
import type { DispatchTarget, JobDispatcher } from '../../electron/core/jobs/dispatcher';
import type { JobQueue } from '../../electron/core/jobs/queue';
import { JobKinds } from '../../electron/core/jobs/registry';
import { JobRunner } from '../../electron/core/jobs/runner';
import { silentLogger } from '../../electron/core/log';
import { openTestEngine, testBackend } from '../helpers/test-db';

/**
 * The runner over the job table (db/repositories/jobs.ts) on the backend
 * CONDO_SYNC_TEST_DB names: coalescing under concurrent requests, one job per
 * building, progress saved in order behind a slow disk, crash recovery from a
 * checkpoint, and the seam a shared queue dispatches through (runJob).
 */
describe(`job runner on ${testBackend}`, () => {
  let opened: Awaited<ReturnType<typeof openTestEngine>>;
  let repo: JobRepository;
  let runners: JobRunner[];
  /** Per building, what the test lets a run do next (resolves its gate). */
  let gates: Map<string, () => void>;
  let ran: { id: string; corp?: string; checkpoint: Record<string, unknown> }[];

  /** A resident-lane kind whose run waits at a gate, then advances `steps` records. */
  const handler = (steps: number): JobHandler<'residents', null> => ({
    kinds: ['residents'],
    lane: { name: 'residents', perCorporation: true },
    async run(job, ctl: SyncControl, _deps, checkpoint) {
      ran.push({ id: job.id, ...(job.scope ? { corp: job.scope.corporationId } : {}), checkpoint });
      await new Promise<void>((resolve, reject) => {
        gates.set(job.id, resolve);
        if (ctl.signal.aborted) reject(ctl.signal.reason);
        ctl.signal.addEventListener('abort', () => reject(ctl.signal.reason));
      });
      ctl.phase('writing', steps);
      for (let i = 0; i < steps; i++) {
        ctl.advance();
        ctl.outcome({ entity: 'person', entityId: `p-${i}`, outcome: i % 5 ? 'unchanged' : 'updated', quiet: i % 5 !== 0 });
        if (i % 50 === 0) await new Promise((r) => setImmediate(r));
      }
      return { status: 'succeeded' };
    },
  });

  const makeRunner = (o: { store?: JobQueue; steps?: number; dispatcher?: JobDispatcher; events?: EventBus; paused?: () => boolean; heartbeatMs?: number } = {}) => {
    const runner = new JobRunner({
      store: o.store ?? repo,
      events: o.events ?? new EventBus(),
      clock: systemClock,
      log: silentLogger,
      kinds: new JobKinds().register(handler(o.steps ?? 10), null),
      throttleMs: 5,
      ...(o.heartbeatMs ? { heartbeatMs: o.heartbeatMs } : {}),
      ...(o.dispatcher ? { dispatcher: o.dispatcher } : {}),
      ...(o.paused ? { paused: o.paused, pausable: (job: Pick<Job, 'triggers'>) => job.triggers.every((t) => t === 'schedule') } : {}),
    });
    runners.push(runner);
    return runner;
  };

  const until = async (what: string, ok: () => boolean | Promise<boolean>) => {
    const end = Date.now() + 10_000;
    while (!(await ok())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const open = (id: string) => until(`job ${id} to reach its gate`, () => gates.has(id)).then(() => gates.get(id)!());

  beforeEach(async () => {
    opened = await openTestEngine();
    await migrateEngine(opened.database, defaultMigrationsDir());
    repo = new JobRepository(opened.database.kysely as Kysely<DB>);
    runners = [];
    gates = new Map();
    ran = [];
  });
  afterEach(async () => {
    for (const r of runners) await r.stop();
    await opened.cleanup();
  });

  it('ten requests at once for one building: at most one running and one waiting; another building runs beside it', async () => {
    const runner = makeRunner();
    await runner.start();
    const montreal = await Promise.all(Array.from({ length: 10 }, (_, i) => runner.enqueue({ kind: 'residents', trigger: i % 2 ? 'manual' : 'schedule', corporationId: 'corp-Montréal', dryRun: false })));
    const laval = await runner.enqueue({ kind: 'residents', trigger: 'manual', corporationId: 'corp-Laval', dryRun: false });
    expect(new Set(montreal.map((j) => j.id)).size).toBeLessThanOrEqual(2);
    await until('both buildings to run', () => ran.length === 2);
    expect(ran.map((r) => r.corp).sort()).toEqual(['corp-Laval', 'corp-Montréal']);
    const active = (await repo.list({})).items.filter((j) => j.scope?.corporationId === 'corp-Montréal' && !j.finishedAt);
    expect(active.filter((j) => j.status === 'running')).toHaveLength(1);
    expect(active.filter((j) => j.status === 'queued').length).toBeLessThanOrEqual(1);
    await until('every job to end', async () => {
      for (const go of gates.values()) go();
      // Busy is looked at after the read: a start claiming the follow-up meanwhile shows there.
      return (await repo.runnable()).length === 0 && !runner.busy();
    });
    expect((await repo.get(laval.id))!.status).toBe('succeeded');
    expect((await repo.list({ status: 'succeeded' })).total).toBe(new Set([...montreal.map((j) => j.id), laval.id]).size);
  });

  it('behind a slow disk: progress is told in order, saved in order, never backwards, and the table ends with the last word', async () => {
    const saved: number[] = [];
    // The real repository, with every save taking 15 ms (a slow or busy disk).
    const slow: JobQueue = Object.assign(Object.create(repo) as JobRepository, {
      save: async (job: Job, extra?: Parameters<JobRepository['save']>[1]) => {
        const done = job.progress.done;
        await new Promise((r) => setTimeout(r, 15));
        await repo.save(job, extra);
        saved.push(done);
      },
    });
    const events = new EventBus();
    const told: Job[] = [];
    events.subscribe((name, payload) => void (name === 'job.updated' && told.push(payload as Job)));
    const runner = makeRunner({ store: slow, steps: 2_000, events });
    await runner.start();
    const job = await runner.enqueue({ kind: 'residents', trigger: 'manual', corporationId: 'corp-Côte-Saint-Luc', dryRun: false });
    await open(job.id);
    await runner.idle();
    const progress = told.filter((j) => j.id === job.id).map((j) => j.progress.done);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(saved).toEqual([...saved].sort((a, b) => a - b));
    // Coalesced: far fewer saves than records, however slow the disk.
    expect(saved.length).toBeLessThan(200);
    const last = told.at(-1)!;
    expect(last).toMatchObject({ status: 'succeeded', progress: { done: 2_000, total: 2_000 } });
    const row = (await repo.get(job.id))!;
    expect(row).toMatchObject({ status: 'succeeded', progress: last.progress, counts: { updated: 400, unchanged: 1_600 } });
    expect(told.filter((j) => j.id === job.id).map((j) => j.status)).toEqual(['queued', 'running', ...Array(told.length - 3).fill('running'), 'succeeded']);
  });

  it('a job left running by a dead process resumes from its checkpoint', async () => {
    const queued = (await repo.enqueue({ kind: 'residents', trigger: 'manual', corporationId: 'corp-Montréal', dryRun: false }, new Date().toISOString())).job;
    await repo.save({ ...queued, status: 'running', phase: 'writing', startedAt: queued.createdAt }, { heartbeatAt: queued.createdAt, checkpoint: { after: 'p-41', building: 'Côte-des-Neiges' } });
    const runner = makeRunner();
    await runner.start();
    await open(queued.id);
    await runner.idle();
    expect(ran).toEqual([{ id: queued.id, corp: 'corp-Montréal', checkpoint: { after: 'p-41', building: 'Côte-des-Neiges' } }]);
    expect((await repo.get(queued.id))!).toMatchObject({ status: 'succeeded', startedAt: queued.createdAt });
  });

  it('a resumed job keeps the progress it had shown until the new attempt passes it; the end is the full pass, adding up', async () => {
    const events = new EventBus();
    const told: Job[] = [];
    // Copied as a console receives it (serialized when told), not the live object.
    events.subscribe((name, payload) => void (name === 'job.updated' && told.push(structuredClone(payload as Job))));
    const queued = (await repo.enqueue({ kind: 'residents', trigger: 'manual', corporationId: 'corp-Montréal', dryRun: false }, new Date().toISOString())).job;
    // The dead process had processed 700 of 2,000 records, and every console had shown it.
    const shown = { progress: { done: 700, total: 2_000 }, counts: { ...queued.counts, updated: 140, unchanged: 560 } };
    await repo.save({ ...queued, ...shown, status: 'running', phase: 'writing', startedAt: queued.createdAt }, { heartbeatAt: queued.createdAt });
    const runner = makeRunner({ steps: 2_000, events });
    await runner.start();
    await open(queued.id);
    await runner.idle();
    const mine = told.filter((j) => j.id === queued.id);
    const done = mine.map((j) => j.progress.done);
    expect(done[0]).toBe(700);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    // Each snapshot is one attempt's, whole: its counts add up to its progress.
    for (const j of mine) {
      const c = j.counts;
      expect(c.created + c.updated + c.unchanged + c.deactivated + c.conflict + c.failed).toBe(j.progress.done);
    }
    expect(mine.at(-1)).toMatchObject({ status: 'succeeded', progress: { done: 2_000, total: 2_000 }, counts: { updated: 400, unchanged: 1_600 } });
    expect((await repo.get(queued.id))!).toMatchObject({ status: 'succeeded', progress: { done: 2_000, total: 2_000 }, counts: { updated: 400, unchanged: 1_600 } });
  });

  it('a cancel that races the start ends the job cancelled, never left running', async () => {
    const runner = makeRunner();
    await runner.start();
    for (const corp of ['corp-Montréal', 'corp-Laval', 'corp-Québec', 'corp-Saint-Jérôme', 'corp-L’Île-Perrot']) {
      // Queued in the table by another engine; the start (release) and the cancel go at once.
      const { job } = await repo.enqueue({ kind: 'residents', trigger: 'manual', corporationId: corp, dryRun: false }, new Date().toISOString());
      const [, cancelled] = await Promise.all([runner.release(), runner.cancel(job.id)]);
      await runner.idle();
      expect((await repo.get(job.id))!.status).toBe('cancelled');
      expect(['cancelled', 'running']).toContain(cancelled.status);
    }
  });

  describe('with a dispatcher (a shared queue)', () => {
    /**
     * Hands each job over once, as graphile's job key does, to the runner it
     * was started for (cluster/shared-queue.ts does this across engines).
     */
    const dispatcher = (o: { runs?: boolean; loseCancels?: boolean } = {}) => {
      let target: DispatchTarget | undefined;
      const d = {
        handed: [] as string[],
        cancels: [] as string[],
        outcomes: [] as string[],
        stopped: false,
        async start(t: DispatchTarget) {
          target = t;
        },
        async dispatch(job: Job) {
          if (d.handed.includes(job.id)) return;
          d.handed.push(job.id);
          if (o.runs !== false) setImmediate(() => void target!.run(job.id).then((r) => d.outcomes.push(r)));
        },
        async cancel(id: string) {
          d.cancels.push(id);
          // A lost message: the engine running the job heard nothing (it died, or its connection did).
          if (!o.loseCancels) target?.cancel(id);
        },
        async stop() {
          d.stopped = true;
        },
      } satisfies JobDispatcher & Record<string, unknown>;
      return d;
    };

    it('hands each new job over once and runs what it is handed; held jobs wait for the release', async () => {
      let paused = true;
      const d = dispatcher();
      const runner = makeRunner({ dispatcher: d, paused: () => paused });
      await runner.start();
      const nightly = await runner.enqueue({ kind: 'residents', trigger: 'schedule', corporationId: 'corp-Laval', dryRun: false });
      const manual = await runner.enqueue({ kind: 'residents', trigger: 'manual', corporationId: 'corp-Montréal', dryRun: false });
      expect(d.handed).toEqual([manual.id]);
      await open(manual.id);
      await runner.idle();
      expect((await repo.get(nightly.id))!.status).toBe('queued');
      paused = false;
      await runner.release();
      expect(d.handed).toEqual([manual.id, nightly.id]);
      await open(nightly.id);
      await runner.idle();
      expect((await repo.get(nightly.id))!.status).toBe('succeeded');
      expect(d.outcomes).toEqual(['ended', 'ended']);
      // Nothing left to run: handing a finished job over again runs nothing.
      expect(await runner.runJob(nightly.id)).toBeUndefined();
      expect(ran.map((r) => r.id)).toEqual([manual.id, nightly.id]);
    });

    it('a job cancelled before its turn is not run; one running elsewhere is cancelled there', async () => {
      const d = dispatcher({ runs: false });
      const runner = makeRunner({ dispatcher: d });
      await runner.start();
      const job = await runner.enqueue({ kind: 'residents', trigger: 'manual', corporationId: 'corp-Montréal', dryRun: false });
      expect((await runner.cancel(job.id)).status).toBe('cancelled');
      expect(d.cancels).toEqual([job.id]); // its dispatch dropped
      expect(await runner.runJob(job.id)).toBeUndefined();
      expect(ran).toEqual([]);
      // Running on another engine (the table says so; not here): the dispatcher is asked to stop it there.
      const other = await runner.enqueue({ kind: 'residents', trigger: 'manual', corporationId: 'corp-Laval', dryRun: false });
      await repo.save({ ...other, status: 'running', phase: 'writing', startedAt: other.createdAt }, { heartbeatAt: other.createdAt });
      expect((await runner.cancel(other.id)).status).toBe('running');
      expect(d.cancels).toEqual([job.id, other.id]);
      // Running here: the cancel that reaches this engine (dispatchTarget.cancel) stops it.
      const here = await runner.enqueue({ kind: 'residents', trigger: 'manual', corporationId: 'corp-Québec', dryRun: false });
      const result = runner.dispatchTarget.run(here.id);
      await until('the run to start', () => gates.has(here.id));
      runner.dispatchTarget.cancel(here.id);
      expect(await result).toBe('ended');
      expect((await repo.get(here.id))!.status).toBe('cancelled');
    });

    it('a cancel of a job whose engine died before the takeover is kept in its row: the engine that resumes it ends it cancelled and never runs it', async () => {
      const survivor = makeRunner({ dispatcher: dispatcher({ runs: false }) });
      const console2 = makeRunner({ dispatcher: dispatcher({ runs: false, loseCancels: true }) });
      const told: Job[] = [];
      const events = new EventBus();
      events.subscribe((name, payload) => void (name === 'job.updated' && told.push({ ...(payload as Job) })));
      const resumer = makeRunner({ dispatcher: dispatcher({ runs: false }), events });
      await Promise.all([survivor.start(), console2.start(), resumer.start()]);
      const job = await console2.enqueue({ kind: 'residents', trigger: 'manual', corporationId: 'corp-Trois-Rivières', dryRun: false });
      // Its engine died mid-run: the table says running, nobody runs it.
      await repo.save({ ...job, status: 'running', phase: 'writing', startedAt: job.createdAt, progress: { done: 40, total: 120 } }, { heartbeatAt: job.createdAt });
      // Cancelled through another engine before any survivor took it over: the message reaches nobody.
      expect((await console2.cancel(job.id)).status).toBe('running');
      expect(await repo.cancelRequested(job.id)).toBe(true);
      // The takeover hands the job to an engine: it ends cancelled there, with the usual event, and its handler never starts.
      const ended = await resumer.runJob(job.id);
      expect(ended).toMatchObject({ id: job.id, status: 'cancelled', phase: 'done' });
      expect((await repo.get(job.id))!).toMatchObject({ status: 'cancelled', progress: { done: 40, total: 120 } });
      expect(told.map((j) => j.status)).toEqual(['cancelled']);
      expect(ran).toEqual([]);
      // Handed over again (a second dispatch): nothing to run.
      expect(await survivor.runJob(job.id)).toBeUndefined();
      expect(ran).toEqual([]);
    });

    it('a cancel whose message was lost reaches the engine running the job at its next heartbeat', async () => {
      const running = makeRunner({ dispatcher: dispatcher({ runs: false }), heartbeatMs: 50 });
      const other = makeRunner({ dispatcher: dispatcher({ runs: false, loseCancels: true }) });
      await Promise.all([running.start(), other.start()]);
      const job = await other.enqueue({ kind: 'residents', trigger: 'manual', corporationId: 'corp-Gatineau', dryRun: false });
      const outcome = running.dispatchTarget.run(job.id);
      await until('the run to start', () => gates.has(job.id));
      expect((await other.cancel(job.id)).status).toBe('running');
      expect(await outcome).toBe('ended');
      expect((await repo.get(job.id))!.status).toBe('cancelled');
    });

    it('a fenced engine stops its run at once and records nothing; the engine that takes the job over owns it to the end', async () => {
      const told: Job[] = [];
      const events = new EventBus();
      events.subscribe((name, payload) => void (name === 'job.updated' && told.push({ ...(payload as Job) })));
      const fenced = makeRunner({ dispatcher: dispatcher({ runs: false }), events });
      const survivor = makeRunner({ dispatcher: dispatcher({ runs: false }) });
      await Promise.all([fenced.start(), survivor.start()]);
      const job = await fenced.enqueue({ kind: 'residents', trigger: 'manual', corporationId: 'corp-Sainte-Foy', dryRun: false });
      const outcome = fenced.dispatchTarget.run(job.id);
      await until('the run to start', () => gates.has(job.id));
      gates.delete(job.id);
      const before = told.length;
      fenced.dispatchTarget.fence();
      // Neither completed nor handed back by this engine: the dispatch stays for the survivor's takeover.
      expect(await outcome).toBe('fenced');
      expect((await repo.get(job.id))!.status).toBe('running');
      expect(told.length).toBe(before); // no end told: it is not this engine's to tell
      // While fenced, a job handed over is not run here.
      const next = await survivor.enqueue({ kind: 'residents', trigger: 'manual', corporationId: 'corp-Lévis', dryRun: false });
      expect(await fenced.dispatchTarget.run(next.id)).toBe('fenced');
      expect((await repo.get(next.id))!.status).toBe('queued');
      // The survivor resumes the job and ends it; nothing of the fenced run lands afterwards.
      const taken = survivor.runJob(job.id);
      await open(job.id);
      expect(await taken).toMatchObject({ status: 'succeeded' });
      await new Promise((r) => setTimeout(r, 50));
      expect((await repo.get(job.id))!).toMatchObject({ status: 'succeeded', progress: { done: 10, total: 10 } });
      // Rejoined: it runs what it is handed again.
      fenced.dispatchTarget.unfence();
      const again = fenced.dispatchTarget.run(next.id);
      await open(next.id);
      expect(await again).toBe('ended');
      expect((await repo.get(next.id))!.status).toBe('succeeded');
    });

    it('a run whose job another engine took over (this one was declared dead, unaware) stops at its next save and never overwrites the new attempt', async () => {
      const unaware = makeRunner({ dispatcher: dispatcher({ runs: false }), heartbeatMs: 20 });
      const survivor = makeRunner({ dispatcher: dispatcher({ runs: false }) });
      await Promise.all([unaware.start(), survivor.start()]);
      const job = await unaware.enqueue({ kind: 'residents', trigger: 'manual', corporationId: 'corp-Rimouski', dryRun: false });
      const first = unaware.dispatchTarget.run(job.id);
      await until('the first run to start', () => gates.has(job.id));
      const firstGate = gates.get(job.id)!;
      gates.delete(job.id);
      // The survivor claims the job the table still shows running (a takeover).
      const taken = survivor.runJob(job.id);
      await until('the second run to start', () => gates.has(job.id));
      // The first attempt's next heartbeat save is refused: it stops, recording nothing.
      expect(await first).toBe('fenced');
      firstGate();
      await open(job.id);
      expect(await taken).toMatchObject({ status: 'succeeded' });
      expect((await repo.get(job.id))!).toMatchObject({ status: 'succeeded', progress: { done: 10, total: 10 } });
      expect(ran.map((r) => r.id)).toEqual([job.id, job.id]);
    });

    it("resumes a dead engine's run from its checkpoint; a stop hands its runs back interrupted", async () => {
      const d = dispatcher({ runs: false });
      const runner = makeRunner({ dispatcher: d });
      await runner.start();
      const job = await runner.enqueue({ kind: 'residents', trigger: 'manual', corporationId: 'corp-Montréal', dryRun: false });
      // A dead engine left it running; the cluster freed its dispatch, which reaches this engine.
      await repo.save({ ...job, status: 'running', phase: 'writing', startedAt: job.createdAt }, { heartbeatAt: job.createdAt, checkpoint: { after: 'p-7' } });
      const taken = runner.runJob(job.id);
      await open(job.id);
      expect(await taken).toMatchObject({ id: job.id, status: 'succeeded', startedAt: job.createdAt });
      expect(ran).toEqual([{ id: job.id, corp: 'corp-Montréal', checkpoint: { after: 'p-7' } }]);
      const next = await runner.enqueue({ kind: 'residents', trigger: 'manual', corporationId: 'corp-Montréal', dryRun: false });
      const outcome = runner.dispatchTarget.run(next.id);
      await until('the run to start', () => gates.has(next.id));
      await runner.stop();
      expect(await outcome).toBe('interrupted');
      expect(d.stopped).toBe(true);
      expect((await repo.get(next.id))!.status).toBe('interrupted');
    });
  });
});
