/** Both catalogues say the same things: same keys, same placeholders, nothing blank. */
import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { fr } from '../../renderer/src/i18n/fr';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]).sort();

describe('catalogues', () => {
  const enKeys = flatten(en as unknown as Tree);
  const frKeys = flatten(fr as unknown as Tree);

  it('have the same keys in English and French', () => {
    expect([...frKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
  });

  it('use the same placeholders in both languages, so no value is dropped in translation', () => {
    const mismatched = [...enKeys].filter(([k, v]) => placeholders(v).join() !== placeholders(frKeys.get(k) ?? '').join()).map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  it('have no blank strings', () => {
    const blank = [...enKeys, ...frKeys].filter(([, v]) => !v.trim()).map(([k]) => k);
    expect(blank).toEqual([]);
  });

  it('write French for Quebec: "courriel", not "e-mail", and no straight quotes around words', () => {
    const words = (v: string) => v.replace(/\{\{[^}]*\}\}/g, ''); // {{email}} is a placeholder, not a word
    const bad = [...frKeys].filter(([, v]) => /\be-?mail\b/i.test(words(v)) || /"\w/.test(words(v))).map(([k]) => k);
    expect(bad).toEqual([]);
  });
});
