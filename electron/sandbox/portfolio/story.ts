// The product story's residents in TSCC 2750 (corporation 0 in every size).
// Fixed names and emails so the demo, the docs and the tests can find them:
// - Scott Mills owns exactly one residential unit (804, his unitIds[0]) and P-7;
// - Marc and Julie Tremblay co-own 1203, speak French and share one email;
// - Margaret O'Brien owns 304 and has no email;
// - Priya Sharma owns 502 (a hand-made Condo Control user matches her);
// - Élodie Gagnon rents 702 (a hand-made Condo Control user took her email).
import { pastOwner, unitAddress, type HouseholdContext } from './households';
import type { Occupancy, PersonRecord, Unit } from './types';

export const STORY_EMAILS = {
  scott: 'scott.mills@example.com',
  tremblay: 'famille.tremblay@example.ca',
  priya: 'priya.sharma@example.com',
  elodie: 'e.gagnon@example.ca',
} as const;

interface StoryHousehold {
  occupancy: Occupancy;
  people: (ctx: HouseholdContext, unit: Unit) => PersonRecord[];
}

function owner(ctx: HouseholdContext, unit: Unit, fields: Parameters<HouseholdContext['factory']['person']>[0]): PersonRecord {
  return { role: 'Owner', person: ctx.factory.person({ mailingAddress: unitAddress(unit, ctx.buildingAddress), ...fields }) };
}

export const STORY: Record<string, StoryHousehold> = {
  '804': {
    occupancy: 'OwnerOccupied',
    people: (ctx, unit) => [
      owner(ctx, unit, {
        title: 'Mr.', firstName: 'Scott', lastName: 'Mills', email: STORY_EMAILS.scott,
        phones: [{ type: 'mobile', number: '416-555-0142' }],
        language: 'en', unitIds: [unit.id], startDate: '2019-06-28', updatedAt: ctx.updatedAt(),
      }),
      pastOwner(ctx, unit, '2019-06-28', 'en'),
    ],
  },
  '1203': {
    occupancy: 'OwnerOccupied',
    people: (ctx, unit) =>
      (['Marc', 'Julie'] as const).map((firstName) =>
        owner(ctx, unit, {
          title: firstName === 'Marc' ? 'M.' : 'Mme', firstName, lastName: 'Tremblay', email: STORY_EMAILS.tremblay,
          phones: [{ type: 'home', number: '416-555-0177' }],
          language: 'fr', unitIds: [unit.id], startDate: '2016-03-15', updatedAt: ctx.updatedAt(),
        }),
      ),
  },
  '304': {
    occupancy: 'OwnerOccupied',
    people: (ctx, unit) => [
      owner(ctx, unit, {
        title: 'Mrs.', firstName: 'Margaret', lastName: "O'Brien", email: null,
        phones: [{ type: 'home', number: '416-555-0109' }],
        language: 'en', unitIds: [unit.id], startDate: '2009-11-02', updatedAt: ctx.updatedAt(),
      }),
    ],
  },
  '502': {
    occupancy: 'OwnerOccupied',
    people: (ctx, unit) => [
      owner(ctx, unit, {
        title: 'Dr.', firstName: 'Priya', lastName: 'Sharma', email: STORY_EMAILS.priya,
        phones: [{ type: 'mobile', number: '647-555-0131' }],
        language: 'en', unitIds: [unit.id], startDate: '2021-08-01', updatedAt: ctx.updatedAt(),
      }),
    ],
  },
  '702': {
    occupancy: 'Rental',
    people: (ctx, unit) => [
      owner(ctx, unit, {
        unitIds: [unit.id], startDate: '2017-05-10', language: 'en',
        mailingAddress: ctx.factory.elsewhereAddress(), updatedAt: ctx.updatedAt(),
      }),
      {
        role: 'Tenant',
        person: ctx.factory.person({
          title: 'Mme', firstName: 'Élodie', lastName: 'Gagnon', email: STORY_EMAILS.elodie,
          phones: [{ type: 'mobile', number: '437-555-0158' }],
          language: 'fr', unitIds: [unit.id], startDate: '2024-09-01',
          moveInDate: '2024-09-01', moveOutDate: null,
          mailingAddress: unitAddress(unit, ctx.buildingAddress), updatedAt: ctx.updatedAt(),
        }),
      },
    ],
  },
};

/** Scott's parking spot, so his unitIds hold one residential unit and one parking unit. */
export const STORY_PARKING: Record<string, string> = { 'P-7': '804' };
