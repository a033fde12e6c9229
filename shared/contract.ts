/**
 * The one contract: every method the console offers, with its input schema,
 * and every event it pushes. Both adapters (Electron IPC and HTTP) are
 * generated from these maps, so a method added here is reachable everywhere.
 */
import { z } from 'zod';
import { RETENTION_DAYS } from './limits';
import { auditOutcomes, roles, type AccessKey, type AuditEntry, type CreatedAccessKey, type RevokedAccessKey, type Session, type Caller } from './access';
import type {
  AppInfo,
  BalanceAnswer,
  BalanceCheckAnswer,
  CommerceStatus,
  BuildingGroups,
  Corporation,
  DataQualityReport,
  DiagnosticsFile,
  DesktopSettings,
  ExportFile,
  ConnectionTestResult,
  Job,
  JobDetail,
  Notice,
  OfficeConnection,
  OfficeSwitch,
  OfficeTestResult,
  Page,
  PauseState,
  Resident,
  Schedule,
  Settings,
  UnitDetail,
  UnitStatusCounts,
  UnitSummary,
} from './types';

const id = z.string().trim().min(1, 'must not be empty').max(200, 'is too long');
const none = z.object({}).strict().optional();
const offset = z.number().int().min(0).max(1_000_000).optional();
const limit = (max: number) => z.number().int().min(1).max(max).optional();

export const jobKinds = ['residents', 'reconcile', 'commerce', 'commerce-reconcile', 'balance-check'] as const;
export const jobTriggers = ['initial', 'manual', 'tray', 'schedule', 'catch-up', 'realtime', 'balance', 'cli'] as const;
export const jobStatuses = [
  'queued',
  'running',
  'awaiting_confirmation',
  'succeeded',
  'partial',
  'failed',
  'cancelled',
  'interrupted',
] as const;
export const outcomeTypes = ['created', 'updated', 'unchanged', 'deactivated', 'conflict', 'failed'] as const;
export const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const httpUrl = z
  .string()
  .trim()
  .url('must be a URL such as https://example.com')
  .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://');

export const inputs = {
  'app.info': none,
  'units.list': z
    .object({
      query: z.string().max(200).optional(),
      corporationId: id.optional(),
      status: z.enum(['in_sync', 'pending', 'attention', 'failed']).optional(),
      offset,
      limit: limit(500),
    })
    .strict()
    .optional(),
  'units.get': z.object({ id }).strict(),
  'units.counts': z.object({ corporationId: id.optional() }).strict().optional(),
  'corporations.list': none,
  'corporations.setGroups': z
    .object({
      id,
      // null returns the building to the defaults in Settings.
      groups: z.object({ owners: z.string().trim().min(1).max(100), tenants: z.string().trim().min(1).max(100) }).strict().nullable(),
    })
    .strict(),
  'residents.get': z.object({ id }).strict(),
  'sync.start': z
    .object({
      kind: z.enum(jobKinds),
      scope: z.object({ corporationId: id }).strict().optional(),
      trigger: z.enum(jobTriggers).optional(),
      dryRun: z.boolean().optional(),
    })
    .strict(),
  // Pauses background syncing until an instant, for a while (ms), or with
  // neither until sync.resume; a person's own sync still runs meanwhile.
  'sync.pause': z
    .object({
      until: z.iso.datetime({ offset: true, message: 'must be a date and time such as 2026-12-01T08:00:00-05:00' }).optional(),
      forMs: z.number().int().min(60_000, 'must be at least one minute').max(30 * 24 * 3_600_000, 'must be at most 30 days').optional(),
    })
    .strict()
    .refine((v) => v.until === undefined || v.forMs === undefined, { message: 'give until or forMs, not both', path: ['until'] })
    .optional(),
  'sync.resume': none,
  'jobs.list': z
    .object({
      status: z.enum(jobStatuses).optional(),
      kind: z.enum(jobKinds).optional(),
      offset,
      limit: limit(200),
    })
    .strict()
    .optional(),
  'jobs.get': z
    .object({
      id,
      outcome: z.enum(outcomeTypes).optional(),
      offset,
      limit: limit(1000),
    })
    .strict(),
  'jobs.cancel': z.object({ id }).strict(),
  'jobs.confirm': z.object({ id }).strict(),
  'jobs.retry': z.object({ id }).strict(),
  'balances.get': z
    .object({ unitId: id.optional(), personId: id.optional(), refresh: z.boolean().optional() })
    .strict()
    .refine((v) => (v.unitId === undefined) !== (v.personId === undefined), {
      message: 'give exactly one of unitId or personId',
      path: ['unitId'],
    }),
  // start: queue (or join) a check job; without it, only the last finished check.
  'balances.check': z.object({ corporationId: id.optional(), start: z.boolean().optional() }).strict().optional(),
  'commerce.status': none,
  'settings.get': none,
  'settings.set': z
    .object({
      groups: z
        .object({ owners: z.string().trim().min(1).max(100), tenants: z.string().trim().min(1).max(100) })
        .strict()
        .optional(),
      retention: z
        .object({
          historyDays: z.number().int().min(RETENTION_DAYS.min).max(RETENTION_DAYS.max),
          recordEventsDays: z.number().int().min(RETENTION_DAYS.min).max(RETENTION_DAYS.max),
          // Left out: the audit log keeps what it kept (older consoles send only the first two).
          auditDays: z.number().int().min(RETENTION_DAYS.min).max(RETENTION_DAYS.max).optional(),
        })
        .strict()
        // Record detail belongs to a sync: once the sync is pruned, its detail would be orphaned.
        .refine((r) => r.recordEventsDays <= r.historyDays, {
          path: ['recordEventsDays'],
          message: 'Record detail cannot be kept longer than the syncs it belongs to',
        })
        .optional(),
      connections: z
        .object({
          condoManager: z
            .object({ url: httpUrl, clientId: z.string().trim().min(1).max(200), clientSecret: z.string().min(1).max(500).optional() })
            .strict(),
          condoControl: z
            .object({ url: httpUrl, username: z.string().trim().min(1).max(200), password: z.string().min(1).max(500).optional() })
            .strict(),
        })
        .strict()
        .nullable()
        .optional(),
    })
    .strict(),
  'schedule.get': none,
  'schedule.set': z
    .object({
      time: z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time such as 02:00')
        .optional(),
      timeZone: z.string().refine(isTimeZone, 'must be a time zone such as America/Toronto').optional(),
      reconcileDay: z.enum(weekdays).optional(),
    })
    .strict(),
  // Tests what is typed, without saving: a url given is validated before any
  // request; a secret left out means the saved (or running) one.
  'connections.test': z
    .object({
      target: z.enum(['condoManager', 'condoControl', 'both']).optional(),
      condoManager: z
        .object({ url: httpUrl, clientId: z.string().trim().min(1).max(200), clientSecret: z.string().min(1).max(500).optional() })
        .strict()
        .optional(),
      condoControl: z
        .object({ url: httpUrl, username: z.string().trim().min(1).max(200), password: z.string().min(1).max(500).optional() })
        .strict()
        .optional(),
    })
    .strict()
    .optional(),
  'groups.list': z.object({ corporationId: id.optional() }).strict().optional(),
  'export.csv': z
    .object({
      what: z.enum(['units', 'attention', 'job']),
      corporationId: id.optional(),
      jobId: id.optional(),
      // Column headings and status words follow the console's language.
      language: z.enum(['en', 'fr']).optional(),
    })
    .strict()
    .refine((v) => v.what !== 'job' || v.jobId !== undefined, { message: 'give the jobId of the sync to export', path: ['jobId'] }),
  'reports.dataQuality': z.object({ corporationId: id.optional() }).strict().optional(),
  // A redacted support bundle: versions, settings without secrets, the last 50 jobs, logs.
  'diagnostics.export': none,
  'desktop.get': none,
  'desktop.set': z
    .object({
      launchAtLogin: z.boolean().optional(),
      /** The one-time launch-at-login suggestion was answered. */
      dismissSuggestion: z.literal(true).optional(),
      updates: z
        .object({
          enabled: z.boolean(),
          // null forgets the saved feed.
          feedUrl: httpUrl.refine((u) => u.length <= 500, 'is too long').nullable().optional(),
        })
        .strict()
        .optional(),
    })
    .strict(),
  'desktop.openFolder': z.object({ folder: z.enum(['data', 'logs']) }).strict(),
  'desktop.restartToUpdate': none,
  // Who is calling, with what role: the console hides what the role cannot do.
  'session.get': none,
  'keys.list': z.object({ includeRevoked: z.boolean().optional() }).strict().optional(),
  // A staff label such as "Marie (front desk)": it shows in the Sync Queue and the audit log.
  // "@" starts the names the Sync Queue keeps for this computer and the console's token (STARTED_BY).
  'keys.create': z
    .object({
      name: z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(80, 'is too long')
        .refine((n) => !n.startsWith('@'), 'must not start with @')
        // A line break or tab splits the name across lines in the Sync Queue, the key list and the CLI.
        .refine((n) => !/\p{Cc}/u.test(n), 'must be on one line, without tabs'),
      role: z.enum(roles),
    })
    .strict(),
  'keys.revoke': z.object({ id }).strict(),
  'audit.list': z.object({ outcome: z.enum(auditOutcomes).optional(), offset, limit: limit(500) }).strict().optional(),
  // Column headings follow the console's language.
  'audit.export': z.object({ language: z.enum(['en', 'fr']).optional() }).strict().optional(),
  // Settings → Connect to an office server (desktop app only). The url is
  // checked by the desktop (HTTPS unless loopback) so the refusal can say why.
  // A key left out means the saved one.
  'office.get': none,
  'office.test': z.object({ url: z.string().trim().min(1).max(500), key: z.string().trim().min(1).max(500).optional() }).strict(),
  'office.connect': z
    .object({
      url: z.string().trim().min(1).max(500),
      key: z.string().trim().min(1).max(500).optional(),
      // The user confirmed: syncs queued or running on this computer are cancelled first.
      cancelLocalJobs: z.boolean().optional(),
    })
    .strict(),
  'office.disconnect': none,
} as const;

export interface Outputs {
  'app.info': AppInfo;
  'units.list': Page<UnitSummary>;
  'units.get': UnitDetail;
  /** Units per sync state (the Unit File's tabs, Home, the header), in one query. */
  'units.counts': UnitStatusCounts;
  'corporations.list': Corporation[];
  'corporations.setGroups': Corporation;
  'residents.get': Resident;
  'sync.start': Job;
  'sync.pause': PauseState;
  'sync.resume': PauseState;
  'jobs.list': Page<Job>;
  'jobs.get': JobDetail;
  'jobs.cancel': Job;
  'jobs.confirm': Job;
  'jobs.retry': Job;
  'balances.get': BalanceAnswer;
  'balances.check': BalanceCheckAnswer;
  'commerce.status': CommerceStatus;
  'settings.get': Settings;
  'settings.set': Settings;
  'schedule.get': Schedule;
  'schedule.set': Schedule;
  'connections.test': ConnectionTestResult;
  'groups.list': BuildingGroups[];
  'export.csv': ExportFile;
  'reports.dataQuality': DataQualityReport;
  'diagnostics.export': DiagnosticsFile;
  'desktop.get': DesktopSettings;
  'desktop.set': DesktopSettings;
  'desktop.openFolder': { path: string };
  'desktop.restartToUpdate': { restarting: true };
  'session.get': Session;
  'keys.list': AccessKey[];
  'keys.create': CreatedAccessKey;
  'keys.revoke': RevokedAccessKey;
  'audit.list': Page<AuditEntry>;
  'audit.export': ExportFile;
  'office.get': OfficeConnection;
  'office.test': OfficeTestResult;
  'office.connect': OfficeSwitch;
  'office.disconnect': OfficeSwitch;
}

export type MethodName = keyof typeof inputs & keyof Outputs;
export const methodNames = Object.keys(inputs) as MethodName[];

/** What a caller passes (before defaults and trimming). */
export type MethodInput<M extends MethodName> = z.input<(typeof inputs)[M]>;
/** What a handler receives (after validation). */
export type ParsedInput<M extends MethodName> = z.output<(typeof inputs)[M]>;
export type MethodOutput<M extends MethodName> = Outputs[M];

/** A handler gets the validated input and, from the adapters, who is calling (absent for in-process calls). */
export type Handlers = { [M in MethodName]: (input: ParsedInput<M>, caller?: Caller) => Promise<MethodOutput<M>> };

export interface Events {
  'job.updated': Job;
  'units.changed': { unitIds: string[] | 'all' };
  'notice': Notice;
  /** Real-time sync of invoices and payments went live, paused, or saw an event. */
  'commerce.status': CommerceStatus;
  /** Background syncing was paused or resumed (by a person, or because the pause ended). */
  'pause.changed': PauseState;
  /** Settings → Desktop changed, or an update's state did. */
  'desktop.changed': DesktopSettings;
  /** The desktop console's link to its office server changed (connected, unreachable, refused). */
  'office.changed': OfficeConnection;
  /**
   * Settings that decide what the sync does and when changed, through this
   * console, another console, or (PostgreSQL) another engine sharing the
   * database (`keys`: e.g. groups, schedule, retention, pause,
   * balanceCheck.last): a console reads what it shows of them again.
   */
  'settings.changed': { keys: string[] };
}
export type EventName = keyof Events;
export const eventNames: EventName[] = ['job.updated', 'units.changed', 'notice', 'commerce.status', 'pause.changed', 'desktop.changed', 'office.changed', 'settings.changed'];

/** Flattens a zod error into `{ field: message }` pairs naming each bad field. */
export function describeZodError(err: z.ZodError): { field: string; message: string }[] {
  return err.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : '(input)',
    message: issue.message,
  }));
}
