/**
 * The words of the tray and desktop notifications, from the console's own
 * catalogues (renderer/src/i18n/<lang>/desktop.ts), so there is one place to
 * translate. Plain data: no Electron, so it is tested under Node.
 */
import { desktop as en } from '../../renderer/src/i18n/en/desktop';
import { desktop as fr } from '../../renderer/src/i18n/fr/desktop';

export type DesktopText = typeof en;

/** French for any fr-* locale (app.getLocale()), English otherwise. */
export function desktopText(locale: string | undefined): DesktopText {
  return locale?.toLowerCase().startsWith('fr') ? (fr as DesktopText) : en;
}

/** Fills `{{name}}` placeholders. */
export function fill(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, k: string) => String(values[k] ?? ''));
}

export function localeTag(locale: string | undefined): 'fr-CA' | 'en-CA' {
  return locale?.toLowerCase().startsWith('fr') ? 'fr-CA' : 'en-CA';
}

/** "7:05 a.m." / "7 h 05" in a time zone (the one the nightly run uses). */
export function clockTime(iso: string, locale: string | undefined, timeZone?: string): string {
  return new Intl.DateTimeFormat(localeTag(locale), { hour: 'numeric', minute: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
}

/** "2 minutes ago", "il y a 3 heures": for the tray's last-sync line. */
export function ago(iso: string, now: Date, locale: string | undefined): string {
  const s = Math.round((Date.parse(iso) - now.getTime()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(localeTag(locale), { numeric: 'auto' });
  const abs = Math.abs(s);
  if (abs < 60) return rtf.format(0, 'second');
  if (abs < 3600) return rtf.format(Math.round(s / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(s / 3600), 'hour');
  return rtf.format(Math.round(s / 86_400), 'day');
}
