// The sandboxes the resident sync benchmarks run against: a seeded portfolio
// launched as `condo-sync sandbox` in a child process (seeding `large` once,
// then copying it for each phase), its control routes (/_sandbox: faults,
// stats), and the portfolio read straight from Condo Manager.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export type Size = 'small' | 'medium' | 'large';

const ROOT = resolve(import.meta.dirname, '..');
export const SEED = 2750;
export const CM = { clientId: 'demo', clientSecret: 'demo-secret' };
export const CC = { username: 'demo', password: 'demo-password' };

export interface Stats {
  requests: Record<string, number>;
  statuses: Record<string, number>;
  faults?: Record<string, number>;
}

// ---------------------------------------------------------------- sandboxes

export interface Sandboxes {
  cm: string;
  cc: string;
  dir: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

export function launch(size: Size, dataDir: string): Promise<Sandboxes & { child: ChildProcess }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'condo-sync.mjs'), 'sandbox', '--size', size, '--seed', String(SEED), '--cm-port', '0', '--cc-port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`sandbox (${size}) did not start in 180 s: ${err}`)), 180_000);
    child.stderr!.on('data', (d) => (err += String(d)));
    const onFailedExit = (code: number | null) => fail(new Error(`sandbox exited (${code}): ${err}`));
    child.on('exit', onFailedExit);
    const onData = (d: Buffer) => {
      out += String(d);
      const cm = /Condo Manager: (http:\/\/\S+)/.exec(out)?.[1];
      const cc = /Condo Control: (http:\/\/\S+)/.exec(out)?.[1];
      if (!cm || !cc) return;
      clearTimeout(timer);
      // Once: what the sandbox prints later ("Stopping …") must not touch stop()'s own exit listener.
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      child.off('exit', onFailedExit);
      done({
        cm,
        cc,
        dir: dataDir,
        pid: child.pid,
        child,
        stop: () =>
          new Promise<void>((r) => {
            if (child.exitCode !== null) return r();
            child.once('exit', () => r());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout!.on('data', onData);
  });
}

/** A fresh copy of a seeded portfolio (seeding `large` takes half a minute; copying it, a second). */
export async function sandboxes(size: Size, work: string): Promise<Sandboxes> {
  const pristine = join(tmpdir(), 'condo-sync-bench', `pristine-${size}-${SEED}`);
  if (!existsSync(join(pristine, 'ready'))) {
    rmSync(pristine, { recursive: true, force: true });
    mkdirSync(pristine, { recursive: true });
    const seeding = await launch(size, pristine);
    await seeding.stop();
    writeFileSync(join(pristine, 'ready'), `${size} ${SEED}\n`);
  }
  const dir = join(work, `sandbox-${size}-${Math.random().toString(36).slice(2, 8)}`);
  cpSync(pristine, dir, { recursive: true, filter: (src) => !src.endsWith('ready') });
  return launch(size, dir);
}

export async function control(base: string, path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<unknown> {
  const res = await fetch(`${base}/_sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return res.json();
}

export const stats = (base: string) => control(base, '/stats') as Promise<Stats>;
export const resetStats = async (sb: Sandboxes) => {
  await control(sb.cm, '/stats/reset', {});
  await control(sb.cc, '/stats/reset', {});
};

// ---------------------------------------------------------------- reading the sandboxes directly

export interface Person {
  id: string;
  firstName: string;
  status: 'Active' | 'Past';
  unitIds: string[];
  email: string | null;
  lastName: string;
  phones: unknown[];
  language: 'en' | 'fr';
}

export async function cmList<T>(base: string, path: string): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += 1000) {
    const res = await fetch(`${base}${path}${path.includes('?') ? '&' : '?'}limit=1000&offset=${offset}`, {
      headers: { 'x-cm-client-id': CM.clientId, 'x-cm-client-secret': CM.clientSecret },
    });
    const page = (await res.json()) as T[];
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

export interface Portfolio {
  corps: { id: string; code: string; owners: Person[]; tenants: Person[]; units: { id: string; number: string; occupancy: string }[] }[];
}

/** The portfolio reduced to what the full-sync figures need (current residents and units per corporation). */
export function countsOnly(p: Portfolio): Portfolio {
  const stub = (n: number) => Array.from({ length: n }, () => ({ status: 'Active' }) as Person);
  return {
    corps: p.corps.map((c) => ({
      id: c.id,
      code: c.code,
      owners: stub(c.owners.filter((x) => x.status === 'Active').length),
      tenants: stub(c.tenants.filter((x) => x.status === 'Active').length),
      units: c.units.map(() => ({ id: '', number: '', occupancy: '' })),
    })),
  };
}

export async function portfolio(sb: Sandboxes): Promise<Portfolio> {
  const corps = await cmList<{ id: string; code: string }>(sb.cm, '/v1/corporations');
  const out: Portfolio = { corps: [] };
  for (const c of corps) {
    out.corps.push({
      ...c,
      owners: await cmList<Person>(sb.cm, `/v1/corporations/${c.id}/owners?includePast=true`),
      tenants: await cmList<Person>(sb.cm, `/v1/corporations/${c.id}/tenants?includePast=true`),
      units: await cmList(sb.cm, `/v1/corporations/${c.id}/units`),
    });
  }
  return out;
}

