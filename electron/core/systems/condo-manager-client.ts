import type { z } from 'zod';
import { CursorExpiredError, SystemError } from './errors';
import { HttpPolicy, type HttpPolicyOptions } from './http-policy';
import { parseList, parseOne, type ParsedList, type RecordError } from './parse-list';
import { clampLimit, collectPages, iterateKeyset, iteratePages, toPage, type ListPage, type PageOptions } from './paging';
import {
  balanceSchema,
  changeEventSchema,
  changeFeedSchema,
  cmUnitSchema,
  corporationSchema,
  invoiceSchema,
  ownerSchema,
  paymentSchema,
  tenantSchema,
  type Balance,
  type ChangeEvent,
  type CmUnit,
  type Corporation,
  type Invoice,
  type Owner,
  type Payment,
  type Tenant,
} from './schemas';

/** Policy knobs a client passes through; the system and base URL are its own. */
export type ClientPolicyOptions = Omit<HttpPolicyOptions, 'system' | 'baseUrl' | 'headers'>;

export interface CondoManagerOptions extends ClientPolicyOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface ListOptions extends PageOptions {
  /** Inclusive, UTC: only rows updated at or after it. */
  lastUpdatedFrom?: string;
}

export interface LedgerListOptions extends ListOptions {
  /** Only this account's rows: one resident's ledger instead of the building's. */
  accountId?: string;
}

export interface PeopleListOptions extends ListOptions {
  /** Past owners and tenants too; default true so endings are seen. */
  includePast?: boolean;
}

export interface ChangesOptions {
  cursor?: string;
  limit?: number;
  /** Long-poll seconds (≤ 30) while the feed is empty. */
  waitSec?: number;
  signal?: AbortSignal;
}

export interface ChangeFeed {
  events: ChangeEvent[];
  errors: RecordError[];
  nextCursor: string;
  hasMore: boolean;
}

export interface Signal {
  signal?: AbortSignal;
}

const SYSTEM = 'Condo Manager' as const;
const enc = encodeURIComponent;

/**
 * Condo Manager, the source: reads owners, tenants, units, invoices, payments
 * and the change feed. Read-only on purpose, so the sync cannot write to the
 * books; the desk's own writes live in CondoManagerDesk.
 */
export class CondoManagerClient {
  readonly policy: HttpPolicy;

  constructor(opts: CondoManagerOptions) {
    const { baseUrl, clientId, clientSecret, ...policy } = opts;
    this.policy = new HttpPolicy({
      ...policy,
      system: SYSTEM,
      baseUrl,
      headers: { 'x-cm-client-id': clientId, 'x-cm-client-secret': clientSecret },
    });
  }

  async listCorporations(opts: Signal = {}): Promise<ParsedList<Corporation>> {
    return collectPages(
      iteratePages((offset) => this.page(`/v1/corporations`, corporationSchema, 'corporation', { offset, limit: 1000, signal: opts.signal })),
    );
  }

  listUnitsPage(corp: string, opts: ListOptions = {}): Promise<ListPage<CmUnit>> {
    return this.page(`${this.corp(corp)}/units`, cmUnitSchema, 'unit', opts);
  }

  listOwnersPage(corp: string, opts: PeopleListOptions = {}): Promise<ListPage<Owner>> {
    return this.page(`${this.corp(corp)}/owners`, ownerSchema, 'owner', opts, { includePast: opts.includePast ?? true });
  }

  listTenantsPage(corp: string, opts: PeopleListOptions = {}): Promise<ListPage<Tenant>> {
    return this.page(`${this.corp(corp)}/tenants`, tenantSchema, 'tenant', opts, { includePast: opts.includePast ?? true });
  }

  listInvoicesPage(corp: string, opts: LedgerListOptions = {}): Promise<ListPage<Invoice>> {
    return this.page(`${this.corp(corp)}/invoices`, invoiceSchema, 'invoice', opts, opts.accountId ? { accountId: opts.accountId } : {});
  }

  listPaymentsPage(corp: string, opts: LedgerListOptions = {}): Promise<ListPage<Payment>> {
    return this.page(`${this.corp(corp)}/payments`, paymentSchema, 'payment', opts, opts.accountId ? { accountId: opts.accountId } : {});
  }

  // The iterate* generators page by keyset on updatedAt (see iterateKeyset), so
  // edits made while a sync reads cannot make it skip a row.

  iterateUnits(corp: string, opts: ListOptions = {}): AsyncGenerator<ListPage<CmUnit>> {
    return iterateKeyset((lastUpdatedFrom, offset) => this.listUnitsPage(corp, { ...opts, lastUpdatedFrom, offset }), opts.lastUpdatedFrom, opts.offset);
  }

  iterateOwners(corp: string, opts: PeopleListOptions = {}): AsyncGenerator<ListPage<Owner>> {
    return iterateKeyset((lastUpdatedFrom, offset) => this.listOwnersPage(corp, { ...opts, lastUpdatedFrom, offset }), opts.lastUpdatedFrom, opts.offset);
  }

  iterateTenants(corp: string, opts: PeopleListOptions = {}): AsyncGenerator<ListPage<Tenant>> {
    return iterateKeyset((lastUpdatedFrom, offset) => this.listTenantsPage(corp, { ...opts, lastUpdatedFrom, offset }), opts.lastUpdatedFrom, opts.offset);
  }

  iterateInvoices(corp: string, opts: LedgerListOptions = {}): AsyncGenerator<ListPage<Invoice>> {
    return iterateKeyset((lastUpdatedFrom, offset) => this.listInvoicesPage(corp, { ...opts, lastUpdatedFrom, offset }), opts.lastUpdatedFrom, opts.offset);
  }

  iteratePayments(corp: string, opts: LedgerListOptions = {}): AsyncGenerator<ListPage<Payment>> {
    return iterateKeyset((lastUpdatedFrom, offset) => this.listPaymentsPage(corp, { ...opts, lastUpdatedFrom, offset }), opts.lastUpdatedFrom, opts.offset);
  }

  async getBalance(corp: string, account: string, opts: Signal = {}): Promise<Balance> {
    const res = await this.policy.request({ method: 'GET', path: `${this.corp(corp)}/accounts/${enc(account)}/balance`, signal: opts.signal });
    return parseOne(balanceSchema, res.data, { entity: 'balance', system: SYSTEM, route: res.route });
  }

  /** One read of the change feed. A 410 throws CursorExpiredError: read everything again. */
  async getChanges(corp: string, opts: ChangesOptions = {}): Promise<ChangeFeed> {
    const waitSec = Math.min(30, Math.max(0, Math.floor(opts.waitSec ?? 0)));
    try {
      const res = await this.policy.request({
        method: 'GET',
        path: `${this.corp(corp)}/changes`,
        query: { cursor: opts.cursor, limit: opts.limit, wait: waitSec || undefined },
        signal: opts.signal,
        // The server may hold a long poll for `wait` seconds; that is not a timeout.
        timeoutMs: waitSec * 1000 + 15_000,
        longPoll: waitSec > 0,
      });
      const feed = parseOne(changeFeedSchema, res.data, { entity: 'change feed', system: SYSTEM, route: res.route });
      const { items, errors } = parseList(changeEventSchema, feed.events, { entity: 'change event', system: SYSTEM, route: res.route });
      return { events: items, errors, nextCursor: feed.nextCursor, hasMore: feed.hasMore };
    } catch (err) {
      if (err instanceof SystemError && err.status === 410) throw new CursorExpiredError(err.details);
      throw err;
    }
  }

  /** Credentials and reachability, one attempt: for "Test connection". */
  async ping(opts: Signal = {}): Promise<{ ok: true; latencyMs: number }> {
    const started = Date.now();
    await this.policy.request({ method: 'GET', path: '/v1/corporations', query: { limit: 1 }, signal: opts.signal, maxAttempts: 1 });
    return { ok: true, latencyMs: Date.now() - started };
  }

  close(): void {
    this.policy.close();
  }

  private corp(corp: string): string {
    return `/v1/corporations/${enc(corp)}`;
  }

  private async page<S extends z.ZodType>(
    path: string,
    schema: S,
    entity: string,
    opts: ListOptions,
    extra: Record<string, string | boolean> = {},
  ): Promise<ListPage<z.infer<S>>> {
    const offset = Math.max(0, Math.floor(opts.offset ?? 0));
    const limit = clampLimit(opts.limit);
    const res = await this.policy.request({
      method: 'GET',
      path,
      query: { offset, limit, lastupdatedfrom: opts.lastUpdatedFrom, ...extra },
      signal: opts.signal,
    });
    return toPage(res, schema, entity, offset, limit, SYSTEM);
  }
}
