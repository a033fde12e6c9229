// Condo Control's web pages: buildings, the Unit File with the User section,
// and "view as resident" My Account → Account Balance.
import { html, page } from '../common/html';
import { htmlReply } from '../common/reply';
import type { Router } from '../common/router';
import { addMyAccountPages } from './pages-my-account';
import { addUnitFilePages, SYSTEM, wsHref } from './pages-unit-file';
import type { CcStore } from './store';

export function addCondoControlPages(router: Router, store: CcStore): void {
  router.add('GET', '/', 'page', () => {
    const { items } = store.directory.workspaces({ offset: 0, limit: 100_000 });
    const body = html`<p>Pick a building to open its Unit File.</p>
<ul>${items.map((w) => html`<li><a href="${wsHref(w.id)}/unit-file">${w.name}</a></li>`)}</ul>`;
    return htmlReply(200, page({ system: SYSTEM, title: 'Buildings' }, body));
  });
  router.add('GET', '/favicon.ico', 'page', () => ({ status: 204, raw: '' }));
  addUnitFilePages(router, store);
  addMyAccountPages(router, store);
}
