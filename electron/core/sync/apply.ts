import { say } from '@shared/core-messages';
import { emailKey } from '@shared/people-text';
import type { FieldDifference, OutcomeType } from '@shared/types';
import { ConflictError, isAbortedError, isValidationError } from '../systems/errors';
import { forPeople } from '../jobs/error-text';
import type { CondoControlClient } from '../systems/condo-control-client';
import type { SyncCache } from './cache';
import { contentHash } from './hash';
import type { PersonPlan, UnitPlan } from './plan';
import { canDrop, refusedFields, refusedNote, withoutFields } from './refused';
import { stableJson } from './hash';
import type { RecordOutcome, SyncControl } from './types';

/**
 * Requests in flight per building; the per-host pacer sets the actual rate.
 * Two buildings × 8 fill the pacer's 16 slots with nothing left waiting in its
 * queue: a waiting request holds memory and adds nothing (the bench on
 * `large`: same in-flight 15.5 of 16, peak RSS 204 MB against 256–273 at 16).
 */
export const WRITE_CONCURRENCY = 8;

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
  if (isValidationError(err)) return say('refused', { fields: err.fields.length ? err.fields.join(', ') : 'some values' });
  return forPeople(err, 'record');
}

/**
 * One outcome per processed record. Notes make it a conflict, unless nothing
 * was written and the notes are the ones already standing from an earlier
 * run: that item lives in Needs attention and is not counted again as new.
 * A conflict that was also written carries that write as its `effect`.
 */
function emit(
  ctx: ApplyContext,
  entity: RecordOutcome['entity'],
  entityId: string,
  outcome: OutcomeType,
  notes: string[],
  changes?: FieldDifference[],
  extra?: string,
  previousAttention?: string[],
) {
  const message = [...notes, ...(extra ? [extra] : [])].join(' ');
  const standing = outcome === 'unchanged' && notes.length > 0 && stableJson(notes) === stableJson(previousAttention ?? []);
  const conflict = notes.length > 0 && outcome !== 'failed' && !standing;
  // A record that needs attention may still have been written: say which write, so a
  // preview counts a new user (and their welcome email) as created, not only as a note.
  const effect = conflict && (outcome === 'created' || outcome === 'updated' || outcome === 'deactivated') ? outcome : undefined;
  ctx.ctl.outcome({
    entity,
    entityId,
    outcome: conflict ? 'conflict' : outcome,
    ...(effect ? { effect } : {}),
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
    return emit(ctx, 'unit', plan.unit.id, 'unchanged', [plan.note], undefined, undefined, plan.previousAttention);
  }
  if (!plan.put) {
    save('in_sync', [], { unitType: plan.ccUnit!.unitType, externalId: plan.ccUnit!.externalId });
    return emit(ctx, 'unit', plan.unit.id, 'unchanged', []);
  }
  const changes: FieldDifference[] = [];
  if (plan.ccUnit!.unitType !== plan.put.unitType) changes.push({ field: 'unitType', condoManager: plan.put.unitType, condoControl: plan.ccUnit!.unitType });
  if (plan.ccUnit!.externalId !== plan.put.externalId) changes.push({ field: 'externalId', condoManager: plan.put.externalId, condoControl: plan.ccUnit!.externalId });
  if (!ctx.dryRun) await ctx.cc.updateUnit(ctx.workspaceId, plan.ccUnit!.id, plan.put, { signal });
  save('in_sync', [], plan.put);
  emit(ctx, 'unit', plan.unit.id, 'updated', [], changes);
}

async function createUser(ctx: ApplyContext, plan: PersonPlan, a: Extract<PersonPlan['action'], { kind: 'create' }>) {
  let body = { ...a.fields, groupIds: a.groupIds, unitIds: a.unitIds };
  // At most one retry per kind of refusal (a taken email, refused fields), then the error stands.
  for (let attempt = 0; ; attempt++) {
    // The key names this exact request: a replay returns the same user, and a
    // different body (the person changed, or a refused field left out) is a different request.
    const key = `condo-sync:create:${ctx.workspaceId}:${a.person.id}:${contentHash(body).slice(0, 16)}`;
    try {
      return await ctx.cc.createUser(ctx.workspaceId, body, key, { signal: ctx.ctl.signal });
    } catch (err) {
      if (attempt >= 2) throw err;
      if (err instanceof ConflictError && body.email) {
        // The email was taken in Condo Control since we read it: create without it and flag.
        plan.notes.push(say('emailTakenCreated', { email: body.email }));
        plan.syncedState.email = null;
        body = { ...body, email: null };
        continue;
      }
      const fields = isValidationError(err) ? refusedFields(err.fields) : [];
      if (!canDrop(fields)) throw err;
      // Condo Control refused some values: create the user with the rest, flag the refused ones.
      for (const f of fields) {
        plan.notes.push(refusedNote(f, (body as Record<string, unknown>)[f], plan.label, a.person.role));
        (plan.syncedState.refused ??= {})[f] = stableJson((a.fields as unknown as Record<string, unknown>)[f]);
      }
      body = withoutFields(body, fields, 'create');
      Object.assign(plan.syncedState, withoutFields({ email: plan.syncedState.email, phones: plan.syncedState.phones, firstName: plan.syncedState.firstName, language: plan.syncedState.language }, fields, 'create'));
    }
  }
}

async function updateUser(ctx: ApplyContext, plan: PersonPlan, a: Extract<PersonPlan['action'], { kind: 'update' }>) {
  const { signal } = ctx.ctl;
  const ws = ctx.workspaceId;
  let patch: typeof a.patch = { ...a.patch };
  for (let attempt = 0; Object.keys(patch).length; attempt++) {
    try {
      await ctx.cc.updateUser(ws, a.user.id, patch, { signal });
      break;
    } catch (err) {
      if (attempt >= 2) throw err;
      if (err instanceof ConflictError && patch.email) {
        plan.notes.push(say('emailTakenNotSet', { email: patch.email }));
        plan.syncedState.email = a.user.email || null;
        patch = withoutFields(patch, ['email'], 'update');
        continue;
      }
      const fields = isValidationError(err) ? refusedFields(err.fields) : [];
      if (!canDrop(fields)) throw err;
      // Refused values stay as Condo Control has them; every other change still lands.
      for (const f of fields) {
        plan.notes.push(refusedNote(f, (patch as Record<string, unknown>)[f], plan.label, a.person.role, !!(a.user as unknown as Record<string, unknown>)[f]));
        (plan.syncedState.refused ??= {})[f] = stableJson((patch as Record<string, unknown>)[f]);
        (plan.syncedState as unknown as Record<string, unknown>)[f] = (a.user as unknown as Record<string, unknown>)[f] ?? null;
      }
      a.changes = a.changes.filter((c) => !fields.includes(c.field));
      patch = withoutFields(patch, fields, 'update');
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
  if (plan.relink && !ctx.dryRun) {
    // The ended record lets go of the user before this one takes it, so the id map never names one user twice.
    ctx.cache.unlinkTarget('person', plan.relink.fromPersonId);
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
      if (a.overwritten.length) extra = say('overwritten', { fields: a.overwritten.join(', ') });
      if (plan.relink) extra = [plan.relink.message, extra].filter(Boolean).join(' ');
      if (!ctx.dryRun) await updateUser(ctx, plan, a);
      // Refused values were left out of the write: the history lists what landed.
      changes = a.changes;
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
    emit(ctx, 'person', id, outcome, plan.notes, changes, extra, plan.previousAttention);
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
      .map((e) => emailKey(e)),
  );
  const holders = people.filter(
    (p) => p.action.kind === 'update' && 'email' in p.action.patch && !!p.action.user.email && wanted.has(emailKey(p.action.user.email)),
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
  );
}

/**
 * Runs `fn` over the items with at most WRITE_CONCURRENCY at once: that many
 * workers take the next item in turn, so a building of a thousand people
 * holds a few pending promises, not a thousand.
 */
async function inParallel<T>(items: T[], fn: (item: T) => Promise<void>, signal: AbortSignal) {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal.aborted) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(WRITE_CONCURRENCY, items.length) }, worker));
}

/**
 * Writes a building's plan. Units first (they carry the external ids people
 * relate to), then people who release or keep an email, and only then people
 * who take one, so an email freed in this run is free when it is claimed.
 */
export async function applyPlans(ctx: ApplyContext, units: UnitPlan[], people: PersonPlan[]): Promise<void> {
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
  );
  await releaseSwappedEmails(ctx, people);
  const first = people.filter((p) => !p.acquiresEmail);
  const second = people.filter((p) => p.acquiresEmail);
  await inParallel(first, (p) => applyPerson(ctx, p), ctx.ctl.signal);
  await inParallel(second, (p) => applyPerson(ctx, p), ctx.ctl.signal);
  await ctx.cache.flush();
}

