// Two engines (two createCore, each with its own data dir and pool) on one
// PostgreSQL database against one pair of sandboxes: the wiring of
// electron/core/cluster/engine-cluster.ts as core.ts does it. (Engines as
// separate processes, kill -9 and the watcher takeover: tests/cluster/engines-*.)
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, Page } from '@shared/types';
import { createCore, defaultMigrationsDir, type Core } from '../../electron/core/core';
import { openPostgresStore } from '../../electron/core/db/open-store';
import { silentLogger } from '../../electron/core/log';
import { SANDBOX_CREDENTIALS } from '../../electron/runtime/boot';
import { startSandboxes, type RunningSandboxes } from '../../electron/sandbox';
import { tempDir } from '../helpers/temp-dir';
import { freshPostgresDatabase } from '../helpers/test-db';
import { until } from './helpers';

const ENDED = new Set(['succeeded', 'partial', 'failed', 'cancelled']);

describe('two engines on one PostgreSQL database', () => {
  const dir = tempDir();
  let sandboxes: RunningSandboxes;
  let pgdb: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  const cores: Core[] = [];
  const seen: { engine: number; name: string; job?: Job; relayed: boolean }[] = [];

  const startCore = async (engine: number) => {
    const database = await openPostgresStore(pgdb.url, { migrationsDir: defaultMigrationsDir(), log: silentLogger, postgres: { poolSize: 4 } });
    const core = createCore({
      dataDir: join(dir.path, `engine-${engine}`),
      adapter: 'http',
      logger: silentLogger,
      database,
      systems: {
        mode: 'live',
        condoManager: { url: sandboxes.condoManagerUrl, ...SANDBOX_CREDENTIALS.condoManager },
        condoControl: { url: sandboxes.condoControlUrl, ...SANDBOX_CREDENTIALS.condoControl },
      },
      realtime: false,
      scheduler: false,
      systemsPolicy: { rate: { condoManagerPerSec: 400, condoControlPerSec: 400, concurrency: 8 } },
      cluster: { engineId: `engine-${engine}`, workers: 2, heartbeatMs: 250, staleMs: 1500, pollIntervalMs: 200 },
    });
    core.events.subscribe((name, payload, meta) => seen.push({ engine, name, relayed: meta.relayed === true, ...(name === 'job.updated' ? { job: payload as Job } : {}) }));
    await core.start();
    cores[engine] = core;
    return core;
  };

  beforeAll(async () => {
    sandboxes = await startSandboxes({ dataDir: join(dir.path, 'sandbox'), size: 'small' });
    pgdb = await freshPostgresDatabase('two-cores');
    // Both at once, as an office server starting both services: one initial sync between them.
    await Promise.all([startCore(0), startCore(1)]);
  }, 60_000);
  afterAll(async () => {
    for (const core of cores) await core?.stop();
    await sandboxes?.close();
    await pgdb?.drop();
    dir.cleanup();
  });

  const jobs = async (core: Core) => ((await core.call('jobs.list', { limit: 100 })) as Page<Job>).items;

  it('the first sync of the connection is queued once for the database, not once per engine, and runs to the end', async () => {
    const initial = (await jobs(cores[0]!)).filter((j) => j.trigger === 'initial' || j.triggers.includes('initial'));
    expect(initial).toHaveLength(1);
    const done = await until(async () => {
      const j = (await jobs(cores[1]!)).find((x) => x.id === initial[0]!.id);
      return j && ENDED.has(j.status) ? j : undefined;
    }, 60_000, 'the first sync to end');
    expect(done.status).toBe('succeeded');
    expect(cores.map((c) => c.cluster?.engineId)).toEqual(['engine-0', 'engine-1']);
    expect(await cores[0]!.cluster!.live()).toEqual(['engine-0', 'engine-1']);
  });

  it('ten concurrent Start New Sync from both engines make at most two jobs, run one after the other; both consoles hear each job', async () => {
    const before = new Set((await jobs(cores[0]!)).map((j) => j.id));
    const asked = await Promise.all(Array.from({ length: 10 }, (_, i) => cores[i % 2]!.call('sync.start', { kind: 'residents', trigger: 'manual' }) as Promise<Job>));
    const ids = new Set(asked.map((j) => j.id));
    expect(ids.size).toBeGreaterThanOrEqual(1);
    expect(ids.size).toBeLessThanOrEqual(2);
    const ended = await until(async () => {
      const mine = (await jobs(cores[1]!)).filter((j) => !before.has(j.id));
      return mine.length === ids.size && mine.every((j) => ENDED.has(j.status)) ? mine : undefined;
    }, 60_000, 'the jobs to end');
    expect(ended.map((j) => j.status)).toEqual(ended.map(() => 'succeeded'));
    if (ended.length === 2) {
      const [a, b] = [...ended].sort((x, y) => x.startedAt!.localeCompare(y.startedAt!));
      expect(b!.startedAt! >= a!.finishedAt!).toBe(true);
    }
    // Whichever engine ran a job, the other engine's bus heard its end (relayed from the shared database).
    for (const job of ended) {
      await until(() => (seen.some((s) => s.job?.id === job.id && ENDED.has(s.job.status) && s.engine === 0) && seen.some((s) => s.job?.id === job.id && ENDED.has(s.job.status) && s.engine === 1) ? true : undefined), 10_000, 'both engines to hear the end');
      const relayed = seen.filter((s) => s.job?.id === job.id && s.relayed);
      expect(relayed.length).toBeGreaterThan(0);
      // A relayed event is never relayed back: each engine has its own emits and the other's.
      expect(new Set(relayed.map((s) => s.engine)).size).toBeLessThanOrEqual(2);
    }
  });

  it('a cancel at the engine that does not run the job stops it', async () => {
    const job = (await cores[0]!.call('sync.start', { kind: 'reconcile', trigger: 'manual' })) as Job;
    const running = await until(async () => {
      const j = (await jobs(cores[0]!)).find((x) => x.id === job.id);
      return j?.status === 'running' ? j : undefined;
    }, 30_000, 'the reconcile to run');
    const runsHere = cores.findIndex((c) => c.runner.live(running.id)?.status === 'running');
    expect(runsHere).toBeGreaterThanOrEqual(0);
    await cores[1 - runsHere]!.call('jobs.cancel', { id: job.id });
    const ended = await until(async () => {
      const j = (await jobs(cores[1 - runsHere]!)).find((x) => x.id === job.id);
      return j && ENDED.has(j.status) ? j : undefined;
    }, 30_000, 'the cancel to arrive');
    // A fast reconcile may have ended before the cancel reached it; either way it is over, and never left running.
    expect(['cancelled', 'succeeded']).toContain(ended.status);
  });
});
