import type { FieldDifference } from '@shared/types';
import type { CcUnit, CcUser, Group } from '../systems/schemas';
import type { CachedPerson, CachedUnit, MapRow } from './cache';
import { contentHash, stableJson } from './hash';
import { isValidEmail, sameName, unitTypeFor } from './mapping';

/** The person as Condo Control should hold them, in source terms (hashed to skip the unchanged). */
export function sourceDesired(p: CachedPerson, groupName: string) {
  return {
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
export function needsPlanning(p: CachedPerson, map: MapRow | undefined, groupNames: { owners: string; tenants: string }): boolean {
  if (!map || map.sync_status !== 'in_sync') return true;
  const groupName = p.role === 'owner' ? groupNames.owners : groupNames.tenants;
  return map.content_hash !== contentHash(sourceDesired(p, groupName));
}

export interface UserFields {
  externalId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phones: CachedPerson['phones'];
  language: 'en' | 'fr';
}

export type PersonAction =
  | { kind: 'create'; person: CachedPerson; fields: UserFields; groupIds: string[]; unitIds: string[] }
  | {
      kind: 'update';
      person: CachedPerson;
      user: CcUser;
      patch: Partial<UserFields>;
      groupIds?: string[];
      addUnits: string[];
      removeUnits: string[];
      deactivate: boolean;
      changes: FieldDifference[];
      overwritten: string[];
    }
  | { kind: 'none'; person: CachedPerson; user?: CcUser; reason?: string };

export interface PersonPlan {
  action: PersonAction;
  hash: string;
  notes: string[];
  /** True when the write gives this person an email someone else may still hold. */
  acquiresEmail: boolean;
  /** What was written, and the role group the sync gave (so a later settings change can move it). */
  syncedState: UserFields & { groupIds: string[]; unitIds: string[]; active: boolean; roleGroup?: string };
  failure?: string;
}

export interface UnitPlan {
  unit: CachedUnit;
  ccUnit?: CcUnit;
  put?: { unitType: CcUnit['unitType']; externalId: string };
  note?: string;
}

export interface PlanInput {
  people: CachedPerson[];
  units: CachedUnit[];
  maps: Map<string, MapRow>;
  ccUsers: CcUser[];
  ccUnits: CcUnit[];
  groups: Group[];
  groupNames: { owners: string; tenants: string };
  /** Everyone is planned, not only what changed (full reconcile). */
  everyone: boolean;
  /** Condo Control sent users that could not be read: "not found" is not proof of absence. */
  usersIncomplete?: boolean;
}

const lower = (s: string | null | undefined) => (s ? s.trim().toLowerCase() : '');

export function planUnits(units: CachedUnit[], ccUnits: CcUnit[]): UnitPlan[] {
  const byExternal = new Map(ccUnits.filter((u) => u.externalId).map((u) => [u.externalId!, u]));
  const byName = new Map(ccUnits.filter((u) => !u.externalId).map((u) => [u.name.trim().toUpperCase(), u]));
  return units.map((unit) => {
    const ccUnit = byExternal.get(unit.id) ?? byName.get(unit.number.trim().toUpperCase());
    if (!ccUnit) {
      return {
        unit,
        note: `Unit ${unit.number} is not in Condo Control's Unit File, so its residents cannot be related to it. Check the unit number in Condo Manager (Information → Units) matches the unit's name in Condo Control.`,
      };
    }
    const want = { unitType: unitTypeFor[unit.occupancy], externalId: unit.id };
    const differs = ccUnit.unitType !== want.unitType || ccUnit.externalId !== want.externalId;
    return { unit, ccUnit, ...(differs ? { put: want } : {}) };
  });
}

/** Who keeps a shared email: whoever already holds it in Condo Control, else the longest-standing resident. */
function emailHolders(people: CachedPerson[], maps: Map<string, MapRow>, usersById: Map<string, CcUser>): Map<string, string> {
  const claims = new Map<string, CachedPerson[]>();
  for (const p of people) {
    const e = lower(p.email);
    if (p.status !== 'Active' || !e || !isValidEmail(e)) continue;
    claims.set(e, [...(claims.get(e) ?? []), p]);
  }
  const holders = new Map<string, string>();
  for (const [email, list] of claims) {
    const current = list.find((p) => {
      const target = maps.get(p.id)?.target_id;
      return target && lower(usersById.get(target)?.email) === email;
    });
    // Otherwise the person the address names (mateo.santos@… is Mateo's),
    // then the longest-standing resident, then the lowest id: stable run to run.
    const named = (p: CachedPerson) => {
      const local = email.split('@')[0]!.normalize('NFD').replace(/[^a-z]/gi, '').toLowerCase();
      const part = (n: string) => n.normalize('NFD').replace(/[^a-z]/gi, '').toLowerCase();
      return Number(part(p.firstName).length > 1 && local.includes(part(p.firstName))) + Number(part(p.lastName).length > 1 && local.includes(part(p.lastName)));
    };
    const first = [...list].sort(
      (a, b) => named(b) - named(a) || (a.startDate ?? '9999').localeCompare(b.startDate ?? '9999') || a.id.localeCompare(b.id),
    )[0]!;
    holders.set(email, (current ?? first).id);
  }
  return holders;
}

function personLabel(p: CachedPerson, units: Map<string, CachedUnit>): string {
  const unit = p.unitIds.map((id) => units.get(id)?.number).find(Boolean);
  return `The ${p.role === 'owner' ? 'owner' : 'tenant'}${unit ? ` of unit ${unit}` : ''}`;
}

export function planPeople(input: PlanInput, unitPlans: UnitPlan[]): PersonPlan[] {
  const usersById = new Map(input.ccUsers.map((u) => [u.id, u]));
  const usersByExternal = new Map(input.ccUsers.filter((u) => u.externalId).map((u) => [u.externalId!, u]));
  const usersByEmail = new Map(input.ccUsers.filter((u) => u.email).map((u) => [lower(u.email), u]));
  const unitById = new Map(input.units.map((u) => [u.id, u]));
  const ccUnitFor = new Map(unitPlans.filter((p) => p.ccUnit).map((p) => [p.unit.id, p.ccUnit!.id]));
  const managedUnits = new Set(ccUnitFor.values());
  const groupByName = new Map(input.groups.map((g) => [g.name.trim().toLowerCase(), g]));
  const roleGroup = {
    owner: groupByName.get(input.groupNames.owners.trim().toLowerCase()),
    tenant: groupByName.get(input.groupNames.tenants.trim().toLowerCase()),
  };
  const managedGroups = new Set([roleGroup.owner?.id, roleGroup.tenant?.id].filter(Boolean) as string[]);
  const holders = emailHolders(input.people, input.maps, usersById);
  const plans: PersonPlan[] = [];

  for (const p of input.people) {
    const groupName = p.role === 'owner' ? input.groupNames.owners : input.groupNames.tenants;
    const hash = contentHash(sourceDesired(p, groupName));
    const map = input.maps.get(p.id);
    if (!input.everyone && !needsPlanning(p, map, input.groupNames)) continue;

    const notes: string[] = [];
    const who = personLabel(p, unitById);
    let email = p.email?.trim() || null;
    if (email && !isValidEmail(email)) {
      notes.push(`${who} has an email Condo Control cannot accept (${email}). They were synced without one. Correct it in Condo Manager (Information → ${p.role === 'owner' ? 'Owner' : 'Tenant'}).`);
      email = null;
    } else if (email && p.status === 'Active' && holders.get(lower(email)) !== p.id) {
      const holder = input.people.find((q) => q.id === holders.get(lower(email)));
      const shared = holder && holder.unitIds.find((u) => p.unitIds.includes(u));
      const pair = shared
        ? `Two residents of unit ${unitById.get(shared)?.number ?? ''} share the email ${email}.`
        : `${who} shares the email ${email} with ${holder ? personLabel(holder, unitById).replace(/^The/, 'the') : 'another resident'}.`;
      notes.push(
        `${pair} Condo Control needs a unique email to log in, so only one of them has it. Give each their own email in Condo Manager (Information → ${p.role === 'owner' ? 'Owner' : 'Tenant'}).`,
      );
      email = null;
    }

    // Match: the id map, then the same externalId, then the same email.
    let user = map?.target_id ? usersById.get(map.target_id) : undefined;
    user ??= usersByExternal.get(p.id);
    const byEmail = email ? usersByEmail.get(lower(email)) : undefined;
    if (!user && byEmail && !byEmail.externalId) {
      if (sameName(byEmail, p)) user = byEmail;
      else {
        notes.push(`${who} uses the email ${email}, which belongs to another Condo Control user with a different name. They were synced without it. Check which person the email belongs to and correct it in Condo Manager, or in Condo Control if that user is wrong.`);
        email = null;
      }
    } else if (byEmail && byEmail !== user) {
      if (!byEmail.externalId || byEmail.externalId !== p.id) {
        // Someone else holds it right now; they may release it in this same run.
        const otherIsOurs = byEmail.externalId && input.people.some((q) => q.id === byEmail.externalId);
        if (!otherIsOurs) {
          notes.push(`${who} uses the email ${email}, which belongs to another Condo Control user. They were synced without it. Check which person the email belongs to and correct it in Condo Manager.`);
          email = null;
        }
      }
    }

    const role = p.role === 'owner' ? roleGroup.owner : roleGroup.tenant;
    const unitIds: string[] = [];
    for (const id of p.unitIds) {
      const cc = ccUnitFor.get(id);
      if (cc) unitIds.push(cc);
      else notes.push(`${who} is related to unit ${unitById.get(id)?.number ?? 'that is missing from Condo Manager'}, which is not in Condo Control's Unit File. Check the unit number in Condo Manager matches Condo Control.`);
    }
    if (!user && map?.target_id && input.usersIncomplete) {
      // Creating again would duplicate a user that exists but could not be read.
      plans.push({
        hash,
        notes,
        acquiresEmail: false,
        action: { kind: 'none', person: p },
        syncedState: { externalId: p.id, firstName: p.firstName, lastName: p.lastName, email, phones: p.phones, language: p.language, groupIds: [], unitIds: [], active: p.status === 'Active' },
        failure: "Condo Control sent this resident's user in a form that could not be read, so nothing was written. It is retried on the next sync.",
      });
      continue;
    }
    const fields: UserFields = { externalId: p.id, firstName: p.firstName, lastName: p.lastName, email, phones: p.phones, language: p.language };
    const base = { hash, notes, acquiresEmail: false };
    if (!role) {
      plans.push({
        ...base,
        action: { kind: 'none', person: p },
        syncedState: { ...fields, groupIds: [], unitIds, active: p.status === 'Active' },
        failure: `The group "${groupName}" does not exist in Condo Control. Choose an existing group in Settings → Groups.`,
      });
      continue;
    }

    if (!user) {
      if (p.status === 'Past') {
        plans.push({ ...base, action: { kind: 'none', person: p, reason: 'A past resident who was never in Condo Control: nothing to do.' }, syncedState: { ...fields, groupIds: [role.id], unitIds, active: false } });
        continue;
      }
      plans.push({
        ...base,
        acquiresEmail: email !== null,
        action: { kind: 'create', person: p, fields, groupIds: [role.id], unitIds },
        syncedState: { ...fields, groupIds: [role.id], roleGroup: role.id, unitIds, active: true },
      });
      continue;
    }

    const last = map?.synced_state ? (JSON.parse(map.synced_state) as Partial<PersonPlan['syncedState']>) : undefined;
    const current: UserFields = { externalId: user.externalId ?? '', firstName: user.firstName, lastName: user.lastName, email: user.email || null, phones: user.phones, language: user.language };
    const patch: Partial<UserFields> = {};
    const changes: FieldDifference[] = [];
    const overwritten: string[] = [];
    for (const key of Object.keys(fields) as (keyof UserFields)[]) {
      const want = key === 'email' ? lower(fields.email) || null : fields[key];
      const have = key === 'email' ? lower(current.email) || null : current[key];
      if (stableJson(want) === stableJson(have)) continue;
      (patch as Record<string, unknown>)[key] = fields[key];
      changes.push({ field: key, condoManager: fields[key], condoControl: current[key] });
      // The value in Condo Control is not what the sync last wrote: someone changed it there.
      if (last && key in last && stableJson(last[key as keyof typeof last]) !== stableJson(current[key])) overwritten.push(key);
    }
    // The role group the sync gave last time is its own to take back (the
    // default group may have changed in Settings); other groups are not.
    const keptGroups = user.groupIds.filter((g) => !managedGroups.has(g) && g !== last?.roleGroup);
    const groupIds = [...new Set([...keptGroups, role.id])];
    const groupsChange = stableJson([...groupIds].sort()) !== stableJson([...user.groupIds].sort());
    if (groupsChange) changes.push({ field: 'groups', condoManager: groupName, condoControl: user.groupIds.length });
    const wantUnits = new Set(unitIds);
    const addUnits = unitIds.filter((u) => !user.unitIds.includes(u));
    const removeUnits = user.unitIds.filter((u) => managedUnits.has(u) && !wantUnits.has(u));
    if (addUnits.length || removeUnits.length) changes.push({ field: 'units', condoManager: p.unitIds.map((id) => unitById.get(id)?.number), condoControl: user.unitIds.length });
    const deactivate = p.status === 'Past' && user.active;
    if (deactivate) changes.push({ field: 'active', condoManager: false, condoControl: true });
    if (p.status === 'Active' && !user.active) {
      notes.push(`${who} is active in Condo Manager but deactivated in Condo Control. Reactivate the user in Condo Control's Unit File if they still live here.`);
    }
    const syncedState = { ...fields, groupIds, roleGroup: role.id, unitIds: [...new Set([...user.unitIds.filter((u) => !managedUnits.has(u)), ...unitIds])], active: p.status === 'Active' && user.active };
    if (!Object.keys(patch).length && !groupsChange && !addUnits.length && !removeUnits.length && !deactivate) {
      plans.push({ ...base, action: { kind: 'none', person: p, user }, syncedState });
      continue;
    }
    plans.push({
      ...base,
      acquiresEmail: 'email' in patch && patch.email !== null,
      action: { kind: 'update', person: p, user, patch, ...(groupsChange ? { groupIds } : {}), addUnits, removeUnits, deactivate, changes, overwritten },
      syncedState,
    });
  }
  return plans;
}
