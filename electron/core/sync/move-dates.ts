// Move-in and move-out dates against the status Condo Manager gives. The
// status is the authority (a date alone never deactivates or holds anyone
// back), but a date that disagrees with it is flagged, so the desk finishes
// the move in Condo Manager.
import { say } from '@shared/core-messages';

export interface MoveDates {
  role: 'owner' | 'tenant';
  status: 'Active' | 'Past';
  moveInDate?: string | null;
  moveOutDate?: string | null;
  endDate?: string | null;
}

/** What a person's dates say that their status does not, as of `today` (YYYY-MM-DD, local). */
export type DateFlag = { kind: 'moved-out' | 'moves-in'; date: string };

export function dateFlag(p: MoveDates, today: string): DateFlag | undefined {
  if (p.status !== 'Active') return undefined;
  // Only the date part: Condo Manager sends plain dates, a time would be its own zone's.
  const out = (p.moveOutDate ?? p.endDate)?.slice(0, 10);
  if (out && out < today) return { kind: 'moved-out', date: out };
  const moveIn = p.role === 'tenant' ? p.moveInDate?.slice(0, 10) : undefined;
  if (moveIn && moveIn > today) return { kind: 'moves-in', date: moveIn };
  return undefined;
}

/** "31 Oct", or "31 Oct 2025" outside the current year. */
function dayMonth(date: string, today: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  const opts: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', timeZone: 'UTC', ...(date.slice(0, 4) !== today.slice(0, 4) ? { year: 'numeric' } : {}) };
  return new Intl.DateTimeFormat('en-GB', opts).format(d);
}

/** The note for a flag, in the desk's words. */
export function dateNote(flag: DateFlag, role: 'owner' | 'tenant', today: string): string {
  const params = { on: dayMonth(flag.date, today), role: role === 'owner' ? 'Owner' : 'Tenant' };
  return say(flag.kind === 'moved-out' ? 'movedOut' : 'movesIn', params);
}
