// The desk's edits to owners, tenants and units. Each effective change bumps
// updatedAt (strictly increasing) and appends a feed event in the same
// transaction; a save that changes nothing writes nothing, so it costs a sync
// nothing either.
import { randomBytes } from 'node:crypto';
import { localDate } from '@shared/local-date';
import { HttpError, validationFailed } from '../common/http-error';
import type { MonotonicClock } from '../common/clock';
import type { Db } from '../common/sqlite';
import type { Person, Role, Unit } from '../portfolio/types';
import type { ChangeFeed } from './feed';
import type { CmReads } from './reads';
import type { PersonPatch } from './validation';

function withoutStamp<T extends { updatedAt: string }>(row: T): string {
  return JSON.stringify({ ...row, updatedAt: '' });
}

export class PeopleWrites {
  private readonly updatePersonRow;
  private readonly insertPersonRow;
  private readonly updateUnitRow;

  constructor(
    private readonly db: Db,
    private readonly reads: CmReads,
    private readonly feed: ChangeFeed,
    private readonly clock: MonotonicClock,
  ) {
    this.updatePersonRow = db.prepare('UPDATE people SET status = ?, updated_at = ?, json = ? WHERE id = ?');
    this.insertPersonRow = db.prepare('INSERT INTO people (id, corp_id, role, status, updated_at, json) VALUES (?, ?, ?, ?, ?, ?)');
    this.updateUnitRow = db.prepare('UPDATE units SET updated_at = ?, json = ? WHERE id = ?');
  }

  private checkFields(corpId: string, role: Role, patch: PersonPatch): void {
    const errors = [];
    for (const [i, unitId] of (patch.unitIds ?? []).entries()) {
      try {
        this.reads.unit(corpId, unitId);
      } catch {
        errors.push({ key: `unitIds.${i}`, value: 'is not a unit of this corporation' });
      }
    }
    if (role === 'Owner' && (patch.moveInDate !== undefined || patch.moveOutDate !== undefined)) {
      errors.push({ key: 'moveInDate', value: 'only tenants have move-in and move-out dates' });
    }
    if (errors.length > 0) throw validationFailed(errors);
  }

  /** Fill in what an edit implies: ending a person dates the end (the corporation's local date), reactivating clears it. */
  private normalize(corpId: string, before: Person | null, next: Person, role: Role, patch: PersonPatch): void {
    const ending = next.status === 'Past' && before?.status !== 'Past';
    if (ending && next.endDate === null) next.endDate = localDate(Date.now(), this.reads.corporation(corpId).timezone);
    if (next.status === 'Active' && patch.endDate === undefined) next.endDate = null;
    if (role === 'Tenant') {
      if (next.moveInDate === undefined) next.moveInDate = next.startDate;
      if (next.status === 'Past' && !next.moveOutDate) next.moveOutDate = next.endDate;
      if (next.status === 'Active' && patch.moveOutDate === undefined) next.moveOutDate = null;
    }
  }

  updatePerson(corpId: string, role: Role, id: string, patch: PersonPatch): Person {
    const before = this.reads.person(corpId, role, id);
    this.checkFields(corpId, role, patch);
    const next: Person = { ...before, ...patch } as Person;
    this.normalize(corpId, before, next, role, patch);
    if (withoutStamp(next) === withoutStamp(before)) return before;
    next.updatedAt = this.clock.next();
    const type = before.status !== 'Past' && next.status === 'Past' ? 'person.ended' : 'person.updated';
    this.db.transaction(() => {
      this.updatePersonRow.run(next.status, next.updatedAt, JSON.stringify(next), id);
      this.feed.append(corpId, type, 'person', id, next.updatedAt);
    })();
    this.reads.changed();
    this.feed.notify(corpId);
    return next;
  }

  createPerson(corpId: string, role: Role, input: PersonPatch & { lastName: string; unitIds: string[] }): Person {
    const corp = this.reads.corporation(corpId);
    this.checkFields(corpId, role, input);
    const updatedAt = this.clock.next();
    const start = input.startDate ?? localDate(updatedAt, corp.timezone);
    // Key order matches the seeded people, so every person serializes alike.
    const person: Person = {
      id: `p_n${randomBytes(6).toString('hex')}`,
      unitIds: input.unitIds,
      title: input.title ?? '',
      firstName: input.firstName ?? '',
      lastName: input.lastName,
      email: input.email ?? null,
      phones: input.phones ?? [],
      mailingAddress: input.mailingAddress ?? null,
      language: input.language ?? 'en',
      status: input.status ?? 'Active',
      startDate: start,
      endDate: input.endDate ?? null,
      updatedAt,
      ...(role === 'Tenant' ? { moveInDate: input.moveInDate ?? start, moveOutDate: input.moveOutDate ?? null } : {}),
    };
    this.normalize(corpId, null, person, role, input);
    this.db.transaction(() => {
      this.insertPersonRow.run(person.id, corpId, role, person.status, updatedAt, JSON.stringify(person));
      this.feed.append(corpId, 'person.created', 'person', person.id, updatedAt);
    })();
    this.reads.changed();
    this.feed.notify(corpId);
    return person;
  }

  updateUnit(corpId: string, id: string, patch: Partial<Pick<Unit, 'occupancy' | 'legalDescription'>>): Unit {
    const before = this.reads.unit(corpId, id);
    const next: Unit = { ...before, ...patch };
    if (withoutStamp(next) === withoutStamp(before)) return before;
    next.updatedAt = this.clock.next();
    this.db.transaction(() => {
      this.updateUnitRow.run(next.updatedAt, JSON.stringify(next), id);
      this.feed.append(corpId, 'unit.updated', 'unit', id, next.updatedAt);
    })();
    this.reads.changed();
    this.feed.notify(corpId);
    return next;
  }
}

export function unknownUnit(unitId: string): HttpError {
  return validationFailed([{ key: 'unitId', value: `${unitId} is not a unit of this corporation` }]);
}
