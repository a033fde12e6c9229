// Makes plausible people: names by language, unique example.* emails, fictional
// phone numbers. One factory per corporation; the email set is shared across
// the portfolio so only the story's deliberate duplicates ever collide.
import type { Rng } from './prng';
import {
  EMAIL_DOMAINS,
  FIRST_NAMES_EN_F,
  FIRST_NAMES_EN_M,
  FIRST_NAMES_FR_F,
  FIRST_NAMES_FR_M,
  LAST_NAMES_EN,
  LAST_NAMES_FR,
  CITIES,
  STREETS,
} from './names';
import type { Language, Person, Phone } from './types';

export interface Name {
  title: string;
  firstName: string;
  lastName: string;
}

export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export class PeopleFactory {
  private readonly usedIds = new Set<string>();

  constructor(
    private readonly rng: Rng,
    private readonly usedEmails: Set<string>,
    /** Corporation index in base 36, so ids are unique across corporations. */
    private readonly idSuffix: string,
  ) {}

  id(prefix: string): string {
    for (;;) {
      const id = `${prefix}_${this.rng.token(7)}${this.idSuffix}`;
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  lastName(language: Language): string {
    return this.rng.pick(language === 'fr' && this.rng.chance(0.8) ? LAST_NAMES_FR : LAST_NAMES_EN);
  }

  name(language: Language, lastName?: string): Name {
    const female = this.rng.chance(0.5);
    const pool =
      language === 'fr'
        ? female ? FIRST_NAMES_FR_F : FIRST_NAMES_FR_M
        : female ? FIRST_NAMES_EN_F : FIRST_NAMES_EN_M;
    const titles = female ? ['Ms.', 'Mrs.', 'Dr.', ''] : ['Mr.', 'Mr.', 'Dr.', ''];
    const title = language === 'fr' ? (female ? 'Mme' : 'M.') : this.rng.pick(titles);
    return { title, firstName: this.rng.pick(pool), lastName: lastName ?? this.lastName(language) };
  }

  /** A unique address at an example.* domain; also reserves story emails. */
  email(firstName: string, lastName: string): string {
    const base = `${asciiSlug(firstName) || 'owner'}.${asciiSlug(lastName) || 'resident'}`;
    const domain = this.rng.pick(EMAIL_DOMAINS);
    for (let n = 0; ; n++) {
      const email = `${base}${n === 0 ? '' : n + 1}@${domain}`;
      if (!this.usedEmails.has(email)) {
        this.usedEmails.add(email);
        return email;
      }
    }
  }

  phone(type: Phone['type']): Phone {
    const area = this.rng.pick(['416', '647', '437', '905']);
    return { type, number: `${area}-555-01${String(this.rng.int(0, 99)).padStart(2, '0')}` };
  }

  phones(): Phone[] {
    const phones = [this.phone(this.rng.chance(0.8) ? 'mobile' : 'home')];
    if (this.rng.chance(0.3)) phones.push(this.phone(this.rng.chance(0.5) ? 'work' : 'home'));
    return phones;
  }

  postalCode(): string {
    const L = 'ABCEGHJKLMNPRSTVXY';
    const l = () => L[this.rng.int(0, L.length - 1)] ?? 'A';
    return `M${this.rng.int(1, 9)}${l()} ${this.rng.int(0, 9)}${l()}${this.rng.int(0, 9)}`;
  }

  elsewhereAddress(): string {
    return `${this.rng.int(1, 999)} ${this.rng.pick(STREETS)}, ${this.rng.pick(CITIES)} ON ${this.postalCode()}`;
  }

  person(fields: Partial<Person> & Pick<Person, 'unitIds' | 'startDate' | 'updatedAt'>): Person {
    const language = fields.language ?? 'en';
    const name = this.name(language);
    const firstName = fields.firstName ?? name.firstName;
    const lastName = fields.lastName ?? name.lastName;
    return {
      id: fields.id ?? this.id('p'),
      unitIds: fields.unitIds,
      title: fields.title ?? name.title,
      firstName,
      lastName,
      email: fields.email !== undefined ? fields.email : this.email(firstName, lastName),
      phones: fields.phones ?? this.phones(),
      mailingAddress: fields.mailingAddress ?? null,
      language,
      status: fields.status ?? 'Active',
      startDate: fields.startDate,
      endDate: fields.endDate ?? null,
      updatedAt: fields.updatedAt,
      ...(fields.moveInDate !== undefined
        ? { moveInDate: fields.moveInDate, moveOutDate: fields.moveOutDate ?? null }
        : {}),
    };
  }
}
