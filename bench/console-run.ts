// The console side of a measured full sync, run in a process of its own so
// that its RSS, heap and CPU are the core's alone: the harness (sandbox
// control, the portfolio it reads to count residents, fetch/undici, tsx) lives
// in the parent. `bench/console-process.ts` builds this file the way the
// desktop app ships its core (one esbuild bundle of the project's code, npm
// packages left external, as electron-vite's main build does) and runs it.
//
// Input: one JSON argument (ConsoleRunInput). Output: the last line of
// standard output is `RESULT <json>` (ConsoleRunResult); BENCH_TRACE writes
// progress lines to standard error.
//
// On PostgreSQL (`databaseUrl`) several of these processes can share one
// database as engines of one office: each prints `READY` once started and
// waits for a `GO` line on standard input, so every engine is up before the
// lead queues the work; every engine then follows the shared job list until
// the run's jobs are finished (the runner's idle() knows only its own jobs).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import type { Job, JobDetail } from '@shared/types';
import { createCore } from '../electron/core/core';
import type { EngineDatabase } from '../electron/core/db/connect';
import { openPostgresStore } from '../electron/core/db/open-store';
import { silentLogger } from '../electron/core/log';

export interface ConsoleRunInput {
  cm: string;
  cc: string;
  /** Folder the console's data dir is made in. */
  work: string;
  migrationsDir: string;
  ccPerSec: number;
  concurrency: number;
  trace: boolean;
  /** postgres://…: the engine's state there (else SQLite in its data dir), and wait for GO on stdin. */
  databaseUrl?: string;
  /** 'lead' queues the run's jobs; a 'follower' engine only takes its share from the shared queue. Default lead. */
  role?: 'lead' | 'follower';
  /** The run: one first sync of every building (default), or one sync per building (these corporations), which engines can share. */
  perBuilding?: string[];
}

export interface ConsoleRunResult {
  status: string;
  failed: number;
  /** Wall time of the sync, and until its first outcome (the first write). */
  seconds: number;
  readSeconds: number;
  /** Memory before the sync started (after the core's start), and at the RSS peak, in MB. */
  rssBeforeMB: number;
  heapBeforeMB: number;
  peakRssMB: number;
  peakHeapMB: number;
  /** Buffers and ArrayBuffers at the peak, outside the V8 heap (SQLite's own memory is in neither). */
  peakExternalMB: number;
  peakHeapTotalMB: number;
  /**
   * The heap in use just after the sync's largest major GC, in MB: about
   * what the sync keeps alive. The heap at the RSS peak is mostly garbage
   * awaiting V8's next major GC, whose timing moves it by ±30 MB run to run.
   */
  liveHeapMaxMB: number;
  /** Major (mark-compact) GCs during the sync. */
  majorGcs: number;
  minPacerRate: number;
  meanInFlight: number;
  meanWaiting: number;
  /** User + system CPU of this process during the sync. */
  cpuSeconds: number;
  /** The run's resident jobs as the shared list showed them at the end. */
  jobs: number;
}

const MB = 2 ** 20;
const CM = { clientId: 'demo', clientSecret: 'demo-secret' };
const CC = { username: 'demo', password: 'demo-password' };

export async function main(args: string[]): Promise<number> {
  const input = JSON.parse(args[0] ?? '{}') as ConsoleRunInput;
  const database: EngineDatabase | undefined = input.databaseUrl ? await openPostgresStore(input.databaseUrl, { migrationsDir: input.migrationsDir, log: silentLogger }) : undefined;
  const lead = (input.role ?? 'lead') === 'lead';
  const core = createCore({
    dataDir: mkdtempSync(join(input.work, 'console-')),
    adapter: 'http',
    migrationsDir: input.migrationsDir,
    logger: silentLogger,
    initialSync: false,
    // The resident sync alone: no invoice history import queued after it, no feed watchers.
    realtime: false,
    systems: { mode: 'live', condoManager: { url: input.cm, ...CM }, condoControl: { url: input.cc, ...CC } },
    systemsPolicy: { rate: { condoManagerPerSec: 1000, condoControlPerSec: input.ccPerSec, concurrency: input.concurrency } },
    ...(database ? { database } : {}),
  });
  await core.start();
  if (database) {
    console.log('READY');
    await goSignal();
  }
  const profile = process.env.BENCH_ALLOC_PROFILE ? await startAllocationProfile() : undefined;
  const snapshots = process.env.BENCH_HEAP_SNAPSHOT ? heapSnapshots(process.env.BENCH_HEAP_SNAPSHOT) : undefined;
  const before = process.memoryUsage();
  if (input.trace) console.error(`before the sync: rss ${Math.round(before.rss / MB)} MB, heap ${Math.round(before.heapUsed / MB)} of ${Math.round(before.heapTotal / MB)} MB committed`);

  const gc = { live: 0, major: 0 };
  // Called soon after each GC (entries are batched): heapUsed then is the survivors plus a little since.
  const gcWatch = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if ((e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
      gc.major++;
      gc.live = Math.max(gc.live, process.memoryUsage().heapUsed);
    }
  });
  gcWatch.observe({ entryTypes: ['gc'] });
  const cpu0 = process.cpuUsage();
  let peak = before.rss;
  let atPeak = before;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peak) {
      peak = m.rss;
      atPeak = m;
    }
  }, 100);
  const pacer = core.systems!.cc.policy.pacer;
  const load = { samples: 0, inFlight: 0, waiting: 0 };
  let firstWrite = 0;
  let minRate = Infinity;
  let traced = 0;
  const started = performance.now();
  const queued: Job[] = [];
  if (lead) {
    const scopes = input.perBuilding?.map((corporationId) => ({ scope: { corporationId } })) ?? [{}];
    for (const scope of scopes) queued.push((await core.call('sync.start', { kind: 'residents', trigger: 'manual', ...scope })) as Job);
  }
  // The run as the shared list shows it: every resident job, summed into one view.
  const view = async (): Promise<Pick<JobDetail, 'status' | 'phase' | 'progress' | 'counts'> & { jobs: number }> => {
    if (!database && queued[0]) return { ...((await core.call('jobs.get', { id: queued[0].id, limit: 1 })) as JobDetail), jobs: 1 };
    const jobs = ((await core.call('jobs.list', { kind: 'residents', limit: 200 })) as { items: Job[] }).items;
    const want = input.perBuilding?.length ?? 1;
    const running = jobs.some((j) => j.status === 'queued' || j.status === 'running');
    const sum = (f: (j: Job) => number) => jobs.reduce((n, j) => n + f(j), 0);
    return {
      jobs: jobs.length,
      status: jobs.length < want || running ? 'running' : jobs.every((j) => j.status === 'succeeded') ? 'succeeded' : (jobs.find((j) => j.status !== 'succeeded')?.status ?? 'running'),
      phase: jobs.some((j) => j.phase === 'writing' || j.progress.done > 0) ? 'writing' : 'reading',
      progress: { done: sum((j) => j.progress.done), total: sum((j) => j.progress.total) },
      counts: { created: 0, updated: 0, unchanged: 0, deactivated: 0, conflict: 0, failed: sum((j) => j.counts.failed) },
    };
  };
  let ticking = true;
  const ticker = (async () => {
    while (ticking) {
      const j = await view();
      if (input.trace && performance.now() - traced > 5000) {
        traced = performance.now();
        console.error(`${Math.round((traced - started) / 1000)} s: ${j.status} ${j.phase} ${j.progress.done}/${j.progress.total} rss ${Math.round(process.memoryUsage().rss / MB)} MB`);
      }
      // Buildings are written while later ones are still read (the phase says
      // 'writing' only once every read is in): the first outcome is the first write.
      if (!firstWrite && (j.progress.done > 0 || j.phase === 'writing')) firstWrite = performance.now();
      const snap = pacer.snapshot();
      minRate = Math.min(minRate, snap.rate);
      if (firstWrite && j.status === 'running') {
        load.samples++;
        load.inFlight += snap.inFlight;
        load.waiting += snap.waiting;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  if (database) {
    for (;;) {
      const v = await view();
      if (v.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
  } else await core.runner.idle();
  ticking = false;
  await ticker;
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  gcWatch.disconnect();
  snapshots?.();
  if (profile) await profile(process.env.BENCH_ALLOC_PROFILE!);
  const done = await view();
  await core.stop();
  const result: ConsoleRunResult = {
    status: done.status,
    failed: done.counts.failed,
    seconds,
    readSeconds: firstWrite ? (firstWrite - started) / 1000 : seconds,
    rssBeforeMB: before.rss / MB,
    heapBeforeMB: before.heapUsed / MB,
    peakRssMB: peak / MB,
    peakHeapMB: atPeak.heapUsed / MB,
    peakExternalMB: (atPeak.external + atPeak.arrayBuffers) / MB,
    peakHeapTotalMB: atPeak.heapTotal / MB,
    liveHeapMaxMB: gc.live / MB,
    majorGcs: gc.major,
    minPacerRate: minRate,
    meanInFlight: load.samples ? load.inFlight / load.samples : 0,
    meanWaiting: load.samples ? load.waiting / load.samples : 0,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    jobs: done.jobs,
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
  return 0;
}

/** Resolves on a line `GO` on standard input (the harness sends it once every engine is READY). */
function goSignal(): Promise<void> {
  return new Promise((resolve) => {
    let buffered = '';
    process.stdin.setEncoding('utf8');
    const onData = (chunk: string) => {
      buffered += chunk;
      if (!buffered.split('\n').includes('GO')) return;
      process.stdin.off('data', onData);
      process.stdin.destroy(); // an open stdin pipe would keep the process alive after the run
      resolve();
    };
    process.stdin.on('data', onData);
  });
}

/**
 * BENCH_HEAP_SNAPSHOT=<dir>:<s>,<s>…: a heap snapshot (what is retained,
 * after a full GC) that many seconds into the sync, written to <dir>. For
 * finding what holds memory; a snapshot pauses the process, so the run's
 * figures are not the bench's. Answers a function that cancels the ones not taken.
 */
function heapSnapshots(spec: string): () => void {
  const [dir, at = ''] = spec.split(':');
  const timers = at
    .split(',')
    .filter(Boolean)
    .map((s) => setTimeout(() => console.error(`heap snapshot: ${writeHeapSnapshot(join(dir!, `console-${s}s.heapsnapshot`))}`), Number(s) * 1000));
  return () => timers.forEach(clearTimeout);
}

/**
 * BENCH_ALLOC_PROFILE=<file.heapprofile>: every allocation of the sync
 * (sampled), collected or not, for finding what churns the heap. Profiling
 * slows the run; its figures are not the bench's.
 */
async function startAllocationProfile(): Promise<(file: string) => Promise<void>> {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', { samplingInterval: 32768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  return async (file) => {
    const { profile } = await session.post('HeapProfiler.stopSampling');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}
