// Units and their accounts: the ledger of one unit and a new-invoice form
// (kind, date, due date, description, amount in dollars). Posting goes
// through the same store method as POST …/invoices, so the invoice reaches
// the change feed at once.
import { localDate } from '@shared/local-date';
import { HttpError } from '../common/http-error';
import { dollars, html, page, parseDollars } from '../common/html';
import { htmlReply, redirect } from '../common/reply';
import type { Router } from '../common/router';
import { INVOICE_KINDS, PAYMENT_METHODS, type Unit } from '../portfolio/types';
import type { CmStore } from './store';
import { invoiceCreateSchema, paymentCreateSchema } from './validation';

const SYSTEM = 'Condo Manager';
const KIND_LABELS: Record<string, string> = {
  CommonExpense: 'Common expenses (maintenance fee)',
  SpecialAssessment: 'Special assessment',
  Chargeback: 'Chargeback',
  NSFFee: 'NSF fee',
  LateFee: 'Late fee',
  Interest: 'Interest',
  Other: 'Other',
};

const accountHref = (corpId: string, unitId: string) =>
  `/corporations/${encodeURIComponent(corpId)}/accounts/${encodeURIComponent(unitId)}`;

export function addAccountPages(router: Router, store: CmStore): void {
  const { reads } = store;

  router.add('GET', '/corporations/{corp}/accounts', 'page', (ctx) => {
    const corpId = ctx.param('corp');
    const corp = reads.corporation(corpId);
    const units = reads.allUnits(corpId).sort((a, b) => a.number.localeCompare(b.number, 'en', { numeric: true }));
    const body = html`<table><thead><tr><th scope="col">Unit</th><th scope="col">Kind</th><th scope="col">Occupancy</th><th scope="col" class="num">Balance</th></tr></thead>
<tbody>${units.map((u) => html`<tr><td><a href="${accountHref(corpId, u.id)}">${u.number}</a></td><td>${u.kind}</td><td>${u.occupancy}</td>
<td class="num">${dollars(reads.balance(corpId, u.accountId).totalCents)}</td></tr>`)}</tbody></table>`;
    return htmlReply(200, page({
      system: SYSTEM, title: `Units and accounts — ${corp.code}`,
      crumbs: [{ href: '/', label: 'Information' }, { label: corp.code }, { label: 'Units and accounts' }],
    }, body));
  });

  const renderAccount = (corpId: string, unit: Unit, notice?: string, errors?: string[]) => {
    const corp = reads.corporation(corpId);
    const balance = reads.balance(corpId, unit.accountId);
    const invoices = reads.accountInvoices(unit.accountId);
    const payments = reads.accountPayments(unit.accountId);
    const owners = reads.allPeople(corpId, 'Owner').filter((p) => p.status === 'Active' && p.unitIds.includes(unit.id));
    const today = localDate(Date.now(), corp.timezone);
    const href = accountHref(corpId, unit.id);
    const body = html`
<dl class="fields"><dt>Owners</dt><dd>${owners.map((o) => `${o.firstName} ${o.lastName}`.trim()).join(', ') || 'none'}</dd>
<dt>Balance</dt><dd>${dollars(balance.totalCents)}</dd>
<dt>Aging</dt><dd>0–30 days ${dollars(balance.aging.d0_30)} · 31–60 ${dollars(balance.aging.d31_60)} · 61–90 ${dollars(balance.aging.d61_90)} · over 90 ${dollars(balance.aging.over90)}</dd></dl>
<h2 id="new-invoice">New invoice</h2>
<form class="stack" method="post" action="${href}/invoices" aria-labelledby="new-invoice">
  <label>Kind <select name="kind">${INVOICE_KINDS.map((k) => html`<option value="${k}">${KIND_LABELS[k] ?? k}</option>`)}</select></label>
  <label>Date <input name="date" type="date" required value="${today}"></label>
  <label>Due date <input name="dueDate" type="date" required value="${today}"></label>
  <label>Description <input name="description" required value="Common expenses"></label>
  <label>Amount (dollars) <input name="amount" inputmode="decimal" required placeholder="612.50"></label>
  <button type="submit">Save invoice</button>
</form>
<h2 id="new-payment">Record a payment</h2>
<form class="stack" method="post" action="${href}/payments" aria-labelledby="new-payment">
  <label>Method <select name="method">${PAYMENT_METHODS.map((m) => html`<option value="${m}">${m}</option>`)}</select></label>
  <label>Date <input name="date" type="date" required value="${today}"></label>
  <label>Amount (dollars) <input name="amount" inputmode="decimal" required></label>
  <label>Reference <input name="reference"></label>
  <button type="submit">Save payment</button>
</form>
<h2>Invoices</h2>
<table><thead><tr><th scope="col">Number</th><th scope="col">Date</th><th scope="col">Due</th><th scope="col">Kind</th><th scope="col">Description</th><th scope="col" class="num">Amount</th><th scope="col">Status</th></tr></thead>
<tbody>${invoices.reverse().map((i) => html`<tr><td>${i.number}</td><td>${i.date}</td><td>${i.dueDate}</td><td>${KIND_LABELS[i.kind] ?? i.kind}</td>
<td>${i.lines.map((l) => l.description).join('; ')}</td><td class="num">${dollars(i.totalCents)}</td><td>${i.status}</td></tr>`)}</tbody></table>
<h2>Payments</h2>
<table><thead><tr><th scope="col">Date</th><th scope="col">Method</th><th scope="col">Reference</th><th scope="col" class="num">Amount</th><th scope="col">Status</th></tr></thead>
<tbody>${payments.reverse().map((p) => html`<tr><td>${p.date}</td><td>${p.method}</td><td>${p.reference}</td><td class="num">${dollars(p.amountCents)}</td><td>${p.status}</td></tr>`)}</tbody></table>`;
    return page({
      system: SYSTEM, title: `Account — unit ${unit.number}`,
      crumbs: [{ href: '/', label: 'Information' }, { label: corp.code }, { href: `/corporations/${encodeURIComponent(corpId)}/accounts`, label: 'Units and accounts' }, { label: unit.number }],
      notice, errors,
    }, body);
  };

  router.add('GET', '/corporations/{corp}/accounts/{unit}', 'page', (ctx) => {
    const corpId = ctx.param('corp');
    const unit = reads.unit(corpId, ctx.param('unit'));
    const saved = ctx.query.get('saved');
    return htmlReply(200, renderAccount(corpId, unit, saved ? `Saved ${saved}.` : undefined));
  });

  // Both forms: validate, call the store, then post/redirect/get with a notice.
  const post = (path: string, build: (form: URLSearchParams, unit: Unit, corpId: string) => { errors: string[]; save?: () => string }) =>
    router.add('POST', `/corporations/{corp}/accounts/{unit}/${path}`, 'page', async (ctx) => {
      const corpId = ctx.param('corp');
      const unit = reads.unit(corpId, ctx.param('unit'));
      const { errors, save } = build(await ctx.form(), unit, corpId);
      if (errors.length > 0 || !save) return htmlReply(422, renderAccount(corpId, unit, undefined, errors));
      try {
        const label = save();
        return redirect(`${accountHref(corpId, unit.id)}?saved=${encodeURIComponent(label)}`);
      } catch (err) {
        if (err instanceof HttpError && err.status === 422) {
          return htmlReply(422, renderAccount(corpId, unit, undefined, err.errors.map((e) => `${e.key}: ${e.value}`)));
        }
        throw err;
      }
    });

  post('invoices', (form, unit, corpId) => {
    const amount = parseDollars(form.get('amount') ?? '');
    const input = {
      unitId: unit.id, kind: form.get('kind'), date: form.get('date'), dueDate: form.get('dueDate'),
      lines: [{ description: (form.get('description') ?? '').trim(), amountCents: amount ?? 0 }],
    };
    const parsed = invoiceCreateSchema.safeParse(input);
    const errors = amount === null ? ['Amount: enter dollars and cents, like 612.50'] : [];
    if (!parsed.success) errors.push(...parsed.error.issues.map((i) => `${i.path.join(' ')}: ${i.message}`));
    if (errors.length > 0 || !parsed.success) return { errors };
    const data = parsed.data;
    return { errors, save: () => `invoice ${store.ledger.createInvoice(corpId, data).number}` };
  });

  post('payments', (form, unit, corpId) => {
    const amount = parseDollars(form.get('amount') ?? '');
    const parsed = paymentCreateSchema.safeParse({
      unitId: unit.id, method: form.get('method'), date: form.get('date'), amountCents: amount ?? 0,
      reference: form.get('reference') ?? '',
    });
    const errors = amount === null ? ['Amount: enter dollars and cents, like 612.50'] : [];
    if (!parsed.success) errors.push(...parsed.error.issues.map((i) => `${i.path.join(' ')}: ${i.message}`));
    if (errors.length > 0 || !parsed.success) return { errors };
    const data = parsed.data;
    return { errors, save: () => `payment of ${dollars(store.ledger.createPayment(corpId, data).amountCents)}` };
  });
}
