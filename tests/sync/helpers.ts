// Shared helpers for the resident-sync tests: the sandboxes' own stores (for
// what their APIs cannot do: a Condo Control unit renamed, a Condo Manager
// record corrupted or deleted), faults, stats, and checks on what Condo
// Control holds.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { JobDetail, JobOutcome } from '@shared/types';
import { isValidEmail } from '../../electron/core/sync/mapping';
import type { CcUser } from '../../electron/sandbox/condo-control/users';
import { allUsers, cmPeople, type CmPerson, type World, dbRows } from '../helpers/world';

export type System = 'cm' | 'cc';

export interface FaultSettings {
  latencyMs?: number;
  jitterMs?: number;
  rateLimitPerSec?: number;
  errorRate?: number;
  timeoutRate?: number;
  malformedRate?: number;
  resetRate?: number;
  wrongBodyRate?: number;
  corruptRecordRate?: number;
  stormMs?: number;
  retryAfterSec?: number;
  expireTokensEvery?: number;
  seed?: number;
}

export const NO_FAULTS = {
  latencyMs: 0, jitterMs: 0, rateLimitPerSec: 0, errorRate: 0, timeoutRate: 0, malformedRate: 0,
  resetRate: 0, wrongBodyRate: 0, corruptRecordRate: 0, stormMs: 0, retryAfterSec: 0, expireTokensEvery: 0,
};

export interface Stats {
  requests: Record<string, number>;
  statuses: Record<string, number>;
  faults: Record<string, number>;
}

export async function setFaults(world: World, system: System, faults: FaultSettings): Promise<void> {
  await world.sandbox(system, '/faults', faults, 'PUT');
}

export async function clearFaults(world: World): Promise<void> {
  await setFaults(world, 'cm', NO_FAULTS);
  await setFaults(world, 'cc', NO_FAULTS);
}

export async function stats(world: World, system: System): Promise<Stats> {
  return (await world.sandbox(system, '/stats')) as Stats;
}

export async function resetStats(world: World): Promise<void> {
  await world.sandbox('cm', '/stats/reset', {});
  await world.sandbox('cc', '/stats/reset', {});
}

/** Requests whose method writes (POST/PUT/PATCH/DELETE), the login excepted. */
export function writeRequests(s: Stats): Record<string, number> {
  return Object.fromEntries(Object.entries(s.requests).filter(([k]) => /^(POST|PUT|PATCH|DELETE) /.test(k) && !k.includes('/auth/token')));
}

export function total(s: Stats, filter: (route: string) => boolean = () => true): number {
  return Object.entries(s.requests)
    .filter(([k]) => filter(k))
    .reduce((n, [, v]) => n + v, 0);
}

/** A sandbox's own SQLite store (WAL, so a second connection sees and makes live changes). */
export function store(world: World, system: System): Database.Database {
  const db = new Database(join(world.dir, 'sandbox', system === 'cm' ? 'condo-manager.sqlite' : 'condo-control.sqlite'));
  db.pragma('busy_timeout = 5000');
  return db;
}

export async function workspaceId(world: World): Promise<string> {
  return ((await (await world.cc('/workspaces')).json()) as { id: string }[])[0]!.id;
}

/** A Condo Control user as the sandbox answers it. */
export type { CcUser };

/** Every user of every workspace, straight from the sandbox. */
export async function ccUsers(world: World): Promise<CcUser[]> {
  return (await allUsers(world)) as unknown as CcUser[];
}

export async function ccUserOf(world: World, externalId: string): Promise<CcUser | undefined> {
  const ws = await workspaceId(world);
  const list = (await (await world.cc(`/workspaces/${ws}/users?externalId=${encodeURIComponent(externalId)}`)).json()) as CcUser[];
  if (list.length > 1) throw new Error(`${list.length} users carry externalId ${externalId}`);
  return list[0];
}

export async function groupIdByName(world: World): Promise<Map<string, string>> {
  const ws = await workspaceId(world);
  const groups = (await (await world.cc(`/workspaces/${ws}/groups`)).json()) as { id: string; name: string }[];
  return new Map(groups.map((g) => [g.name, g.id]));
}

export interface CcUnit {
  id: string;
  name: string;
  unitType: string;
  externalId: string | null;
}

export async function ccUnits(world: World): Promise<CcUnit[]> {
  const ws = await workspaceId(world);
  return (await (await world.cc(`/workspaces/${ws}/units?limit=1000`)).json()) as CcUnit[];
}

export interface CmUnit {
  id: string;
  number: string;
  kind: string;
  occupancy: string;
}

export async function cmUnits(world: World, corp = world.corp): Promise<CmUnit[]> {
  const res = await fetch(`${world.sandboxes.condoManagerUrl}/v1/corporations/${corp}/units?limit=1000`, {
    headers: { 'x-cm-client-id': 'demo', 'x-cm-client-secret': 'demo-secret' },
  });
  return (await res.json()) as CmUnit[];
}

/** The ids a test names by unit number: Condo Manager's and Condo Control's, and Condo Control's groups by name. */
export interface UnitLookups {
  /** @throws when the building has no unit of that number. */
  unitId(number: string): string;
  /** @throws when Condo Control has no unit of that name. */
  ccUnitId(number: string): string;
  groups: Map<string, string>;
}

export async function unitLookups(world: World): Promise<UnitLookups> {
  const cm = await cmUnits(world);
  const cc = await ccUnits(world);
  const groups = await groupIdByName(world);
  const find = <T>(list: T[], match: (u: T) => boolean, what: string): T => {
    const hit = list.find(match);
    if (!hit) throw new Error(`no ${what}`);
    return hit;
  };
  return {
    unitId: (n) => find(cm, (u) => u.number === n, `Condo Manager unit ${n}`).id,
    ccUnitId: (n) => find(cc, (u) => u.name === n, `Condo Control unit ${n}`).id,
    groups,
  };
}

/** A full Condo Manager person (phones and language too), straight from the sandbox. */
export interface CmFullPerson extends CmPerson {
  phones: { type: string; number: string }[];
  language: 'en' | 'fr';
  startDate: string | null;
}

export async function cmFullPeople(world: World): Promise<CmFullPerson[]> {
  return (await cmPeople(world)) as CmFullPerson[];
}

/** Every outcome of a job (the contract pages them by 1000). */
export async function allOutcomes(world: World, jobId: string): Promise<JobOutcome[]> {
  const out: JobOutcome[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = (await world.core.call('jobs.get', { id: jobId, offset, limit: 1000 })) as JobDetail;
    out.push(...page.outcomes.items);
    if (out.length >= page.outcomes.total || page.outcomes.items.length === 0) return out;
  }
}

export function outcomesFor(job: JobDetail | JobOutcome[], entityId: string): JobOutcome[] {
  const items = Array.isArray(job) ? job : job.outcomes.items;
  return items.filter((o) => o.entityId === entityId);
}

/** Waits until `check` holds for the job (polling jobs.get), or throws after `ms`. */
export async function waitForJob(world: World, id: string, check: (job: JobDetail) => boolean, ms = 20_000): Promise<JobDetail> {
  const started = Date.now();
  for (;;) {
    const job = (await world.core.call('jobs.get', { id, limit: 1 })) as JobDetail;
    if (check(job)) return job;
    if (Date.now() - started > ms) throw new Error(`job ${id} stayed ${job.status}/${job.phase} (${JSON.stringify(job.progress)})`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sameSet = (a: readonly string[], b: readonly string[]) => [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

export interface ConvergenceReport {
  problems: string[];
}

/**
 * Condo Control matches Condo Manager for one corporation: every active person
 * has exactly one user with Condo Manager's values (an email may be missing,
 * or the previous one kept when the new one is invalid, only when the person
 * is flagged for it), Past people are inactive, and no
 * externalId is carried twice.
 */
export async function convergence(world: World, opts: { flagged?: Set<string> } = {}): Promise<string[]> {
  const people = await cmFullPeople(world);
  const users = await ccUsers(world);
  const problems: string[] = [];
  const byExternal = new Map<string, CcUser[]>();
  for (const u of users) if (u.externalId) byExternal.set(u.externalId, [...(byExternal.get(u.externalId) ?? []), u]);
  for (const [ext, list] of byExternal) if (list.length > 1) problems.push(`${list.length} users carry externalId ${ext}`);
  const emailCount = new Map<string, number>();
  for (const p of people) {
    const e = p.email?.trim().toLowerCase();
    if (p.status === 'Active' && e) emailCount.set(e, (emailCount.get(e) ?? 0) + 1);
  }
  for (const p of people) {
    const user = byExternal.get(p.id)?.[0];
    if (p.status === 'Past') {
      if (user?.active) problems.push(`${p.id} is Past but active in Condo Control`);
      continue;
    }
    if (!user) {
      problems.push(`${p.id} (${p.firstName} ${p.lastName}) has no Condo Control user`);
      continue;
    }
    if (!user.active) problems.push(`${p.id} is inactive in Condo Control`);
    if (user.firstName !== p.firstName) problems.push(`${p.id} firstName ${JSON.stringify(user.firstName)} ≠ ${JSON.stringify(p.firstName)}`);
    if (user.lastName !== p.lastName) problems.push(`${p.id} lastName ${JSON.stringify(user.lastName)} ≠ ${JSON.stringify(p.lastName)}`);
    if (JSON.stringify(user.phones) !== JSON.stringify(p.phones)) problems.push(`${p.id} phones differ`);
    if (user.language !== p.language) problems.push(`${p.id} language ${user.language} ≠ ${p.language}`);
    const want = p.email?.trim().toLowerCase() || null;
    const have = user.email?.toLowerCase() ?? null;
    if (have !== want) {
      // Flagged: Condo Control could not take the email. A user keeps the one
      // it had when the new one is not a login Condo Control accepts.
      const flagged = opts.flagged?.has(p.id) ?? false;
      const excused = flagged && want !== null && (have === null || !isValidEmail(want));
      if (!excused) problems.push(`${p.id} email ${have} ≠ ${want}${want && (emailCount.get(want) ?? 0) > 1 ? ' (shared)' : ''}`);
    }
  }
  return problems;
}

/** People whose latest recorded state in the console needs attention (flagged). */
export async function flaggedPeople(world: World): Promise<Set<string>> {
  const rows = await dbRows<{ source_id: string }>(world, "SELECT source_id FROM id_map WHERE entity = 'person' AND sync_status = 'attention'");
  return new Set(rows.map((r) => r.source_id));
}

export { cmPeople };
