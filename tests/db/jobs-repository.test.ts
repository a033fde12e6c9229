import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '@shared/types';
import { defaultMigrationsDir } from '../../electron/core/core';
import { migrateEngine } from '../../electron/core/db/migrate-postgres';
import { createRepositories, type Repositories } from '../../electron/core/db/repositories';
import type { DB } from '../../electron/core/db/schema';
import { openTestEngine, testBackend } from '../helpers/test-db';

/**
 * The job queue through its repository (db/repositories/jobs.ts) on the
 * backend CONDO_SYNC_TEST_DB names (this file runs in both vitest projects):
 * equal requests join one waiting job even when they arrive together,
 * jobs asked for in the same millisecond keep their order, checkpoints
 * survive progress saves, and outcomes are written all together.
 */
describe(`job repository on ${testBackend}`, () => {
  let opened: Awaited<ReturnType<typeof openTestEngine>>;
  let repos: Repositories;
  const AT = '2026-11-30T14:00:00.000Z';

  beforeAll(async () => {
    opened = await openTestEngine();
    await migrateEngine(opened.database, defaultMigrationsDir());
    repos = createRepositories(opened.database.kysely as Kysely<DB>);
  });
  afterAll(async () => {
    await opened?.cleanup();
  });

  const finish = (job: Job, status: Job['status']) => repos.jobs.save({ ...job, status, phase: 'done', finishedAt: AT });

  it('joins equal requests that arrive together into one waiting job, keeping every reason', async () => {
    const reqs = (['manual', 'schedule', 'manual', 'catch-up', 'schedule', 'manual'] as const).map((trigger) => ({ kind: 'residents' as const, trigger, corporationId: 'corp-Montréal', dryRun: false }));
    const results = await Promise.all(reqs.map((r) => repos.jobs.enqueue(r, AT)));
    const ids = new Set(results.map((r) => r.job.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => !r.joined)).toHaveLength(1);
    const job = (await repos.jobs.get([...ids][0]!))!;
    expect(new Set(job.triggers)).toEqual(new Set(['manual', 'schedule', 'catch-up']));
    expect(job.triggers).toHaveLength(3);
    expect(job).toMatchObject({ status: 'queued', phase: 'waiting', scope: { corporationId: 'corp-Montréal' }, dryRun: false, progress: { done: 0, total: 0 } });

    // Another building, a preview, or the whole portfolio is another job.
    const other = await repos.jobs.enqueue({ kind: 'residents', trigger: 'manual', corporationId: 'corp-Laval', dryRun: false }, AT);
    const preview = await repos.jobs.enqueue({ kind: 'residents', trigger: 'manual', corporationId: 'corp-Montréal', dryRun: true }, AT);
    const all = await repos.jobs.enqueue({ kind: 'residents', trigger: 'manual', dryRun: false, startedBy: 'Zoë O’Brien' }, AT);
    expect(new Set([job.id, other.job.id, preview.job.id, all.job.id]).size).toBe(4);
    expect(all.job.startedBy).toBe('Zoë O’Brien');
    expect(all.job.scope).toBeUndefined();
    // The whole portfolio joins the whole portfolio, not a building's job.
    expect((await repos.jobs.enqueue({ kind: 'residents', trigger: 'schedule', dryRun: false }, AT)).job.id).toBe(all.job.id);

    // A running job is not joined: the request queues one follow-up behind it.
    await repos.jobs.save({ ...job, status: 'running', phase: 'reading', startedAt: AT });
    const followUp = await repos.jobs.enqueue({ kind: 'residents', trigger: 'manual', corporationId: 'corp-Montréal', dryRun: false }, AT);
    expect(followUp.joined).toBe(false);
    expect((await repos.jobs.running()).map((j) => j.id)).toEqual([job.id]);
    for (const j of [job, other.job, preview.job, all.job, followUp.job]) await finish(j, 'succeeded');
  });

  it('lists jobs asked for in the same millisecond in the order they were asked for, newest first', async () => {
    const SAME = '2026-11-30T15:00:00.000Z';
    const made: Job[] = [];
    for (let i = 0; i < 7; i++) made.push(await repos.jobs.create({ kind: 'commerce', trigger: 'realtime', corporationId: `corp-${i}`, dryRun: false }, SAME));
    expect((await repos.jobs.runnable()).map((j) => j.id)).toEqual(made.map((j) => j.id));
    const page1 = await repos.jobs.list({ kind: 'commerce', limit: 3 });
    const page2 = await repos.jobs.list({ kind: 'commerce', limit: 3, offset: 3 });
    const page3 = await repos.jobs.list({ kind: 'commerce', limit: 3, offset: 6 });
    expect(page1.total).toBe(7);
    expect([...page1.items, ...page2.items, ...page3.items].map((j) => j.id)).toEqual(made.map((j) => j.id).reverse());
    expect((await repos.jobs.list({ status: 'queued', kind: 'commerce' })).total).toBe(7);
    expect((await repos.jobs.list({ status: 'succeeded', kind: 'commerce' })).total).toBe(0);
    for (const j of made) await finish(j, 'cancelled');
    expect((await repos.jobs.list({ status: 'cancelled' })).total).toBe(7);
    expect(await repos.jobs.runnable()).toEqual([]);
  });

  it('keeps a checkpoint through progress saves and reads progress back as numbers', async () => {
    const job = await repos.jobs.create({ kind: 'reconcile', trigger: 'manual', dryRun: false }, AT);
    const running: Job = { ...job, status: 'running', phase: 'writing', startedAt: AT, progress: { done: 2_500_000_000, total: 3_000_000_000 }, counts: { ...job.counts, created: 3 } };
    await repos.jobs.save(running, { heartbeatAt: AT, checkpoint: { cursor: 'Unit 4B — Côté', confirmed: true } });
    await repos.jobs.save({ ...running, progress: { done: 2_600_000_000, total: 3_000_000_000 } }, { heartbeatAt: AT });
    expect(await repos.jobs.checkpoint(job.id)).toEqual({ cursor: 'Unit 4B — Côté', confirmed: true });
    const back = (await repos.jobs.get(job.id))!;
    expect(back.progress).toEqual({ done: 2_600_000_000, total: 3_000_000_000 });
    expect(back.counts.created).toBe(3);
    await repos.jobs.heartbeat(job.id, '2026-11-30T14:00:05.000Z');
    expect(await repos.jobs.checkpoint('no-such-job')).toEqual({});
    expect(await repos.jobs.get('no-such-job')).toBeUndefined();

    const failed: Job = { ...back, status: 'failed', phase: 'done', finishedAt: '2026-11-30T14:01:00.000Z', error: { code: 'unavailable', message: 'Condo Control did not answer.' } };
    await repos.jobs.save(failed);
    expect((await repos.jobs.get(job.id))!.error).toEqual(failed.error);
    // The ETA compares with the last real run that went to its end: not a failed one, not a preview.
    expect(await repos.jobs.lastFinished('reconcile')).toBeUndefined();
    const preview = await repos.jobs.create({ kind: 'reconcile', trigger: 'manual', dryRun: true }, AT);
    await repos.jobs.save({ ...preview, status: 'succeeded', phase: 'done', startedAt: AT, finishedAt: '2026-11-30T16:00:00.000Z' });
    const real = await repos.jobs.create({ kind: 'reconcile', trigger: 'manual', dryRun: false }, AT);
    await repos.jobs.save({ ...real, status: 'partial', phase: 'done', startedAt: AT, finishedAt: '2026-11-30T15:00:00.000Z' });
    expect((await repos.jobs.lastFinished('reconcile'))?.id).toBe(real.id);
  });

  // A start, a cancel and a confirm may race (two engines, or a click during a
  // start): each takes the job only from the states it expects, so none
  // overwrites another.
  it('transition changes a job only from the states given, and says whether it did', async () => {
    const job = await repos.jobs.create({ kind: 'residents', trigger: 'manual', corporationId: 'corp-Montréal', dryRun: false }, AT);
    const started = { ...job, status: 'running' as const, phase: 'reading' as const, startedAt: AT };
    const cancelled = { ...job, status: 'cancelled' as const, phase: 'done' as const, finishedAt: AT };
    const [claim, cancel] = await Promise.all([
      repos.jobs.transition(started, ['queued', 'interrupted'], { heartbeatAt: AT }),
      repos.jobs.transition(cancelled, ['queued', 'interrupted', 'awaiting_confirmation']),
    ]);
    expect([claim, cancel].filter(Boolean)).toHaveLength(1);
    const winner = claim ? 'running' : 'cancelled';
    expect((await repos.jobs.get(job.id))!.status).toBe(winner);
    // Nothing written when the job has moved on; a checkpoint goes with a transition that takes.
    expect(await repos.jobs.transition({ ...job, status: 'queued' }, ['awaiting_confirmation'], { checkpoint: { confirmed: true } })).toBe(false);
    expect(await repos.jobs.checkpoint(job.id)).toEqual({});
    expect(await repos.jobs.transition({ ...job, status: 'queued' }, [winner], { checkpoint: { confirmed: true, cursor: 'Côte-Saint-Luc’s' } })).toBe(true);
    expect(await repos.jobs.checkpoint(job.id)).toEqual({ confirmed: true, cursor: 'Côte-Saint-Luc’s' });
    expect(await repos.jobs.transition({ ...job, id: 'no-such-job' }, ['queued'])).toBe(false);
    await finish(job, 'cancelled');
  });

  it('writes many outcomes in order, with accents and apostrophes kept as given', async () => {
    const job = await repos.jobs.create({ kind: 'residents', trigger: 'manual', dryRun: false }, AT);
    const events = Array.from({ length: 1_203 }, (_, i) => ({
      jobId: job.id,
      entity: 'person',
      entityId: `p-${i}`,
      outcome: (i % 3 === 0 ? 'conflict' : 'updated') as 'conflict' | 'updated',
      ...(i % 3 === 0 ? { effect: 'created' as const, message: i % 2 ? 'Condo Control refused the email for Zoë O’Brien' : 'Cote\u0301 d\u2019Anjou' } : {}),
      changes: { phone: { from: null, to: '+1 514 555 0100' } },
      at: AT,
    }));
    await repos.jobs.addEvents(events);
    const page = await repos.jobHistory.outcomes(job.id, { limit: 2_000 });
    expect(page.total).toBe(1_203);
    expect(page.items.map((o) => o.entityId)).toEqual(events.map((e) => e.entityId));
    expect(page.items[0]).toMatchObject({ outcome: 'conflict', effect: 'created', message: 'Cote\u0301 d\u2019Anjou', changes: { phone: { from: null, to: '+1 514 555 0100' } } });
    expect(page.items[3]!.message).toBe('Condo Control refused the email for Zoë O’Brien');
    expect(page.items[1]!.effect).toBeUndefined();
  });
});
