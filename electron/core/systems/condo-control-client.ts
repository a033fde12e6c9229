import type { z } from 'zod';
import type { ClientPolicyOptions, Signal } from './condo-manager-client';
import { SystemError } from './errors';
import { HttpPolicy, type HttpResponse, type RequestOptions } from './http-policy';
import { parseOne, type ParsedList } from './parse-list';
import { clampLimit, collectPages, iteratePages, toPage, type ListPage } from './paging';
import {
  accountBalanceSchema,
  ccUnitSchema,
  ccUserSchema,
  groupSchema,
  tokenSchema,
  transactionSchema,
  workspaceSchema,
  type AccountBalance,
  type CcUnit,
  type CcUser,
  type Group,
  type Invoice,
  type InvoiceTransaction,
  type Payment,
  type PaymentTransaction,
  type Transaction,
  type Workspace,
} from './schemas';
import { TokenSession } from './token-session';

const MAX_RELOGINS = 3;

export interface CondoControlOptions extends ClientPolicyOptions {
  baseUrl: string;
  username: string;
  password: string;
}

export interface FindUsersOptions extends Signal {
  externalId?: string;
  email?: string;
  offset?: number;
  limit?: number;
}

/** Fields a user can be created or updated with (SYSTEMS.md). */
export interface CcUserInput {
  externalId?: string | null;
  firstName?: string;
  lastName?: string;
  email?: string | null;
  phones?: { type: 'home' | 'mobile' | 'work'; number: string }[];
  language?: 'en' | 'fr';
  active?: boolean;
  groupIds?: string[];
  unitIds?: string[];
}

/** A user to create: Condo Control needs a last name and at least one group. */
export type CcUserCreate = CcUserInput & { lastName: string; groupIds: string[] };

/** An invoice pushed to a resident's account; the amount is totalCents or the sum of lines. */
export interface CcInvoiceInput {
  number?: string | null;
  date: string;
  dueDate?: string | null;
  kind?: Invoice['kind'];
  description?: string | null;
  lines?: { description: string; amountCents: number }[];
  totalCents?: number;
  status?: Invoice['status'];
}

export interface CcPaymentInput {
  date: string;
  amountCents: number;
  method?: Payment['method'] | null;
  reference?: string | null;
  status?: Payment['status'];
}

/** An upsert's answer: `created` is false when the record existed (changed or not). */
export interface Upserted<T> {
  record: T;
  created: boolean;
}

export interface CcUnitInput {
  unitType?: 'Vacant' | 'OwnerOccupied' | 'Rental';
  externalId?: string | null;
}

const SYSTEM = 'Condo Control' as const;
const enc = encodeURIComponent;

/** Condo Control, the target: the building portal's units, users, groups and resident accounts. */
export class CondoControlClient {
  readonly policy: HttpPolicy;
  private readonly session: TokenSession;

  constructor(opts: CondoControlOptions) {
    const { baseUrl, username, password, ...policy } = opts;
    this.policy = new HttpPolicy({ ...policy, system: SYSTEM, baseUrl });
    this.session = new TokenSession(async () => {
      // Logging in twice is harmless, so the login is retried like a GET.
      const res = await this.policy.request({ method: 'POST', path: '/api/v1/auth/token', body: { username, password }, idempotent: true });
      return parseOne(tokenSchema, res.data, { entity: 'token', system: SYSTEM, route: res.route, method: 'POST' });
    }, opts.now);
  }

  async listWorkspaces(opts: Signal = {}): Promise<ParsedList<Workspace>> {
    return this.all('/api/v1/workspaces', workspaceSchema, 'workspace', opts.signal);
  }

  async listGroups(ws: string, opts: Signal = {}): Promise<ParsedList<Group>> {
    return this.all(`${this.ws(ws)}/groups`, groupSchema, 'group', opts.signal);
  }

  async listUnits(ws: string, opts: Signal = {}): Promise<ParsedList<CcUnit>> {
    return this.all(`${this.ws(ws)}/units`, ccUnitSchema, 'unit', opts.signal);
  }

  async updateUnit(ws: string, unitId: string, patch: CcUnitInput, opts: Signal = {}): Promise<CcUnit | null> {
    const res = await this.call({ method: 'PUT', path: `${this.ws(ws)}/units/${enc(unitId)}`, body: patch, signal: opts.signal });
    return this.record(ccUnitSchema, res, 'unit');
  }

  async findUsers(ws: string, opts: FindUsersOptions = {}): Promise<ListPage<CcUser>> {
    const offset = Math.max(0, Math.floor(opts.offset ?? 0));
    const limit = clampLimit(opts.limit);
    const res = await this.call({
      method: 'GET',
      path: `${this.ws(ws)}/users`,
      query: { externalId: opts.externalId, email: opts.email, offset, limit },
      signal: opts.signal,
    });
    return toPage(res, ccUserSchema, 'user', offset, limit, SYSTEM);
  }

  async listAllUsers(ws: string, opts: Signal = {}): Promise<ParsedList<CcUser>> {
    return collectPages(iteratePages((offset) => this.findUsers(ws, { offset, limit: 1000, signal: opts.signal })));
  }

  /**
   * One POST with groups and units. The key makes a retry after a lost answer
   * return the same user instead of a second one. 409 (login email taken)
   * throws ConflictError; 422 throws ValidationError with `fields`.
   */
  async createUser(ws: string, body: CcUserCreate, idempotencyKey: string, opts: Signal = {}): Promise<CcUser> {
    const res = await this.call({
      method: 'POST',
      path: `${this.ws(ws)}/users`,
      body,
      headers: { 'Idempotency-Key': idempotencyKey },
      signal: opts.signal,
    });
    return parseOne(ccUserSchema, res.data, { entity: 'user', system: SYSTEM, route: res.route, method: 'POST' });
  }

  async updateUser(ws: string, userId: string, patch: CcUserInput, opts: Signal = {}): Promise<CcUser | null> {
    const res = await this.call({ method: 'PATCH', path: `${this.user(ws, userId)}`, body: patch, signal: opts.signal });
    return this.record(ccUserSchema, res, 'user');
  }

  /** Deactivating twice leaves the same state, so it is retried despite being a POST. */
  async deactivateUser(ws: string, userId: string, opts: Signal = {}): Promise<CcUser | null> {
    const res = await this.call({ method: 'POST', path: `${this.user(ws, userId)}/deactivate`, idempotent: true, signal: opts.signal });
    return this.record(ccUserSchema, res, 'user');
  }

  async setUserGroups(ws: string, userId: string, groupIds: string[], opts: Signal = {}): Promise<CcUser | null> {
    const res = await this.call({ method: 'PUT', path: `${this.user(ws, userId)}/groups`, body: { groupIds }, signal: opts.signal });
    return this.record(ccUserSchema, res, 'user');
  }

  /** Relates a unit; repeating it is a no-op. Answers with the user when the system sends it. */
  async addUserUnit(ws: string, userId: string, unitId: string, opts: Signal = {}): Promise<CcUser | null> {
    const res = await this.call({ method: 'PUT', path: `${this.user(ws, userId)}/units/${enc(unitId)}`, signal: opts.signal });
    return this.record(ccUserSchema, res, 'user');
  }

  async removeUserUnit(ws: string, userId: string, unitId: string, opts: Signal = {}): Promise<CcUser | null> {
    const res = await this.call({ method: 'DELETE', path: `${this.user(ws, userId)}/units/${enc(unitId)}`, signal: opts.signal });
    return this.record(ccUserSchema, res, 'user');
  }

  /** Idempotent upsert keyed by the Condo Manager invoice id. */
  async upsertInvoice(ws: string, unitId: string, externalId: string, body: CcInvoiceInput, opts: Signal = {}): Promise<Upserted<InvoiceTransaction>> {
    const res = await this.call({ method: 'PUT', path: `${this.account(ws, unitId)}/invoices/${enc(externalId)}`, body, signal: opts.signal });
    const record = parseOne(transactionSchema, res.data, { entity: 'invoice', system: SYSTEM, route: res.route, method: 'PUT' });
    return { record: record as InvoiceTransaction, created: res.status === 201 };
  }

  /** Idempotent upsert keyed by the Condo Manager payment id. */
  async upsertPayment(ws: string, unitId: string, externalId: string, body: CcPaymentInput, opts: Signal = {}): Promise<Upserted<PaymentTransaction>> {
    const res = await this.call({ method: 'PUT', path: `${this.account(ws, unitId)}/payments/${enc(externalId)}`, body, signal: opts.signal });
    const record = parseOne(transactionSchema, res.data, { entity: 'payment', system: SYSTEM, route: res.route, method: 'PUT' });
    return { record: record as PaymentTransaction, created: res.status === 201 };
  }

  /** Every line of the account, oldest first; a malformed line is a per-record error. */
  async listTransactions(ws: string, unitId: string, opts: Signal = {}): Promise<ParsedList<Transaction>> {
    return this.all(`${this.account(ws, unitId)}/transactions`, transactionSchema, 'transaction', opts.signal);
  }

  async getAccountBalance(ws: string, unitId: string, opts: Signal = {}): Promise<AccountBalance> {
    const res = await this.call({ method: 'GET', path: `${this.account(ws, unitId)}/balance`, signal: opts.signal });
    return parseOne(accountBalanceSchema, res.data, { entity: 'account balance', system: SYSTEM, route: res.route });
  }

  /** Logs in (fresh) and lists workspaces, one attempt each: for "Test connection". */
  async ping(opts: Signal = {}): Promise<{ ok: true; latencyMs: number; workspaces: number }> {
    const started = Date.now();
    this.session.clear();
    const res = await this.call({ method: 'GET', path: '/api/v1/workspaces', query: { limit: 1000 }, signal: opts.signal, maxAttempts: 1 });
    return { ok: true, latencyMs: Date.now() - started, workspaces: Array.isArray(res.data) ? res.data.length : 0 };
  }

  close(): void {
    this.policy.close();
  }

  /**
   * A call with the bearer token; a 401 means it expired: log in again and
   * repeat. Each refused token earns one new login, up to three in a row, so
   * tokens revoked twice during a run (a restarting server) do not fail a
   * record, while a login that keeps being refused still ends the call.
   */
  private async call(req: RequestOptions): Promise<HttpResponse> {
    let token = await this.session.get(req.signal);
    for (let logins = 0; ; ) {
      try {
        return await this.policy.request({ ...req, headers: { ...req.headers, Authorization: `Bearer ${token}` } });
      } catch (err) {
        if (!(err instanceof SystemError && err.status === 401)) throw err;
        // Only a refusal of the newest token counts against this call. With
        // many calls in flight, one that was refused a token another call has
        // already replaced lost a race with an earlier expiry, not a login.
        if (this.session.isCurrent(token) && ++logins > MAX_RELOGINS) throw err;
        token = await this.session.refresh(req.signal, token);
      }
    }
  }

  private async all<S extends z.ZodType>(path: string, schema: S, entity: string, signal?: AbortSignal): Promise<ParsedList<z.infer<S>>> {
    return collectPages(
      iteratePages(async (offset) => {
        const limit = 1000;
        const res = await this.call({ method: 'GET', path, query: { offset, limit }, signal });
        return toPage(res, schema, entity, offset, limit, SYSTEM);
      }),
    );
  }

  /** Writes may answer with the record or with nothing; both are success. */
  private record<S extends z.ZodType>(schema: S, res: HttpResponse, entity: string): z.infer<S> | null {
    if (res.data === undefined) return null;
    return parseOne(schema, res.data, { entity, system: SYSTEM, route: res.route, method: res.method });
  }

  private ws(ws: string): string {
    return `/api/v1/workspaces/${enc(ws)}`;
  }

  private user(ws: string, userId: string): string {
    return `${this.ws(ws)}/users/${enc(userId)}`;
  }

  private account(ws: string, unitId: string): string {
    return `${this.ws(ws)}/accounts/${enc(unitId)}`;
  }
}
