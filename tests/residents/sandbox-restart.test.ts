// Issue 9, "Also": in sandbox mode a restart is the same connection (the
// sandboxes keep their ports, and the console knows them by their stores),
// so it does not queue another "First sync"; and a request that joins a
// waiting job leaves its reason on it.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, Page } from '@shared/types';
import { bootCore, type Booted } from '../../electron/runtime/boot';
import { silentLogger } from '../../electron/core/log';
import { MemorySecretStore } from '../../electron/core/secrets';
import { MemoryStore } from '../../electron/core/settings';
import { createWorld, type World } from '../helpers/world';
import { tempDir } from '../helpers/temp-dir';

describe('sandbox mode across restarts', () => {
  const dir = tempDir();
  const settings = new MemoryStore();
  const boot = () => bootCore({ dataDir: dir.path, adapter: 'http', settings, secrets: new MemorySecretStore(), logger: silentLogger, coreOptions: { scheduler: false } });
  const initialJobs = async (b: Booted) => ((await b.core.call('jobs.list', { limit: 100 })) as Page<Job>).items.filter((j) => j.kind === 'residents' && j.trigger === 'initial');
  let blocker: Server | undefined;
  afterAll(async () => {
    await new Promise<void>((r) => (blocker ? blocker.close(() => r()) : r()));
    dir.cleanup();
  });

  it('the first start queues one "First sync"; a restart keeps the ports and queues none', async () => {
    const first = await boot();
    const urls = first.core.info.sandbox!;
    expect(await initialJobs(first)).toHaveLength(1);
    await first.core.runner.idle();
    await first.stop();

    const second = await boot();
    expect(second.core.info.sandbox).toEqual(urls);
    expect(await initialJobs(second)).toHaveLength(1);
    await second.stop();
  });

  it('a port taken by another program meanwhile: a new port, still the same connection, still no new "First sync"', async () => {
    const third = await boot();
    const cmUrl = third.core.info.sandbox!.condoManagerUrl;
    await third.stop();
    blocker = createServer();
    await new Promise<void>((r) => blocker!.listen(Number(new URL(cmUrl).port), '127.0.0.1', () => r()));
    const fourth = await boot();
    expect(fourth.core.info.sandbox!.condoManagerUrl).not.toBe(cmUrl);
    expect(await initialJobs(fourth)).toHaveLength(1);
    await fourth.stop();
  });
});

describe('a request that joins a waiting job', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(() => world?.close());

  it('records both reasons, once each, and the event says so', async () => {
    const updates: Job[] = [];
    const off = world.core.events.subscribe((name, payload) => {
      if (name === 'job.updated') updates.push(payload as Job);
    });
    const running = (await world.core.call('sync.start', { kind: 'residents', trigger: 'manual' })) as Job;
    // It has started (on PostgreSQL the shared queue hands it to a worker a moment later): a request now queues behind it.
    for (let i = 0; i < 500 && !updates.some((j) => j.id === running.id && j.status === 'running'); i++) await new Promise((r) => setTimeout(r, 10));
    const waiting = (await world.core.call('sync.start', { kind: 'residents', trigger: 'cli' })) as Job;
    expect(waiting.id).not.toBe(running.id);
    const joined = await world.core.runner.enqueue({ kind: 'residents', trigger: 'catch-up', dryRun: false });
    const again = await world.core.runner.enqueue({ kind: 'residents', trigger: 'catch-up', dryRun: false });
    expect(joined.id).toBe(waiting.id);
    expect(joined.triggers).toEqual(['cli', 'catch-up']);
    expect(again.triggers).toEqual(['cli', 'catch-up']);
    expect(updates.some((j) => j.id === waiting.id && j.triggers.includes('catch-up'))).toBe(true);
    await world.core.runner.idle();
    const done = (await world.core.call('jobs.get', { id: waiting.id, limit: 1 })) as Job;
    expect(done).toMatchObject({ trigger: 'cli', triggers: ['cli', 'catch-up'], status: 'succeeded' });
    off?.();
  });
});
