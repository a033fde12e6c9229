import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORP, call, ccSandbox, cmSandbox, postForm } from './helpers';

let cm: Awaited<ReturnType<typeof cmSandbox>>;
let cc: Awaited<ReturnType<typeof ccSandbox>>;
beforeAll(async () => {
  cm = await cmSandbox();
  cc = await ccSandbox();
});
afterAll(async () => {
  await cm.close();
  await cc.close();
});

const C = `/v1/corporations/${CORP}`;
const page = async (url: string) => {
  const res = await call(url);
  expect(res.status, url).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/html');
  return res.text;
};

async function scott() {
  return (await cm.cm<Array<{ id: string; firstName: string; unitIds: string[]; email: string }>>(`${C}/owners?limit=1000`)).body.find((o) => o.firstName === 'Scott')!;
}

describe('Condo Manager pages', () => {
  it('Information → Owner / Tenant lists, with labelled links', async () => {
    const home = await page(`${cm.url}/`);
    expect(home).toContain('Information');
    expect(home).toContain(`/corporations/${CORP}/owners`);
    expect(home).toContain(`/corporations/${CORP}/tenants`);
    const owners = await page(`${cm.url}/corporations/${CORP}/owners`);
    expect(owners).toContain('Scott Mills');
    expect(owners).toContain('O&#39;Brien');
    expect(await page(`${cm.url}/corporations/${CORP}/owners?includePast=true`)).toContain('Past');
    expect(await page(`${cm.url}/corporations/${CORP}/tenants`)).toContain('Gagnon');
  });

  it("edits a person's names, email and phones through the form; the API sees it", async () => {
    const s = await scott();
    const form = await page(`${cm.url}/corporations/${CORP}/owners/${s.id}`);
    for (const label of ['First name', 'Last name', 'Email', 'Phone 1 number', 'Phone 1 type']) expect(form).toContain(label);
    const res = await postForm(`${cm.url}/corporations/${CORP}/owners/${s.id}`, {
      firstName: 'Scott', lastName: 'Mills', email: 'scott.m@example.org',
      phoneType: ['mobile', 'work', 'home'], phoneNumber: ['416-555-0142', '416-555-0199', ''],
    });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toContain('saved=1');
    expect(await page(`${cm.url}${location}`)).toContain('Saved.');
    const api = (await cm.cm(`${C}/owners/${s.id}`)).body;
    expect(api).toMatchObject({ email: 'scott.m@example.org', phones: [{ type: 'mobile', number: '416-555-0142' }, { type: 'work', number: '416-555-0199' }] });
  });

  it('shows form errors instead of saving invalid input', async () => {
    const s = await scott();
    const res = await postForm(`${cm.url}/corporations/${CORP}/owners/${s.id}`, { firstName: 'Scott', lastName: '', email: '' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('role="alert"');
    expect((await cm.cm(`${C}/owners/${s.id}`)).body.lastName).toBe('Mills');
  });

  it('escapes what people type', async () => {
    const owner = (await cm.cm<Array<{ id: string }>>(`${C}/owners?limit=1`)).body[0]!;
    await cm.cm(`${C}/owners/${owner.id}`, { method: 'PATCH', json: { firstName: '<script>alert(1)</script>' } });
    const html = await page(`${cm.url}/corporations/${CORP}/owners/${owner.id}`);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(await page(`${cm.url}/corporations/${CORP}/owners`)).not.toContain('<script>alert');
  });

  it('creates an invoice for a unit from the account page, in dollars', async () => {
    const s = await scott();
    const unitId = s.unitIds[0]!;
    const account = await page(`${cm.url}/corporations/${CORP}/accounts/${unitId}`);
    for (const label of ['Kind', 'Date', 'Due date', 'Description', 'Amount (dollars)', 'Save invoice']) expect(account).toContain(label);
    expect(await page(`${cm.url}/corporations/${CORP}/accounts`)).toContain('804');
    const res = await postForm(`${cm.url}/corporations/${CORP}/accounts/${unitId}/invoices`, {
      kind: 'CommonExpense', date: '2026-11-01', dueDate: '2026-11-15', description: 'Common expenses – November 2026', amount: '$1,612.50',
    });
    expect(res.status).toBe(303);
    const invoices = (await cm.cm<Array<{ unitId: string; totalCents: number; dueDate: string; lines: Array<{ description: string }> }>>(`${C}/invoices?limit=1000&lastupdatedfrom=2026-11-20`)).body;
    expect(invoices.find((i) => i.unitId === unitId && i.totalCents == 161250)).toMatchObject({ dueDate: '2026-11-15', lines: [{ description: 'Common expenses – November 2026' }] });
    expect(await page(`${cm.url}${res.headers.get('location')}`)).toContain('Saved invoice');
    const bad = await postForm(`${cm.url}/corporations/${CORP}/accounts/${unitId}/invoices`, { kind: 'CommonExpense', date: '2026-11-01', dueDate: '2026-11-01', description: 'x', amount: 'ten' });
    expect(bad.status).toBe(422);
    const pay = await postForm(`${cm.url}/corporations/${CORP}/accounts/${unitId}/payments`, { method: 'PAD', date: '2026-11-01', amount: '1612.50', reference: 'PAD 2026-11' });
    expect(pay.status).toBe(303);
  });

  it('answers a readable page for unknown people', async () => {
    const res = await call(`${cm.url}/corporations/${CORP}/owners/p_nobody`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toContain('was not found');
  });
});

describe('Condo Control pages', () => {
  it('Unit File → unit → User section', async () => {
    expect(await page(`${cc.url}/`)).toContain('TSCC 2750');
    const unitFile = await page(`${cc.url}/workspaces/ws_1/unit-file`);
    expect(unitFile).toContain('1203');
    expect(unitFile).toContain('P-12');
    const units = (await cc.cc<Array<{ id: string; name: string }>>('/api/v1/workspaces/ws_1/units?limit=1000')).body;
    const u502 = units.find((u) => u.name === '502')!;
    const unitPage = await page(`${cc.url}/workspaces/ws_1/unit-file/${u502.id}`);
    expect(unitPage).toContain('Priya Sharma');
    expect(unitPage).toContain('View as resident');
    const priya = (await cc.cc<Array<{ id: string }>>('/api/v1/workspaces/ws_1/users?email=priya.sharma@example.com')).body[0]!;
    const user = await page(`${cc.url}/workspaces/ws_1/users/${priya.id}`);
    expect(user).toContain('<h2 id="user-section">User</h2>');
    for (const text of ['First name', 'Priya', 'Last name', 'Sharma', 'priya.sharma@example.com', '647-555-0131', 'Owners']) expect(user).toContain(text);
  });

  it('view as resident: My Account → Account Balance → Get Account Balance', async () => {
    const units = (await cc.cc<Array<{ id: string; name: string }>>('/api/v1/workspaces/ws_1/units?limit=1000')).body;
    const u804 = units.find((u) => u.name === '804')!;
    const created = await cc.cc('/api/v1/workspaces/ws_1/users', { method: 'POST', json: { firstName: 'Scott', lastName: 'Mills', email: 'scott.mills@example.com', groupIds: ['grp_4'], unitIds: [u804.id] } });
    await cc.cc(`/api/v1/workspaces/ws_1/accounts/${u804.id}/invoices/inv_1`, { method: 'PUT', json: { number: '2750-000777', date: '2026-11-01', kind: 'CommonExpense', lines: [{ description: 'Common expenses – November 2026', amountCents: 61250 }] } });
    await cc.cc(`/api/v1/workspaces/ws_1/accounts/${u804.id}/payments/pay_1`, { method: 'PUT', json: { date: '2026-11-01', amountCents: 20000, method: 'PAD', reference: 'PAD 2026-11' } });
    const base = `${cc.url}/workspaces/ws_1/my-account?user=${created.body.id}&unit=${u804.id}&tab=balance`;
    const before = await page(base);
    expect(before).toContain('Account Balance');
    expect(before).toContain('Get Account Balance');
    expect(before).not.toContain('Common expenses – November 2026');
    const after = await page(`${base}&load=1`);
    expect(after).toContain('Common expenses – November 2026');
    expect(after).toContain('PAD 2026-11');
    expect(after).toContain('$412.50');
    expect(await page(`${cc.url}/workspaces/ws_1/my-account?user=${created.body.id}&tab=profile`)).toContain('scott.mills@example.com');
    expect((await call(`${cc.url}/workspaces/ws_1/my-account`)).status).toBe(400);
  });
});
