// Plans a building: units against Condo Control's Unit File, then people against the id map and Condo Control's users.
import { emailKey, foldText } from '@shared/people-text';
import { say } from '@shared/core-messages';
import type { FieldDifference } from '@shared/types';
import type { CcUnit, CcUser } from '../systems/schemas';
import type { CachedPerson, CachedUnit, MapRow } from './cache';
import { contentHash, stableJson } from './hash';
import { emailHolders, findTransfers, type Transfers } from './identity';
import { isValidEmail, sameName, unitTypeFor } from './mapping';
import { dateFlag, dateNote } from './move-dates';
import type { PersonPlan, PlanInput, Relink, UnitPlan, UserFields } from './plan-types';
import { badEmailNote, refusedNote } from './refused';

/**
 * The person as Condo Control should hold them, in source terms (hashed to
 * skip the unchanged). A date that disagrees with the status as of `today`
 * is part of it, so the day a move-out date passes the person is planned
 * (and flagged) again without any edit in Condo Manager.
 */
export function sourceDesired(p: CachedPerson, groupName: string, today?: string) {
  const flag = today ? dateFlag(p, today) : undefined;
  return {
    ...(flag ? { dateFlag: flag } : {}),
    firstName: p.firstName,
    lastName: p.lastName,
    email: p.email?.trim() || null,
    phones: p.phones,
    language: p.language,
    group: groupName,
    unitIds: p.unitIds,
    active: p.status === 'Active',
  };
}

/** Unchanged since it was last written and nothing needed attention: skip it. */
export function needsPlanning(p: CachedPerson, map: MapRow | undefined, groupNames: { owners: string; tenants: string }, today?: string): boolean {
  if (!map || map.sync_status !== 'in_sync') return true;
  const groupName = p.role === 'owner' ? groupNames.owners : groupNames.tenants;
  return map.content_hash !== contentHash(sourceDesired(p, groupName, today));
}

export type { PersonAction, PersonPlan, PlanInput, Relink, UnitPlan, UserFields } from './plan-types';

const lower = emailKey;

export function planUnits(units: CachedUnit[], ccUnits: CcUnit[]): UnitPlan[] {
  const byExternal = new Map(ccUnits.filter((u) => u.externalId).map((u) => [u.externalId!, u]));
  const byName = new Map(ccUnits.filter((u) => !u.externalId).map((u) => [foldText(u.name), u]));
  return units.map((unit) => {
    const ccUnit = byExternal.get(unit.id) ?? byName.get(foldText(unit.number));
    if (!ccUnit) {
      return {
        unit,
        note: say('unitMissing', { unit: unit.number }),
      };
    }
    const want = { unitType: unitTypeFor[unit.occupancy], externalId: unit.id };
    const differs = ccUnit.unitType !== want.unitType || ccUnit.externalId !== want.externalId;
    return { unit, ccUnit, ...(differs ? { put: want } : {}) };
  });
}

function personLabel(p: CachedPerson, units: Map<string, CachedUnit>): string {
  const unit = p.unitIds.map((id) => units.get(id)?.number).find(Boolean);
  return `The ${p.role === 'owner' ? 'owner' : 'tenant'}${unit ? ` of unit ${unit}` : ''}`;
}

export function planPeople(input: PlanInput, unitPlans: UnitPlan[]): PersonPlan[] {
  const usersById = new Map(input.ccUsers.map((u) => [u.id, u]));
  const usersByExternal = new Map(input.ccUsers.filter((u) => u.externalId).map((u) => [u.externalId!, u]));
  // An email's current login: the active user holding it wins over a deactivated one.
  const usersByEmail = new Map<string, CcUser>();
  for (const u of input.ccUsers) {
    const key = lower(u.email);
    if (key && (!usersByEmail.has(key) || (u.active && !usersByEmail.get(key)!.active))) usersByEmail.set(key, u);
  }
  const unitById = new Map(input.units.map((u) => [u.id, u]));
  const peopleById = new Map(input.people.map((p) => [p.id, p]));
  const ccUnitFor = new Map(unitPlans.filter((p) => p.ccUnit).map((p) => [p.unit.id, p.ccUnit!.id]));
  const ccUnitName = new Map(input.ccUnits.map((u) => [u.id, u.name]));
  const managedUnits = new Set(ccUnitFor.values());
  const groupByName = new Map(input.groups.map((g) => [foldText(g.name), g]));
  const roleGroup = {
    owner: groupByName.get(foldText(input.groupNames.owners)),
    tenant: groupByName.get(foldText(input.groupNames.tenants)),
  };
  const managedGroups = new Set([roleGroup.owner?.id, roleGroup.tenant?.id].filter(Boolean) as string[]);
  const holders = emailHolders(input.people, input.maps, usersById);
  const planned = input.people.filter((p) => input.everyone || needsPlanning(p, input.maps.get(p.id), input.groupNames, input.today));
  const linkedUser = (p: CachedPerson) => {
    const target = input.maps.get(p.id)?.target_id;
    return (target ? usersById.get(target) : undefined) ?? usersByExternal.get(p.id);
  };
  // A transfer is decided only on a complete list of users: a missing one could be the resident's own.
  const transfers: Transfers = input.usersIncomplete
    ? { byNew: new Map(), byPast: new Map(), uncertain: new Map() }
    : findTransfers(planned, peopleById, input.ccUsers, (p) => !!linkedUser(p) || !!input.maps.get(p.id)?.target_id);
  const plans: PersonPlan[] = [];

  for (const p of planned) {
    const groupName = p.role === 'owner' ? input.groupNames.owners : input.groupNames.tenants;
    const hash = contentHash(sourceDesired(p, groupName, input.today));
    const map = input.maps.get(p.id);
    const previousAttention = map?.attention ? (JSON.parse(map.attention) as string[]) : [];
    const last = map?.synced_state ? (JSON.parse(map.synced_state) as Partial<PersonPlan['syncedState']>) : undefined;
    const role = p.role === 'owner' ? 'Owner' : 'Tenant';

    const notes: string[] = [];
    const who = personLabel(p, unitById);
    const flag = input.today ? dateFlag(p, input.today) : undefined;
    if (flag) notes.push(dateNote(flag, p.role, input.today!));
    let email = p.email?.trim() || null;
    // An email Condo Control cannot accept is handled as if it had answered
    // 422 (apply.ts): never sent; an existing user keeps the one it has.
    let badEmail: { value: string; note: number } | undefined;
    if (email && !isValidEmail(email)) {
      badEmail = { value: email, note: notes.length };
      notes.push(badEmailNote(email, who, p.role, false));
      email = null;
    } else if (email && p.status === 'Active' && holders.get(lower(email)) !== p.id) {
      const holder = peopleById.get(holders.get(lower(email)) ?? '');
      const shared = holder && holder.unitIds.find((u) => p.unitIds.includes(u));
      notes.push(
        shared
          ? say('sharedInUnit', { unit: unitById.get(shared)?.number ?? '', email, role })
          : say('sharedWith', { who, email, other: holder ? personLabel(holder, unitById).replace(/^The/, 'the') : 'another resident', role }),
      );
      email = null;
    }

    // Match: the id map, then the same externalId, then a resident who moved, then the same email.
    const movedTo = transfers.byPast.get(p.id);
    const transfer = transfers.byNew.get(p.id);
    let user = movedTo ? undefined : linkedUser(p);
    user ??= transfer?.user;
    const uncertain = transfers.uncertain.get(p.id);
    if (uncertain) {
      const from = uncertain.user.unitIds.map((id) => ccUnitName.get(id)).filter(Boolean);
      notes.push(from.length ? say('pastResidentEmail', { who, email: email ?? '', units: from.join(', '), role }) : say('pastResidentEmailNoUnit', { who, email: email ?? '', role }));
    }
    const byEmail = email ? usersByEmail.get(lower(email)) : undefined;
    const handMadeOther = () => say('emailOtherName', { who, email: email ?? '' });
    if (!user && byEmail && !byEmail.externalId) {
      if (sameName(byEmail, p)) user = byEmail;
      else {
        notes.push(handMadeOther());
        email = null;
      }
    } else if (byEmail && byEmail !== user && byEmail.active && !byEmail.externalId && !sameName(byEmail, p)) {
      // The same note as the run that first met it, so a standing item reads the same every run.
      notes.push(handMadeOther());
      email = null;
    } else if (byEmail && byEmail !== user && byEmail.active) {
      if (!byEmail.externalId || byEmail.externalId !== p.id) {
        // Someone else holds it right now; one of ours lets go of it in this
        // same run, unless their new email is one Condo Control cannot
        // accept: then they keep this one (as after a 422) and it stays theirs.
        const other = byEmail.externalId ? peopleById.get(byEmail.externalId) : undefined;
        const otherNew = other?.email?.trim();
        const otherReleases = other && !(otherNew && !isValidEmail(otherNew));
        if (!otherReleases) {
          notes.push(say('emailOther', { who, email: email ?? '' }));
          email = null;
        }
      }
    }

    const group = p.role === 'owner' ? roleGroup.owner : roleGroup.tenant;
    const unitIds: string[] = [];
    for (const id of p.unitIds) {
      const cc = ccUnitFor.get(id);
      if (cc) unitIds.push(cc);
      else {
        const number = unitById.get(id)?.number;
        notes.push(number ? say('relatedMissing', { who, unit: number }) : say('relatedMissingUnknown', { who }));
      }
    }
    const base = { hash, notes, acquiresEmail: false, previousAttention, label: who };
    if (!user && map?.target_id && input.usersIncomplete && !movedTo) {
      // Creating again would duplicate a user that exists but could not be read.
      plans.push({
        ...base,
        action: { kind: 'none', person: p },
        syncedState: { externalId: p.id, firstName: p.firstName, lastName: p.lastName, email, phones: p.phones, language: p.language, groupIds: [], unitIds: [], active: p.status === 'Active' },
        failure: say('unreadableUser'),
      });
      continue;
    }
    const fields: UserFields = { externalId: p.id, firstName: p.firstName, lastName: p.lastName, email, phones: p.phones, language: p.language };
    if (movedTo) {
      // The user now follows the new record (planned in this same run); this one lets go of it.
      const next = peopleById.get(movedTo);
      const reason = next ? say('movedOn', { whereLower: personLabel(next, unitById).replace(/^The/, 'the') }) : say('movedOnNewRecord');
      plans.push({ ...base, movedTo, action: { kind: 'none', person: p, reason }, syncedState: { ...fields, groupIds: [], unitIds: [], active: false } });
      continue;
    }
    if (!group) {
      plans.push({
        ...base,
        action: { kind: 'none', person: p },
        syncedState: { ...fields, groupIds: [], unitIds, active: p.status === 'Active' },
        failure: say('groupMissing', { group: groupName }),
      });
      continue;
    }

    if (!user) {
      if (p.status === 'Past') {
        plans.push({ ...base, action: { kind: 'none', person: p, reason: say('pastNeverSynced') }, syncedState: { ...fields, groupIds: [group.id], unitIds, active: false } });
        continue;
      }
      plans.push({
        ...base,
        acquiresEmail: email !== null,
        action: { kind: 'create', person: p, fields, groupIds: [group.id], unitIds },
        syncedState: { ...fields, groupIds: [group.id], roleGroup: group.id, unitIds, active: true },
      });
      continue;
    }

    const current: UserFields = { externalId: user.externalId ?? '', firstName: user.firstName, lastName: user.lastName, email: user.email || null, phones: user.phones, language: user.language };
    const patch: Partial<UserFields> & { active?: boolean } = {};
    const changes: FieldDifference[] = [];
    const overwritten: string[] = [];
    // Values Condo Control refused before are not sent again until Condo Manager's value changes.
    const refused: Record<string, string> = {};
    if (badEmail && current.email) notes[badEmail.note] = badEmailNote(badEmail.value, who, p.role, true);
    for (const key of Object.keys(fields) as (keyof UserFields)[]) {
      if (key === 'email' && badEmail) continue;
      const want = key === 'email' ? lower(fields.email) || null : fields[key];
      const have = key === 'email' ? lower(current.email) || null : current[key];
      // Most fields are equal strings: compare those before serializing.
      if (want === have || stableJson(want) === stableJson(have)) continue;
      if (last?.refused?.[key] !== undefined && last.refused[key] === stableJson(fields[key])) {
        refused[key] = last.refused[key]!;
        notes.push(refusedNote(key, fields[key], who, p.role, !!current[key]));
        continue;
      }
      (patch as Record<string, unknown>)[key] = fields[key];
      changes.push({ field: key, condoManager: fields[key], condoControl: current[key] });
      // The value in Condo Control is not what the sync last wrote: someone changed it there.
      if (!transfer && last && key in last && stableJson(last[key as keyof typeof last]) !== stableJson(current[key])) overwritten.push(key);
    }
    // The role group the sync gave last time is its own to take back (the
    // default group may have changed in Settings); other groups are not.
    const keptGroups = user.groupIds.filter((g) => !managedGroups.has(g) && g !== last?.roleGroup);
    const groupIds = [...new Set([...keptGroups, group.id])];
    const groupsChange = stableJson([...groupIds].sort()) !== stableJson([...user.groupIds].sort());
    if (groupsChange) changes.push({ field: 'groups', condoManager: groupName, condoControl: user.groupIds.length });
    const wantUnits = new Set(unitIds);
    const addUnits = unitIds.filter((u) => !user.unitIds.includes(u));
    const removeUnits = user.unitIds.filter((u) => managedUnits.has(u) && !wantUnits.has(u));
    if (addUnits.length || removeUnits.length) changes.push({ field: 'units', condoManager: p.unitIds.map((id) => unitById.get(id)?.number), condoControl: user.unitIds.length });
    const deactivate = p.status === 'Past' && user.active;
    if (deactivate) changes.push({ field: 'active', condoManager: false, condoControl: true });
    let relink: Relink | undefined;
    if (transfer) {
      // The resident moved: their user follows them, reactivated if the old record's ending had deactivated it.
      const from = user.unitIds.map((id) => ccUnitName.get(id)).filter(Boolean).join(', ');
      const to = p.unitIds.map((id) => unitById.get(id)?.number).filter(Boolean).join(', ');
      relink = { fromPersonId: transfer.fromPersonId, message: say('movedWith', { from: from || 'none', to: to || 'none' }) };
      if (!user.active) {
        patch.active = true;
        changes.push({ field: 'active', condoManager: true, condoControl: false });
      }
    } else if (p.status === 'Active' && !user.active) {
      notes.push(say('deactivatedInCc', { who }));
    }
    const active = p.status === 'Active' && (user.active || !!transfer);
    const syncedState = {
      ...fields,
      groupIds,
      roleGroup: group.id,
      unitIds: [...new Set([...user.unitIds.filter((u) => !managedUnits.has(u)), ...unitIds])],
      active,
      ...(Object.keys(refused).length ? { refused } : {}),
    };
    for (const key of Object.keys(refused)) (syncedState as Record<string, unknown>)[key] = current[key as keyof UserFields];
    if (badEmail) syncedState.email = current.email;
    if (!Object.keys(patch).length && !groupsChange && !addUnits.length && !removeUnits.length && !deactivate) {
      plans.push({ ...base, action: { kind: 'none', person: p, user }, syncedState });
      continue;
    }
    plans.push({
      ...base,
      ...(relink ? { relink } : {}),
      acquiresEmail: 'email' in patch && patch.email !== null,
      action: { kind: 'update', person: p, user, patch, ...(groupsChange ? { groupIds } : {}), addUnits, removeUnits, deactivate, changes, overwritten },
      syncedState,
    });
  }
  return plans;
}
