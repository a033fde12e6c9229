/**
 * People and roles on a shared engine: named access keys, the permission
 * check every contract call passes, and the audit log.
 *
 * Every call an adapter makes goes through `guard`: it refuses (typed
 * `forbidden`, HTTP 403, naming the role needed) what the caller's role may
 * not do, and records every state-changing call and every refused one.
 */
import { AppError } from '@shared/errors';
import {
  isAudited,
  leastRoleWith,
  permissionFor,
  roleCan,
  type AccessKey,
  type Caller,
  type CreatedAccessKey,
  type ForbiddenDetails,
  type RevokedAccessKey,
  type Permission,
  type Role,
} from '@shared/access';
import { inputs, type MethodName } from '@shared/contract';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { AccessKeyRepository, toAccessKey } from '../db/repositories/access-keys';
import { AuditRepository } from '../db/repositories/audit';
import type { Kysely } from 'kysely';
import type { AccessTables } from '../db/repositories/access-schema';
import { auditSummary } from './audit-summary';
import { isMethodName } from '../api/dispatch';
import { hashKey, keyPrefix, looksLikeKey, newKey, newKeyId } from './key-material';

const roleWords: Record<Role, string> = { administrator: 'An administrator', property_manager: 'A property manager', support: 'Support' };
const actionWords: Record<Permission, string> = {
  read: 'look at the console',
  balance: 'get an account balance',
  sync: 'start, pause, cancel or confirm a sync',
  admin: 'change settings, connections or access keys',
};

/** The refusal's English text; consoles build their own sentence from its details. */
export function forbiddenError(caller: Caller, method: MethodName, permission: Permission): AppError {
  const needs = leastRoleWith(permission);
  const details: ForbiddenDetails = { method, role: caller.role, permission, needs };
  const who = roleWords[caller.role];
  const allowed = needs === 'administrator' ? 'an administrator' : 'a property manager or an administrator';
  return new AppError('forbidden', `${who} cannot ${actionWords[permission]}; ask ${allowed}.`, details);
}

/** The answer of an access-key check: a known key in use, a revoked one, or nothing known. */
export type KeyCheck = { caller: Caller } | { revoked: Caller } | undefined;

/** The audit log is pruned at most this often, on the next call it records. */
const PRUNE_EVERY_MS = 3_600_000;

/** last_used_at is written at most this often per key, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export class AccessService {
  readonly keys: AccessKeyRepository;
  readonly audit: AuditRepository;
  private readonly touched = new Map<string, number>();
  private prunedAt = Number.NEGATIVE_INFINITY;

  constructor(
    db: Kysely<AccessTables>,
    private readonly o: {
      clock: Clock;
      log: Logger;
      /** Settings → History kept: days the audit log keeps (default: kept for ever). */
      auditDays?: () => number;
      /**
       * This engine (or computer), recorded with calls by this computer or the
       * console's token, so a shared database's audit log says which engine.
       */
      engine?: string;
    },
  ) {
    this.keys = new AccessKeyRepository(db);
    this.audit = new AuditRepository(db);
  }

  private now(): string {
    return this.o.clock.now().toISOString();
  }

  /** Creates a key; the returned `key` is the only time it is ever available. */
  async createKey(input: { name: string; role: Role }): Promise<CreatedAccessKey> {
    const name = input.name.normalize('NFC').trim();
    if (!name) throw new AppError('invalid_input', 'Give the key a name, such as "Marie (front desk)".', { fields: [{ field: 'name', message: 'must not be empty' }] });
    // "@local" and "@token" are what the Sync Queue records for this computer and the console's token.
    if (name.startsWith('@')) throw new AppError('invalid_input', 'A key’s name cannot start with @. Use the person’s name, such as "Marie (front desk)".', { fields: [{ field: 'name', message: 'must not start with @' }] });
    if (await this.keys.activeNamed(name)) {
      throw new AppError('conflict', 'A key in use already has that name. Names tell people apart in the audit log; choose another.', { field: 'name' });
    }
    const key = newKey();
    const row = { id: newKeyId(), name, role: input.role, keyHash: hashKey(key), keyPrefix: keyPrefix(key), createdAt: this.now() };
    await this.keys.insert(row);
    this.o.log.info('access key created', { keyId: row.id, role: row.role });
    return { id: row.id, name, role: row.role, prefix: row.keyPrefix, createdAt: row.createdAt, key };
  }

  async listKeys(opts: { includeRevoked?: boolean } = {}): Promise<AccessKey[]> {
    return this.keys.list(opts);
  }

  /**
   * Revokes a key. Revoking it again changes nothing and says so:
   * `alreadyRevoked` with the first `revokedAt`. Errors: not_found.
   */
  async revokeKey(id: string): Promise<RevokedAccessKey> {
    const done = await this.keys.revoke(id, this.now());
    if (!done) throw new AppError('not_found', 'No access key has that id. `condo-sync keys list` shows them.', { id });
    if (done.changed) this.o.log.info('access key revoked', { keyId: id });
    const key = toAccessKey(done.row);
    return { ...key, revokedAt: key.revokedAt ?? this.now(), alreadyRevoked: !done.changed };
  }

  /**
   * Which key a bearer string is, if any. Never logs the string. A revoked
   * key's call to a contract method (`method`) is recorded as refused.
   */
  async checkKey(given: string, method?: string): Promise<KeyCheck> {
    if (!looksLikeKey(given)) return undefined;
    const row = await this.keys.findByHash(hashKey(given));
    if (!row) return undefined;
    const caller: Caller = { kind: 'key', keyId: row.id, name: row.name, role: toAccessKey(row).role };
    if (row.revoked_at) {
      if (method && isMethodName(method)) await this.record(caller, method, 'refused', undefined, undefined, 'unauthorized');
      return { revoked: caller };
    }
    const now = this.o.clock.now().getTime();
    if ((this.touched.get(row.id) ?? 0) + TOUCH_EVERY_MS <= now) {
      this.touched.set(row.id, now);
      await this.keys.touch(row.id, new Date(now).toISOString());
    }
    return { caller };
  }

  /** Records one call; a failure to write is logged, never thrown over the call's own answer. */
  async record(caller: Caller, method: MethodName, outcome: 'ok' | 'refused' | 'failed', input: unknown, result?: unknown, code?: string): Promise<void> {
    try {
      // Keys name their holder; this computer and the token are told apart by the engine they came through.
      const actor = caller.kind !== 'key' && this.o.engine && !caller.engine ? { ...caller, engine: this.o.engine } : caller;
      await this.audit.insert({ at: this.now(), actor, method, summary: auditSummary(method, input, result), outcome, ...(code ? { code } : {}) });
    } catch (err) {
      this.o.log.error('audit log could not be written', { method, outcome, error: err instanceof Error ? err.message : String(err) });
    }
    await this.pruneIfDue();
  }

  /**
   * Keeps the audit log within Settings → History kept: entries older than
   * `auditDays` go, checked at most hourly as calls are recorded (a quiet
   * engine has nothing new to keep either). Returns how many went.
   */
  async pruneIfDue(force = false): Promise<number> {
    const days = this.o.auditDays?.();
    const now = this.o.clock.now().getTime();
    if (!days || (!force && now - this.prunedAt < PRUNE_EVERY_MS)) return 0;
    this.prunedAt = now;
    try {
      const gone = await this.audit.prune(new Date(now - days * 86_400_000).toISOString());
      if (gone) this.o.log.info('old audit log entries pruned', { entries: gone, keptDays: days });
      return gone;
    } catch (err) {
      // Retried on the next call recorded after the wait.
      this.o.log.warn('audit log could not be pruned', { error: err instanceof Error ? err.message : String(err) });
      return 0;
    }
  }

  /**
   * Checks the caller's role, runs the call, and records it when it changes
   * state (or was refused). `run` is the validated dispatch.
   */
  async guard(caller: Caller, method: MethodName, input: unknown, run: () => Promise<unknown>): Promise<unknown> {
    const permission = permissionFor(method, input);
    // Only input that passes the contract is summarised: a refused or invalid call's input may be anything.
    const valid = () => inputs[method].safeParse(input ?? undefined).data;
    if (!roleCan(caller.role, permission)) {
      await this.record(caller, method, 'refused', valid(), undefined, 'forbidden');
      throw forbiddenError(caller, method, permission);
    }
    if (!isAudited(method, input)) return run();
    try {
      const result = await run();
      await this.record(caller, method, 'ok', valid(), result);
      return result;
    } catch (err) {
      await this.record(caller, method, 'failed', valid(), undefined, err instanceof AppError ? err.code : 'internal');
      throw err;
    }
  }
}
