// Two engines on one PostgreSQL database, both following invoices and
// payments in real time: one building, so one engine holds its watcher
// lease. An invoice the accountant enters in Condo Manager moves that
// watcher's status (lastEventAt); the console of the OTHER engine hears a
// commerce.status with it at once, not at the next job's end or reconnect.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommerceStatus, Job, Page } from '@shared/types';
import { createCore, defaultMigrationsDir, type Core } from '../../electron/core/core';
import { openPostgresStore } from '../../electron/core/db/open-store';
import { silentLogger } from '../../electron/core/log';
import { CondoManagerDesk, createSystems, type Systems } from '../../electron/core/systems';
import { SANDBOX_CREDENTIALS } from '../../electron/runtime/boot';
import { startSandboxes, type RunningSandboxes } from '../../electron/sandbox';
import { invoiceBody } from '../commerce/helpers';
import { tempDir } from '../helpers/temp-dir';
import { freshPostgresDatabase } from '../helpers/test-db';
import { until } from './helpers';

const CM_HEADERS = { 'x-cm-client-id': 'demo', 'x-cm-client-secret': 'demo-secret' };
const ENDED = new Set(['succeeded', 'partial', 'failed', 'cancelled', 'interrupted']);

describe('commerce.status reaches the consoles of every engine', () => {
  const dir = tempDir();
  let sandboxes: RunningSandboxes;
  let pgdb: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let clients: Systems;
  const cores: Core[] = [];
  const heard: { engine: number; status: CommerceStatus; relayed: boolean }[] = [];

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
      scheduler: false,
      realtime: { waitSec: 2, backoff: { baseMs: 50, capMs: 400 } },
      // Short retries, as the other engine-level suites: a refused write ends its job in seconds, not minutes.
      systemsPolicy: { rate: { condoManagerPerSec: 400, condoControlPerSec: 400, concurrency: 8 }, policy: { timeoutMs: 3_000, backoffBaseMs: 5, backoffCapMs: 50 } },
      cluster: { engineId: `engine-${engine}`, workers: 2, heartbeatMs: 250, staleMs: 1500, leaseTtlMs: 1500, pollIntervalMs: 200 },
    });
    core.events.subscribe((name, payload, meta) => {
      if (name === 'commerce.status') heard.push({ engine, status: payload as CommerceStatus, relayed: meta.relayed === true });
    });
    await core.start();
    cores[engine] = core;
  };

  beforeAll(async () => {
    sandboxes = await startSandboxes({ dataDir: join(dir.path, 'sandbox'), size: 'small' });
    pgdb = await freshPostgresDatabase('commerce-relay');
    clients = createSystems({ condoManager: { url: sandboxes.condoManagerUrl, ...SANDBOX_CREDENTIALS.condoManager }, condoControl: { url: sandboxes.condoControlUrl, ...SANDBOX_CREDENTIALS.condoControl } });
    await startCore(0);
    await startCore(1);
  }, 60_000);
  afterAll(async () => {
    for (const core of cores) await core?.stop();
    clients?.close();
    await sandboxes?.close();
    await pgdb?.drop();
    dir.cleanup();
  });

  it('an invoice seen by the engine holding the watcher shows on the other engine’s console as it happens', async () => {
    // The first sync (claimed once), the history import after it, and a watcher live on one engine.
    await until(async () => {
      const jobs = ((await cores[0]!.call('jobs.list', { limit: 100 })) as Page<Job>).items;
      const done = (kind: Job['kind']) => jobs.some((j) => j.kind === kind && j.status === 'succeeded');
      return done('residents') && done('commerce-reconcile') && jobs.every((j) => ENDED.has(j.status)) ? true : undefined;
    }, 90_000, 'the first sync and the history import');
    const holder = await until(() => {
      const i = cores.findIndex((c) => c.commerce!.following().length > 0);
      return i >= 0 ? i : undefined;
    }, 20_000, 'one engine to follow the building');
    const other = 1 - holder;
    const corp = cores[holder]!.commerce!.following()[0]!;
    await until(async () => ((await cores[other]!.call('commerce.status', {})) as CommerceStatus).state === 'live' || undefined, 20_000, 'the other engine to show the watcher live');

    const from = heard.length;
    const units = (await (await fetch(`${sandboxes.condoManagerUrl}/v1/corporations/${corp}/units?limit=1000`, { headers: CM_HEADERS })).json()) as { id: string; number: string }[];
    const unit = units.find((u) => u.number === '804') ?? units[0]!;
    const before = ((await cores[other]!.call('commerce.status', {})) as CommerceStatus).buildings.find((b) => b.corporationId === corp)?.lastEventAt;
    await new CondoManagerDesk(clients.condoManager).createInvoice(corp, invoiceBody(unit.id, 12_345, 'Frais communs – décembre'));

    // The other engine did nothing itself: it relays what the holder's watcher now says, read from the shared state.
    const relayed = await until(
      () => heard.slice(from).find((h) => h.engine === other && h.relayed && h.status.buildings.some((b) => b.corporationId === corp && b.lastEventAt && (!before || b.lastEventAt > before))),
      15_000,
      'a relayed commerce.status on the other engine',
    );
    const building = relayed.status.buildings.find((b) => b.corporationId === corp)!;
    const own = heard.slice(from).filter((h) => h.engine === holder && !h.relayed);
    const latest = own.at(-1)!.status.buildings.find((b) => b.corporationId === corp)!;
    expect(building).toMatchObject({ state: 'live', lastEventAt: latest.lastEventAt });
    // What the other engine's console asks afterwards is the same.
    expect(((await cores[other]!.call('commerce.status', {})) as CommerceStatus).buildings.find((b) => b.corporationId === corp)?.lastEventAt).toBe(latest.lastEventAt);
  }, 150_000);

  it('Condo Control refusing a real-time job’s writes shows on every engine’s console, whichever engine ran the job; so does its end', async () => {
    const corp = cores.flatMap((c) => c.commerce!.following())[0]!;
    const units = (await (await fetch(`${sandboxes.condoManagerUrl}/v1/corporations/${corp}/units?limit=1000`, { headers: CM_HEADERS })).json()) as { id: string; number: string }[];
    const desk = new CondoManagerDesk(clients.condoManager);
    const faults = (body: unknown) => fetch(`${sandboxes.condoControlUrl}/_sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const statusOf = async (engine: number) => (await cores[engine]!.call('commerce.status', {})) as CommerceStatus;
    await faults({ errorRate: 1 });
    try {
      await desk.createInvoice(corp, invoiceBody(units[1]!.id, 6_789, 'Cotisation spéciale – toit'));
      for (const engine of [0, 1]) {
        await until(async () => ((await statusOf(engine)).reason?.includes('not accepting') ? true : undefined), 60_000, `engine ${engine} to say Condo Control refuses writes`);
      }
    } finally {
      await faults({ errorRate: 0 });
    }
    // The next real-time job writes again: every console says live.
    await desk.createInvoice(corp, invoiceBody(units[2]!.id, 4_321, 'Frais de stationnement'));
    for (const engine of [0, 1]) await until(async () => ((await statusOf(engine)).state === 'live' ? true : undefined), 60_000, `engine ${engine} to be live again`);
  }, 150_000);
});
