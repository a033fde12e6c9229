/** Display formats shared by every page: dates, durations, money, labels. */
import i18next from 'i18next';
import type { JobKind, JobPhase, JobTrigger, Occupancy, UnitKind, Weekday } from '@shared/types';

/** The Intl locale for a catalogue language: Canadian English or Quebec French. */
export function localeOf(lng: string | undefined): 'en-CA' | 'fr-CA' {
  return lng?.toLowerCase().startsWith('fr') ? 'fr-CA' : 'en-CA';
}

/** The locale in use now (follows the language chosen for the console). */
export function locale(): 'en-CA' | 'fr-CA' {
  return localeOf(i18next.resolvedLanguage ?? i18next.language);
}

// One time format across the app: hour and minutes ("2:00 a.m.", "2 h 00").
const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
const DATE: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** Intl formatters are costly to build; one per locale, options and zone. */
function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const loc = locale();
  const key = `${loc}|${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(loc, options);
    dateFormats.set(key, f);
  }
  return f;
}

function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const loc = locale();
  const key = `${loc}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(loc, options);
    numberFormats.set(key, f);
  }
  return f;
}

const t = (key: string, options?: Record<string, unknown>): string => i18next.t(key as never, options as never) as unknown as string;

function parse(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function absoluteDate(iso: string | undefined): string {
  const d = parse(iso);
  return d ? dateFormat({ ...DATE, ...TIME }).format(d) : '';
}

/** This computer's time zone ("America/Toronto"): the zone every absoluteDate() is in, for a column heading to name. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** A wall-clock time from settings ("02:00") in the one time format: "2:00 a.m." / "2 h 00". */
export function clockTime(hhmm: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) return hhmm;
  return dateFormat({ ...TIME, timeZone: 'UTC' }).format(new Date(Date.UTC(2000, 0, 1, Number(m[1]), Number(m[2]))));
}

/** "7:05 a.m." / "7 h 05", the one time format. */
export function timeOfDay(iso: string | undefined, timeZone?: string): string {
  const d = parse(iso);
  return d ? dateFormat({ ...TIME, ...(timeZone ? { timeZone } : {}) }).format(d) : '';
}

export function shortDate(iso: string | undefined): string {
  const d = parse(iso);
  return d ? dateFormat(DATE).format(d) : '';
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
  const wrap = (span: string) => t(future ? 'format.in' : 'format.ago', { span });
  if (abs < 45_000) return future ? t('format.inAMoment') : t('format.justNow');
  if (abs < 3_600_000) return wrap(t('format.minutes', { n: count(Math.max(1, Math.round(abs / 60_000))) }));
  if (abs < 86_400_000 && (future || abs < 12 * 3_600_000 || sameDay(d, new Date(now)))) return wrap(t('format.hours', { n: count(Math.round(abs / 3_600_000)) }));
  const yesterday = new Date(now - 86_400_000);
  if (!future && sameDay(d, yesterday)) return short ? t('format.yesterday') : t('format.yesterdayAt', { time: dateFormat(TIME).format(d) });
  return dateFormat(DATE).format(d);
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
  const time = dateFormat({ ...TIME, ...(tz ? { timeZone: tz } : {}) }).format(d);
  // Before 6 a.m. is the coming night ("cette nuit à 2 h 00"; French says "ce soir" only of the evening).
  if (at.day === today) return t(at.hour < 6 ? 'format.overnightAt' : at.hour >= 18 ? 'format.tonightAt' : 'format.todayAt', { time });
  if (at.day === tomorrow) return t(at.hour < 6 ? 'format.overnightAt' : 'format.tomorrowAt', { time });
  const day = dateFormat({ weekday: 'short', month: 'short', day: 'numeric', ...(tz ? { timeZone: tz } : {}) }).format(d);
  return t('format.dayAt', { day, time });
}

/** A date and time in a given zone, for tooltips of scheduled runs. */
export function absoluteIn(iso: string | undefined, timeZone: string | undefined): string {
  const d = parse(iso);
  if (!d) return '';
  try {
    return dateFormat({ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', ...TIME, ...(timeZone ? { timeZone } : {}) }).format(d);
  } catch {
    return dateFormat({ ...DATE, ...TIME }).format(d);
  }
}

/** "45 s", "2 min 10 s", "1 h 5 min". */
export function duration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return t('format.underASecond');
  const s = Math.round(ms / 1000);
  if (s < 60) return t('format.seconds', { s: count(s) });
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? t('format.minutesSeconds', { m: count(m), s: count(s % 60) }) : t('format.minutes', { n: count(m) });
  const h = Math.floor(m / 60);
  return m % 60 ? t('format.hoursMinutes', { h: count(h), m: count(m % 60) }) : t('format.hours', { n: count(h) });
}

export function durationBetween(start: string | undefined, end: string | undefined, now: number = Date.now()): string {
  const a = parse(start);
  if (!a) return '';
  const b = parse(end)?.getTime() ?? now;
  return duration(b - a.getTime());
}

/**
 * Integer cents as CAD: "$1,234.56" in English, "1 234,56 $" in French, with
 * a true minus sign, so credits line up and read clearly.
 */
export function money(cents: number): string {
  return numberFormat({ style: 'currency', currency: 'CAD' }).format(cents / 100).replace('-', '\u2212');
}

/** A whole percentage: "40%" / "40 %". */
export function percent(pct: number): string {
  return numberFormat({ style: 'percent', maximumFractionDigits: 0 }).format(pct / 100);
}

/** A count with the locale's thousands separator: "16,605" / "16 605". */
export function count(n: number): string {
  return numberFormat({}).format(n);
}

/** @deprecated English only: use a catalogue plural (`key_one` / `key_other` with `{ count }`). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/**
 * Words for the contract's enums, read from the catalogue at the moment they
 * are shown (so they follow a language change): `occupancyLabel[unit.occupancy]`.
 */
function labels<K extends string>(group: string): Record<K, string> {
  return new Proxy({} as Record<K, string>, {
    get: (_target, key) => (typeof key === 'string' ? t(`common.${group}.${key}`) : undefined),
  });
}

export const occupancyLabel = labels<Occupancy>('occupancy');
export const unitKindLabel = labels<UnitKind>('unitKind');
export const roleLabel = labels<'owner' | 'tenant'>('role');
export const jobKindLabel = labels<JobKind>('jobKind');
export const triggerLabel = labels<JobTrigger>('trigger');
export const phaseLabel = labels<JobPhase>('phase');

/**
 * Every reason a job was asked for, first one first: "Nightly · also asked for
 * from the command line" when a CLI request joined a waiting nightly run.
 * Takes `triggers` when present (older jobs only have `trigger`); repeats are shown once.
 */
export function triggersLabel(job: { trigger: JobTrigger; triggers?: readonly JobTrigger[] }): string {
  const all = [...new Set(job.triggers?.length ? job.triggers : [job.trigger])];
  const [first, ...others] = all;
  if (!first || !others.length) return triggerLabel[first ?? job.trigger];
  const also = new Intl.ListFormat(locale(), { type: 'conjunction' }).format(others.map((k) => t(`common.triggerAlso.${k}`)));
  return t('common.triggersJoined', { first: triggerLabel[first], others: also });
}
export const weekdayLabel = labels<Weekday>('weekday');

/** Corporations arrive as opaque ids such as "corp_tscc2750"; show them as their plan code ("TSCC 2750") when they look like one. */
export function corporationLabel(id: string): string {
  const m = /^corp_([a-z]+)(\d+)$/i.exec(id);
  return m ? `${m[1]!.toUpperCase()} ${m[2]}` : id;
}

/** Field names from the contract, in words. */
export function fieldLabel(field: string): string {
  const key = `common.field.${field}`;
  if (i18next.exists(key)) return t(key);
  return field.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

/** A value from either system, readable ("(none)" for blanks, lists joined). */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return t('common.value.none');
  if (Array.isArray(value)) return value.length ? value.map(displayValue).join(', ') : t('common.value.none');
  if (typeof value === 'boolean') return t(value ? 'common.value.yes' : 'common.value.no');
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.number === 'string') {
      if (!v.type) return v.number;
      const typeKey = `common.value.phoneType.${String(v.type)}`;
      return t('common.value.phone', { number: v.number, type: i18next.exists(typeKey) ? t(typeKey) : String(v.type) });
    }
    return JSON.stringify(value);
  }
  return String(value);
}
