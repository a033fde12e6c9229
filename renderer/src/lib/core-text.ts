/**
 * The core writes its notes and failures as English sentences (stored with
 * each record). This reads the known ones back into the reader's language from
 * the catalogue (`core.*`); a sentence it does not know stays as written, so
 * nothing is ever hidden. In English it returns the text unchanged.
 */
import { currentLanguage, i18n } from '../i18n';
import { commerceRules } from './commerce-text';

type T = (key: string, options?: Record<string, unknown>) => string;
const t: T = (key, options) => i18n.t(key as never, options as never) as unknown as string;

const WHO = String.raw`The (?:owner|tenant)(?: of unit [^.]+?)?`;

/** "The owner of unit 1203" → "Le propriétaire de l'unité 1203". */
function who(text: string): string {
  const m = /^[Tt]he (owner|tenant)(?: of unit (.+))?$/.exec(text.trim());
  if (!m) return text;
  return m[2] ? t(`core.who.${m[1]}Of`, { unit: m[2] }) : t(`core.who.${m[1]}`);
}

function info(section: string): string {
  return t(`core.info.${section}`);
}

function system(name: string): string {
  return name === 'Condo Manager' || name === 'Condo Control' ? name : t('core.system.other');
}

function retry(text: string): string {
  return text.startsWith('this record') ? t('core.retryRecord') : t('core.retrySync');
}

const rules: [RegExp, (m: RegExpExecArray) => string][] = [
  [/Unit (.+?) is not in Condo Control's Unit File, so its residents cannot be related to it\. Check the unit number in Condo Manager \(Information → Units\) matches the unit's name in Condo Control\./g, (m) => t('core.unitMissing', { unit: m[1], info: info('Units') })],
  [new RegExp(String.raw`(${WHO}) has an email Condo Control cannot accept \((.*?)\)\. They were synced without one\. Correct it in Condo Manager \(Information → (Owner|Tenant)\)\.`, 'g'), (m) => t('core.badEmail', { who: who(m[1]!), email: m[2], info: info(m[3]!) })],
  [new RegExp(String.raw`(${WHO}) has an email Condo Control cannot accept \((.*?)\)\. Condo Control keeps the email it has\. Correct it in Condo Manager \(Information → (Owner|Tenant)\)\.`, 'g'), (m) => t('core.badEmailKept', { who: who(m[1]!), email: m[2], info: info(m[3]!) })],
  [/Two residents of unit (.*?) share the email (.+?)\. Condo Control needs a unique email to log in, so only one of them has it\. Give each their own email in Condo Manager \(Information → (Owner|Tenant)\)\./g, (m) => t('core.sharedInUnit', { unit: m[1], email: m[2], info: info(m[3]!) })],
  [new RegExp(String.raw`(${WHO}) shares the email (.+?) with (${WHO}|the (?:owner|tenant)(?: of unit [^.]+?)?|another resident)\. Condo Control needs a unique email to log in, so only one of them has it\. Give each their own email in Condo Manager \(Information → (Owner|Tenant)\)\.`, 'g'), (m) => t('core.sharedWith', { who: who(m[1]!), email: m[2], other: m[3] === 'another resident' ? t('core.who.another') : who(m[3]!).replace(/^L/, 'l'), info: info(m[4]!) })],
  [new RegExp(String.raw`(${WHO}) uses the email (.+?), which belongs to another Condo Control user with a different name\. They were synced without it\. Check which person the email belongs to and correct it in Condo Manager, or in Condo Control if that user is wrong\.`, 'g'), (m) => t('core.emailOtherName', { who: who(m[1]!), email: m[2] })],
  [new RegExp(String.raw`(${WHO}) uses the email (.+?), which belongs to another Condo Control user\. They were synced without it\. Check which person the email belongs to and correct it in Condo Manager\.`, 'g'), (m) => t('core.emailOther', { who: who(m[1]!), email: m[2] })],
  [new RegExp(String.raw`(${WHO}) is related to unit (.+?), which is not in Condo Control's Unit File\. Check the unit number in Condo Manager matches Condo Control\.`, 'g'), (m) => t('core.relatedMissing', { who: who(m[1]!), unit: m[2] === 'that is missing from Condo Manager' ? t('core.relatedMissingUnknown') : m[2] })],
  [new RegExp(String.raw`(${WHO}) is active in Condo Manager but deactivated in Condo Control\. Reactivate the user in Condo Control's Unit File if they still live here\.`, 'g'), (m) => t('core.deactivatedInCc', { who: who(m[1]!) })],
  [/The email (.+?) is already used by another Condo Control user, so this person was created without it\. Check which person the email belongs to and correct it in Condo Manager\./g, (m) => t('core.emailTakenCreated', { email: m[1] })],
  [/The email (.+?) is already used by another Condo Control user, so it was not set\. Check which person the email belongs to and correct it in Condo Manager\./g, (m) => t('core.emailTakenNotSet', { email: m[1] })],
  [/No longer in Condo Manager: deactivated in Condo Control \(never deleted\)\./g, () => t('core.vanished')],
  [/Condo Control refused this record \((.*?)\)\. Check those values in Condo Manager; the other records were synced, and this one is tried again on the next sync\./g, (m) => t('core.refused', { fields: m[1] })],
  [/(Condo Manager|Condo Control|A connected system) did not answer\. Check the network and its address in Settings → Connections\. Nothing was lost; (the sync will run again|this record is tried again on the next sync)\./g, (m) => t('core.noAnswer', { system: system(m[1]!), retry: retry(m[2]!) })],
  [/(Condo Manager|Condo Control|A connected system) refused Condo Sync's sign-in\. Check the credentials in Settings → Connections\./g, (m) => t('core.refusedSignIn', { system: system(m[1]!) })],
  [/(Condo Manager|Condo Control|A connected system) kept asking Condo Sync to slow down\. Nothing was lost; the sync will run again later\./g, (m) => t('core.slowDown', { system: system(m[1]!) })],
  [/(Condo Manager|Condo Control|A connected system) answered with an error it could not explain\. Nothing was lost; (the sync will run again|this record is tried again on the next sync)\./g, (m) => t('core.upstream', { system: system(m[1]!), retry: retry(m[2]!) })],
  [/The sync stopped unexpectedly\. Nothing was lost; it will run again\. If it repeats, contact support\./g, () => t('core.stoppedUnexpectedly')],
  [/It will be retried by the next reconcile\./g, () => t('core.retriedNextReconcile')],
  [/The disk where Condo Sync keeps its data is full \(or cannot be written\)\. Free some space on it; nothing was lost, and the sync runs again once there is room\./g, () => t('core.diskFull')],
  [/Condo Control refused the email from Condo Manager, so this person was synced without one\. Correct the email in Condo Manager\./g, () => t('core.refusedEmail')],
  ...commerceRules,
];

export function coreText(text: string): string {
  if (currentLanguage() === 'en' || !text) return text;
  let out = text;
  for (const [pattern, render] of rules) {
    out = out.replace(pattern, (...args) => {
      const groups = args.slice(0, -2) as string[];
      const m = Object.assign(groups, { index: 0, input: out }) as unknown as RegExpExecArray;
      return render(m);
    });
  }
  return out;
}
