import type { z } from 'zod';
import type { CondoManagerClient, Signal } from './condo-manager-client';
import { parseOne } from './parse-list';
import { cmUnitSchema, invoiceSchema, ownerSchema, paymentSchema, tenantSchema, type CmUnit, type Invoice, type Payment, type Person, type Tenant } from './schemas';

export type Role = 'owner' | 'tenant';

const SYSTEM = 'Condo Manager' as const;
const enc = encodeURIComponent;

/**
 * The accounting desk's side of Condo Manager: edits to people and units, new
 * invoices and payments. The console never calls these (the sync is one-way);
 * tests, the bench and tools use them to play the desk against the sandbox.
 * PATCH/POST on people and POST on invoices/payments are in SYSTEMS.md; the
 * rest are sandbox extensions. POSTs here carry no idempotency key, so the
 * policy never repeats them.
 */
export class CondoManagerDesk {
  constructor(private readonly client: CondoManagerClient) {}

  async getPerson(corp: string, role: Role, id: string, opts: Signal = {}): Promise<Person | Tenant> {
    return this.one('GET', `${this.corp(corp)}/${role}s/${enc(id)}`, undefined, role === 'tenant' ? tenantSchema : ownerSchema, role, opts);
  }

  async createPerson(corp: string, role: Role, body: Record<string, unknown>, opts: Signal = {}): Promise<Person | Tenant> {
    return this.one('POST', `${this.corp(corp)}/${role}s`, body, role === 'tenant' ? tenantSchema : ownerSchema, role, opts);
  }

  async updatePerson(corp: string, role: Role, id: string, patch: Record<string, unknown>, opts: Signal = {}): Promise<Person | Tenant> {
    return this.one('PATCH', `${this.corp(corp)}/${role}s/${enc(id)}`, patch, role === 'tenant' ? tenantSchema : ownerSchema, role, opts);
  }

  async updateUnit(corp: string, id: string, patch: Record<string, unknown>, opts: Signal = {}): Promise<CmUnit> {
    return this.one('PATCH', `${this.corp(corp)}/units/${enc(id)}`, patch, cmUnitSchema, 'unit', opts);
  }

  async createInvoice(corp: string, body: Record<string, unknown>, opts: Signal = {}): Promise<Invoice> {
    return this.one('POST', `${this.corp(corp)}/invoices`, body, invoiceSchema, 'invoice', opts);
  }

  async voidInvoice(corp: string, id: string, opts: Signal = {}): Promise<Invoice> {
    return this.one('POST', `${this.corp(corp)}/invoices/${enc(id)}/void`, undefined, invoiceSchema, 'invoice', opts);
  }

  async createPayment(corp: string, body: Record<string, unknown>, opts: Signal = {}): Promise<Payment> {
    return this.one('POST', `${this.corp(corp)}/payments`, body, paymentSchema, 'payment', opts);
  }

  async reversePayment(corp: string, id: string, opts: Signal = {}): Promise<Payment> {
    return this.one('POST', `${this.corp(corp)}/payments/${enc(id)}/reverse`, undefined, paymentSchema, 'payment', opts);
  }

  private corp(corp: string): string {
    return `/v1/corporations/${enc(corp)}`;
  }

  private async one<S extends z.ZodType>(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    body: unknown,
    schema: S,
    entity: string,
    opts: Signal,
  ): Promise<z.infer<S>> {
    const res = await this.client.policy.request({ method, path, body, signal: opts.signal });
    return parseOne(schema, res.data, { entity, system: SYSTEM, route: res.route, method });
  }
}
