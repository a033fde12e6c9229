/**
 * U+0000 (NUL) in text. PostgreSQL's text cannot hold it (error 22021) while
 * SQLite stores it, so a name or a search carrying one would fail a whole
 * statement on one backend and pass on the other. It is never meaningful in
 * a name, a number or a query: the engine refuses it where text comes in
 * (Condo Manager's records, the contract's inputs), the same on both.
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
