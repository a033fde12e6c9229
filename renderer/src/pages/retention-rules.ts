/** Settings → History kept: the contract's rules, said to people before anything is sent. */
import { RETENTION_DAYS } from '@shared/limits';
import { i18n } from '../i18n';
import { count } from '../lib/format';

export function days(text: string): number {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}

/**
 * The same rules as the contract (shared/limits.ts), said before anything is
 * sent: each a whole number of days in range, and record detail never kept
 * longer than the syncs it belongs to.
 */
export function retentionProblems(history: string, records: string, audit = ''): Record<string, string> {
  const t = i18n.t;
  const h = days(history);
  const r = days(records);
  const range = t('settings.retention.days', { min: count(RETENTION_DAYS.min), max: count(RETENTION_DAYS.max) });
  const inRange = (n: number) => Number.isInteger(n) && n >= RETENTION_DAYS.min && n <= RETENTION_DAYS.max;
  const bad: Record<string, string> = {};
  if (!inRange(h)) bad['retention.historyDays'] = range;
  if (!inRange(r)) bad['retention.recordEventsDays'] = range;
  else if (inRange(h) && r > h) bad['retention.recordEventsDays'] = t('settings.retention.crossCheck', { days: count(h) });
  // The audit log stands alone (it is not a sync's detail): only its range is checked.
  if (audit.trim() && !inRange(days(audit))) bad['retention.auditDays'] = range;
  return bad;
}
