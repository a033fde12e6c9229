/**
 * What the audit log keeps of a call: ids, kinds, flags and the names of
 * settings changed, picked from an allow-list. Free text (a search, a group
 * name, a URL, a secret) and anything about a resident never goes in.
 */
import type { MethodName } from '@shared/contract';
import type { AuditEntry } from '@shared/access';

type Summary = AuditEntry['summary'];

/** Input fields that are ids, kinds or flags: safe to keep as they are (each has words in shared/audit-words.ts). */
export const KEPT_INPUT_FIELDS = ['id', 'unitId', 'personId', 'corporationId', 'jobId', 'kind', 'trigger', 'dryRun', 'refresh', 'start', 'what', 'target', 'role', 'folder', 'until', 'forMs', 'time', 'timeZone', 'reconcileDay', 'language'] as const;
/** Methods whose input object's keys are the names of the settings they change. */
const SETTING_NAMES: ReadonlySet<MethodName> = new Set<MethodName>(['settings.set', 'desktop.set', 'schedule.set']);

/**
 * Ids, kinds, times and zones are short runs of these characters; text with a
 * space or an @ (a name, an email typed into an id field) is dropped.
 */
const ID_LIKE = /^[A-Za-z0-9_.:/+-]{1,80}$/;

function short(value: unknown): string | number | boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return ID_LIKE.test(value) ? value : undefined;
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function auditSummary(method: MethodName, input: unknown, result?: unknown): Summary {
  const out: Summary = {};
  if (isObject(input)) {
    for (const k of KEPT_INPUT_FIELDS) {
      const v = short(input[k]);
      if (v !== undefined) out[k] = v;
    }
    if (isObject(input.scope)) {
      const corp = short(input.scope.corporationId);
      if (corp !== undefined) out.corporationId = corp;
    }
    if (SETTING_NAMES.has(method)) out.settings = Object.keys(input).filter((k) => /^[a-zA-Z]{1,40}$/.test(k)).sort();
    if (method === 'corporations.setGroups') out.settings = ['groups'];
    // A staff label chosen by an administrator, not a resident's data.
    if (method === 'keys.create' && typeof input.name === 'string') out.keyName = input.name.slice(0, 80);
  }
  if (isObject(result)) {
    if (method === 'sync.start' || method === 'jobs.retry' || method === 'balances.check') {
      const job = isObject(result.job) ? result.job : result;
      if (typeof job.id === 'string') out.jobId = job.id;
    }
    if (method === 'keys.create' && typeof result.id === 'string') out.keyId = result.id;
    if (method === 'keys.revoke' && typeof result.name === 'string') out.keyName = result.name;
    if ((method === 'export.csv' || method === 'audit.export') && typeof result.rows === 'number') out.rows = result.rows;
  }
  return out;
}
