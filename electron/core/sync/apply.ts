import pLimit from 'p-limit';
import type { FieldDifference, OutcomeType } from '@shared/types';
import { ConflictError, isAbortedError, isValidationError } from '../systems/errors';
import { forPeople } from '../jobs/error-text';
import type { CondoControlClient } from '../systems/condo-control-client';
import type { SyncCache } from './cache';
import { contentHash } from './hash';
import type { PersonPlan, UnitPlan } from './plan';
import type { RecordOutcome, SyncControl } from './types';

/** Requests in flight per building; the per-host pacer sets the actual rate. */
export const WRITE_CONCURRENCY = 16;

export interface ApplyContext {
  cc: CondoControlClient;
  cache: SyncCache;
  workspaceId: string;
  ctl: SyncControl;
  dryRun: boolean;
  now: () => string;
}

/** Why one record failed, for the property manager: no routes, ids or values. */
function failureMessage(err: unknown): string {
  if (isValidationError(err)) {
    const fields = err.fields.length ? err.fields.join(', ') : 'some values';
    return `Condo Control refused this record (${fields}). Check those values in Condo Manager; the other records were synced, and this one is tried again on the next sync.`;
  }
  return forPeople(err).replace('the sync will run again', 'this record is tried again on the next sync');
}

function emit(ctx: ApplyContext, entity: RecordOutcome['entity'], entityId: string, outcome: OutcomeType, notes: string[], changes?: FieldDifference[], extra?: string) {
  const message = [...notes, ...(extra ? [extra] : [])].join(' ');
  ctx.ctl.outcome({
    entity,
    entityId,
    outcome: notes.length && outcome !== 'failed' ? 'conflict' : outcome,
    ...(message ? { message } : {}),
    ...(changes?.length ? { changes } : {}),
  });
}

async function applyUnit(ctx: ApplyContext, plan: UnitPlan): Promise<void> {
  const { signal } = ctx.ctl;
  const save = (status: 'in_sync' | 'attention', attention: string[], state: unknown) => {
    if (ctx.dryRun) return;
    ctx.cache.saveMap({ entity: 'unit', sourceId: plan.unit.id, targetId: plan.ccUnit?.id ?? null, workspaceId: ctx.workspaceId, contentHash: '', at: ctx.now(), status, attention, syncedState: state });
  };
  if (plan.note) {
    save('attention', [plan.note], null);
    return emit(ctx, 'unit', plan.unit.id, 'conflict', [plan.note]);
  }
  if (!plan.put) return save('in_sync', [], { unitType: plan.ccUnit!.unitType, externalId: plan.ccUnit!.externalId });
  const changes: FieldDifference[] = [];
  if (plan.ccUnit!.unitType !== plan.put.unitType) changes.push({ field: 'unitType', condoManager: plan.put.unitType, condoControl: plan.ccUnit!.unitType });
  if (plan.ccUnit!.externalId !== plan.put.externalId) changes.push({ field: 'externalId', condoManager: plan.put.externalId, condoControl: plan.ccUnit!.externalId });
  if (!ctx.dryRun) await ctx.cc.updateUnit(ctx.workspaceId, plan.ccUnit!.id, plan.put, { signal });
  save('in_sync', [], plan.put);
  emit(ctx, 'unit', plan.unit.id, 'updated', [], changes);
}

/** Condo Control refused only the email: its rule for addresses is stricter than ours (accents, IDN domains). */
const refusedOnlyEmail = (err: unknown) => isValidationError(err) && err.fields.length > 0 && err.fields.every((f) => f === 'email');
const REFUSED_EMAIL = 'Condo Control refused the email from Condo Manager, so this person was synced without one. Correct the email in Condo Manager.';

async function createUser(ctx: ApplyContext, plan: PersonPlan, a: Extract<PersonPlan['action'], { kind: 'create' }>) {
  const body = { ...a.fields, groupIds: a.groupIds, unitIds: a.unitIds };
  // The key names this exact request: a replay returns the same user, and a
  // different body (the person changed) is a different request.
  const key = `condo-sync:create:${ctx.workspaceId}:${a.person.id}:${contentHash(body).slice(0, 16)}`;
  try {
    return await ctx.cc.createUser(ctx.workspaceId, body, key, { signal: ctx.ctl.signal });
  } catch (err) {
    // The email was taken in Condo Control since we read it, or Condo Control
    // will not take it: create without it and flag, as for an invalid email.
    if (!a.fields.email || !(err instanceof ConflictError || refusedOnlyEmail(err))) throw err;
    plan.notes.push(
      err instanceof ConflictError
        ? `The email ${a.fields.email} is already used by another Condo Control user, so this person was created without it. Check which person the email belongs to and correct it in Condo Manager.`
        : REFUSED_EMAIL,
    );
    plan.syncedState.email = null;
    return ctx.cc.createUser(ctx.workspaceId, { ...body, email: null }, `${key}:no-email`, { signal: ctx.ctl.signal });
  }
}

async function updateUser(ctx: ApplyContext, plan: PersonPlan, a: Extract<PersonPlan['action'], { kind: 'update' }>) {
  const { signal } = ctx.ctl;
  const ws = ctx.workspaceId;
  if (Object.keys(a.patch).length) {
    try {
      await ctx.cc.updateUser(ws, a.user.id, a.patch, { signal });
    } catch (err) {
      if (!a.patch.email || !(err instanceof ConflictError || refusedOnlyEmail(err))) throw err;
      if (err instanceof ConflictError) {
        plan.notes.push(`The email ${a.patch.email} is already used by another Condo Control user, so it was not set. Check which person the email belongs to and correct it in Condo Manager.`);
        const { email: _drop, ...rest } = a.patch;
        plan.syncedState.email = a.user.email || null;
        if (Object.keys(rest).length) await ctx.cc.updateUser(ws, a.user.id, rest, { signal });
      } else {
        // Synced without one, as the plan does for an email it knows is invalid.
        plan.notes.push(REFUSED_EMAIL);
        plan.syncedState.email = null;
        await ctx.cc.updateUser(ws, a.user.id, { ...a.patch, email: null }, { signal });
      }
    }
  }
  if (a.groupIds) await ctx.cc.setUserGroups(ws, a.user.id, a.groupIds, { signal });
  for (const unitId of a.addUnits) await ctx.cc.addUserUnit(ws, a.user.id, unitId, { signal });
  for (const unitId of a.removeUnits) await ctx.cc.removeUserUnit(ws, a.user.id, unitId, { signal });
  if (a.deactivate) await ctx.cc.deactivateUser(ws, a.user.id, { signal });
}

async function applyPerson(ctx: ApplyContext, plan: PersonPlan): Promise<void> {
  const a = plan.action;
  const id = a.person.id;
  if (plan.failure) {
    if (!ctx.dryRun) ctx.cache.markFailed('person', id, plan.failure);
    return emit(ctx, 'person', id, 'failed', [], undefined, plan.failure);
  }
  try {
    let targetId: string | undefined;
    let outcome: OutcomeType = 'unchanged';
    let changes: FieldDifference[] | undefined;
    let extra: string | undefined;
    if (a.kind === 'create') {
      outcome = 'created';
      if (!ctx.dryRun) targetId = (await createUser(ctx, plan, a)).id;
    } else if (a.kind === 'update') {
      targetId = a.user.id;
      outcome = a.deactivate ? 'deactivated' : 'updated';
      changes = a.changes;
      if (a.overwritten.length) extra = `Condo Manager's value replaced a change made in Condo Control (${a.overwritten.join(', ')}).`;
      if (!ctx.dryRun) await updateUser(ctx, plan, a);
    } else {
      targetId = a.user?.id;
      extra = a.reason;
    }
    if (!ctx.dryRun) {
      ctx.cache.saveMap({
        entity: 'person',
        sourceId: id,
        targetId: targetId ?? null,
        workspaceId: ctx.workspaceId,
        contentHash: plan.hash,
        at: ctx.now(),
        status: plan.notes.length ? 'attention' : 'in_sync',
        attention: plan.notes,
        syncedState: plan.syncedState,
      });
    }
    emit(ctx, 'person', id, outcome, plan.notes, changes, extra);
  } catch (err) {
    if (isAbortedError(err) || ctx.ctl.signal.aborted) throw err;
    const message = failureMessage(err);
    if (!ctx.dryRun) ctx.cache.markFailed('person', id, message);
    emit(ctx, 'person', id, 'failed', [], undefined, message);
  }
}

/**
 * Two residents who swap emails in Condo Manager would each wait for the
 * other to let go. Whoever holds an email another person takes in this run,
 * and is changing their own, lets go of it first.
 */
async function releaseSwappedEmails(ctx: ApplyContext, people: PersonPlan[]): Promise<void> {
  const wanted = new Set(
    people
      .filter((p) => p.acquiresEmail)
      .map((p) => (p.action.kind === 'create' ? p.action.fields.email : p.action.kind === 'update' ? p.action.patch.email : null))
      .filter((e): e is string => !!e)
      .map((e) => e.toLowerCase()),
  );
  const holders = people.filter(
    (p) => p.action.kind === 'update' && 'email' in p.action.patch && !!p.action.user.email && wanted.has(p.action.user.email.toLowerCase()),
  );
  if (ctx.dryRun || !holders.length) return;
  await inParallel(
    holders,
    async (p) => {
      const a = p.action as Extract<PersonPlan['action'], { kind: 'update' }>;
      await ctx.cc.updateUser(ctx.workspaceId, a.user.id, { email: null }, { signal: ctx.ctl.signal }).catch((err) => {
        if (isAbortedError(err) || ctx.ctl.signal.aborted) throw err;
        // Not fatal: the person's own update below reports what failed.
      });
    },
    ctx.ctl.signal,
    () => {},
  );
}

async function inParallel<T>(items: T[], fn: (item: T) => Promise<void>, signal: AbortSignal, advance: () => void) {
  const limit = pLimit(WRITE_CONCURRENCY);
  await Promise.all(
    items.map((item) =>
      limit(async () => {
        if (signal.aborted) return;
        await fn(item);
        advance();
      }),
    ),
  );
}

/**
 * Writes a building's plan. Units first (they carry the external ids people
 * relate to), then people who release or keep an email, and only then people
 * who take one, so an email freed in this run is free when it is claimed.
 */
export async function applyPlans(ctx: ApplyContext, units: UnitPlan[], people: PersonPlan[]): Promise<void> {
  const advance = () => ctx.ctl.advance();
  const unitFailures: unknown[] = [];
  await inParallel(
    units,
    async (u) =>
      applyUnit(ctx, u).catch((err) => {
        if (isAbortedError(err) || ctx.ctl.signal.aborted) throw err;
        unitFailures.push(err);
        if (!ctx.dryRun) ctx.cache.markFailed('unit', u.unit.id, failureMessage(err));
        emit(ctx, 'unit', u.unit.id, 'failed', [], undefined, failureMessage(err));
      }),
    ctx.ctl.signal,
    advance,
  );
  await releaseSwappedEmails(ctx, people);
  const first = people.filter((p) => !p.acquiresEmail);
  const second = people.filter((p) => p.acquiresEmail);
  await inParallel(first, (p) => applyPerson(ctx, p), ctx.ctl.signal, advance);
  await inParallel(second, (p) => applyPerson(ctx, p), ctx.ctl.signal, advance);
  ctx.cache.flush();
}

