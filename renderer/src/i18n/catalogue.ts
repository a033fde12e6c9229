/**
 * The shape every language's catalogue must have: the English catalogue's
 * keys, each with a string. Typing French against it means a string added to
 * English and forgotten in French fails `npm run typecheck`.
 */
export type Catalogue<T> = { [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };

/**
 * French has a third plural category ("many", for 1 000 000 and up) that
 * English lacks. Where a catalogue gives only `_one`/`_other`, "many" reads
 * the `_other` string, so no plural ever falls through to a raw key.
 */
export function withManyPlurals<T extends object>(catalogue: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(catalogue)) {
    out[key] = typeof value === 'object' && value !== null ? withManyPlurals(value) : value;
    if (key.endsWith('_other')) {
      const many = `${key.slice(0, -'_other'.length)}_many`;
      if (!(many in catalogue)) out[many] = value;
    }
  }
  return out as T;
}
