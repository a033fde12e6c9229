// Condo Manager's API (SYSTEMS.md "Condo Manager (source), base /v1"), plus
// a few writes beyond it that engine tests need to script the desk: create a
// person, edit a unit, void an invoice, reverse a payment, and GET by id.
import { parseWith } from '../common/http-error';
import { boolParam, lastUpdatedFrom, listHeaders, paging, stringParam, waitParam } from '../common/query';
import { json, rawJson } from '../common/reply';
import type { Router } from '../common/router';
import type { Role } from '../portfolio/types';
import type { CmStore } from './store';
import {
  invoiceCreateSchema, paymentCreateSchema, personCreateSchema, personPatchSchema, unitPatchSchema,
} from './validation';

const C = '/v1/corporations/{corp}';

export function addCondoManagerApi(router: Router, store: CmStore): void {
  const { reads } = store;

  router.add('GET', '/v1/corporations', 'api', (ctx) => {
    const page = reads.corporations(paging(ctx.query));
    return rawJson(200, page.json, listHeaders(page.total));
  });
  router.add('GET', C, 'api', (ctx) => json(200, reads.corporation(ctx.param('corp'))));

  for (const entity of ['units', 'invoices', 'payments'] as const) {
    router.add('GET', `${C}/${entity}`, 'api', (ctx) => {
      const corp = ctx.param('corp');
      reads.corporation(corp);
      const account = entity === 'units' ? undefined : stringParam(ctx.query, 'accountId');
      const page = reads.list(entity, corp, lastUpdatedFrom(ctx.query), paging(ctx.query), account);
      return rawJson(200, page.json, listHeaders(page.total));
    });
  }
  router.add('GET', `${C}/units/{id}`, 'api', (ctx) => json(200, reads.unit(ctx.param('corp'), ctx.param('id'))));
  router.add('PATCH', `${C}/units/{id}`, 'api', async (ctx) => {
    const corp = ctx.param('corp');
    reads.unit(corp, ctx.param('id'));
    const patch = parseWith(unitPatchSchema, await ctx.json());
    return json(200, store.people.updateUnit(corp, ctx.param('id'), patch));
  });

  const roles: Array<[string, Role]> = [['owners', 'Owner'], ['tenants', 'Tenant']];
  for (const [path, role] of roles) {
    router.add('GET', `${C}/${path}`, 'api', (ctx) => {
      const corp = ctx.param('corp');
      reads.corporation(corp);
      const q = ctx.query;
      const page = reads.people(corp, role, lastUpdatedFrom(q), boolParam(q, 'includePast'), paging(q));
      return rawJson(200, page.json, listHeaders(page.total));
    });
    router.add('POST', `${C}/${path}`, 'api', async (ctx) => {
      const corp = ctx.param('corp');
      reads.corporation(corp);
      const input = parseWith(personCreateSchema, await ctx.json());
      return json(201, store.people.createPerson(corp, role, input));
    });
    router.add('GET', `${C}/${path}/{id}`, 'api', (ctx) => json(200, reads.person(ctx.param('corp'), role, ctx.param('id'))));
    router.add('PATCH', `${C}/${path}/{id}`, 'api', async (ctx) => {
      const corp = ctx.param('corp');
      reads.person(corp, role, ctx.param('id'));
      const patch = parseWith(personPatchSchema, await ctx.json());
      return json(200, store.people.updatePerson(corp, role, ctx.param('id'), patch));
    });
  }

  router.add('POST', `${C}/invoices`, 'api', async (ctx) => {
    const corp = ctx.param('corp');
    reads.corporation(corp);
    return json(201, store.ledger.createInvoice(corp, parseWith(invoiceCreateSchema, await ctx.json())));
  });
  router.add('GET', `${C}/invoices/{id}`, 'api', (ctx) => json(200, reads.invoice(ctx.param('corp'), ctx.param('id'))));
  router.add('POST', `${C}/invoices/{id}/void`, 'api', (ctx) =>
    json(200, store.ledger.voidInvoice(ctx.param('corp'), ctx.param('id'))),
  );
  router.add('POST', `${C}/payments`, 'api', async (ctx) => {
    const corp = ctx.param('corp');
    reads.corporation(corp);
    return json(201, store.ledger.createPayment(corp, parseWith(paymentCreateSchema, await ctx.json())));
  });
  router.add('GET', `${C}/payments/{id}`, 'api', (ctx) => json(200, reads.payment(ctx.param('corp'), ctx.param('id'))));
  router.add('POST', `${C}/payments/{id}/reverse`, 'api', (ctx) =>
    json(200, store.ledger.reversePayment(ctx.param('corp'), ctx.param('id'))),
  );

  router.add('GET', `${C}/accounts/{account}/balance`, 'api', (ctx) =>
    json(200, reads.balance(ctx.param('corp'), ctx.param('account'))),
  );

  router.add('GET', `${C}/changes`, 'api', async (ctx) => {
    const corp = ctx.param('corp');
    reads.corporation(corp);
    const { limit } = paging(ctx.query);
    const wait = waitParam(ctx.query);
    const cursor = ctx.query.get('cursor') || undefined;
    let page = store.feed.read(corp, cursor, limit);
    if (page.events.length === 0 && wait > 0) {
      // Long-poll: hold until a write for this corporation appends an event.
      await store.feed.wait(corp, wait * 1000, ctx.signal);
      page = store.feed.read(corp, page.nextCursor, limit);
    }
    return json(200, page);
  });
}
