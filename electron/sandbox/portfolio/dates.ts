// Date helpers on plain 'YYYY-MM-DD' strings in UTC, so generated data never
// depends on the machine's time zone.

const DAY_MS = 86_400_000;

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function parseDate(date: string): number {
  return Date.parse(`${date}T00:00:00.000Z`);
}

export function addDays(date: string, days: number): string {
  return isoDate(parseDate(date) + days * DAY_MS);
}

/** First day of the month `months` after the month of `date` (negative goes back). */
export function addMonths(date: string, months: number): string {
  const d = new Date(parseDate(date));
  return isoDate(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
}

export function daysBetween(from: string, toMs: number): number {
  return Math.floor((toMs - parseDate(from)) / DAY_MS);
}

/** A random date between two dates, inclusive. */
export function dateBetween(rand: () => number, from: string, to: string): string {
  const a = parseDate(from);
  const b = parseDate(to);
  return isoDate(a + Math.floor(rand() * ((b - a) / DAY_MS + 1)) * DAY_MS);
}

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

export function monthLabel(date: string): string {
  const d = new Date(parseDate(date));
  return `${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()}`;
}

