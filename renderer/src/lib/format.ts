/** Display formats shared by every page: dates, durations, money, labels. */
import type { JobKind, JobPhase, JobTrigger, Occupancy, UnitKind, Weekday } from '@shared/types';

const LOCALE = 'en-CA';

const absoluteFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });
const dateFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium' });
const timeFormat = new Intl.DateTimeFormat(LOCALE, { hour: 'numeric', minute: '2-digit' });
const moneyFormat = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'CAD' });
const numberFormat = new Intl.NumberFormat(LOCALE);

function parse(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function absoluteDate(iso: string | undefined): string {
  const d = parse(iso);
  return d ? absoluteFormat.format(d) : '';
}

export function shortDate(iso: string | undefined): string {
  const d = parse(iso);
  return d ? dateFormat.format(d) : '';
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "just now", "2 min ago", "3 h ago", "yesterday", then the date. Future times read "in 5 min". */
export function relativeTime(iso: string | undefined, now: number = Date.now(), short = false): string {
  const d = parse(iso);
  if (!d) return '';
  const diff = d.getTime() - now;
  const abs = Math.abs(diff);
  const future = diff > 0;
  const wrap = (s: string) => (future ? `in ${s}` : `${s} ago`);
  if (abs < 45_000) return future ? 'in a moment' : 'just now';
  if (abs < 3_600_000) return wrap(`${Math.max(1, Math.round(abs / 60_000))} min`);
  if (abs < 86_400_000 && (future || abs < 12 * 3_600_000 || sameDay(d, new Date(now)))) return wrap(`${Math.round(abs / 3_600_000)} h`);
  const yesterday = new Date(now - 86_400_000);
  if (!future && sameDay(d, yesterday)) return short ? 'yesterday' : `yesterday, ${timeFormat.format(d)}`;
  return dateFormat.format(d);
}

interface ZonedParts {
  day: string;
  hour: number;
}

function zoned(d: Date, timeZone: string | undefined): ZonedParts {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}

/**
 * A scheduled time, said the way a person would: "tonight at 2:00 a.m.",
 * "tomorrow at 2:00 a.m.". Given the schedule's time zone, it is said in that
 * zone (the building's), whatever the computer's clock is set to.
 */
export function upcomingTime(iso: string | undefined, now: number = Date.now(), timeZone?: string): string {
  const d = parse(iso);
  if (!d) return '';
  let tz = timeZone;
  try {
    if (tz) new Intl.DateTimeFormat('en-CA', { timeZone: tz });
  } catch {
    tz = undefined;
  }
  const at = zoned(d, tz);
  const today = zoned(new Date(now), tz).day;
  const tomorrow = zoned(new Date(now + 86_400_000), tz).day;
  const time = new Intl.DateTimeFormat(LOCALE, { hour: 'numeric', minute: '2-digit', timeZone: tz }).format(d);
  if (at.day === today) return at.hour >= 18 || at.hour < 6 ? `tonight at ${time}` : `today at ${time}`;
  if (at.day === tomorrow) return at.hour < 6 ? `tonight at ${time}` : `tomorrow at ${time}`;
  return `${new Intl.DateTimeFormat(LOCALE, { weekday: 'short', month: 'short', day: 'numeric', timeZone: tz }).format(d)} at ${time}`;
}

/** A date and time in a given zone, for tooltips of scheduled runs. */
export function absoluteIn(iso: string | undefined, timeZone: string | undefined): string {
  const d = parse(iso);
  if (!d) return '';
  try {
    return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(d);
  } catch {
    return absoluteFormat.format(d);
  }
}

/** "45 s", "2 min 10 s", "1 h 5 min". */
export function duration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return 'under a second';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

export function durationBetween(start: string | undefined, end: string | undefined, now: number = Date.now()): string {
  const a = parse(start);
  if (!a) return '';
  const b = parse(end)?.getTime() ?? now;
  return duration(b - a.getTime());
}

/** CAD with a true minus sign, so credits line up and read clearly. */
export function money(cents: number): string {
  return moneyFormat.format(cents / 100).replace('-', '\u2212');
}

export function count(n: number): string {
  return numberFormat.format(n);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

export const occupancyLabel: Record<Occupancy, string> = {
  OwnerOccupied: 'Owner occupied',
  Rental: 'Rental unit',
  Vacant: 'Vacant',
};

export const unitKindLabel: Record<UnitKind, string> = {
  residential: 'Residential',
  parking: 'Parking',
  locker: 'Locker',
  commercial: 'Commercial',
};

export const roleLabel = { owner: 'Owner', tenant: 'Tenant' } as const;

export const jobKindLabel: Record<JobKind, string> = {
  residents: 'Residents',
  reconcile: 'Full reconcile',
  commerce: 'Invoices & payments',
  'commerce-reconcile': 'Invoice history import',
};

export const triggerLabel: Record<JobTrigger, string> = {
  initial: 'First sync',
  manual: 'Manual',
  tray: 'Tray menu',
  schedule: 'Nightly',
  'catch-up': 'Catch-up',
  realtime: 'Real time',
  balance: 'Get Account Balance',
  cli: 'Command line',
};

export const phaseLabel: Record<JobPhase, string> = {
  waiting: 'Waiting',
  reading: 'Reading Condo Manager',
  planning: 'Planning',
  writing: 'Writing to Condo Control',
  done: 'Done',
};

export const weekdayLabel: Record<Weekday, string> = {
  sunday: 'Sunday',
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
};

/** Corporations arrive as opaque ids such as "corp_tscc2750"; show them as their plan code ("TSCC 2750") when they look like one. */
export function corporationLabel(id: string): string {
  const m = /^corp_([a-z]+)(\d+)$/i.exec(id);
  return m ? `${m[1]!.toUpperCase()} ${m[2]}` : id;
}

/** Field names from the contract, in words. */
export function fieldLabel(field: string): string {
  const known: Record<string, string> = {
    firstName: 'First name',
    lastName: 'Last name',
    email: 'Email',
    phones: 'Phones',
    language: 'Language',
    groups: 'Groups',
    groupIds: 'Groups',
    unitIds: 'Units',
    active: 'Active',
    unitType: 'Unit type',
    occupancy: 'Occupancy',
    status: 'Status',
  };
  return known[field] ?? field.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

/** A value from either system, readable ("(none)" for blanks, lists joined). */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(none)';
  if (Array.isArray(value)) return value.length ? value.map(displayValue).join(', ') : '(none)';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.number === 'string') return v.type ? `${v.number} (${String(v.type)})` : v.number;
    return JSON.stringify(value);
  }
  return String(value);
}
