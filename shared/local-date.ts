/**
 * The calendar date (YYYY-MM-DD) at `at` in `timeZone` (an IANA zone name):
 * the day a corporation's desk sees, which from 19:00 in Toronto is not the
 * UTC date. Used by the sync (is a move-in date still ahead?) and by the
 * sandbox's Condo Manager (dating a person's start and end), so both read
 * "today" alike. An unknown zone falls back to Toronto: the corporations are
 * in Canada and Toronto is Condo Manager's default.
 * @param at an instant: a Date, epoch ms, or an ISO 8601 stamp.
 */
export function localDate(at: Date | number | string, timeZone: string): string {
  const when = at instanceof Date ? at : new Date(at);
  const format = (zone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(when);
  try {
    return format(timeZone);
  } catch {
    return format('America/Toronto');
  }
}
