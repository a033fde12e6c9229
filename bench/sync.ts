// Resident sync benchmark (issue 4), every figure measured in the same run:
//
// - incremental: a sync after k people changed (k = 1, 50, 1500 on `medium`),
//   requests per route from the sandboxes' stats against the bound "one read
//   page per entity and corporation (+ Condo Control groups/units/users reads
//   for the corporations planned), plus ceil(k/limit) pages, plus 3 writes per
//   changed person";
// - first full sync of `large` under a Condo Control rate limit (the console's
//   pacer set to the same rate): wall time against the floor (one write per
//   current resident and one per unit, divided by the limit); then the same
//   on PostgreSQL with one engine and with two (bench/sync-postgres.ts);
// - a naive sync (read everything, then per person a GET and a POST/PATCH,
//   sequentially) against the engine's first full sync, both on `medium` under
//   the same limit (a naive `large` would take minutes on its own);
// - the console's peak RSS during the large sync (sampled every 100 ms), with
//   the V8 heap at that moment (mostly garbage awaiting a major GC, so it
//   moves run to run) and the heap just after the largest major GC (what the
//   sync keeps alive), and its CPU per write (targets: ≤ 250 MB and
//   ≤ 1.0 ms, issue 9), measured with the resident sync alone (realtime off:
//   no invoice-history import follows it);
// - what a naive sync costs for one change (all of it again: it has no
//   watermark) against the engine's incremental run of one change.
//
// The sandboxes run in a child process (`condo-sync sandbox`), and each
// measured full sync runs its console in a process of its own
// (bench/console-run.ts), so RSS, heap and CPU are the core's alone, not the
// harness's. By default that console is bundled as the desktop app ships it
// (out/main: the project's code in one file, npm packages external);
// BENCH_CORE=tsx runs it through tsx as the tests do, which adds tsx's loader
// and transform cache (about 25–40 MB of RSS). Seeded stores are kept in the
// temp dir (condo-sync-bench/pristine-*) and copied for each phase.
//
//   node bin/run-ts.mjs bench/sync.ts            prints a table
//   BENCH_SYNC_SKIP_LARGE=1 …                     medium phases only
//   BENCH_SYNC_SKIP_MEDIUM=1 …                    the large phases only
//   BENCH_SYNC_SKIP_POSTGRES=1 …                  not the large phases on PostgreSQL (bench/sync-postgres.ts)
//   BENCH_SYNC_CONCURRENCY=48 …                   the console's in-flight bound (default 16)
//   BENCH_TRACE=1 …                               prints the large job's progress and RSS every 5 s
//   BENCH_CORE=tsx …                              the measured console through tsx instead of bundled
//   BENCH_CONSOLE_NODE_ARGS='--heap-prof …' …     Node flags for the measured console (profiling only)
//   BENCH_ALLOC_PROFILE=/tmp/a.heapprofile …       the measured console's sampled allocations (profiling only)
//   BENCH_HEAP_SNAPSHOT=/tmp/dir:10,25 …            heap snapshots that many seconds into the sync (profiling only)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { Job, JobDetail } from '@shared/types';
import { createCore, type Core } from '../electron/core/core';
import { silentLogger } from '../electron/core/log';
import { PAGE_LIMIT } from '../electron/core/sync/read';
import { CondoManagerDesk, createSystems } from '../electron/core/systems';
import { runConsole, type CoreShape } from './console-process';
import { postgresPhases } from './sync-postgres';
import type { ConsoleRunResult } from './console-run';
import { CC, CM, control, countsOnly, portfolio, resetStats, sandboxes, stats, type Portfolio, type Sandboxes, type Stats } from './sync-sandboxes';

type Figures = Record<string, number | string>;

const CC_LIMIT = 400;

// ---------------------------------------------------------------- console

function console_(sb: Sandboxes, work: string, ccPerSec: number, concurrency: number): Core {
  return createCore({
    dataDir: mkdtempSync(join(work, 'console-')),
    adapter: 'http',
    logger: silentLogger,
    initialSync: false,
    // The resident sync alone: no invoice history import queued after it, no feed watchers.
    realtime: false,
    systems: { mode: 'live', condoManager: { url: sb.cm, ...CM }, condoControl: { url: sb.cc, ...CC } },
    systemsPolicy: { rate: { condoManagerPerSec: 1000, condoControlPerSec: ccPerSec, concurrency } },
  });
}

async function runSync(core: Core, input: Record<string, unknown> = {}, onTick?: (job: Job) => void): Promise<JobDetail> {
  const job = (await core.call('sync.start', { kind: 'residents', trigger: 'manual', ...input })) as Job;
  let ticking = true;
  const tick = async () => {
    while (ticking) {
      onTick?.((await core.call('jobs.get', { id: job.id, limit: 1 })) as JobDetail);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const ticker = onTick ? tick() : Promise.resolve();
  await core.runner.idle();
  ticking = false;
  await ticker;
  return (await core.call('jobs.get', { id: job.id, limit: 1 })) as JobDetail;
}

const isRead = (route: string) => route.startsWith('GET ');
const isWrite = (route: string) => /^(POST|PUT|PATCH|DELETE) /.test(route) && !route.includes('/auth/token');
const sum = (s: Stats, f: (r: string) => boolean) => Object.entries(s.requests).filter(([r]) => f(r)).reduce((n, [, v]) => n + v, 0);

// ---------------------------------------------------------------- incremental

async function incremental(sb: Sandboxes, core: Core, data: Portfolio, k: number, round: number): Promise<Figures> {
  const systems = createSystems({ condoManager: { url: sb.cm, ...CM }, condoControl: { url: sb.cc, ...CC }, rate: { condoManagerPerSec: 5000, concurrency: 16 } });
  const desk = new CondoManagerDesk(systems.condoManager);
  // Spread the k changes over every corporation and both roles, as a month of desk work would.
  const pools = data.corps.flatMap((c) => [
    c.owners.filter((p) => p.status === 'Active').map((p) => ({ corp: c.id, role: 'owner' as const, p })),
    c.tenants.filter((p) => p.status === 'Active').map((p) => ({ corp: c.id, role: 'tenant' as const, p })),
  ]);
  const chosen: (typeof pools)[number][number][] = [];
  for (let i = 0; chosen.length < k; i++) {
    const pool = pools[i % pools.length]!;
    const next = pool[Math.floor(i / pools.length)];
    if (next) chosen.push(next);
    if (i > k * pools.length * 2) throw new Error(`only ${chosen.length} people to change`);
  }
  const limit = pLimit(16);
  await Promise.all(chosen.map((c, i) => limit(() => desk.updatePerson(c.corp, c.role, c.p.id, { firstName: `${c.p.firstName.split('~')[0]}~${round}.${i}` }))));
  systems.close();

  await resetStats(sb);
  const started = performance.now();
  const job = await runSync(core);
  const seconds = (performance.now() - started) / 1000;
  const [cm, cc] = [await stats(sb.cm), await stats(sb.cc)];
  const changedCorps = new Set(chosen.map((c) => c.corp));
  // Corporations holding flagged people are planned on every run (issue 4), so they read Condo Control too.
  const ccUsersReads = cc.requests['GET /api/v1/workspaces/{ws}/users'] ?? 0;
  const plannedCorps = cc.requests['GET /api/v1/workspaces/{ws}/groups'] ?? 0;
  const unitsPages = Math.max(...data.corps.map((c) => Math.ceil(c.units.length / 1000)));
  const usersPages = Math.max(...data.corps.map((c) => Math.ceil((c.owners.length + c.tenants.length) / 1000)));
  const perCorpCc = 1 + unitsPages + usersPages;
  const cmReads = sum(cm, isRead);
  const ccReads = sum(cc, isRead);
  const writes = sum(cc, isWrite);
  const extraPages = Math.ceil(k / PAGE_LIMIT);
  const boundReadsChanged = 1 + 3 * data.corps.length + extraPages + changedCorps.size * perCorpCc;
  const boundReadsPlanned = 1 + 3 * data.corps.length + extraPages + Math.max(changedCorps.size, plannedCorps) * perCorpCc;
  const boundWrites = 3 * k;
  const p = `incremental.k${k}`;
  return {
    [`${p}.status`]: job.status,
    [`${p}.seconds`]: round3(seconds),
    [`${p}.updated`]: job.counts.updated,
    [`${p}.cmReads`]: cmReads,
    [`${p}.ccReads`]: ccReads,
    [`${p}.ccUserListPages`]: ccUsersReads,
    [`${p}.writes`]: writes,
    [`${p}.changedCorporations`]: changedCorps.size,
    [`${p}.plannedCorporations`]: plannedCorps,
    [`${p}.boundReads(changed corps)`]: boundReadsChanged,
    [`${p}.boundReads(changed or flagged corps)`]: boundReadsPlanned,
    [`${p}.boundWrites`]: boundWrites,
    [`${p}.withinBound`]: cmReads + ccReads <= boundReadsPlanned && writes <= boundWrites ? 'yes' : 'no',
    [`${p}.withinStrictBound`]: cmReads + ccReads <= boundReadsChanged && writes <= boundWrites ? 'yes' : 'no',
    [`${p}.routes`]: Object.entries({ ...prefix('CM', cm.requests), ...prefix('CC', cc.requests) })
      .map(([r, n]) => `${r.replace('/api/v1/workspaces/{ws}', '').replace('/v1/corporations/{corp}', '')}=${n}`)
      .join(', '),
  };
}

const prefix = (p: string, o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [`${p} ${k}`, v]));
const round3 = (n: number) => Math.round(n * 1000) / 1000;

// ---------------------------------------------------------------- first full sync under a rate limit

interface FullRun extends ConsoleRunResult {
  shape: CoreShape;
  floorSeconds: number;
  writes: number;
  unavoidable: number;
  limited: number;
  coreCpuSeconds: number;
  sandboxCpuSeconds: number;
  loadAverage: string;
}

/** CPU seconds a process has used (Linux /proc), or NaN elsewhere. */
function cpuOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

async function firstFullSync(sb: Sandboxes, work: string, data: Portfolio, concurrency: number): Promise<FullRun> {
  await control(sb.cc, '/faults', { rateLimitPerSec: CC_LIMIT }, 'PUT');
  await resetStats(sb);
  const loadBefore = loadavg()[0]!;
  const sandboxCpu0 = cpuOf(sb.pid);
  const run = await runConsole({ cm: sb.cm, cc: sb.cc, work, ccPerSec: CC_LIMIT, concurrency, trace: !!process.env.BENCH_TRACE });
  const sandboxCpu = cpuOf(sb.pid) - sandboxCpu0;
  const cc = await stats(sb.cc);
  await control(sb.cc, '/faults', { rateLimitPerSec: 0 }, 'PUT');
  // Writes that cannot be avoided: one per current resident (a create, or a link) and one per unit (its type and externalId).
  const residents = data.corps.reduce((n, c) => n + [...c.owners, ...c.tenants].filter((p) => p.status === 'Active').length, 0);
  const units = data.corps.reduce((n, c) => n + c.units.length, 0);
  return {
    ...run,
    floorSeconds: (residents + units) / CC_LIMIT,
    writes: sum(cc, isWrite),
    unavoidable: residents + units,
    limited: cc.statuses['429'] ?? 0,
    coreCpuSeconds: run.cpuSeconds,
    sandboxCpuSeconds: sandboxCpu,
    loadAverage: `${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`,
  };
}

// ---------------------------------------------------------------- naive sync

/**
 * What a first integration would do: read everything, then for each unit a
 * PUT and for each current resident a GET by externalId and a POST or PATCH,
 * one request at a time, waiting out 429s.
 */
async function naiveSync(sb: Sandboxes, data: Portfolio): Promise<{ seconds: number; requests: number }> {
  let requests = 0;
  const started = performance.now();
  const token = ((await (await fetch(`${sb.cc}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(CC) })).json()) as { accessToken: string }).accessToken;
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; data: unknown }> => {
    for (;;) {
      requests++;
      const res = await fetch(`${sb.cc}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (res.status === 429) {
        await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
        continue;
      }
      return { status: res.status, data: text ? JSON.parse(text) : undefined };
    }
  };
  // Read everything.
  const fresh = await portfolio(sb);
  requests += fresh.corps.length * 3 + 1;
  const workspaces = (await call('GET', '/workspaces?limit=1000')).data as { id: string; name: string }[];
  const groups = (await call('GET', `/workspaces/${workspaces[0]!.id}/groups`)).data as { id: string; name: string }[];
  const group = (name: string) => groups.find((g) => g.name === name)!.id;
  for (const corp of fresh.corps) {
    const ws = workspaces.find((w) => w.name.split(' — ')[0] === corp.code)!;
    const ccUnits = (await call('GET', `/workspaces/${ws.id}/units?limit=1000`)).data as { id: string; name: string }[];
    const unitOf = new Map(corp.units.map((u) => [u.id, ccUnits.find((c) => c.name === u.number)?.id]));
    for (const u of corp.units) {
      const id = unitOf.get(u.id);
      if (id) await call('PUT', `/workspaces/${ws.id}/units/${id}`, { unitType: u.occupancy, externalId: u.id });
    }
    const people = [...corp.owners.map((p) => ({ p, g: group('Owners') })), ...corp.tenants.map((p) => ({ p, g: group('Renters') }))].filter((x) => x.p.status === 'Active');
    for (const { p, g } of people) {
      const found = (await call('GET', `/workspaces/${ws.id}/users?externalId=${encodeURIComponent(p.id)}`)).data as { id: string }[];
      const fields = { externalId: p.id, firstName: p.firstName, lastName: p.lastName, phones: p.phones, language: p.language };
      const unitIds = p.unitIds.map((id) => unitOf.get(id)).filter(Boolean);
      if (found[0]) {
        await call('PATCH', `/workspaces/${ws.id}/users/${found[0].id}`, { ...fields, email: p.email });
      } else {
        const created = await call('POST', `/workspaces/${ws.id}/users`, { ...fields, email: p.email, groupIds: [g], unitIds });
        // A duplicate or invalid email: try once more without it.
        if (created.status >= 400) await call('POST', `/workspaces/${ws.id}/users`, { ...fields, groupIds: [g], unitIds });
      }
    }
  }
  void data;
  return { seconds: (performance.now() - started) / 1000, requests };
}

// ---------------------------------------------------------------- the whole bench

function fullFigures(prefix: string, run: FullRun, concurrency: number): Figures {
  return {
    [`${prefix}.status`]: run.status,
    [`${prefix}.failed`]: run.failed,
    [`${prefix}.concurrency`]: concurrency,
    [`${prefix}.seconds`]: round3(run.seconds),
    [`${prefix}.readSecondsBeforeFirstWrite`]: round3(run.readSeconds),
    [`${prefix}.unavoidableWrites`]: run.unavoidable,
    [`${prefix}.writes`]: run.writes,
    [`${prefix}.writesPerSecond`]: Math.round(run.writes / run.seconds),
    [`${prefix}.floorSeconds`]: round3(run.floorSeconds),
    [`${prefix}.ratioToFloor`]: round3(run.seconds / run.floorSeconds),
    [`${prefix}.429s`]: run.limited,
    [`${prefix}.minPacerRate`]: round3(run.minPacerRate),
    [`${prefix}.meanInFlight`]: round3(run.meanInFlight),
    [`${prefix}.meanWaitingForSlot`]: round3(run.meanWaiting),
    [`${prefix}.coreCpuMsPerWrite`]: round3((run.coreCpuSeconds * 1000) / run.writes),
    [`${prefix}.sandboxCpuMsPerWrite`]: round3((run.sandboxCpuSeconds * 1000) / run.writes),
    [`${prefix}.loadAverage`]: run.loadAverage,
  };
}

export interface BenchSyncOptions {
  /** Skip the `large` phase (about two to three minutes, plus half a minute to seed it once). */
  skipLarge?: boolean;
  /** Skip the `medium` phases (incremental, naive). */
  skipMedium?: boolean;
  /** Condo Control requests in flight at once in the console (default 16, as the tests use). */
  concurrency?: number;
  /** Skip the `large` phases on PostgreSQL (one engine, two engines; about five minutes). */
  skipPostgres?: boolean;
}

export async function benchSync(opts: BenchSyncOptions = {}): Promise<Figures> {
  const skipLarge = opts.skipLarge ?? process.env.BENCH_SYNC_SKIP_LARGE === '1';
  const skipMedium = opts.skipMedium ?? process.env.BENCH_SYNC_SKIP_MEDIUM === '1';
  const skipPostgres = opts.skipPostgres ?? process.env.BENCH_SYNC_SKIP_POSTGRES === '1';
  const concurrency = opts.concurrency ?? Number(process.env.BENCH_SYNC_CONCURRENCY ?? 16);
  const work = mkdtempSync(join(tmpdir(), 'condo-sync-bench-'));
  const figures: Figures = { 'ccRateLimitPerSec': CC_LIMIT };
  const running: Sandboxes[] = [];
  try {
    if (!skipMedium) Object.assign(figures, await mediumPhases(work, running, concurrency));
    if (!skipLarge) {
      const large = await sandboxes('large', work);
      running.push(large);
      // Only the counts stay in this process: RSS is meant to be the console's.
      const data = countsOnly(await portfolio(large));
      const run = await firstFullSync(large, work, data, concurrency);
      await large.stop();
      Object.assign(figures, fullFigures('large.first', run, concurrency));
      figures['large.first.target'] = '≤ 1.15';
      figures['core.shape'] = run.shape === 'bundled' ? 'bundled (esbuild, npm packages external: as out/main ships it)' : 'tsx (as the tests run it)';
      figures['core.rssBeforeSyncMB'] = Math.round(run.rssBeforeMB);
      figures['core.heapBeforeSyncMB'] = Math.round(run.heapBeforeMB);
      figures['core.peakRssMB'] = Math.round(run.peakRssMB);
      figures['core.peakRssTargetMB'] = 250;
      figures['core.heapAtPeakMB'] = Math.round(run.peakHeapMB);
      figures['core.externalAtPeakMB'] = Math.round(run.peakExternalMB);
      figures['core.heapCommittedAtPeakMB'] = Math.round(run.peakHeapTotalMB);
      figures['core.liveHeapAfterMajorGcMaxMB'] = Math.round(run.liveHeapMaxMB);
      figures['core.majorGcs'] = run.majorGcs;
      figures['large.first.coreCpuMsPerWriteTarget'] = '≤ 1.0';
      // The same first sync with the engine's state in PostgreSQL, with one engine and with two (bench/sync-postgres.ts).
      if (!skipPostgres) {
        Object.assign(figures, await postgresPhases(work, data, CC_LIMIT, concurrency));
        if (figures['large.pg1.first.engine1.peakRssMB'] !== undefined) figures['core.pg.peakRssMB'] = figures['large.pg1.first.engine1.peakRssMB'];
      }
    }
    return figures;
  } finally {
    for (const sb of running) await sb.stop().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

async function mediumPhases(work: string, running: Sandboxes[], concurrency: number): Promise<Figures> {
  const figures: Figures = {};
  {
    // Medium: the engine's first full sync under the limit, then incremental rounds on the same data.
    const medium = await sandboxes('medium', work);
    running.push(medium);
    const mediumData = await portfolio(medium);
    const engineMedium = await firstFullSync(medium, work, mediumData, concurrency);
    Object.assign(figures, fullFigures('medium.first', engineMedium, concurrency));

    const core = console_(medium, work, 1000, concurrency);
    await core.start();
    // The first sync above ran on another data dir: this console catches up first (not measured).
    await runSync(core);
    for (const [round, k] of [1, 50, 1500].entries()) Object.assign(figures, await incremental(medium, core, mediumData, k, round));
    await core.stop();
    await medium.stop();

    // The naive sync on a fresh medium under the same limit.
    const naiveBox = await sandboxes('medium', work);
    running.push(naiveBox);
    await control(naiveBox.cc, '/faults', { rateLimitPerSec: CC_LIMIT }, 'PUT');
    const naive = await naiveSync(naiveBox, mediumData);
    await naiveBox.stop();
    figures['naive.medium.seconds'] = round3(naive.seconds);
    figures['naive.medium.requests'] = naive.requests;
    figures['naive.medium.engineSpeedup'] = round3(naive.seconds / engineMedium.seconds);
    // A naive sync has no watermark or id map: after one change it does all of the above again.
    figures['naive.medium.secondsForOneChange'] = round3(naive.seconds);
    figures['incremental.k1.speedupOverNaive'] = round3(naive.seconds / Number(figures['incremental.k1.seconds']));
  }
  return figures;
}

export async function main(): Promise<number> {
  const figures = await benchSync();
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(width)}  ${v}`);
  return 0;
}
