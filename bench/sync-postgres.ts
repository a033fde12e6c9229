// The `large` first sync with the engine's state in PostgreSQL (issue 13),
// measured like bench/sync.ts measures it on SQLite (same sandboxes, same
// Condo Control limit at the sandbox, the console in a process of its own):
//
// - pg1.first: one engine, the product's first sync (one job, every building);
// - pg1.buildings / pg2.buildings: one sync per building (50 jobs), taken
//   from the shared queue by one engine, then by two engines on one database.
//   The limit is the building's, not each engine's: every engine's pacer is
//   set to the sandbox's limit, so two engines that did not share it would
//   send twice the limit and collect 429s. Two engines must not be slower
//   than one, and the limit must hold: the sandbox answers 429 to what
//   exceeds its bucket (the limit, bursts of one second's worth), and the
//   harness samples its request counts every 200 ms for the busiest 1 s and
//   5 s windows (timed in this process, so a loaded machine blurs them);
// - each engine's peak RSS (the same sampler as on SQLite) beside SQLite's.
//
// PostgreSQL: BENCH_DATABASE_URL (a server the bench may create databases
// on), else a private cluster started for the bench (tests/helpers/postgres.ts:
// Debian's binaries, as the tests use). BENCH_SYNC_SKIP_POSTGRES=1 skips it.
import { cpus, loadavg } from 'node:os';
import { createTestDatabase, findPostgresBin, startPostgresCluster, type PostgresCluster } from '../tests/helpers/postgres';
import { runEngines } from './console-process';
import type { ConsoleRunResult } from './console-run';
import { control, resetStats, sandboxes, stats, type Portfolio, type Sandboxes } from './sync-sandboxes';

type Figures = Record<string, number | string>;

interface Sample {
  t: number;
  requests: number;
  limited: number;
}

/** Condo Control's API requests (all, and those refused with 429) every 200 ms, from GO until stopped. */
function sampleRequests(sb: Sandboxes): { stop(): Promise<Sample[]> } {
  const samples: Sample[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const s = await stats(sb.cc);
      const requests = Object.values(s.requests).reduce((a, b) => a + b, 0);
      samples.push({ t: performance.now(), requests, limited: s.statuses['429'] ?? 0 });
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return samples;
    },
  };
}

/**
 * The busiest window of at least `ms` between samples: requests answered (not 429) per second, and
 * all requests per second. The sandbox's bucket holds one second's worth, so a client keeping the
 * limit can still show up to twice the limit in one second; over five seconds, at most 1.2 times.
 */
function busiest(samples: Sample[], ms: number): { accepted: number; all: number } {
  let accepted = 0;
  let all = 0;
  for (let i = 0, j = 0; i < samples.length; i++) {
    while (j < samples.length && samples[j]!.t - samples[i]!.t < ms) j++;
    if (j >= samples.length) break;
    const secs = (samples[j]!.t - samples[i]!.t) / 1000;
    const n = samples[j]!.requests - samples[i]!.requests;
    const refused = samples[j]!.limited - samples[i]!.limited;
    accepted = Math.max(accepted, (n - refused) / secs);
    all = Math.max(all, n / secs);
  }
  return { accepted, all };
}

interface Run {
  engines: ConsoleRunResult[];
  seconds: number;
  writes: number;
  limited: number;
  busiest: { accepted: number; all: number };
  busiest5: { accepted: number; all: number };
  meanPerSec: number;
}

const isWrite = (route: string) => /^(POST|PUT|PATCH|DELETE) /.test(route) && !route.includes('/auth/token');

async function measure(sb: Sandboxes, work: string, databaseUrl: string, engines: number, perBuilding: string[] | undefined, ccLimit: number, concurrency: number): Promise<Run> {
  await control(sb.cc, '/faults', { rateLimitPerSec: ccLimit }, 'PUT');
  await resetStats(sb);
  let sampler: ReturnType<typeof sampleRequests> | undefined;
  const results = await runEngines(
    Array.from({ length: engines }, (_, i) => ({
      cm: sb.cm,
      cc: sb.cc,
      work,
      ccPerSec: ccLimit,
      concurrency,
      trace: !!process.env.BENCH_TRACE,
      databaseUrl,
      role: i === 0 ? ('lead' as const) : ('follower' as const),
      ...(perBuilding ? { perBuilding } : {}),
    })),
    () => (sampler = sampleRequests(sb)),
  );
  const samples = await sampler!.stop();
  const cc = await stats(sb.cc);
  await control(sb.cc, '/faults', { rateLimitPerSec: 0 }, 'PUT');
  // From GO to the last engine seeing every job finished: the slowest engine's own wall time.
  const seconds = Math.max(...results.map((r) => r.seconds));
  const total = samples.length > 1 ? samples[samples.length - 1]!.requests - samples[0]!.requests : 0;
  return {
    engines: results,
    seconds,
    writes: Object.entries(cc.requests).filter(([r]) => isWrite(r)).reduce((n, [, v]) => n + v, 0),
    limited: cc.statuses['429'] ?? 0,
    busiest: busiest(samples, 1000),
    busiest5: busiest(samples, 5000),
    meanPerSec: total / seconds,
  };
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

function figuresOf(prefix: string, run: Run, floorSeconds: number, ccLimit: number): Figures {
  const f: Figures = {
    [`${prefix}.engines`]: run.engines.length,
    [`${prefix}.jobs`]: run.engines[0]!.jobs,
    [`${prefix}.status`]: run.engines.map((e) => e.status).join(', '),
    [`${prefix}.failed`]: run.engines[0]!.failed,
    [`${prefix}.seconds`]: round3(run.seconds),
    [`${prefix}.floorSeconds`]: round3(floorSeconds),
    [`${prefix}.ratioToFloor`]: round3(run.seconds / floorSeconds),
    [`${prefix}.writes`]: run.writes,
    [`${prefix}.ccRequestsPerSecMean`]: Math.round(run.meanPerSec),
    [`${prefix}.ccAnsweredPerSecBusiestSecond`]: Math.round(run.busiest.accepted),
    [`${prefix}.ccRequestsPerSecBusiestSecond`]: Math.round(run.busiest.all),
    [`${prefix}.ccAnsweredPerSecBusiest5s`]: Math.round(run.busiest5.accepted),
    [`${prefix}.ccLimitPerSec`]: ccLimit,
    [`${prefix}.429s`]: run.limited,
  };
  run.engines.forEach((e, i) => {
    f[`${prefix}.engine${i + 1}.peakRssMB`] = Math.round(e.peakRssMB);
    f[`${prefix}.engine${i + 1}.rssBeforeSyncMB`] = Math.round(e.rssBeforeMB);
    f[`${prefix}.engine${i + 1}.heapAtPeakMB`] = Math.round(e.peakHeapMB);
    f[`${prefix}.engine${i + 1}.cpuSeconds`] = round3(e.cpuSeconds);
  });
  return f;
}

/** The PostgreSQL phases on fresh copies of the `large` portfolio; `data` holds its counts (bench/sync.ts's countsOnly). */
export async function postgresPhases(work: string, data: Portfolio, ccLimit: number, concurrency: number): Promise<Figures> {
  let cluster: PostgresCluster | undefined;
  let serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl) {
    if (!findPostgresBin()) return { 'postgres.skipped': "PostgreSQL's server binaries were not found (apt-get install postgresql, or BENCH_DATABASE_URL)" };
    cluster = await startPostgresCluster();
    serverUrl = cluster.url;
  }
  const residents = data.corps.reduce((n, c) => n + [...c.owners, ...c.tenants].filter((p) => p.status === 'Active').length, 0);
  const units = data.corps.reduce((n, c) => n + c.units.length, 0);
  const floorSeconds = (residents + units) / ccLimit;
  const corps = data.corps.map((c) => c.id);
  const figures: Figures = { 'postgres.server': cluster ? 'private cluster (fsync off, as the tests run it)' : 'BENCH_DATABASE_URL' };
  const loadBefore = loadavg()[0]!;
  try {
    const phases: [string, number, string[] | undefined][] = [
      ['large.pg1.first', 1, undefined],
      ['large.pg1.buildings', 1, corps],
      ['large.pg2.buildings', 2, corps],
    ];
    for (const [prefix, engines, perBuilding] of phases) {
      const sb = await sandboxes('large', work);
      const db = await createTestDatabase(serverUrl, 'bench');
      try {
        Object.assign(figures, figuresOf(prefix, await measure(sb, work, db.url, engines, perBuilding, ccLimit, concurrency), floorSeconds, ccLimit));
      } catch (err) {
        // Reported in the table, so the SQLite figures above still print: an engine that cannot run here is a finding, not a crash.
        figures[`${prefix}.error`] = String((err as Error).message).split('\n').slice(0, 3).join(' ').slice(0, 400);
      } finally {
        await sb.stop();
        await db.drop().catch(() => undefined);
      }
    }
    const one = Number(figures['large.pg1.buildings.seconds']);
    const two = Number(figures['large.pg2.buildings.seconds']);
    if (one && two) figures['large.pg2.speedupOverOneEngine'] = round3(one / two);
    figures['large.pg2.target'] = 'not slower than one engine (≥ 1.0); 429s ≈ 0; busiest 5 s ≤ 1.2 × the limit (the sandbox allows a burst of one second’s worth)';
    figures['postgres.loadAverage'] = `${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`;
    return figures;
  } finally {
    cluster?.stop();
  }
}
