import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { countsInWords } from '@shared/job-summary';
import type { Job, JobDetail } from '@shared/types';
import { bootCore } from '../runtime/boot';
import { chooseDatabase } from '../core/db/connect';
import { acquireLock, readLock } from '../runtime/lock';
import { createLogger } from '../core/log';
import { FileSecretStore } from '../core/secrets';
import { hostSettingsStore } from './server';

export interface SyncCommandOptions {
  dataDir: string;
  wait: boolean;
  reconcile: boolean;
  dryRun: boolean;
  json: boolean;
  out?: NodeJS.WriteStream;
  err?: NodeJS.WriteStream;
}

const TERMINAL = new Set(['succeeded', 'partial', 'failed', 'cancelled', 'awaiting_confirmation']);

/** The job's end as one line a person reads. */
export function summary(job: Job): string {
  const parts = countsInWords(job.counts);
  const what = job.dryRun ? 'Preview' : job.kind === 'reconcile' ? 'Full reconcile' : 'Sync';
  switch (job.status) {
    case 'succeeded':
      return `${what} finished: ${parts.join(', ') || 'everything was already in sync'}.`;
    case 'partial':
      return `${what} finished with problems: ${parts.join(', ')}. ${job.error?.message ?? 'Failed records are retried on the next sync.'}`;
    case 'failed':
      return `${what} failed: ${job.error?.message ?? 'unknown error'} Nothing was lost; it will run again.`;
    case 'cancelled':
      return `${what} was cancelled. What it wrote is kept; the rest syncs next time.`;
    case 'awaiting_confirmation':
      return `${what} is waiting for confirmation: ${job.error?.message ?? ''}`;
    default:
      return `${what} is ${job.status.replace('_', ' ')}.`;
  }
}

export function exitCodeFor(job: Job): number {
  return job.status === 'succeeded' || job.status === 'queued' || job.status === 'running' ? 0 : 1;
}

function progressBar(job: Job, stream: NodeJS.WriteStream): void {
  if (!stream.isTTY) return;
  const { done, total } = job.progress;
  const pct = total ? Math.min(100, Math.floor((done / total) * 100)) : 0;
  const width = 30;
  const filled = Math.round((pct / 100) * width);
  stream.write(`\r${job.phase.padEnd(8)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(pct).padStart(3)}%  ${done}/${total}   `);
}

export interface Api {
  call<T>(method: string, input: unknown): Promise<T>;
}

export function remoteApi(port: number, token: string): Api {
  return {
    async call<T>(method: string, input: unknown): Promise<T> {
      let res: Response;
      try {
        res = await fetch(`http://127.0.0.1:${port}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(input),
        });
      } catch {
        // A console serving HTTPS, or bound to one network address only, is not reachable this way.
        throw new Error(
          `The console that owns this data dir does not answer on http://127.0.0.1:${port}/ (it may serve HTTPS or another address only). ` +
            'Use its web page, or stop it and run this command again.',
        );
      }
      const body = (await res.json()) as { ok: boolean; result?: T; error?: { message: string } };
      if (!body.ok) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
      return body.result as T;
    },
  };
}

async function follow(api: Api, id: string, opts: SyncCommandOptions): Promise<Job> {
  const err = opts.err ?? process.stderr;
  for (;;) {
    const job = await api.call<JobDetail>('jobs.get', { id, limit: 1 });
    if (!opts.json) progressBar(job, err);
    if (TERMINAL.has(job.status)) {
      if (err.isTTY && !opts.json) err.write('\n');
      const { outcomes: _omit, ...rest } = job;
      return rest;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * `condo-sync sync`: asks the running console that owns the data dir (found
 * through its lock file), or runs the sync in this process when none does.
 */
export async function runSyncCommand(opts: SyncCommandOptions): Promise<number> {
  const out = opts.out ?? process.stdout;
  const request = { kind: opts.reconcile ? 'reconcile' : 'residents', trigger: 'cli', dryRun: opts.dryRun };
  const finish = (job: Job) => {
    if (!opts.json || out.isTTY) out.write(`${summary(job)}\n`);
    if (opts.json) out.write(`${JSON.stringify({ id: job.id, kind: job.kind, status: job.status, dryRun: job.dryRun, counts: job.counts, error: job.error ?? null })}\n`);
    return exitCodeFor(job);
  };

  const owner = readLock(opts.dataDir);
  if (owner) {
    const api = remoteApi(owner.port, owner.token);
    const job = await api.call<Job>('sync.start', request);
    if (!opts.wait) {
      if (!opts.json) out.write(`Sync queued in the running console (process ${owner.pid}).\n`);
      return finish(job);
    }
    return finish(await follow(api, job.id, opts));
  }

  // Nobody owns the data dir: run here, holding the lock meanwhile, on the
  // same store a console would use (CONDO_SYNC_DATABASE_URL, else SQLite).
  const store = chooseDatabase({ sqliteFile: join(opts.dataDir, 'condo-sync.sqlite') });
  mkdirSync(opts.dataDir, { recursive: true });
  const lock = acquireLock(opts.dataDir, { port: 0, token: randomBytes(16).toString('hex') });
  const logger = createLogger({ dir: join(opts.dataDir, 'logs') });
  let booted: Awaited<ReturnType<typeof bootCore>> | undefined;
  try {
    booted = await bootCore({
      dataDir: opts.dataDir,
      adapter: 'http',
      settings: hostSettingsStore(opts.dataDir),
      secrets: new FileSecretStore(opts.dataDir),
      logger,
      coreOptions: { initialSync: false, scheduler: false },
      ...(store.kind === 'postgres' ? { databaseUrl: store.url } : {}),
    });
    const core = booted.core;
    const api: Api = { call: (m, i) => core.call(m, i) as never };
    const job = await api.call<Job>('sync.start', request);
    return finish(await follow(api, job.id, opts));
  } finally {
    await booted?.stop();
    lock.release();
  }
}
