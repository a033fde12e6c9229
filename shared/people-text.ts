/**
 * How people's text (names, emails, unit numbers) is compared, searched and
 * checked, in one place for the engine, the local search and the sandbox
 * Condo Control. Pure functions, no I/O.
 */
import isEmail from 'validator/lib/isEmail.js';

// Typographic forms that two systems pick differently for the same text.
const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u02BC\u02B9\u02BB\u2032\u00B4\u0060\uFF07]/g;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g;
// \s covers NBSP, narrow NBSP, thin and other Unicode spaces; zero-width ones are dropped.
const ZERO_WIDTH = /\u200B|\u200C|\u200D|\u2060|\uFEFF|\u00AD/g;
const MARKS = /\p{M}/gu;
// Letters that no decomposition splits but that French and German readers treat as two.
const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'oe', æ: 'ae', Æ: 'ae', ß: 'ss', ẞ: 'ss', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd', ł: 'l', Ł: 'l', ı: 'i' };
const LIGATURE_RE = /[œŒæÆßẞøØđĐłŁı]/g;

/**
 * The comparison key of a piece of people's text: case- and accent-insensitive
 * for every letter, whatever Unicode form it came in (NFC or NFD), with
 * typographic apostrophes, dashes and spaces folded to their plain forms and
 * whitespace collapsed. Locale-independent (no Turkish dotless-i surprises).
 * "  Côté–Lévesque " and "cote-levesque" give the same key; "O’Brien" and
 * "o'brien" too. Empty or missing text gives ''.
 */
export function foldText(text: string | null | undefined): string {
  if (!text) return '';
  return text
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(ZERO_WIDTH, '')
    .replace(LIGATURE_RE, (c) => LIGATURES[c] ?? c)
    .replace(APOSTROPHES, "'")
    .replace(DASHES, '-')
    .toUpperCase()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Two people's names read the same (first and last name, each compared folded). */
export function sameName(a: { firstName: string; lastName: string }, b: { firstName: string; lastName: string }): boolean {
  return foldText(a.firstName) === foldText(b.firstName) && foldText(a.lastName) === foldText(b.lastName);
}

/** The key an email is compared by: folded like any text (an email is case-insensitive in practice). */
export function emailKey(email: string | null | undefined): string {
  return foldText(email);
}

/**
 * Condo Control's rule for a login email (its help pages: "an email is needed
 * to log in and must be a valid, unique address"), as validator's isEmail
 * options: no display name ("Ann <a@b.ca>"), a dotted domain with a real TLD,
 * no IP-address domain, an ASCII local part without quotes (so no
 * `noemie..tremblay@…`, `.a@…` or `"a b"@…`), at most 254 characters.
 * Surrounding spaces are the caller's to trim.
 */
export function isLoginEmail(email: string): boolean {
  return (
    email.length <= 254 &&
    isEmail(email, {
      allow_display_name: false,
      require_display_name: false,
      allow_utf8_local_part: false,
      require_tld: true,
      allow_ip_domain: false,
      allow_underscores: false,
      blacklisted_chars: '"',
      ignore_max_length: false,
    })
  );
}
