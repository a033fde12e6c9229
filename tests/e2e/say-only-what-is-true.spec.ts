/**
 * Issue 10, section 1 in the browser: Test connection tests what is typed,
 * a group Condo Control does not have is refused, and the User section shows
 * Condo Control's value with the pending Condo Manager value beside it.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { api, idle, open, screenshot, seriousViolations, settle } from './helpers';

async function sandboxUrls(request: APIRequestContext) {
  const info = await api<{ sandbox?: { condoManagerUrl: string; condoControlUrl: string } }>(request, 'app.info');
  test.skip(!info.sandbox, 'needs sandbox mode');
  return info.sandbox!;
}

test.use({ locale: 'en-CA' });

test('Settings → Test connection tests what is typed: "not a url" is a field error, real values connect, a dead address answers in time', async ({ page, request }) => {
  const sb = await sandboxUrls(request);
  await open(page, '#/settings');
  const card = page.locator('section', { has: page.getByRole('heading', { name: 'Connections' }) });
  await expect(card).toContainText('secrets.json');
  await expect(card).toContainText('not encrypted');
  await expect(card).not.toContainText('stored encrypted');

  const cm = card.getByRole('group', { name: /Condo Manager/ });
  const cc = card.getByRole('group', { name: /Condo Control/ });
  await cm.getByLabel('Address').fill('not a url');
  await cm.getByLabel('Client ID').fill('demo');
  await card.getByRole('button', { name: 'Test connection' }).click();
  await expect(cm.getByText('Enter an address such as https://condo-manager.example.com')).toBeVisible();
  await expect(card.getByText(/: connected$/)).toHaveCount(0);
  await expect(card.getByText('Check the fields marked above. Nothing was tested.')).toBeVisible();

  // The sandbox's own addresses, typed: the secrets are needed for an address not saved.
  await cm.getByLabel('Address').fill(sb.condoManagerUrl);
  await cm.getByLabel('Client secret').fill('demo-secret');
  await cc.getByLabel('Address').fill(sb.condoControlUrl);
  await cc.getByLabel('Username').fill('demo');
  await cc.getByLabel('Password').fill('demo-password');
  await card.getByRole('button', { name: 'Test connection' }).click();
  await expect(card.getByText('Condo Manager: connected')).toBeVisible();
  await expect(card.getByText('Condo Control: connected')).toBeVisible();
  await expect(card.getByText('Connected: 1 building.')).toBeVisible();
  await expect(card.getByText('Tested the details on screen. Nothing was saved.')).toBeVisible();
  await screenshot(page, 'settings-test-connection-typed');

  // Nothing listens there: the answer comes in people's words, within 5 seconds.
  await cm.getByLabel('Address').fill('http://127.0.0.1:9');
  await expect(card.getByText('Condo Manager: connected')).toHaveCount(0); // an edit retires the old answer
  const started = Date.now();
  await card.getByRole('button', { name: 'Test connection' }).click();
  await expect(card.getByText('Condo Manager: not connected')).toBeVisible({ timeout: 6_000 });
  expect(Date.now() - started).toBeLessThan(6_000);
  await expect(card.getByText("Condo Manager did not answer at this address. Check the address and this computer's network.")).toBeVisible();
  await expect(card.getByText('Condo Control: connected')).toBeVisible();
  // Testing saved nothing.
  expect((await api<{ connections?: unknown }>(request, 'settings.get')).connections).toBeUndefined();
});

test('Settings → Default groups: chosen from Condo Control, and "Ownrs" is refused with the groups to choose from', async ({ page, request }) => {
  await idle(request);
  await open(page, '#/settings');
  const card = page.locator('section', { has: page.getByRole('heading', { name: 'Default groups' }) });
  const owners = card.getByRole('combobox', { name: 'Owners join' });
  await expect(owners).toHaveValue('Owners');
  await card.getByRole('button', { name: 'Show all groups' }).first().click();
  await expect(page.getByRole('option', { name: /Renters/ })).toBeVisible();
  await expect(page.getByRole('option', { name: /Board Members/ })).toBeVisible();
  await page.keyboard.press('Escape');

  await owners.fill('Ownrs');
  await expect(page.getByRole('listbox')).toHaveCount(0); // no group matches what was typed
  await card.getByRole('button', { name: 'Save groups' }).click();
  await expect(card.getByText(/There is no group “Ownrs” in Condo Control\. Choose one of: .*Owners.*Renters/)).toBeVisible();
  await expect(card.getByText('Check the fields marked above. Nothing was saved.')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'settings-group-refused');
  expect((await api<{ groups: { owners: string } }>(request, 'settings.get')).groups.owners).toBe('Owners');

  // Picking a real group saves it as Condo Control spells it.
  await owners.fill('own');
  await page.getByRole('option', { name: /^Owners/ }).click();
  await card.getByRole('button', { name: 'Save groups' }).click();
  await expect(card.getByText('Default groups saved. The next sync moves residents into them.')).toBeVisible();
});

test("the User section shows Condo Control's email, with the Condo Manager value waiting beside it", async ({ page, request }) => {
  const sb = await sandboxUrls(request);
  await idle(request);
  const cmHeaders = { 'x-cm-client-id': 'demo', 'x-cm-client-secret': 'demo-secret' };
  const corps = (await (await request.get(`${sb.condoManagerUrl}/v1/corporations`, { headers: cmHeaders })).json()) as { id: string }[];
  const corp = corps[0]!.id;
  const owners = (await (await request.get(`${sb.condoManagerUrl}/v1/corporations/${corp}/owners?limit=1000`, { headers: cmHeaders })).json()) as {
    id: string;
    email: string | null;
  }[];
  const tenants = (await (await request.get(`${sb.condoManagerUrl}/v1/corporations/${corp}/tenants?limit=1000`, { headers: cmHeaders })).json()) as {
    id: string;
    email: string | null;
  }[];
  const owner = owners.find((p) => p.email === 'priya.sharma@example.com');
  const role = owner ? 'owners' : 'tenants';
  const priya = owner ?? tenants.find((p) => p.email === 'priya.sharma@example.com')!;
  const edit = (email: string) => request.patch(`${sb.condoManagerUrl}/v1/corporations/${corp}/${role}/${priya.id}`, { headers: cmHeaders, data: { email } });
  try {
    // The desk changes Priya's email in Condo Manager; a preview reads it and writes nothing.
    expect((await edit('priya.nouveau@example.com')).ok()).toBe(true);
    const preview = await api<{ id: string }>(request, 'sync.start', { kind: 'residents', dryRun: true });
    await expect.poll(async () => (await api<{ status: string }>(request, 'jobs.get', { id: preview.id, limit: 1 })).status, { timeout: 60_000 }).toMatch(/succeeded|partial/);

    await open(page, `#/residents/${encodeURIComponent(priya.id)}`);
    await settle(page);
    const cc = page.locator('section', { has: page.getByRole('heading', { name: 'In Condo Control' }) });
    const email = cc.locator('dl > div', { has: page.getByText('Email', { exact: true }) });
    await expect(email.getByRole('link', { name: 'priya.sharma@example.com' })).toBeVisible();
    await expect(email).toContainText('Condo Manager: priya.nouveau@example.com');
    await expect(email).toContainText('waiting for the next sync');

    const pending = page.locator('section', { has: page.getByRole('heading', { name: 'Waiting for the next sync' }) });
    await expect(pending).toContainText('The next sync writes these values to Condo Control.');
    const row = pending.getByRole('row', { name: /Email/ });
    // Read left to right: the Condo Manager value, then (→) Condo Control's.
    await expect(row.getByRole('cell')).toHaveText(['priya.nouveau@example.com', 'priya.sharma@example.com']);
    await expect(pending.getByRole('columnheader').nth(1)).toHaveText('Condo Manager (new)');
    await expect(pending.getByRole('columnheader').nth(3)).toHaveText('Condo Control (now)');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'user-section-pending');
  } finally {
    await edit('priya.sharma@example.com');
  }
});
