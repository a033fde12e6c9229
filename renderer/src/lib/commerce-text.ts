/**
 * The core's sentences about invoices, payments and real-time sync, read back
 * into the reader's language (see core-text.ts, which applies these rules
 * with its own). Amounts in the English text ("$1,234.56") are read back to
 * cents and formatted for the reader's locale.
 */
import { i18n } from '../i18n';

type T = (key: string, options?: Record<string, unknown>) => string;
const t: T = (key, options) => i18n.t(key as never, options as never) as unknown as string;

const WHAT = String.raw`(Invoice \S+|[Tt]he payment of \d{4}-\d{2}-\d{2})`;

function what(text: string): string {
  const invoice = /^Invoice (\S+)$/.exec(text);
  if (invoice) return t('balances.core.invoice', { number: invoice[1] });
  const payment = /^[Tt]he payment of (\S+)$/.exec(text);
  return payment ? t('balances.core.payment', { date: payment[1] }) : text;
}

/** "$1,234.56" or "-$5.00" → cents. */
function cents(dollars: string): number {
  const negative = dollars.includes('-');
  return (negative ? -1 : 1) * Math.round(Number(dollars.replace(/[^0-9.]/g, '')) * 100);
}

export const commerceRules: [RegExp, (m: RegExpExecArray) => string][] = [
  [new RegExp(String.raw`${WHAT} belongs to a unit that is not in the Unit File yet\. Run Update From Condo Manager; the (?:invoice|payment) follows by itself\.`, 'g'), (m) => t('balances.core.unitUnknown', { what: what(m[1]!) })],
  [new RegExp(String.raw`${WHAT} for unit (.+?) cannot be shown in Condo Control: unit .+? is not in Condo Control's Unit File\. Add it there with the same number as in Condo Manager, then run Update From Condo Manager; the (?:invoice|payment) follows by itself\.`, 'g'), (m) => t('balances.core.unitNotInCc', { what: what(m[1]!), unit: m[2] })],
  [new RegExp(String.raw`${WHAT} for unit (.+?): its lines add up to (-?\$[\d,.]+) but its total is (-?\$[\d,.]+)\. Correct the invoice in Condo Manager; Condo Sync sends it once they agree\.`, 'g'), (m) => t('balances.core.linesMismatch', { what: what(m[1]!), unit: m[2], lines: cents(m[3]!), total: cents(m[4]!) })],
  [new RegExp(String.raw`Condo Control refused (invoice \S+|the payment of \S+) for unit (.+?) \((.*?)\)\. Check it in Condo Manager\.`, 'g'), (m) => t('balances.core.ccRefused', { what: what(m[1]!.replace(/^invoice/, 'Invoice')).replace(/^L/, 'l'), unit: m[2], fields: m[3] })],
  [new RegExp(String.raw`${WHAT} for unit (.+?) could not be written: Condo Control no longer has that unit\. Run Update From Condo Manager\.`, 'g'), (m) => t('balances.core.ccUnitGone', { what: what(m[1]!), unit: m[2] })],
  [/Condo Control did not accept the write\. Condo Sync tries again by itself\./g, () => t('balances.core.writeFailed')],
  [/Condo Manager is not answering\. Invoices and payments catch up by themselves once it answers again; nothing is lost\./g, () => t('balances.core.cmNotAnswering')],
  [/Condo Manager asked Condo Sync to slow down\. Real-time sync goes on in a moment; nothing is lost\./g, () => t('balances.core.cmSlowDown')],
  [/Condo Manager sent an answer Condo Sync could not read\. Real-time sync tries again by itself; nothing is lost\./g, () => t('balances.core.cmUnreadable')],
  [/Condo Control is not accepting invoices and payments right now\. Condo Sync tries again by itself; nothing is lost\./g, () => t('balances.core.ccNotAccepting')],
  [/Condo Manager refused Condo Sync's sign-in, so these are the last figures read\. Check the credentials in Settings → Connections\./g, () => t('balances.core.staleSignIn')],
  [/Condo Manager could not be reached, so these are the last figures read\. Try Get Account Balance again in a moment\./g, () => t('balances.core.staleUnreachable')],
  [/Real-time sync of invoices and payments starts once the first sync has linked the buildings to Condo Control\./g, () => t('balances.realtime.reasons.notLinked')],
  [/Condo Sync is not connected to Condo Manager\./g, () => t('balances.realtime.reasons.notConnected')],
  [/Unit (.+?): Condo Manager shows (-?\$[\d,.]+), Condo Control shows (-?\$[\d,.]+); (Condo Manager|Condo Control) shows (\$[\d,.]+) more\./g, (m) => t('balances.core.checkDiffers', { unit: m[1], cm: cents(m[2]!), cc: cents(m[3]!), more: m[4], difference: cents(m[5]!) })],
  [/Unit (.+?): Condo Manager shows a balance of (-?\$[\d,.]+), but the unit is not in Condo Control\./g, (m) => t('balances.core.checkNotInCc', { unit: m[1], cm: cents(m[2]!) })],
  [/Unit (.+?): (Condo Manager|Condo Control) did not give its balance; check again later\./g, (m) => t('balances.core.checkUnreadable', { unit: m[1], system: m[2] })],
  [/No building is linked to Condo Control yet\. Run Update From Condo Manager first; the invoice history follows\./g, () => t('balances.core.noBuilding')],
];

/** A time a moment ahead of this computer's clock (the core's clock) reads "just now", never "in a moment". */
export function notAhead(iso: string, now: number): string {
  return Date.parse(iso) > now ? new Date(now).toISOString() : iso;
}
