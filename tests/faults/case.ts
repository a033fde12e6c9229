// One fault case, the same way every time: a fresh portfolio and console,
// messy desk edits before the run and more while it runs (accents in both
// Unicode forms, curly apostrophes, an email Condo Control refuses, a
// move-out, an invoice and a payment), the first sync and the invoice
// history import under the fault, then the fault off and one clean run of
// each. The verdict is matrix.ts's.
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Job, JobDetail } from '@shared/types';
import type { CoreOptions } from '../../electron/core/core';
import { REALTIME, invoiceBody } from '../commerce/helpers';
import { cmPeople, createWorld, type CmPerson, type World } from '../helpers/world';
import { clearFaults, resetStats, setFaults, type FaultSettings } from '../sync/helpers';
import { record, systemsOf, verdict, type Verdict } from './matrix';

export const FAST_POLICY = { rate: { condoManagerPerSec: 1_000, condoControlPerSec: 1_000, concurrency: 16 }, policy: { timeoutMs: 1_000, backoffBaseMs: 5, backoffCapMs: 50, maxPauseMs: 10_000 } };

export interface Faults {
  cm?: FaultSettings;
  cc?: FaultSettings;
}

export interface CaseResult extends Verdict {
  runs: number;
  /** The jobs that ran under the fault, in order. */
  faulty: Job[];
  /** The clean resident sync and history import after it. */
  clean: JobDetail[];
}

export async function matrixWorld(core: Partial<CoreOptions> = {}): Promise<World> {
  return createWorld({ size: 'small', core: { systemsPolicy: FAST_POLICY, realtime: REALTIME, ...core } });
}

/** Retries a desk action that the fault may spoil; a repeated invoice is still an invoice Condo Control must mirror. */
async function desk<T>(fn: () => Promise<T>): Promise<T | undefined> {
  for (let i = 0; i < 30; i++) {
    try {
      return await fn();
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return undefined;
}

const NFD = (s: string) => s.normalize('NFD');

/** Edits a bookkeeper makes: names in both Unicode forms and with ’, an email Condo Control refuses, a move-out. */
async function messyEdits(world: World, round: number, everyone: CmPerson[]): Promise<void> {
  const people = everyone.filter((p) => p.status === 'Active');
  const owners = people.filter((p) => p.role === 'owner');
  const tenants = people.filter((p) => p.role === 'tenant');
  const o = (i: number) => owners[(round * 7 + i) % owners.length]!;
  await desk(() => world.desk.updatePerson(world.corp, 'owner', o(1).id, { firstName: NFD(`Éloïse-${round}`), lastName: `O’Brien` }));
  await desk(() => world.desk.updatePerson(world.corp, 'owner', o(2).id, { firstName: `Zoë ${round}`, lastName: "D'Arcy-Lévesque" }));
  await desk(() => world.desk.updatePerson(world.corp, 'owner', o(3).id, { email: `josé.${round}@exämple.ca` }));
  const leaving = tenants[round % tenants.length];
  if (leaving) await desk(() => world.desk.updatePerson(world.corp, 'tenant', leaving.id, { status: 'Past' }));
  const unit = o(4).unitIds[0]!;
  await desk(() => world.desk.createInvoice(world.corp, invoiceBody(unit, 12_345 + round, `Cotisation spéciale – ${round}`)));
  await desk(() => world.desk.createPayment(world.corp, { unitId: unit, date: '2026-11-30', method: 'PAD', amountCents: 6_789 + round, reference: `PAD ${round}` }));
}

async function jobsSince(world: World, ids: Set<string>): Promise<Job[]> {
  const list = (await world.core.call('jobs.list', { limit: 200 })) as { items: Job[] };
  return list.items.filter((j) => !ids.has(j.id)).reverse();
}

/**
 * Runs one case and returns its verdict. `during` runs while the faulty sync
 * is under way (a token expiry, a clock jump); `heal` undoes what the case did
 * beyond the sandbox faults.
 */
export async function runCase(
  world: World,
  faults: Faults,
  opts: { during?: (job: Job) => Promise<void>; heal?: () => Promise<void>; core?: Partial<CoreOptions> } = {},
): Promise<CaseResult> {
  await world.sandbox('cm', '/reset', { size: 'small' });
  await world.sandbox('cc', '/reset', { size: 'small' });
  await world.restartCore({ dataDir: join(world.dir, `console-${Math.random().toString(36).slice(2)}`), ...opts.core });
  await resetStats(world);
  // Read before any fault: the test's own reads must not meet it.
  const people = await cmPeople(world);
  await messyEdits(world, 1, people);
  const before = new Set(((await world.core.call('jobs.list', { limit: 200 })) as { items: Job[] }).items.map((j) => j.id));

  if (faults.cm) await setFaults(world, 'cm', faults.cm);
  if (faults.cc) await setFaults(world, 'cc', faults.cc);
  const job = (await world.core.call('sync.start', { kind: 'residents', trigger: 'manual' })) as Job;
  // Changes made while the run reads and writes: the run may miss them, the next must not.
  await messyEdits(world, 2, people);
  await opts.during?.(job);
  await world.core.runner.idle();
  const faulty = await jobsSince(world, before);

  await clearFaults(world);
  await opts.heal?.();
  const seen = new Set([...before, ...faulty.map((j) => j.id)]);
  const clean: JobDetail[] = [];
  clean.push(await world.sync());
  const history = (await world.core.call('sync.start', { kind: 'commerce-reconcile', trigger: 'manual' })) as Job;
  await world.core.runner.idle();
  clean.push((await world.core.call('jobs.get', { id: history.id, limit: 100 })) as JobDetail);
  const all = await jobsSince(world, seen);
  const v = await verdict(systemsOf(world));
  return { ...v, runs: faulty.length + all.length, faulty, clean };
}

/** Puts the case's row in the printed matrix: its name, its runs and its verdict. */
export function recordCase(task: Parameters<typeof record>[0], name: string, r: CaseResult): void {
  record(task, { case: name, runs: r.runs, converged: r.converged, duplicates: r.duplicates, lost: r.lost });
}

/** With the fault off, both clean runs succeeded and Condo Control equals Condo Manager: nothing twice, nothing lost. */
export function expectConverged(r: CaseResult): void {
  expect(r.clean.map((j) => [j.kind, j.status])).toEqual([['residents', 'succeeded'], ['commerce-reconcile', 'succeeded']]);
  expect(r.problems).toEqual([]);
  expect(r.duplicates).toBe(0);
  expect(r.lost).toBe(0);
}
