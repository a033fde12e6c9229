// The Unit File as Condo Control shows it: units, a unit's users, and a
// user's User section (first name, last name, email, phones, groups).
import { html, page, type SafeHtml } from '../common/html';
import { htmlReply } from '../common/reply';
import type { Router } from '../common/router';
import type { CcStore } from './store';
import type { CcUser } from './users';

export const SYSTEM = 'Condo Control';
const ALL = { offset: 0, limit: 100_000 };
export const wsHref = (ws: string) => `/workspaces/${encodeURIComponent(ws)}`;
export const userName = (u: Pick<CcUser, 'firstName' | 'lastName'>) => `${u.firstName} ${u.lastName}`.trim();

export function groupNames(store: CcStore): Map<string, string> {
  return new Map(store.directory.groups(ALL).items.map((g) => [g.id, g.name]));
}

function usersTable(store: CcStore, ws: string, users: CcUser[]): SafeHtml {
  const groups = groupNames(store);
  return html`<table><thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Groups</th><th scope="col">Status</th></tr></thead>
<tbody>${users.map((u) => html`<tr class="${u.active ? '' : 'past'}"><td><a href="${wsHref(ws)}/users/${encodeURIComponent(u.id)}">${userName(u) || '(no name)'}</a></td>
<td>${u.email ?? html`<span class="muted">none</span>`}</td><td>${u.groupIds.map((g) => groups.get(g) ?? g).join(', ')}</td>
<td>${u.active ? 'Active' : 'Deactivated'}</td></tr>`)}</tbody></table>`;
}

export function addUnitFilePages(router: Router, store: CcStore): void {
  const { directory, users } = store;

  router.add('GET', '/workspaces/{ws}/unit-file', 'page', (ctx) => {
    const ws = directory.workspace(ctx.param('ws'));
    const units = directory.units(ws.id, ALL).items;
    const everyone = users.list(ws.id, {}, ALL).items;
    const byUnit = new Map<string, string[]>();
    for (const u of everyone) for (const unit of u.unitIds) byUnit.set(unit, [...(byUnit.get(unit) ?? []), userName(u)]);
    const body = html`<p><a href="${wsHref(ws.id)}/users">All users</a></p>
<table><thead><tr><th scope="col">Unit</th><th scope="col">Unit type</th><th scope="col">Users</th><th scope="col">Linked to Condo Manager</th></tr></thead>
<tbody>${units.map((u) => html`<tr><td><a href="${wsHref(ws.id)}/unit-file/${encodeURIComponent(u.id)}">${u.name}</a></td><td>${u.unitType}</td>
<td>${(byUnit.get(u.id) ?? []).join(', ')}</td><td>${u.externalId ? 'Yes' : html`<span class="muted">No</span>`}</td></tr>`)}</tbody></table>`;
    return htmlReply(200, page({ system: SYSTEM, title: `Unit File — ${ws.name}`, crumbs: [{ href: '/', label: 'Buildings' }, { label: 'Unit File' }] }, body));
  });

  router.add('GET', '/workspaces/{ws}/users', 'page', (ctx) => {
    const ws = directory.workspace(ctx.param('ws'));
    const body = usersTable(store, ws.id, users.list(ws.id, {}, ALL).items);
    return htmlReply(200, page({ system: SYSTEM, title: `Users — ${ws.name}`, crumbs: [{ href: '/', label: 'Buildings' }, { href: `${wsHref(ws.id)}/unit-file`, label: 'Unit File' }, { label: 'Users' }] }, body));
  });

  router.add('GET', '/workspaces/{ws}/unit-file/{unit}', 'page', (ctx) => {
    const ws = directory.workspace(ctx.param('ws'));
    const unit = directory.unit(ws.id, ctx.param('unit'));
    const related = users.ofUnit(ws.id, unit.id);
    const active = related.filter((u) => u.active);
    const body = html`<dl class="fields"><dt>Unit type</dt><dd>${unit.unitType}</dd><dt>Condo Manager id</dt><dd>${unit.externalId ?? 'not linked'}</dd></dl>
<h2>Users</h2>${related.length > 0 ? usersTable(store, ws.id, related) : html`<p class="muted">No users are related to this unit yet.</p>`}
<h2 id="view-as">View as resident</h2>
${active.length > 0
    ? html`<form class="stack" method="get" action="${wsHref(ws.id)}/my-account" aria-labelledby="view-as">
  <input type="hidden" name="unit" value="${unit.id}"><input type="hidden" name="tab" value="balance">
  <label>Resident <select name="user">${active.map((u) => html`<option value="${u.id}">${userName(u)}</option>`)}</select></label>
  <button type="submit">Open My Account</button></form>`
    : html`<p class="muted">No active user to view as.</p>`}`;
    return htmlReply(200, page({ system: SYSTEM, title: `Unit ${unit.name}`, crumbs: [{ href: '/', label: 'Buildings' }, { href: `${wsHref(ws.id)}/unit-file`, label: 'Unit File' }, { label: unit.name }] }, body));
  });

  router.add('GET', '/workspaces/{ws}/users/{user}', 'page', (ctx) => {
    const ws = directory.workspace(ctx.param('ws'));
    const user = users.get(ws.id, ctx.param('user'));
    const groups = groupNames(store);
    const unitNames = user.unitIds.map((id) => {
      try {
        return directory.unit(ws.id, id).name;
      } catch {
        return id;
      }
    });
    const body = html`<section aria-labelledby="user-section"><h2 id="user-section">User</h2>
<dl class="fields"><dt>First name</dt><dd>${user.firstName}</dd><dt>Last name</dt><dd>${user.lastName}</dd>
<dt>Email</dt><dd>${user.email ?? html`<span class="muted">none (cannot log in)</span>`}</dd>
<dt>Phones</dt><dd>${user.phones.length > 0 ? user.phones.map((p, i) => html`${i > 0 ? ', ' : ''}${p.number} (${p.type})`) : html`<span class="muted">none</span>`}</dd>
<dt>Groups</dt><dd>${user.groupIds.map((g) => groups.get(g) ?? g).join(', ')}</dd>
<dt>Language</dt><dd>${user.language === 'fr' ? 'French' : 'English'}</dd>
<dt>Units</dt><dd>${unitNames.join(', ') || 'none'}</dd>
<dt>Status</dt><dd>${user.active ? 'Active' : 'Deactivated'}</dd>
<dt>Condo Manager id</dt><dd>${user.externalId ?? 'not linked'}</dd>
<dt>Last updated</dt><dd>${user.updatedAt}</dd></dl></section>
${user.unitIds[0] ? html`<p><a href="${wsHref(ws.id)}/my-account?user=${encodeURIComponent(user.id)}&amp;unit=${encodeURIComponent(user.unitIds[0])}&amp;tab=balance">View My Account as this resident</a></p>` : ''}`;
    return htmlReply(200, page({ system: SYSTEM, title: userName(user) || '(no name)', crumbs: [{ href: '/', label: 'Buildings' }, { href: `${wsHref(ws.id)}/unit-file`, label: 'Unit File' }, { label: userName(user) }] }, body));
  });
}
