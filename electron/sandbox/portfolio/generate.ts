// The deterministic demo portfolio: corporations, units and people. Each
// corporation draws from its own PRNG stream (seed, index), and emails are
// de-duplicated across the whole portfolio in corporation order, so the same
// seed and size always give the same data on both sandboxes.
import { COMPANY_NAMES, PLAN_PREFIXES, STREETS } from './names';
import { dateBetween } from './dates';
import { household, pastOwner, type HouseholdContext } from './households';
import { PeopleFactory } from './people';
import { Rng, streamSeed } from './prng';
import { SIZES, type SizeSpec } from './sizes';
import { STORY, STORY_EMAILS, STORY_PARKING } from './story';
import { makeUnits } from './units';
import type { Corporation, CorporationData, PersonRecord, Size, Unit } from './types';

/** Seeded rows carry fixed timestamps (never "now"), so a seed is reproducible. */
export const IMPORT_AT = '2026-10-15T06:00:00.000Z';
const EDIT_TIMES = [
  '2026-10-20T14:00:00.000Z',
  '2026-10-24T09:30:00.000Z',
  '2026-10-28T16:45:00.000Z',
];

function corporationOf(index: number, rng: Rng): { corporation: Corporation; address: string } {
  const streetNo = rng.int(1, 400);
  const address = `${streetNo} ${rng.pick(STREETS)}, Toronto ON M${rng.int(1, 9)}${'ABCEGHJKLMNPRSTVXY'[rng.int(0, 17)] ?? 'A'} ${rng.int(0, 9)}${'ABCEGHJKLMNPRSTVXY'[rng.int(0, 17)] ?? 'A'}${rng.int(0, 9)}`;
  if (index === 0) {
    return {
      corporation: {
        id: 'corp_tscc2750',
        code: 'TSCC 2750',
        legalName: 'Toronto Standard Condominium Corporation No. 2750',
        timezone: 'America/Toronto',
      },
      address,
    };
  }
  // Disjoint number ranges per index keep codes unique without shared state.
  const prefix = rng.pick(PLAN_PREFIXES);
  const number = 100 + index * 40 + rng.int(0, 39);
  return {
    corporation: {
      id: `corp_${prefix.code.toLowerCase()}${number}`,
      code: `${prefix.code} ${number}`,
      legalName: `${prefix.legal} No. ${number}`,
      timezone: 'America/Toronto',
    },
    address,
  };
}

export function generateCorporation(
  seed: number,
  size: Size,
  index: number,
  usedEmails: Set<string>,
): CorporationData {
  const spec: SizeSpec = SIZES[size];
  const rng = new Rng(streamSeed(seed, 'corporation', index));
  const { corporation, address } = corporationOf(index, rng);
  const factory = new PeopleFactory(rng, usedEmails, index.toString(36));
  const plan = `${corporation.code.split(' ')[0] ?? 'TSCC'} Plan No. ${corporation.code.split(' ')[1] ?? ''}`;
  const units = makeUnits(spec, factory, plan, IMPORT_AT);
  const ctx: HouseholdContext = {
    rng,
    factory,
    buildingAddress: address,
    // Most rows share the import timestamp: plenty of ties for (updatedAt, id).
    updatedAt: () => (rng.chance(0.8) ? IMPORT_AT : rng.pick(EDIT_TIMES)),
  };
  const story = index === 0;
  if (story) for (const email of Object.values(STORY_EMAILS)) usedEmails.add(email);

  const people: PersonRecord[] = [];
  const residential = units.filter((u) => u.kind === 'residential');
  const byNumber = new Map(units.map((u) => [u.number, u]));
  const ownersOf = new Map<string, PersonRecord[]>();
  for (const unit of residential) {
    const scripted = story ? STORY[unit.number] : undefined;
    let members: PersonRecord[];
    if (scripted) {
      unit.occupancy = scripted.occupancy;
      members = scripted.people(ctx, unit);
    } else {
      members = household(ctx, unit);
    }
    people.push(...members);
    ownersOf.set(unit.id, members.filter((p) => p.role === 'Owner' && p.person.status === 'Active'));
  }

  // Parking and lockers belong to a suite's owners and follow its occupancy.
  for (const unit of units) {
    if (unit.kind !== 'parking' && unit.kind !== 'locker') continue;
    const scriptedSuite = story ? STORY_PARKING[unit.number] : undefined;
    const suite = (scriptedSuite && byNumber.get(scriptedSuite)) || pickSuite(rng, residential, story);
    unit.occupancy = suite.occupancy;
    for (const owner of ownersOf.get(suite.id) ?? []) owner.person.unitIds.push(unit.id);
  }

  for (const unit of units) {
    if (unit.kind !== 'commercial') continue;
    unit.occupancy = 'Rental';
    const company = `${rng.int(1_000_000, 2_999_999)} ${rng.pick(COMPANY_NAMES)}`;
    people.push({
      role: 'Owner',
      person: factory.person({
        title: '', firstName: '', lastName: company,
        email: factory.email('accounts', company),
        phones: [factory.phone('work')],
        unitIds: [unit.id],
        startDate: dateBetween(() => rng.float(), '2010-01-01', '2020-12-31'),
        mailingAddress: factory.elsewhereAddress(),
        updatedAt: IMPORT_AT,
      }),
    });
  }

  // Pad with earlier owners (a building's history) up to the size's head count.
  while (people.length < spec.peoplePerCorporation) {
    const unit = rng.pick(residential);
    const until = dateBetween(() => rng.float(), '2004-01-01', '2015-12-31');
    people.push(pastOwner(ctx, unit, until, rng.chance(0.15) ? 'fr' : 'en'));
  }
  return { index, corporation, address, units, people };
}

/** Story suites keep their scripted parking only; Scott must not gain more residential units. */
function pickSuite(rng: Rng, residential: Unit[], story: boolean): Unit {
  for (;;) {
    const unit = rng.pick(residential);
    if (!story || !STORY[unit.number]) return unit;
  }
}

/** Every corporation of a portfolio, in order. */
export function* generateStructure(seed: number, size: Size): Generator<CorporationData> {
  const usedEmails = new Set<string>();
  for (let i = 0; i < SIZES[size].corporations; i++) yield generateCorporation(seed, size, i, usedEmails);
}
