import { redact } from '../log';

/** What the local cache knows of residents, to scrub from anything leaving the computer. */
export interface KnownPeople {
  names: string[];
  emails: string[];
}

/** Residents' names and emails from the cached people (DiagnosticsRepository.people); none when there is no cache yet. */
export function knownPeople(rows: { f: string; l: string; e: string | null }[]): KnownPeople {
  return { names: rows.flatMap((r) => [r.f, r.l]).filter(Boolean), emails: rows.map((r) => r.e).filter((e): e is string => !!e) };
}

const LOOSE_EMAIL = /[^\s"<>(),;:[\]\\]+@[^\s"<>(),;:[\]\\]+/gu;
const WORD = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu;
const fold = (s: string) => s.normalize('NFC').replace(/’/g, "'").toLocaleLowerCase('en-CA');
const parts = (w: string) => [w, ...w.split(/['-]/)];

/**
 * A text scrubber for support bundles, on top of the logger's redaction:
 * any word that is part of a resident's first or last name (NFC and case
 * folded, so "ZOÉ", "Zoé" and the decomposed "Zoé" all match), any known
 * email whatever its form, then emails and phone-like numbers by pattern.
 * It over-scrubs (a surname that is also an English word goes too): a
 * support bundle can lose a word, never a resident's name.
 */
export function scrubber(known: KnownPeople): (text: string) => string {
  const names = new Set<string>();
  for (const n of known.names) for (const w of fold(n).match(WORD) ?? []) for (const p of parts(w)) if (p.length >= 2) names.add(p);
  const emails = new Set(known.emails.map(fold));
  return (text) => {
    let out = text.normalize('NFC');
    // Known emails whatever characters they hold (the pattern below knows only the usual ones).
    if (emails.size) out = out.replace(LOOSE_EMAIL, (m) => (emails.has(fold(m)) ? '[email]' : m));
    out = out.replace(WORD, (w) => (parts(fold(w)).some((p) => names.has(p)) ? '[name]' : w));
    return redact(out) as string;
  };
}
