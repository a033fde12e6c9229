/**
 * Who may call what. Every contract method declares the permission it needs,
 * here beside the contract, so the host (which enforces it) and the renderer
 * (which hides what a role cannot do, and says why) agree.
 *
 * Roles, from the most to the least trusted:
 * - administrator: settings, connections, access keys, everything;
 * - property_manager: syncs, reconcile confirmations, the Unit File;
 * - support: read-only, plus Get Account Balance.
 */
import type { MethodName } from './contract';

export const roles = ['administrator', 'property_manager', 'support'] as const;
export type Role = (typeof roles)[number];

/**
 * read: look at anything; balance: Get Account Balance (pulls one account and
 * pushes what is missing); sync: start, pause, cancel, retry and confirm
 * syncs; admin: settings, connections, keys and the audit log.
 */
export const permissions = ['read', 'balance', 'sync', 'admin'] as const;
export type Permission = (typeof permissions)[number];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  administrator: ['read', 'balance', 'sync', 'admin'],
  property_manager: ['read', 'balance', 'sync'],
  support: ['read', 'balance'],
};

/** What each method needs when its input asks for nothing more (see permissionFor). */
export const methodPermissions: Record<MethodName, Permission> = {
  'app.info': 'read',
  'session.get': 'read',
  'units.list': 'read',
  'units.get': 'read',
  'units.counts': 'read',
  'corporations.list': 'read',
  'corporations.setGroups': 'admin',
  'residents.get': 'read',
  'sync.start': 'sync',
  'sync.pause': 'sync',
  'sync.resume': 'sync',
  'jobs.list': 'read',
  'jobs.get': 'read',
  'jobs.cancel': 'sync',
  'jobs.confirm': 'sync',
  'jobs.retry': 'sync',
  'balances.get': 'read',
  'balances.check': 'read',
  'commerce.status': 'read',
  'settings.get': 'read',
  'settings.set': 'admin',
  'schedule.get': 'read',
  'schedule.set': 'admin',
  'connections.test': 'admin',
  'groups.list': 'read',
  'export.csv': 'read',
  'reports.dataQuality': 'read',
  'diagnostics.export': 'read',
  'desktop.get': 'read',
  'desktop.set': 'admin',
  'desktop.openFolder': 'admin',
  'desktop.restartToUpdate': 'admin',
  'keys.list': 'admin',
  'keys.create': 'admin',
  'keys.revoke': 'admin',
  'audit.list': 'admin',
  'audit.export': 'admin',
  // Connecting this desktop to an office server is a setting of this computer.
  'office.get': 'read',
  'office.test': 'admin',
  'office.connect': 'admin',
  'office.disconnect': 'admin',
};

function flag(input: unknown, name: string): boolean {
  return typeof input === 'object' && input !== null && (input as Record<string, unknown>)[name] === true;
}

/**
 * The permission one call needs. Two methods read or write depending on their
 * input: `balances.get` with `refresh: true` is Get Account Balance, and
 * `balances.check` with `start: true` queues a check job.
 */
export function permissionFor(method: MethodName, input: unknown): Permission {
  if (method === 'balances.get' && flag(input, 'refresh')) return 'balance';
  if (method === 'balances.check' && flag(input, 'start')) return 'sync';
  return methodPermissions[method];
}

/** Methods whose every call goes into the audit log even though they only read: data leaves the console. */
const auditedReads: ReadonlySet<MethodName> = new Set<MethodName>(['export.csv', 'diagnostics.export', 'audit.export']);

/** Methods an administrator may call that only read: not recorded when allowed. */
const adminReads: ReadonlySet<MethodName> = new Set<MethodName>(['keys.list', 'audit.list']);

/**
 * Whether a call is recorded in the audit log when allowed: every call that
 * changes state, and the exports (a refused call always is).
 */
export function isAudited(method: MethodName, input: unknown): boolean {
  if (auditedReads.has(method)) return true;
  return permissionFor(method, input) !== 'read' && !adminReads.has(method);
}

/**
 * Every method that can show in the audit log. Allowed calls are recorded
 * when isAudited() says so, but a refused call is recorded whatever it asked
 * for (a revoked key's read included), so every method can appear. The audit
 * log's words (shared/audit-words.ts) name each; tests/unit/audit-words.test.ts checks.
 */
export function auditableMethods(): MethodName[] {
  return Object.keys(methodPermissions) as MethodName[];
}

export function roleCan(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

/** The least trusted role that has a permission: what a refusal names as needed. */
export function leastRoleWith(permission: Permission): Role {
  return [...roles].reverse().find((r) => roleCan(r, permission))!;
}

/**
 * Who is calling. `local` is the desktop's own window (IPC) and in-process
 * callers; `token` is the host's single access token (`--token`); both are
 * administrators, so set-ups from before access keys keep working. `key` is a
 * named access key.
 */
export interface Caller {
  kind: 'local' | 'token' | 'key';
  role: Role;
  /** The key's name ("Marie (front desk)"); absent for local and token callers. */
  name?: string;
  keyId?: string;
  /**
   * For local and token callers, as recorded in the audit log: the engine (or
   * computer) the call came through, e.g. "office-pc:4312:a1b2c3" (host name,
   * process id, random part) on a shared database, or the host name alone.
   */
  engine?: string;
}

export const LOCAL_ADMINISTRATOR: Caller = { kind: 'local', role: 'administrator' };
export const TOKEN_ADMINISTRATOR: Caller = { kind: 'token', role: 'administrator' };

/**
 * `Job.startedBy` for a caller with no name: this computer (the desktop's
 * window or tray, the engine's own CLI) or the console's access token. A
 * key's name never starts with "@" (keys.create refuses it), so these never
 * read as a person; the console says them in the reader's words.
 */
export const STARTED_BY = { local: '@local', token: '@token' } as const;

/** Who to record as a job's starter: a key's name, else this computer or the console's token. */
export function starterOf(caller: Caller = LOCAL_ADMINISTRATOR): string {
  if (caller.kind === 'key') return caller.name ?? STARTED_BY.token;
  return STARTED_BY[caller.kind];
}

/** `session.get`: the caller, and what it may do (the renderer hides the rest). */
export interface Session {
  caller: Caller;
  permissions: Permission[];
}

/** The `details` of a `forbidden` refusal for a role, so a console can say why in its own words. */
export interface ForbiddenDetails {
  method: MethodName;
  role: Role;
  permission: Permission;
  needs: Role;
}

export function isForbiddenDetails(details: unknown): details is ForbiddenDetails {
  if (typeof details !== 'object' || details === null) return false;
  const d = details as Record<string, unknown>;
  return (roles as readonly unknown[]).includes(d.role) && (roles as readonly unknown[]).includes(d.needs) && (permissions as readonly unknown[]).includes(d.permission);
}

/** An access key as listed: never the key itself, which is shown once at creation. */
export interface AccessKey {
  id: string;
  name: string;
  role: Role;
  /** The key's first characters, so a person can tell which key they hold. */
  prefix: string;
  createdAt: string;
  lastUsedAt?: string;
  revokedAt?: string;
}

/**
 * `keys.revoke`'s answer: the key, revoked. `alreadyRevoked` is true when it
 * was revoked before this call; `revokedAt` is then the first revocation.
 */
export interface RevokedAccessKey extends AccessKey {
  revokedAt: string;
  alreadyRevoked: boolean;
}

/** `keys.create`: the new key, with its secret this one time. */
export interface CreatedAccessKey extends AccessKey {
  key: string;
}

export const auditOutcomes = ['ok', 'refused', 'failed'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/**
 * One audit log line. `summary` holds ids and setting names only (job id,
 * unit id, setting name): never a resident's name, email or phone.
 */
export interface AuditEntry {
  id: number;
  at: string;
  actor: Caller;
  method: MethodName;
  summary: Record<string, string | number | boolean | string[]>;
  outcome: AuditOutcome;
  /** The error code of a refused or failed call. */
  code?: string;
}
