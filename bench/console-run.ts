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
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import type { Job, JobDetail } from '@shared/types';
import { createCore } from '../electron/core/core';
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
  minPacerRate: number;
  meanInFlight: number;
  meanWaiting: number;
  /** User + system CPU of this process during the sync. */
  cpuSeconds: number;
}

const MB = 2 ** 20;
const CM = { clientId: 'demo', clientSecret: 'demo-secret' };
const CC = { username: 'demo', password: 'demo-password' };

export async function main(args: string[]): Promise<number> {
  const input = JSON.parse(args[0] ?? '{}') as ConsoleRunInput;
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
  });
  await core.start();
  const profile = process.env.BENCH_ALLOC_PROFILE ? await startAllocationProfile() : undefined;
  const before = process.memoryUsage();
  if (input.trace) console.error(`before the sync: rss ${Math.round(before.rss / MB)} MB, heap ${Math.round(before.heapUsed / MB)} of ${Math.round(before.heapTotal / MB)} MB committed`);

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
  const job = (await core.call('sync.start', { kind: 'residents', trigger: 'manual' })) as Job;
  let ticking = true;
  const ticker = (async () => {
    while (ticking) {
      const j = (await core.call('jobs.get', { id: job.id, limit: 1 })) as JobDetail;
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
  await core.runner.idle();
  ticking = false;
  await ticker;
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  if (profile) await profile(process.env.BENCH_ALLOC_PROFILE!);
  const done = (await core.call('jobs.get', { id: job.id, limit: 1 })) as JobDetail;
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
    minPacerRate: minRate,
    meanInFlight: load.samples ? load.inFlight / load.samples : 0,
    meanWaiting: load.samples ? load.waiting / load.samples : 0,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
  return 0;
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
