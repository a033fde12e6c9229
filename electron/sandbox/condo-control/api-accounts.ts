// Resident accounts: idempotent invoice and payment upserts, the ledger and
// the balance a resident sees under My Account → Account Balance.
import { parseWith } from '../common/http-error';
import { listHeaders, paging } from '../common/query';
import { json, rawJson } from '../common/reply';
import type { Router } from '../common/router';
import { WS } from './api-directory';
import type { CcStore } from './store';
import { invoiceUpsertSchema, paymentUpsertSchema } from './validation';

export function addAccountsApi(router: Router, store: CcStore): void {
  const { directory, accounts } = store;
  const A = `${WS}/accounts/{unitId}`;
  const unitOf = (ws: string, unitId: string) => directory.unit(directory.workspace(ws).id, unitId);

  router.add('PUT', `${A}/invoices/{externalId}`, 'api', async (ctx) => {
    const unit = unitOf(ctx.param('ws'), ctx.param('unitId'));
    const input = parseWith(invoiceUpsertSchema, await ctx.json());
    const { record, status } = accounts.upsertInvoice(ctx.param('ws'), unit.id, ctx.param('externalId'), input);
    return json(status, record);
  });

  router.add('PUT', `${A}/payments/{externalId}`, 'api', async (ctx) => {
    const unit = unitOf(ctx.param('ws'), ctx.param('unitId'));
    const input = parseWith(paymentUpsertSchema, await ctx.json());
    const { record, status } = accounts.upsertPayment(ctx.param('ws'), unit.id, ctx.param('externalId'), input);
    return json(status, record);
  });

  router.add('GET', `${A}/transactions`, 'api', (ctx) => {
    const unit = unitOf(ctx.param('ws'), ctx.param('unitId'));
    const page = accounts.transactions(unit.id, paging(ctx.query));
    return rawJson(200, page.json, listHeaders(page.total));
  });

  router.add('GET', `${A}/balance`, 'api', (ctx) => {
    const unit = unitOf(ctx.param('ws'), ctx.param('unitId'));
    return json(200, accounts.balance(unit.id));
  });
}
