// Who lives in (or owns) a residential unit: co-owners, sometimes a past
// owner, and for rentals the tenants and sometimes a past tenant. These are
// the cases the sync must handle (several owners, shared emails, no email,
// French speakers, people who left).
import { dateBetween, addDays } from './dates';
import type { Rng } from './prng';
import type { PeopleFactory } from './people';
import type { Language, Occupancy, PersonRecord, Unit } from './types';

export interface HouseholdContext {
  rng: Rng;
  factory: PeopleFactory;
  /** Street address of the building, e.g. "18 Harbour Street, Toronto ON M5J 2Z8". */
  buildingAddress: string;
  updatedAt: () => string;
}

export function unitAddress(unit: Unit, buildingAddress: string): string {
  return `${unit.number}-${buildingAddress}`;
}

export function pickOccupancy(rng: Rng): Occupancy {
  const x = rng.float();
  return x < 0.07 ? 'Vacant' : x < 0.4 ? 'Rental' : 'OwnerOccupied';
}

export function pastOwner(ctx: HouseholdContext, unit: Unit, until: string, language: Language): PersonRecord {
  const { rng, factory } = ctx;
  const startDate = dateBetween(() => rng.float(), '1998-01-01', addDays(until, -400));
  return {
    role: 'Owner',
    person: factory.person({
      unitIds: [unit.id],
      language,
      status: 'Past',
      startDate,
      endDate: until,
      mailingAddress: factory.elsewhereAddress(),
      updatedAt: ctx.updatedAt(),
    }),
  };
}

export function household(ctx: HouseholdContext, unit: Unit): PersonRecord[] {
  const { rng, factory } = ctx;
  const language: Language = rng.chance(0.15) ? 'fr' : 'en';
  const occupancy = pickOccupancy(rng);
  unit.occupancy = occupancy;
  const out: PersonRecord[] = [];

  const x = rng.float();
  const ownerCount = x < 0.4 ? 1 : x < 0.85 ? 2 : 3;
  const purchased = dateBetween(() => rng.float(), '2008-01-01', '2025-12-31');
  const familyName = factory.lastName(language);
  const resident = occupancy === 'OwnerOccupied';
  const mailing = resident ? unitAddress(unit, ctx.buildingAddress) : factory.elsewhereAddress();
  let firstEmail: string | null = null;
  for (let i = 0; i < ownerCount; i++) {
    const lastName = rng.chance(0.7) ? familyName : factory.lastName(language);
    const name = factory.name(language, lastName);
    // Some households share one email: a real case the sync must flag, not drop.
    const sharesEmail: boolean = i > 0 && firstEmail !== null && rng.chance(0.04);
    const noEmail = rng.chance(0.05);
    const email: string | null = sharesEmail ? firstEmail : noEmail ? null : factory.email(name.firstName, name.lastName);
    if (i === 0) firstEmail = email;
    out.push({
      role: 'Owner',
      person: factory.person({
        ...name,
        email,
        unitIds: [unit.id],
        language,
        startDate: purchased,
        mailingAddress: mailing,
        updatedAt: ctx.updatedAt(),
      }),
    });
  }
  if (rng.chance(0.4)) out.push(pastOwner(ctx, unit, purchased, rng.chance(0.15) ? 'fr' : 'en'));

  if (occupancy === 'Rental') {
    const tenantLanguage: Language = rng.chance(0.15) ? 'fr' : 'en';
    const moveIn = dateBetween(() => rng.float(), '2021-01-01', '2026-09-01');
    const tenants = rng.int(1, 3);
    const tenantName = factory.lastName(tenantLanguage);
    for (let i = 0; i < tenants; i++) {
      const name = factory.name(tenantLanguage, rng.chance(0.6) ? tenantName : undefined);
      out.push({
        role: 'Tenant',
        person: factory.person({
          ...name,
          email: rng.chance(0.05) ? null : undefined,
          unitIds: [unit.id],
          language: tenantLanguage,
          startDate: moveIn,
          moveInDate: moveIn,
          moveOutDate: null,
          mailingAddress: unitAddress(unit, ctx.buildingAddress),
          updatedAt: ctx.updatedAt(),
        }),
      });
    }
    if (rng.chance(0.4)) {
      const pastIn = dateBetween(() => rng.float(), '2016-01-01', addDays(moveIn, -200));
      out.push({
        role: 'Tenant',
        person: factory.person({
          unitIds: [unit.id],
          language: rng.chance(0.15) ? 'fr' : 'en',
          status: 'Past',
          startDate: pastIn,
          endDate: addDays(moveIn, -1),
          moveInDate: pastIn,
          moveOutDate: addDays(moveIn, -1),
          mailingAddress: factory.elsewhereAddress(),
          updatedAt: ctx.updatedAt(),
        }),
      });
    }
  }
  return out;
}
