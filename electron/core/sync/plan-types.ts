// What the planner hands to the writer: one plan per unit and per person.
import type { FieldDifference } from '@shared/types';
import type { CcUnit, CcUser, Group } from '../systems/schemas';
import type { CachedPerson, CachedUnit, MapRow } from './cache';

export interface UserFields {
  externalId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phones: CachedPerson['phones'];
  language: 'en' | 'fr';
}

/** A resident who moved and keeps their Condo Control user. */
export interface Relink {
  /** The ended Condo Manager record the user belonged to. */
  fromPersonId: string;
  /** For the history: "Same resident, moved from unit 804 to 1104." */
  message: string;
}

export type PersonAction =
  | { kind: 'create'; person: CachedPerson; fields: UserFields; groupIds: string[]; unitIds: string[] }
  | {
      kind: 'update';
      person: CachedPerson;
      user: CcUser;
      patch: Partial<UserFields> & { active?: boolean };
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
  /** What was written, the role group the sync gave (so a later settings change can move it), and values Condo Control refused. */
  syncedState: UserFields & { groupIds: string[]; unitIds: string[]; active: boolean; roleGroup?: string; refused?: Record<string, string> };
  failure?: string;
  /** How notes name this person: "The owner of unit 702". */
  label: string;
  /** What needed attention after the last run: the same notes again are a standing item, not a new one. */
  previousAttention: string[];
  /** The resident moved: their user leaves an ended record for this one. */
  relink?: Relink;
  /** An ended record whose user a new record took over in this run: say so instead of deactivating. */
  movedTo?: string;
}

export interface UnitPlan {
  unit: CachedUnit;
  /** The unit's note after the last run, to tell a standing item from a new one. */
  previousAttention?: string[];
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
  /** The corporation's local date (YYYY-MM-DD), for move-in and move-out dates. */
  today?: string;
}
