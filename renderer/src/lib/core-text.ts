/**
 * The engine stores its notes and failures as English sentences, each written
 * from a code of shared/core-messages.ts. This reads a text back to those
 * codes and says each from the catalogue (`core.<code>`), its parameters
 * translated where they are words ("The owner of unit 1203", "Owner"). The
 * invoice and payment sentences still go through their own rules
 * (commerce-text.ts). Only a text that is neither stays as written, so
 * nothing is ever hidden. In English it returns the text unchanged.
 */
import { readMessages, type CoreMessageCode } from '@shared/core-messages';
import { currentLanguage, i18n } from '../i18n';
import { commerceRules } from './commerce-text';
import { fieldLabel, locale } from './format';

type T = (key: string, options?: Record<string, unknown>) => string;
const t: T = (key, options) => i18n.t(key as never, options as never) as unknown as string;

/** "The owner of unit 1203" → "Le propriétaire de l'unité 1203" (and "the owner…" mid-sentence, lower-cased). */
function who(text: string): string {
  const m = /^([Tt])he (owner|tenant)(?: of unit (.+))?$/.exec(text.trim());
  if (!m) return text === 'another resident' ? t('core.who.another') : text;
  const said = m[3] ? t(`core.who.${m[2]}Of`, { unit: m[3] }) : t(`core.who.${m[2]}`);
  return m[1] === 't' ? said.charAt(0).toLowerCase() + said.slice(1) : said;
}

const FIELD_KEYS: Record<string, string> = { email: 'email', 'phone number': 'phoneNumber', 'first name': 'firstName', 'last name': 'lastName', language: 'language' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "31 Oct" or "31 Oct 2025" (the engine's en-GB day and month) in the reader's locale. */
function dayMonth(text: string): string {
  const m = /^(\d{1,2}) ([A-Z][a-z]{2})(?: (\d{4}))?$/.exec(text);
  const month = m ? MONTHS.indexOf(m[2]!) : -1;
  if (!m || month < 0) return text;
  const date = new Date(Date.UTC(Number(m[3] ?? 2000), month, Number(m[1]), 12));
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'long', timeZone: 'UTC', ...(m[3] ? { year: 'numeric' } : {}) }).format(date);
}

/** How each kind of parameter is said; any other (emails, unit numbers, counts) stays as written. */
const paramKinds: Record<string, (value: string) => string> = {
  who,
  other: who,
  whoLower: who,
  whereLower: who,
  role: (v) => (v === 'Owner' || v === 'Tenant' ? t(`core.role.${v}`) : v),
  system: (v) => (v === 'Condo Manager' || v === 'Condo Control' ? v : t('core.system.other')),
  field: (v) => (FIELD_KEYS[v] ? t(`core.field.${FIELD_KEYS[v]}`) : v),
  fields: (v) => (v === 'some values' ? t('core.someValues') : v.split(', ').map(fieldLabel).join(', ')),
  from: (v) => (v === 'none' ? t('core.none') : v),
  to: (v) => (v === 'none' ? t('core.none') : v),
  on: dayMonth,
  kind: (v) => (v === 'unit' || v === 'owner' || v === 'tenant' ? t(`core.recordKind.${v}`) : v),
  reason: (v) => coreText(v),
};

/** One sentence of the registry, in the reader's language. */
export function sayMessage(code: CoreMessageCode, params: Record<string, string>): string {
  const said = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, paramKinds[k]?.(v) ?? v]));
  return t(`core.${code}`, said);
}

function commerceText(text: string): string {
  let out = text;
  for (const [pattern, render] of commerceRules) {
    out = out.replace(pattern, (...args) => {
      const groups = args.slice(0, -2) as string[];
      return render(Object.assign(groups, { index: 0, input: out }) as unknown as RegExpExecArray);
    });
  }
  return out;
}

export function coreText(text: string): string {
  if (currentLanguage() === 'en' || !text) return text;
  const read = readMessages(text);
  if (read) return read.map((m) => sayMessage(m.code, m.params)).join(' ');
  return commerceText(text);
}
