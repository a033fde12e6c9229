// "View as resident": My Account with its Account Balance tab. The balance is
// read from Condo Control's own store only when the resident presses "Get
// Account Balance", as in the real portal.
import { dollars, html, page } from '../common/html';
import { HttpError } from '../common/http-error';
import { htmlReply } from '../common/reply';
import type { Router } from '../common/router';
import type { InvoiceTransaction, PaymentTransaction } from './accounts';
import { SYSTEM, userName, wsHref } from './pages-unit-file';
import type { CcStore } from './store';

export function addMyAccountPages(router: Router, store: CcStore): void {
  const { directory, users, accounts } = store;

  router.add('GET', '/workspaces/{ws}/my-account', 'page', (ctx) => {
    const ws = directory.workspace(ctx.param('ws'));
    const userId = ctx.query.get('user');
    if (!userId) throw new HttpError(400, 'bad_request', 'Pick a resident first, from a unit in the Unit File.');
    const user = users.get(ws.id, userId);
    const unitId = ctx.query.get('unit') ?? user.unitIds[0];
    const tab = ctx.query.get('tab') === 'profile' ? 'profile' : 'balance';
    const units = user.unitIds.map((id) => directory.unit(ws.id, id));
    const unit = units.find((u) => u.id === unitId) ?? units[0];
    const base = `${wsHref(ws.id)}/my-account?user=${encodeURIComponent(user.id)}${unit ? `&unit=${encodeURIComponent(unit.id)}` : ''}`;
    const load = ctx.query.get('load') === '1';

    let content;
    if (tab === 'profile') {
      content = html`<dl class="fields"><dt>Name</dt><dd>${userName(user)}</dd><dt>Email</dt><dd>${user.email ?? 'none'}</dd>
<dt>Units</dt><dd>${units.map((u) => u.name).join(', ') || 'none'}</dd></dl>`;
    } else if (!unit) {
      content = html`<p class="muted">This resident is not related to any unit, so there is no account to show.</p>`;
    } else {
      const rows = load ? (JSON.parse(accounts.transactions(unit.id, { offset: 0, limit: 100_000 }).json) as Array<InvoiceTransaction | PaymentTransaction>) : [];
      const invoices = rows.filter((r): r is InvoiceTransaction => r.type === 'invoice').reverse();
      const payments = rows.filter((r): r is PaymentTransaction => r.type === 'payment').reverse();
      const balance = accounts.balance(unit.id);
      content = html`<form class="stack" method="get" action="${wsHref(ws.id)}/my-account">
  <input type="hidden" name="user" value="${user.id}"><input type="hidden" name="tab" value="balance"><input type="hidden" name="load" value="1">
  ${units.length > 1 ? html`<label>Unit <select name="unit">${units.map((u) => html`<option value="${u.id}"${u.id === unit.id ? html` selected` : ''}>${u.name}</option>`)}</select></label>` : html`<input type="hidden" name="unit" value="${unit.id}">`}
  <button type="submit">Get Account Balance</button></form>
${load ? html`<section aria-labelledby="balance-heading"><h2 id="balance-heading">Unit ${unit.name}: balance ${dollars(balance.totalCents)}</h2>
<p class="muted">Invoiced ${dollars(balance.invoicedCents)} · paid ${dollars(balance.paidCents)}</p>
<h3>Invoices</h3>${invoices.length > 0 ? html`<table><thead><tr><th scope="col">Date</th><th scope="col">Number</th><th scope="col">Description</th><th scope="col">Due</th><th scope="col" class="num">Amount</th><th scope="col">Status</th></tr></thead>
<tbody>${invoices.map((i) => html`<tr><td>${i.date}</td><td>${i.number ?? ''}</td><td>${i.description}</td><td>${i.dueDate ?? ''}</td><td class="num">${dollars(i.amountCents)}</td><td>${i.status}</td></tr>`)}</tbody></table>` : html`<p class="muted">No invoices yet.</p>`}
<h3>Payments</h3>${payments.length > 0 ? html`<table><thead><tr><th scope="col">Date</th><th scope="col">Method</th><th scope="col">Reference</th><th scope="col" class="num">Amount</th><th scope="col">Status</th></tr></thead>
<tbody>${payments.map((p) => html`<tr><td>${p.date}</td><td>${p.method ?? ''}</td><td>${p.reference ?? ''}</td><td class="num">${dollars(p.amountCents)}</td><td>${p.status}</td></tr>`)}</tbody></table>` : html`<p class="muted">No payments yet.</p>`}
</section>` : ''}`;
    }
    const body = html`<p class="notice" role="note">Viewing as ${userName(user)}${unit ? `, unit ${unit.name}` : ''}.</p>
<nav class="tabs" aria-label="My Account">
  <a href="${base}&amp;tab=profile"${tab === 'profile' ? html` aria-current="page"` : ''}>Profile</a>
  <a href="${base}&amp;tab=balance"${tab === 'balance' ? html` aria-current="page"` : ''}>Account Balance</a>
</nav>${content}`;
    return htmlReply(200, page({
      system: SYSTEM,
      title: 'My Account',
      crumbs: [{ href: '/', label: 'Buildings' }, { href: `${wsHref(ws.id)}/unit-file`, label: 'Unit File' }, ...(unit ? [{ href: `${wsHref(ws.id)}/unit-file/${encodeURIComponent(unit.id)}`, label: unit.name }] : []), { label: 'My Account' }],
    }, body));
  });
}
