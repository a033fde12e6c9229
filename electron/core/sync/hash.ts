import * as crypto from 'node:crypto';

/**
 * Stable JSON: keys sorted (undefined values left out, as JSON does), so
 * equal content always hashes equal. The text is stored (content hashes,
 * refused values), so it must not change: it is JSON.stringify's, with keys
 * in order. Built in one pass without intermediate arrays: a large sync calls
 * it for every field of every person (issue 9's allocation profile).
 */
export function stableJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + stableJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  // Sorting allocates even when the keys are already in order (arrays of them, often).
  if (!inOrder(keys)) keys.sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = record[k];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${stableJson(v)}`;
    first = false;
  }
  return `${out}}`;
}

function inOrder(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}

// One-shot hashing (Node ≥ 20.12) skips the Hash object; older runtimes build one.
const oneShot = (crypto as unknown as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** SHA-1 of the stable JSON, hex (40 characters). */
export function contentHash(value: unknown): string {
  const text = stableJson(value);
  return oneShot ? oneShot('sha1', text, 'hex') : crypto.createHash('sha1').update(text).digest('hex');
}
