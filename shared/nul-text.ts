/**
 * Text both databases store alike.
 *
 * U+0000 (NUL): PostgreSQL's text cannot hold it (error 22021) while SQLite
 * stores it, so a name or a search carrying one would fail a whole
 * statement on one backend and pass on the other. It is never meaningful in
 * a name, a number or a query: the engine refuses it where text comes in
 * (Condo Manager's records, the contract's inputs), the same on both.
 *
 * A lone UTF-16 surrogate (half of an emoji, from a name cut in the middle of
 * one upstream): the pg driver stores one U+FFFD for it, better-sqlite3 three,
 * and PostgreSQL's jsonb would refuse its JSON escape (22P02). Condo Manager's
 * records are made well-formed (U+FFFD for each half) before anything reads them.
 */

/**
 * The dotted path (`lines.0.description`; '' for the value itself) of the
 * first string holding U+0000 in `value`, an object key included; undefined when none.
 * Walks plain JSON (objects, arrays); stops 32 levels down.
 */
export function nulPath(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? '' : undefined;
  if (depth >= 32 || typeof value !== 'object' || value === null) return undefined;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  for (const [key, v] of entries) {
    if (key.includes('\u0000')) return '(a field name)';
    const inner = nulPath(v, depth + 1);
    if (inner !== undefined) return inner ? `${key}.${inner}` : key;
  }
  return undefined;
}

/** What is wrong, for an error message (never the value: it may be personal data). */
export const NUL_MESSAGE = 'contains the NUL character (U+0000), which text cannot hold';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/**
 * `value` with each lone surrogate in its strings (object keys included)
 * replaced by U+FFFD, as String.prototype.toWellFormed does; the same value,
 * not a copy, when it has none. Walks plain JSON; stops 32 levels down.
 */
export function wellFormed<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return (LONE_SURROGATE.test(value) ? value.replace(LONE_SURROGATES, '\uFFFD') : value) as T;
  if (depth >= 32 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const items = value.map((v) => wellFormed(v, depth + 1));
    return (items.some((v, i) => v !== value[i]) ? items : value) as T;
  }
  let changed = false;
  const entries = Object.entries(value).map(([k, v]) => {
    const [k2, v2] = [wellFormed(k), wellFormed(v, depth + 1)];
    if (k2 !== k || v2 !== v) changed = true;
    return [k2, v2] as const;
  });
  return (changed ? Object.fromEntries(entries) : value) as T;
}
