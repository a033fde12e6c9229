import type { Workspace } from '../systems/schemas';

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toUpperCase();

/**
 * Which Condo Control workspace is this corporation's building. Buildings are
 * named "<corporation code> — <address>" (or just the code); the whole code
 * must match, so "TSCC 275" never maps to "TSCC 2750 — …".
 */
export function matchWorkspace(code: string, workspaces: Workspace[]): Workspace | undefined {
  const want = norm(code);
  return workspaces.find((w) => norm(w.name.split(/\s+[—–-]\s+/)[0] ?? w.name) === want);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export function isValidEmail(email: string): boolean {
  return EMAIL.test(email) && email.length <= 254;
}

export const unitTypeFor = { OwnerOccupied: 'OwnerOccupied', Rental: 'Rental', Vacant: 'Vacant' } as const;

export function sameName(a: { firstName: string; lastName: string }, b: { firstName: string; lastName: string }): boolean {
  const n = (s: string) => s.trim().toLocaleLowerCase('en-CA');
  return n(a.firstName) === n(b.firstName) && n(a.lastName) === n(b.lastName);
}
