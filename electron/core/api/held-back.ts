import type { HeldBackCode } from '@shared/types';
import type { ResidentRepository } from '../db/repositories/residents';
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
export async function heldBackReason(
  residents: Pick<ResidentRepository, 'emailHolders'>,
  input: { row: Person; field: string; source: unknown; synced?: { email?: string | null } },
): Promise<{ code: HeldBackCode; message: string } | undefined> {
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
  const holders = await residents.emailHolders(row.corporation_id, row.id, email);
  if (holders.some((h) => h && lower((JSON.parse(h) as { email?: string | null }).email) === email)) {
    return {
      code: 'email-taken',
      message: `Another resident already has this email in Condo Control, so it will not be written. Give each resident their own email in Condo Manager (${screen}).`,
    };
  }
  return undefined;
}
