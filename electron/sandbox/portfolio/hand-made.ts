// Condo Control users "entered by hand" before the integration, as a real
// onboarding leaves them (SYSTEMS.md "Hand-made Condo Control users"):
// - one matches a Condo Manager owner (same email, same names): to be linked;
// - one uses a different Condo Manager person's email under other names: a true
//   conflict, to be flagged;
// - a concierge desk login with no Condo Manager counterpart.
import { Rng, streamSeed } from './prng';
import { asciiSlug } from './people';
import { STORY_EMAILS } from './story';
import type { CorporationData, HandMadeUser, PersonRecord, Unit } from './types';

function unitNumbers(units: Map<string, Unit>, record: PersonRecord): string[] {
  const first = record.person.unitIds[0];
  const unit = first ? units.get(first) : undefined;
  return unit ? [unit.number] : [];
}

export function handMadeUsers(seed: number, data: CorporationData): HandMadeUser[] {
  const rng = new Rng(streamSeed(seed, 'hand-made', data.index));
  const units = new Map(data.units.map((u) => [u.id, u]));
  const emailCounts = new Map<string, number>();
  for (const { person } of data.people) {
    if (person.email) emailCounts.set(person.email, (emailCounts.get(person.email) ?? 0) + 1);
  }
  // Candidates: active residents of a suite with an email nobody else uses.
  const eligible = data.people.filter(
    ({ person }) =>
      person.status === 'Active' && person.email !== null && person.firstName !== '' &&
      emailCounts.get(person.email) === 1 && person.email !== STORY_EMAILS.scott,
  );
  const byEmail = (email: string) => eligible.find((p) => p.person.email === email);
  const linked =
    (data.index === 0 ? byEmail(STORY_EMAILS.priya) : undefined) ??
    rng.pick(eligible.filter((p) => p.role === 'Owner'));
  const others = eligible.filter((p) => p !== linked);
  const tenants = others.filter((p) => p.role === 'Tenant');
  const conflicted =
    (data.index === 0 ? byEmail(STORY_EMAILS.elodie) : undefined) ?? rng.pick(tenants.length > 0 ? tenants : others);

  const code = asciiSlug(data.corporation.code);
  return [
    {
      firstName: linked.person.firstName,
      lastName: linked.person.lastName,
      email: linked.person.email ?? '',
      phones: linked.person.phones.slice(0, 1),
      language: linked.person.language,
      groupName: 'Owners',
      unitNumbers: unitNumbers(units, linked),
    },
    {
      firstName: 'Dana',
      lastName: 'Whitfield',
      email: conflicted.person.email ?? '',
      phones: [{ type: 'mobile', number: '416-555-0190' }],
      language: 'en',
      groupName: 'Residents',
      unitNumbers: unitNumbers(units, conflicted),
    },
    {
      firstName: 'Concierge',
      lastName: 'Desk',
      email: `concierge.${code}@example.net`,
      phones: [{ type: 'work', number: '416-555-0100' }],
      language: 'en',
      groupName: 'Security/Concierge',
      unitNumbers: [],
    },
  ];
}
