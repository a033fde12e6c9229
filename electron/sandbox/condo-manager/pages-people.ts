// Information → Owner / Tenant: lists, and a person's details to edit (first
// name, last name, email, phones). Save goes through the same store method as
// PATCH, so the change bumps updatedAt and reaches the change feed.
import { HttpError } from '../common/http-error';
import { html, page, type SafeHtml } from '../common/html';
import { htmlReply, redirect } from '../common/reply';
import type { Router } from '../common/router';
import type { Person, Role } from '../portfolio/types';
import type { CmStore } from './store';
import { personPatchSchema } from './validation';

const SYSTEM = 'Condo Manager';
const PHONE_ROWS = 3;

export const fullName = (p: Pick<Person, 'firstName' | 'lastName'>) => `${p.firstName} ${p.lastName}`.trim();
const roleWord = (role: Role) => (role === 'Owner' ? 'Owner' : 'Tenant');
const rolePath = (role: Role) => (role === 'Owner' ? 'owners' : 'tenants');

function personForm(action: string, p: Person): SafeHtml {
  const phones = [...p.phones, ...Array.from({ length: Math.max(0, PHONE_ROWS - p.phones.length) }, () => null)];
  return html`<form class="stack" method="post" action="${action}">
  <label>First name <input name="firstName" autocomplete="off" value="${p.firstName}"></label>
  <label>Last name <input name="lastName" required autocomplete="off" value="${p.lastName}"></label>
  <label>Email <input name="email" type="text" inputmode="email" autocomplete="off" value="${p.email ?? ''}"></label>
  <fieldset><legend>Phones</legend>
  ${phones.map((ph, i) => html`<div class="row">
    <label>Phone ${i + 1} type <select name="phoneType">
      ${(['mobile', 'home', 'work'] as const).map((t) => html`<option value="${t}"${ph?.type === t ? html` selected` : ''}>${t}</option>`)}
    </select></label>
    <label>Phone ${i + 1} number <input name="phoneNumber" type="tel" value="${ph?.number ?? ''}"></label></div>`)}
  </fieldset>
  <button type="submit">Save</button>
</form>`;
}

function formToPatch(form: URLSearchParams) {
  const types = form.getAll('phoneType');
  const numbers = form.getAll('phoneNumber');
  const phones = numbers
    .map((number, i) => ({ type: types[i] ?? 'mobile', number: number.trim() }))
    .filter((ph) => ph.number !== '');
  return {
    firstName: form.get('firstName') ?? '',
    lastName: form.get('lastName') ?? '',
    email: (form.get('email') ?? '').trim() || null,
    phones,
  };
}

export function addPeoplePages(router: Router, store: CmStore): void {
  const { reads } = store;

  for (const role of ['Owner', 'Tenant'] as const) {
    const base = `/corporations/{corp}/${rolePath(role)}`;

    router.add('GET', base, 'page', (ctx) => {
      const corpId = ctx.param('corp');
      const corp = reads.corporation(corpId);
      const includePast = ctx.query.get('includePast') === 'true';
      const numbers = new Map(reads.allUnits(corpId).map((u) => [u.id, u.number]));
      const people = reads
        .allPeople(corpId, role)
        .filter((p) => includePast || p.status === 'Active')
        .sort((a, b) => (numbers.get(a.unitIds[0] ?? '') ?? '').localeCompare(numbers.get(b.unitIds[0] ?? '') ?? '', 'en', { numeric: true }) || fullName(a).localeCompare(fullName(b)));
      const here = `/corporations/${encodeURIComponent(corpId)}/${rolePath(role)}`;
      const body = html`
<p><a href="${here}${includePast ? '' : '?includePast=true'}">${includePast ? `Hide past ${rolePath(role)}` : `Show past ${rolePath(role)} too`}</a></p>
<table><caption class="muted">${people.length} ${rolePath(role)}</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Units</th><th scope="col">Email</th><th scope="col">Phone</th><th scope="col">Status</th></tr></thead>
<tbody>${people.map((p) => html`<tr class="${p.status === 'Past' ? 'past' : ''}">
  <td><a href="${here}/${encodeURIComponent(p.id)}">${fullName(p) || '(no name)'}</a></td>
  <td>${p.unitIds.map((id) => numbers.get(id) ?? id).join(', ')}</td>
  <td>${p.email ?? html`<span class="muted">none</span>`}</td>
  <td>${p.phones[0]?.number ?? ''}</td><td>${p.status}</td></tr>`)}</tbody></table>`;
      return htmlReply(200, page({
        system: SYSTEM,
        title: `${roleWord(role)}s — ${corp.code}`,
        crumbs: [{ href: '/', label: 'Information' }, { label: corp.code }, { label: roleWord(role) }],
      }, body));
    });

    const renderPerson = (corpId: string, person: Person, notice?: string, errors?: string[]) => {
      const corp = reads.corporation(corpId);
      const numbers = new Map(reads.allUnits(corpId).map((u) => [u.id, u.number]));
      const listHref = `/corporations/${encodeURIComponent(corpId)}/${rolePath(role)}`;
      const body = html`
<dl class="fields"><dt>Units</dt><dd>${person.unitIds.map((id) => numbers.get(id) ?? id).join(', ')}</dd>
<dt>Status</dt><dd>${person.status}${person.endDate ? ` (ended ${person.endDate})` : ''}</dd>
<dt>Language</dt><dd>${person.language === 'fr' ? 'French' : 'English'}</dd>
<dt>Last updated</dt><dd>${person.updatedAt}</dd></dl>
<h2>Details</h2>
${personForm(`${listHref}/${encodeURIComponent(person.id)}`, person)}`;
      return page({
        system: SYSTEM,
        title: fullName(person) || '(no name)',
        crumbs: [{ href: '/', label: 'Information' }, { label: corp.code }, { href: listHref, label: roleWord(role) }, { label: fullName(person) }],
        notice,
        errors,
      }, body);
    };

    router.add('GET', `${base}/{id}`, 'page', (ctx) => {
      const corpId = ctx.param('corp');
      const person = reads.person(corpId, role, ctx.param('id'));
      return htmlReply(200, renderPerson(corpId, person, ctx.query.get('saved') ? 'Saved.' : undefined));
    });

    router.add('POST', `${base}/{id}`, 'page', async (ctx) => {
      const corpId = ctx.param('corp');
      const id = ctx.param('id');
      const before = reads.person(corpId, role, id);
      const raw = formToPatch(await ctx.form());
      const parsed = personPatchSchema.safeParse(raw);
      if (!parsed.success) {
        const errors = parsed.error.issues.map((i) => `${i.path.join(' ') || 'Form'}: ${i.message}`);
        return htmlReply(422, renderPerson(corpId, { ...before, ...raw, phones: raw.phones as Person['phones'] }, undefined, errors));
      }
      try {
        store.people.updatePerson(corpId, role, id, parsed.data);
      } catch (err) {
        if (err instanceof HttpError && err.status === 422) {
          return htmlReply(422, renderPerson(corpId, before, undefined, err.errors.map((e) => `${e.key}: ${e.value}`)));
        }
        throw err;
      }
      return redirect(`/corporations/${encodeURIComponent(corpId)}/${rolePath(role)}/${encodeURIComponent(id)}?saved=1`);
    });
  }
}
