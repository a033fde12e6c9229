/**
 * Every sentence the engine can write has a code, and every code is said in
 * English and in French from the catalogue; every error code the contract
 * can answer has its own words in both languages. A code added without its
 * French fails here, so a French reader never gets a line of English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreMessages, paramsOf, readMessages, say, type CoreMessageCode } from '@shared/core-messages';
import { errorCodes } from '@shared/errors';
import { i18n } from '../../renderer/src/i18n';
import { en } from '../../renderer/src/i18n/en';
import { fr } from '../../renderer/src/i18n/fr';
import { coreText } from '../../renderer/src/lib/core-text';

const codes = Object.keys(coreMessages) as CoreMessageCode[];
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]!))].sort();

/** Messy values, as real data has them: accents in both Unicode forms, typographic apostrophes, capitals. */
const samples: Record<string, string> = {
  who: 'The tenant of unit 1203',
  other: 'the owner of unit PH-2',
  whoLower: 'the owner of unit 702',
  whereLower: 'the tenant of unit 1104',
  unit: 'P-20',
  units: '1101, 1102',
  email: 'Zoé.O’Brien@Exämple.ca'.normalize('NFD'),
  role: 'Tenant',
  field: 'phone number',
  fields: 'email, firstName',
  on: '31 Oct 2025',
  from: '804',
  to: '1104',
  group: 'Propriétaires',
  count: '9',
  size: '12',
  percent: '50',
  system: 'Condo Control',
  buildings: 'TSCC 2750, MTCC 254',
  reason: say('noAnswer', { system: 'Condo Manager' }),
};
const sample = (code: CoreMessageCode) => Object.fromEntries(paramsOf(code).map((p) => [p, samples[p] ?? `value-of-${p}`]));

describe('the engine’s sentences, by code', () => {
  beforeAll(() => i18n.changeLanguage('fr'));
  afterAll(() => i18n.changeLanguage('en'));

  it('each code has an English and a French sentence with exactly its parameters', () => {
    const missing = codes.filter((c) => typeof (en.core as Record<string, unknown>)[c] !== 'string' || typeof (fr.core as Record<string, unknown>)[c] !== 'string');
    expect(missing).toEqual([]);
    for (const code of codes) {
      const params = [...new Set(paramsOf(code))].sort();
      expect({ code, en: placeholders((en.core as unknown as Record<string, string>)[code]!) }).toEqual({ code, en: params });
      expect({ code, fr: placeholders((fr.core as unknown as Record<string, string>)[code]!) }).toEqual({ code, fr: params });
    }
  });

  it('reads every sentence back to its code and parameters, alone and joined with others', () => {
    for (const code of codes) {
      const params = sample(code);
      expect(readMessages(say(code, params))).toEqual([{ code, params }]);
    }
    const joined = [say('badEmail', sample('badEmail')), say('deactivatedInCc', sample('deactivatedInCc')), say('overwritten', { fields: 'email' })].join(' ');
    expect(readMessages(joined)?.map((m) => m.code)).toEqual(['badEmail', 'deactivatedInCc', 'overwritten']);
    expect(readMessages('Something an older version wrote.')).toBeUndefined();
  });

  it('says every sentence in French, values kept exactly as they are', () => {
    for (const code of codes) {
      const english = say(code, sample(code));
      const french = coreText(english);
      // Not one run of English wording survives: the template's literal text is gone.
      const literals = coreMessages[code].split(/\{\w+\}/).filter((part) => /[a-z]{4,}/.test(part) && !/^[\s.,:;()→-]*(Condo (Manager|Control))?[\s.,:;()→-]*$/.test(part));
      for (const part of literals) expect({ code, french }).not.toEqual(expect.objectContaining({ french: expect.stringContaining(part.trim()) }));
      if (english.includes(samples.email!)) expect(french).toContain(samples.email);
      expect(french).not.toMatch(/\{\{|core\./);
    }
    expect(coreText(say('movedOut', { on: '31 Oct', role: 'Owner' }))).toMatch(/^A déménagé le 31 octobre selon Condo Manager/);
    expect(coreText(say('refusedValue', { field: 'phone number', whoLower: 'the owner of unit 702', role: 'Owner' }))).toContain('« numéro de téléphone » pour le propriétaire de l’unité 702');
  });

  it('every error code the contract answers has its own title and text in French', async () => {
    // The bridge module looks for the Electron preload at import: give it one.
    (globalThis as { window?: unknown }).window ??= { condoSync: { call: async () => undefined, on: () => () => {} } };
    const { BridgeError } = await import('../../renderer/src/bridge');
    const { explain } = await import('../../renderer/src/lib/errors');
    for (const code of errorCodes) {
      const said = explain(new BridgeError({ code, message: 'An English sentence from the engine.' }));
      expect(said.title.trim()).not.toBe('');
      expect(said.body.trim()).not.toBe('');
      expect(`${said.title} ${said.body}`).not.toMatch(/English sentence|errors\./);
    }
  });
});
