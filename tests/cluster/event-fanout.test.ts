import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, Events } from '@shared/contract';
import type { CommerceStatus, Job } from '@shared/types';
import { EventFanout, EVENTS_CHANNEL } from '../../electron/core/cluster/event-fanout';
import { EventBus } from '../../electron/core/events';
import { sharedDatabase, until } from './helpers';

function job(id: string, done: number): Job {
  return {
    id, kind: 'residents', trigger: 'manual', triggers: ['manual'], dryRun: false, status: 'running', phase: 'writing',
    progress: { done, total: 10 }, counts: { created: done, updated: 0, unchanged: 0, deactivated: 0, conflict: 0, failed: 0 },
    createdAt: '2026-11-30T17:00:00.000Z', scope: { corporationId: 'corp-é' },
  };
}

describe('events to every console of every engine (LISTEN/NOTIFY)', () => {
  let db: Awaited<ReturnType<typeof sharedDatabase>>;
  /** The shared state both engines read: the job store on PostgreSQL, reduced to a map. */
  const jobs = new Map<string, Job>();
  const buses = [new EventBus(), new EventBus()];
  const seen: { name: EventName; payload: unknown }[][] = [[], []];
  const fanouts: EventFanout[] = [];
  const raw: string[] = [];
  let spy: pg.Client;
  /** Each engine's own view of the real-time sync, and how often it was read; the settings keys each engine re-read. */
  const statuses: CommerceStatus[] = [1, 2].map((n) => ({ state: 'live', since: `2026-11-30T1${n}:00:00.000Z`, buildings: [], attention: [] }));
  const statusReads = [0, 0];
  let slowStatus: Promise<void> | undefined;
  const reloaded: string[][][] = [[], []];

  beforeAll(async () => {
    db = await sharedDatabase(2);
    buses.forEach((bus, i) => bus.subscribe((name, payload) => seen[i]!.push({ name, payload })));
    for (const [i, pool] of db.pools.entries()) {
      const f = new EventFanout({
        pool,
        engineId: `engine-${i}`,
        bus: buses[i]!,
        rehydrate: {
          job: async (id) => jobs.get(id),
          notice: async (id) => (jobs.has(id) ? { level: 'success', jobId: id, title: `rebuilt by engine-${i}` } : undefined),
          settings: async (keys) => {
            reloaded[i]!.push(keys);
            return { keys };
          },
          commerceStatus: async () => {
            statusReads[i]!++;
            await slowStatus;
            return structuredClone(statuses[i]!);
          },
        },
      });
      await f.start();
      fanouts.push(f);
    }
    spy = new pg.Client({ connectionString: db.url });
    await spy.connect();
    spy.on('notification', (m) => raw.push(m.payload ?? ''));
    await spy.query(`LISTEN ${EVENTS_CHANNEL}`);
  });
  afterAll(async () => {
    await Promise.all(fanouts.map((f) => f.stop()));
    await spy.end();
    await db.cleanup();
  });

  it('a job update on one engine reaches the other engine’s bus as re-read state, with no echo back', async () => {
    jobs.set('job-1', job('job-1', 3));
    buses[0]!.emit('job.updated', job('job-1', 3));
    // The store moved on before engine 1 re-read it: consoles see the state, not the stale payload.
    jobs.set('job-1', job('job-1', 4));
    const got = await until(() => seen[1]!.find((e) => e.name === 'job.updated'), 5000, 'job.updated on engine 1');
    expect((got.payload as Job).progress.done).toBe(4);
    await fanouts[1]!.flush();
    await new Promise((r) => setTimeout(r, 200));
    // Engine 0 saw only its own emit; engine 1 did not send the relayed event back.
    expect(seen[0]!.filter((e) => e.name === 'job.updated')).toHaveLength(1);
    expect(raw.filter((p) => p.includes('job-1'))).toHaveLength(1);
  });

  it('a notice travels as its job id only and is rebuilt by the receiving engine; one not about a job stays local', async () => {
    jobs.set('job-2', job('job-2', 10));
    buses[1]!.emit('notice', { level: 'success', jobId: 'job-2', title: 'Sync finished for Léa O’Brien' });
    buses[1]!.emit('notice', { level: 'warning', title: 'Local only: Zoë Côté' });
    const got = await until(() => seen[0]!.find((e) => e.name === 'notice'), 5000, 'notice on engine 0');
    expect(got.payload).toEqual({ level: 'success', jobId: 'job-2', title: 'rebuilt by engine-0' });
    await fanouts[1]!.flush();
    await new Promise((r) => setTimeout(r, 200));
    expect(seen[0]!.filter((e) => e.name === 'notice')).toHaveLength(1);
    expect(raw.join('\n')).not.toMatch(/Léa|O’Brien|Zoë|Côté/);
  });

  it('units.changed carries unit ids, or "all" when they would not fit one notification', async () => {
    buses[0]!.emit('units.changed', { unitIds: ['u-1', 'u-2'] });
    const many = Array.from({ length: 2000 }, (_, i) => `unit-${i}`);
    buses[0]!.emit('units.changed', { unitIds: many });
    const units = await until(() => {
      const u = seen[1]!.filter((e) => e.name === 'units.changed');
      return u.length >= 2 ? u : undefined;
    }, 5000, 'two units.changed on engine 1');
    expect(units.map((e) => (e.payload as Events['units.changed']).unitIds)).toEqual([['u-1', 'u-2'], 'all']);
    expect(Math.max(...raw.map((p) => Buffer.byteLength(p)))).toBeLessThan(8000);
  });

  it('commerce.status travels as a signal only; the other engine relays its own view, read again (a burst makes one more read, not one each)', async () => {
    buses[0]!.emit('commerce.status', { state: 'live', since: '2026-11-30T17:00:00.000Z', buildings: [{ corporationId: 'corp-é', code: 'TSCC 2750', state: 'live', since: '2026-11-30T17:00:00.000Z' }], attention: [{ entity: 'invoice', id: 'inv-1', unitId: 'u-1', message: 'Zoë Côté: refused', at: '2026-11-30T17:00:00.000Z' }] });
    const got = await until(() => seen[1]!.find((e) => e.name === 'commerce.status'), 5000, 'commerce.status on engine 1');
    expect(got.payload).toEqual(statuses[1]);
    expect(raw.join('\n')).not.toMatch(/Zoë|Côté|TSCC/);

    // Five changes while a read is under way: the one read, then one more.
    let open!: () => void;
    slowStatus = new Promise((r) => (open = r));
    const before = statusReads[1]!;
    const relayed = seen[1]!.filter((e) => e.name === 'commerce.status').length;
    for (let n = 0; n < 5; n++) buses[0]!.emit('commerce.status', { state: 'starting', buildings: [], attention: [] });
    await until(() => (statusReads[1]! > before ? true : undefined), 5000, 'a status read on engine 1');
    await fanouts[0]!.flush();
    await new Promise((r) => setTimeout(r, 300));
    statuses[1] = { ...statuses[1]!, state: 'paused', reason: 'newest' };
    slowStatus = undefined;
    open();
    await until(() => (seen[1]!.filter((e) => e.name === 'commerce.status').length >= relayed + 2 ? true : undefined), 5000, 'two relayed statuses');
    await new Promise((r) => setTimeout(r, 200));
    expect(statusReads[1]! - before).toBe(2);
    expect(seen[1]!.at(-1)).toMatchObject({ name: 'commerce.status', payload: { state: 'paused', reason: 'newest' } });
    // Engine 0 never heard its own status back.
    expect(seen[0]!.filter((e) => e.name === 'commerce.status')).toHaveLength(6);
  });

  it('settings.changed carries the setting keys; the other engine reads those again before its consoles hear it', async () => {
    buses[1]!.emit('settings.changed', { keys: ['groups', 'retention'] });
    const got = await until(() => seen[0]!.find((e) => e.name === 'settings.changed'), 5000, 'settings.changed on engine 0');
    expect(got.payload).toEqual({ keys: ['groups', 'retention'] });
    expect(reloaded[0]).toEqual([['groups', 'retention']]);
    expect(reloaded[1]).toEqual([]);
  });
});
