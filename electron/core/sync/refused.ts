// Values Condo Control refuses (422) on a create or an update. The person is
// still synced with every other value; the refused ones are flagged with what
// to fix in Condo Manager, and remembered so they are not sent again until
// Condo Manager's value changes.
import { say } from '@shared/core-messages';

/** Fields the sync may leave out and still have a valid user; lastName and groups are required. */
const OPTIONAL = new Set(['email', 'phones', 'firstName', 'language']);

const LABEL: Record<string, string> = { email: 'email', phones: 'phone number', firstName: 'first name', language: 'language', lastName: 'last name' };

/** The top-level fields named by a 422's error keys ("phones.0.number" → "phones"). */
export function refusedFields(keys: string[]): string[] {
  return [...new Set(keys.map((k) => k.split('.')[0]!).filter(Boolean))];
}

/** Whether every refused field can be left out (a refused last name or group cannot). */
export function canDrop(fields: string[]): boolean {
  return fields.length > 0 && fields.every((f) => OPTIONAL.has(f));
}

/** The value a create or update sends instead of a refused one. */
export function withoutFields<T extends Record<string, unknown>>(body: T, fields: string[], mode: 'create' | 'update'): T {
  const out: Record<string, unknown> = { ...body };
  for (const f of fields) {
    if (mode === 'update') delete out[f];
    else if (f === 'email') out.email = null;
    else if (f === 'phones') out.phones = [];
    else if (f === 'firstName') out.firstName = '';
    else delete out[f];
  }
  return out as T;
}

/**
 * The note for an email Condo Control cannot accept, whether the console's
 * own check caught it or Condo Control answered 422: one rule, one sentence.
 * `kept`: an existing user keeps the email Condo Control already has (the
 * rest of the change still lands); otherwise the person has none there.
 */
export function badEmailNote(email: unknown, who: string, role: 'owner' | 'tenant', kept: boolean): string {
  // The desk needs to see the typo to fix it, so the email is shown as Condo Manager has it.
  return say(kept ? 'badEmailKept' : 'badEmail', { who, email: String(email), role: role === 'owner' ? 'Owner' : 'Tenant' });
}

/** The note for a refused value: what Condo Control refused and where to fix it. `kept`: see badEmailNote. */
export function refusedNote(field: string, value: unknown, who: string, role: 'owner' | 'tenant', kept = false): string {
  if (field === 'email' && typeof value === 'string') return badEmailNote(value, who, role, kept);
  return say('refusedValue', { whoLower: who.replace(/^The/, 'the'), role: role === 'owner' ? 'Owner' : 'Tenant', field: LABEL[field] ?? field });
}
