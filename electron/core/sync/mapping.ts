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

/** Condo Control's own rule for a login email: the console refuses what it would refuse. */
export { isLoginEmail as isValidEmail, sameName } from '@shared/people-text';

export const unitTypeFor = { OwnerOccupied: 'OwnerOccupied', Rental: 'Rental', Vacant: 'Vacant' } as const;
