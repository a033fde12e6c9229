import type { HeldBackCode } from '@shared/types';
import type { Db } from '../db/database';
import { isValidEmail } from '../sync/mapping';

interface Person {
  id: string;
  corporation_id: string;
  role: 'owner' | 'tenant';
  email: string | null;
  status: 'Active' | 'Past';
  sync_status: string | null;
}

const lower = (s: unknown) => (typeof s === 'string' ? s.trim().toLowerCase() : '');

/**
 * Why the next sync will NOT write a waiting Condo Manager value, or
 * undefined when it will. Mirrors the sync's own rules: an email Condo
 * Control cannot accept or that someone else holds is left out, and a
 * deactivated user is never reactivated by the sync.
 */
export function heldBackReason(
  db: Db,
  input: { row: Person; field: string; source: unknown; synced?: { email?: string | null } },
): { code: HeldBackCode; message: string } | undefined {
  const { row, field, source, synced } = input;
  const screen = `Information → ${row.role === 'owner' ? 'Owner' : 'Tenant'}`;
  if (field === 'active' && source === true) {
    return { code: 'no-reactivation', message: "The sync does not reactivate a user. If they still live here, reactivate them in Condo Control's Unit File." };
  }
  if (field !== 'email' || !lower(source)) return undefined;
  const email = lower(source);
  if (!isValidEmail(email)) return { code: 'invalid-email', message: `Condo Control cannot accept this email, so it will not be written. Correct it in Condo Manager (${screen}).` };
  if (row.status !== 'Active') return undefined;
  // The last sync planned this very record (it has not changed since) and left the email out.
  if (row.sync_status === 'attention' && synced && synced.email === null) {
    return {
      code: 'email-held',
      message: `Another resident or Condo Control user already has this email, so it will not be written. Give each resident their own email in Condo Manager (${screen}).`,
    };
  }
  // Changed since: someone else of the building already holds it in Condo Control.
  const holders = db
    .prepare(`SELECT m.synced_state FROM people p JOIN id_map m ON m.entity = 'person' AND m.source_id = p.id
      WHERE p.corporation_id = ? AND p.id <> ? AND p.status = 'Active' AND lower(trim(p.email)) = ? AND m.target_id IS NOT NULL`)
    .all(row.corporation_id, row.id, email) as { synced_state: string | null }[];
  if (holders.some((h) => h.synced_state && lower((JSON.parse(h.synced_state) as { email?: string | null }).email) === email)) {
    return {
      code: 'email-taken',
      message: `Another resident already has this email in Condo Control, so it will not be written. Give each resident their own email in Condo Manager (${screen}).`,
    };
  }
  return undefined;
}
