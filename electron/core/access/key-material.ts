/**
 * Access keys as strings: `csk_` and 43 base64url characters (256 random
 * bits). Only the SHA-256 of a key is stored; a slow hash adds nothing for a
 * random secret this long, and a fast one keeps every request's check cheap.
 */
import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'csk_';
/** How many characters of a key are kept to tell keys apart ("csk_Ab3dEf…"). */
const SHOWN = PREFIX.length + 6;

export function newKey(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function keyPrefix(key: string): string {
  return key.slice(0, SHOWN);
}

/** Whether a string is shaped like an access key (the host's own token is not). */
export function looksLikeKey(given: string): boolean {
  return given.startsWith(PREFIX) && given.length === PREFIX.length + 43;
}

/** A short id for the CLI's `keys revoke <id>`. */
export function newKeyId(): string {
  return 'key_' + randomBytes(6).toString('hex');
}
