// Commerce benchmark (issue 8), every figure measured in the same run:
//
// - real time: an invoice saved in Condo Manager (its POST answered) until it
//   is visible through Condo Control's transactions call, p50 and p95 over 200
//   invoices, with 50 ms latency on every API call of both sandboxes (bar:
//   p95 ≤ 500 ms). Visibility is polled by staggered readers, so the figure
//   includes one transactions call of 50 ms at most;
// - balances.get with refresh: true for one account at the same latency
//   (bar: p95 ≤ 400 ms);
// - the invoice history import (commerce reconcile) of `large` under a Condo
//   Control rate limit, the console's pacer set to the same rate: wall time
//   against the floor (one write per invoice and payment, divided by the
//   limit), and the console's peak RSS (sampled every 100 ms).
//
// The sandboxes run in a child process (`condo-sync sandbox`), so RSS is the
// console's own. `large` is seeded once into its own pristine folder.
//
//   node bin/run-ts.mjs bench/index.ts commerce            all of it
//   node bin/run-ts.mjs bench/index.ts commerce --quick    without `large`
//   BENCH_COMMERCE_LIMIT=1000 …                            Condo Control's rate limit for the import (per second)
//   BENCH_COMMERCE_SIZE=medium …                           import `medium` instead of `large`
//   BENCH_COMMERCE_SKIP_REALTIME=1 …                       the import only
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job } from '@shared/types';
import { createCore, type Core } from '../electron/core/core';
import { silentLogger } from '../electron/core/log';
import { CondoManagerDesk, createSystems } from '../electron/core/systems';
import { control, launch, sandboxes, type Sandboxes, type Size } from './sync-sandboxes';

type Figures = Record<string, number | string>;

const CM = { clientId: 'demo', clientSecret: 'demo-secret' };
const CC = { username: 'demo', password: 'demo-password' };
const LATENCY_MS = 50;
const INVOICES = 200;
const BALANCE_CALLS = 100;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const ms = (n: number) => Math.round(n);

function makeCore(sb: Sandboxes, dataDir: string, ccPerSec: number, realtime: boolean): Core {
  return createCore({
    dataDir,
    adapter: 'http',
    logger: silentLogger,
    initialSync: false,
    scheduler: false,
    realtime,
    systems: { mode: 'live', condoManager: { url: sb.cm, ...CM }, condoControl: { url: sb.cc, ...CC } },
    systemsPolicy: { rate: { condoManagerPerSec: 5000, condoControlPerSec: ccPerSec, concurrency: 16 } },
  });
}

async function waitUntil(what: string, check: () => Promise<boolean>, ms = 600_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function ccToken(sb: Sandboxes): Promise<string> {
  const res = await fetch(`${sb.cc}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(CC) });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** First sync (no latency), then the history import, then the real-time watcher goes live. */
async function readyConsole(sb: Sandboxes, work: string): Promise<Core> {
  const core = makeCore(sb, mkdtempSync(join(work, 'console-')), 5000, true);
  await core.start();
  await core.call('sync.start', { kind: 'residents', trigger: 'manual' });
  await core.runner.idle();
  await waitUntil('real-time sync live', async () => ((await core.call('commerce.status', {})) as { state: string }).state === 'live');
  return core;
}

async function realtime(sb: Sandboxes, core: Core): Promise<Figures> {
  const systems = createSystems({ condoManager: { url: sb.cm, ...CM }, condoControl: { url: sb.cc, ...CC }, rate: { condoManagerPerSec: 5000, concurrency: 16 } });
  const desk = new CondoManagerDesk(systems.condoManager);
  const corp = (await systems.condoManager.listCorporations()).items[0]!.id;
  const unit = (await systems.condoManager.listUnitsPage(corp, { limit: 1000 })).items.find((u) => u.number === '804')!;
  const ws = ((await (await fetch(`${sb.cc}/api/v1/workspaces`, { headers: { authorization: `Bearer ${await ccToken(sb)}` } })).json()) as { id: string }[])[0]!.id;
  const token = await ccToken(sb);
  const ccUnit = ((await (await fetch(`${sb.cc}/api/v1/workspaces/${ws}/units?limit=1000`, { headers: { authorization: `Bearer ${token}` } })).json()) as { id: string; externalId: string }[]).find(
    (u) => u.externalId === unit.id,
  )!;
  const transactions = async () => {
    const res = await fetch(`${sb.cc}/api/v1/workspaces/${ws}/accounts/${ccUnit.id}/transactions?limit=1000&offset=${0}`, { headers: { authorization: `Bearer ${token}` } });
    const total = Number(res.headers.get('x-total-count'));
    let rows = (await res.json()) as { externalId: string }[];
    if (total > 1000) {
      const last = await fetch(`${sb.cc}/api/v1/workspaces/${ws}/accounts/${ccUnit.id}/transactions?limit=1000&offset=${total - 1000}`, { headers: { authorization: `Bearer ${token}` } });
      rows = (await last.json()) as { externalId: string }[];
    }
    return rows;
  };

  await control(sb.cm, '/faults', { latencyMs: LATENCY_MS }, 'PUT');
  await control(sb.cc, '/faults', { latencyMs: LATENCY_MS }, 'PUT');
  // Let the watcher's long poll in flight (sent without latency) come back first.
  await desk.createInvoice(corp, { unitId: unit.id, kind: 'CommonExpense', date: '2026-11-30', dueDate: '2026-12-01', lines: [{ description: 'warm-up', amountCents: 100 }] });
  await new Promise((r) => setTimeout(r, 2000));

  const seen: number[] = [];
  for (let i = 0; i < INVOICES; i++) {
    const invoice = await desk.createInvoice(corp, {
      unitId: unit.id,
      kind: 'CommonExpense',
      date: '2026-11-30',
      dueDate: '2026-12-01',
      lines: [{ description: `Bench ${i}`, amountCents: 1000 + i }],
    });
    const saved = performance.now();
    // Readers start every 20 ms, each a full transactions call: the first answer that holds the invoice ends the clock.
    let found = 0;
    const readers: Promise<void>[] = [];
    while (!found) {
      readers.push(
        transactions().then((rows) => {
          if (!found && rows.some((r) => r.externalId === invoice.id)) found = performance.now();
        }),
      );
      await new Promise((r) => setTimeout(r, 20));
      if (performance.now() - saved > 30_000) throw new Error('an invoice never reached Condo Control');
    }
    await Promise.all(readers);
    seen.push(found - saved);
  }

  const balances: number[] = [];
  for (let i = 0; i < BALANCE_CALLS; i++) {
    const started = performance.now();
    await core.call('balances.get', { unitId: unit.id, refresh: true });
    balances.push(performance.now() - started);
  }
  await control(sb.cm, '/faults', { latencyMs: 0 }, 'PUT');
  await control(sb.cc, '/faults', { latencyMs: 0 }, 'PUT');
  systems.close();
  return {
    'latency per API call (ms)': LATENCY_MS,
    'invoices timed': INVOICES,
    'saved → in Condo Control p50 (ms)': ms(percentile(seen, 50)),
    'saved → in Condo Control p95 (ms)': ms(percentile(seen, 95)),
    'saved → in Condo Control max (ms)': ms(Math.max(...seen)),
    'p95 bar (ms)': 500,
    'balances.get refresh calls': BALANCE_CALLS,
    'balances.get refresh p50 (ms)': ms(percentile(balances, 50)),
    'balances.get refresh p95 (ms)': ms(percentile(balances, 95)),
    'balances.get p95 bar (ms)': 400,
  };
}

/** `large`, seeded once into a folder of its own (seeding takes about half a minute). */
async function seeded(size: Size, work: string): Promise<Sandboxes> {
  const pristine = join(tmpdir(), 'condo-sync-bench', `commerce-pristine-${size}-2750`);
  if (!existsSync(join(pristine, 'ready'))) {
    rmSync(pristine, { recursive: true, force: true });
    mkdirSync(pristine, { recursive: true });
    const seeding = await launch(size, pristine);
    await seeding.stop();
    writeFileSync(join(pristine, 'ready'), `${size} 2750\n`);
  }
  const dir = join(work, `sandbox-${size}`);
  cpSync(pristine, dir, { recursive: true, filter: (src) => !src.endsWith('ready') });
  return launch(size, dir);
}

async function historyImport(work: string, size: Size, limit: number): Promise<Figures> {
  const sb = await seeded(size, work);
  try {
    const dataDir = mkdtempSync(join(work, 'console-large-'));
    // The first resident sync links the units, unthrottled; it is not what this measures.
    const first = makeCore(sb, dataDir, 5000, false);
    await first.start();
    const sync = (await first.call('sync.start', { kind: 'residents', trigger: 'manual' })) as Job;
    await first.runner.idle();
    const synced = (await first.call('jobs.get', { id: sync.id, limit: 1 })) as Job;
    await first.stop();

    await control(sb.cc, '/faults', { rateLimitPerSec: limit }, 'PUT');
    const core = makeCore(sb, dataDir, limit, false);
    await core.start();
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const started = performance.now();
    const job = (await core.call('sync.start', { kind: 'commerce-reconcile', trigger: 'manual' })) as Job;
    await core.runner.idle();
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const done = (await core.call('jobs.get', { id: job.id, limit: 1 })) as Job;
    const stats = (await control(sb.cc, '/stats')) as { statuses: Record<string, number> };
    await core.stop();
    const lines = done.progress.total;
    const floor = lines / limit;
    return {
      'resident sync (s, unthrottled)': Math.round(Number(Date.parse(synced.finishedAt ?? '') - Date.parse(synced.startedAt ?? '')) / 100) / 10,
      'import status': done.status,
      'invoices and payments': lines,
      'written (created)': done.counts.created,
      'held (needs attention)': done.counts.conflict,
      failed: done.counts.failed,
      'Condo Control limit (req/s)': limit,
      'floor (s)': Math.round(floor * 10) / 10,
      'import wall time (s)': Math.round(seconds * 10) / 10,
      'wall / floor': Math.round((seconds / floor) * 100) / 100,
      '429 answers': stats.statuses['429'] ?? 0,
      'console peak RSS (MB)': Math.round(peak / 1024 / 1024),
    };
  } finally {
    await sb.stop();
  }
}

export async function benchCommerce(opts: { skipLarge?: boolean } = {}): Promise<Figures> {
  const work = mkdtempSync(join(tmpdir(), 'condo-sync-commerce-'));
  try {
    let figures: Figures = {};
    if (!process.env.BENCH_COMMERCE_SKIP_REALTIME) {
      const sb = await sandboxes('small', work);
      try {
        const core = await readyConsole(sb, work);
        figures = await realtime(sb, core);
        await core.stop();
      } finally {
        await sb.stop();
      }
    }
    if (!opts.skipLarge && !process.env.BENCH_COMMERCE_SKIP_LARGE) {
      const size = (process.env.BENCH_COMMERCE_SIZE ?? 'large') as Size;
      figures = { ...figures, [`history import of`]: size, ...(await historyImport(work, size, Number(process.env.BENCH_COMMERCE_LIMIT ?? 1000))) };
    }
    return figures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
