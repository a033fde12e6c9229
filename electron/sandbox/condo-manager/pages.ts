// Condo Manager's web pages for people: the Information home, then the Owner /
// Tenant editor and the accounts with their new-invoice form.
import { html, page } from '../common/html';
import { htmlReply } from '../common/reply';
import type { Router } from '../common/router';
import { addAccountPages } from './pages-accounts';
import { addPeoplePages } from './pages-people';
import type { CmStore } from './store';

export function addCondoManagerPages(router: Router, store: CmStore): void {
  router.add('GET', '/', 'page', () => {
    const corps = JSON.parse(store.reads.corporations({ offset: 0, limit: 1000 }).json) as Array<{ id: string; code: string; legalName: string }>;
    const body = html`<p>Residents live under Information → Owner / Tenant. Pick a corporation.</p>
<table><thead><tr><th scope="col">Corporation</th><th scope="col">Legal name</th><th scope="col">Information</th></tr></thead>
<tbody>${corps.map((c) => {
      const base = `/corporations/${encodeURIComponent(c.id)}`;
      return html`<tr><td>${c.code}</td><td>${c.legalName}</td>
<td><a href="${base}/owners">Owner</a> · <a href="${base}/tenants">Tenant</a> · <a href="${base}/accounts">Units and accounts</a></td></tr>`;
    })}</tbody></table>`;
    return htmlReply(200, page({ system: 'Condo Manager', title: 'Information', crumbs: [] }, body));
  });
  router.add('GET', '/favicon.ico', 'page', () => ({ status: 204, raw: '' }));
  addPeoplePages(router, store);
  addAccountPages(router, store);
}
