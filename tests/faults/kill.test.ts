// Fault matrix, kill -9: the engine (engine-child.ts, a real child process)
// is killed with SIGKILL at 20 seeded random points of the first resident
// sync, then at 20 more of the invoice history import, restarted after each
// kill, while the desk keeps editing. The sandboxes live in this process and
// count the engine's requests, so each kill lands a random number of
// requests into that life. Nothing duplicated, nothing lost, one job each.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
// esbuild comes with tsx (a dependency); only this test bundles with it.
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { silentLogger } from '../../electron/core/log';
import { CondoManagerDesk, createSystems } from '../../electron/core/systems';
import { startSandboxes, type RunningSandboxes } from '../../electron/sandbox';
import { mulberry32 } from '../../electron/sandbox/portfolio/prng';
import { invoiceBody } from '../commerce/helpers';
import { tempDir } from '../helpers/temp-dir';
import { spawnNode, type TsChild } from '../helpers/ts-child';
import { flaggedIn, record, residentVerdict, verdict, type Systems } from './matrix';

const ROOT = join(import.meta.dirname, '..', '..');
const SOURCE = join(import.meta.dirname, 'engine-child.ts');
const MIGRATIONS = join(ROOT, 'electron', 'core', 'db', 'migrations');
let childJs = '';
const KILLS = 20;
const random = mulberry32(Number(process.env.FAULTS_SEED ?? 2750));

let dir: ReturnType<typeof tempDir>;
let sandboxes: RunningSandboxes;
let child: TsChild | undefined;
let desk: CondoManagerDesk;
let closeDesk: () => void;
let corp: string;
let dataDir: string;
let restarts = 0;

async function start(first = false): Promise<void> {
  child = spawnNode(childJs, [dataDir, sandboxes.condoManagerUrl, sandboxes.condoControlUrl, MIGRATIONS, first ? 'first' : ''], {
    // The bundle leaves packages outside; they resolve from the checkout.
    env: { NODE_PATH: join(ROOT, 'node_modules') },
  });
  await child.waitFor(/ready/, 120_000);
}

async function ccRequests(): Promise<number> {
  const s = (await (await fetch(`${sandboxes.condoControlUrl}/_sandbox/stats`)).json()) as { requests: Record<string, number> };
  return Object.values(s.requests).reduce((a, b) => a + b, 0);
}

/** The newest job of a kind, as the engine's own database holds it. */
function job(kind: string): { id: string; status: string; trigger: string; error: string | null; counts: string } | undefined {
  const file = join(dataDir, 'condo-sync.sqlite');
  if (!existsSync(file)) return undefined;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id, status, trigger, error, counts FROM jobs WHERE kind = ? ORDER BY created_at DESC LIMIT 1').get(kind) as never;
  } finally {
    db.close();
  }
}

function jobsOf(kind: string): number {
  const db = new Database(join(dataDir, 'condo-sync.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM jobs WHERE kind = ?').pluck().get(kind) as number;
  } finally {
    db.close();
  }
}

/**
 * Lets the engine run until it has sent `n` more requests to Condo Control,
 * then kills it; or returns false when the job finished first.
 */
async function killAfter(n: number, kind: string): Promise<boolean> {
  const base = await ccRequests();
  const stallAt = Date.now() + 30_000;
  for (let polls = 0; ; polls++) {
    if ((await ccRequests()) - base >= n) {
      await child!.kill9();
      return true;
    }
    if (polls % 10 === 0) {
      const status = job(kind)?.status;
      if (status && ['succeeded', 'partial', 'failed', 'cancelled'].includes(status)) return false;
      if (Date.now() > stallAt) throw new Error(`the engine sent nothing for 30 s (${kind} ${status}, life ${restarts})`);
    }
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** A desk edit between lives: a name in NFD with a curly apostrophe, and an invoice. */
async function deskEdit(i: number): Promise<void> {
  const res = await fetch(`${sandboxes.condoManagerUrl}/v1/corporations/${corp}/owners?limit=1000`, { headers: { 'x-cm-client-id': 'demo', 'x-cm-client-secret': 'demo-secret' } });
  const owners = ((await res.json()) as { id: string; status: string; unitIds: string[] }[]).filter((o) => o.status === 'Active');
  const o = owners[(i * 13) % owners.length]!;
  await desk.updatePerson(corp, 'owner', o.id, { firstName: `Hélène ${i}`.normalize('NFD'), lastName: `D’Amour` });
  await desk.createInvoice(corp, invoiceBody(o.unitIds[0]!, 4_200 + i, `Frais de retard ${i}`));
}

async function killLoop(kind: string, most: number): Promise<number> {
  let kills = 0;
  while (kills < KILLS) {
    const n = 1 + Math.floor(random() * most);
    if (!(await killAfter(n, kind))) break;
    kills++;
    if (kills % 5 === 0) await deskEdit(restarts);
    restarts++;
    await start();
  }
  return kills;
}

function systems(): Systems {
  return {
    sandboxDir: join(dir.path, 'sandbox'),
    condoManagerUrl: sandboxes.condoManagerUrl,
    condoControlUrl: sandboxes.condoControlUrl,
    flagged: flaggedIn(join(dataDir, 'condo-sync.sqlite')),
  };
}

async function until(what: string, check: () => boolean, ms = 60_000, kind = 'residents'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(job(kind))}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  dir = tempDir();
  dataDir = join(dir.path, 'console');
  // One bundle of the engine (about 0.3 s), so each of the 40 restarts skips tsx's compile.
  childJs = join(dir.path, 'engine-child.cjs');
  // Packages stay outside the bundle, except the ESM-only p-limit, which a CommonJS bundle must carry itself.
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: object; devDependencies: object };
  const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((n) => n !== 'p-limit');
  await build({ entryPoints: [SOURCE], bundle: true, platform: 'node', format: 'cjs', external, outfile: childJs, tsconfig: join(ROOT, 'tsconfig.json'), logLevel: 'error' });
  sandboxes = await startSandboxes({ dataDir: join(dir.path, 'sandbox'), size: 'small' });
  const s = createSystems({
    condoManager: { url: sandboxes.condoManagerUrl, clientId: 'demo', clientSecret: 'demo-secret' },
    condoControl: { url: sandboxes.condoControlUrl, username: 'demo', password: 'demo-password' },
  });
  desk = new CondoManagerDesk(s.condoManager);
  closeDesk = () => s.close();
  corp = (await s.condoManager.listCorporations()).items[0]!.id;
});
afterAll(async () => {
  await child?.kill9();
  closeDesk?.();
  await sandboxes?.close();
  dir?.cleanup();
});

describe('fault matrix: kill -9', () => {
  it(`at ${KILLS} random points of the first resident sync: resumed each time, one job, nobody twice or missing`, async ({ task }) => {
    await start(true);
    const kills = await killLoop('residents', 8);
    await until('the resident sync to finish', () => job('residents')?.status === 'succeeded');
    expect(jobsOf('residents'), 'resumed, never queued again').toBe(1);
    const v = await residentVerdict(systems());
    record(task, { case: `kill -9 ×${kills}, resident sync`, runs: kills + 1, converged: v.converged, duplicates: v.duplicates, lost: v.lost, note: 'small, child process' });
    expect(kills).toBe(KILLS);
    expect(v.problems).toEqual([]);
    expect(v.duplicates).toBe(0);
  }, 180_000);

  it(`at ${KILLS} random points of the invoice history import, then a clean run: every line once, balances equal`, async ({ task }) => {
    await until('the history import to start', () => job('commerce-reconcile') !== undefined, 60_000, 'commerce-reconcile');
    const kills = await killLoop('commerce-reconcile', 30);
    await until('the history import to finish', () => job('commerce-reconcile')?.status === 'succeeded', 60_000, 'commerce-reconcile');
    expect(jobsOf('commerce-reconcile'), 'resumed, never queued again').toBe(1);
    await child!.kill9();
    // The next clean run, in this process, on the same data dir.
    const core = createCore({
      dataDir,
      adapter: 'http',
      logger: silentLogger,
      initialSync: false,
      scheduler: false,
      realtime: false,
      systems: {
        mode: 'live',
        condoManager: { url: sandboxes.condoManagerUrl, clientId: 'demo', clientSecret: 'demo-secret' },
        condoControl: { url: sandboxes.condoControlUrl, username: 'demo', password: 'demo-password' },
      },
    });
    await core.start();
    try {
      await core.runner.enqueue({ kind: 'residents', trigger: 'manual', dryRun: false });
      await core.runner.idle();
      await core.runner.enqueue({ kind: 'commerce-reconcile', trigger: 'manual', dryRun: false });
      await core.runner.idle();
      expect(core.db!.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await core.stop();
    }
    const v = await verdict(systems());
    record(task, { case: `kill -9 ×${kills}, history import`, runs: kills + 3, converged: v.converged, duplicates: v.duplicates, lost: v.lost, note: 'small, child process' });
    expect(kills).toBe(KILLS);
    expect(v.problems).toEqual([]);
    expect(v.duplicates).toBe(0);
    expect(v.lost).toBe(0);
  }, 180_000);
});
