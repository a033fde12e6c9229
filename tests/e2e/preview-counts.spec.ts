/**
 * Issue 10: the preview does not undercount new users. Three new tenants in
 * Condo Manager, one with an email another resident already has (typed in
 * capitals), one with an email Condo Control refuses, one plain: the preview
 * says 3 will be created, 2 of them also needing attention, in English and in
 * French; the real run says the same in its summary and the Sync Queue.
 */
import { expect, test } from '@playwright/test';
import { api, idle, open, screenshot } from './helpers';

test('a preview counts new users who also need attention as created, and the run says the same', async ({ browser, request }) => {
  const info = await api<{ sandbox?: { condoManagerUrl: string } }>(request, 'app.info');
  test.skip(!info.sandbox, 'needs sandbox mode');
  await idle(request);
  // Whatever earlier tests left waiting is written first, so the preview is about these three only.
  await api(request, 'sync.start', { kind: 'residents', trigger: 'manual' });
  await idle(request);

  const headers = { 'x-cm-client-id': 'demo', 'x-cm-client-secret': 'demo-secret' };
  const cm = info.sandbox!.condoManagerUrl;
  const corp = ((await (await request.get(`${cm}/v1/corporations`, { headers })).json()) as { id: string }[])[0]!.id;
  const owners = (await (await request.get(`${cm}/v1/corporations/${corp}/owners?limit=1000`, { headers })).json()) as { email: string | null; unitIds: string[] }[];
  const owner = owners.find((o) => o.email && !/tremblay/.test(o.email))!;
  const unitIds = [owner.unitIds[0]!];
  const stamp = Date.now();
  for (const data of [
    { firstName: 'Zoé', lastName: `D’Arcy ${stamp}`, email: owner.email!.toUpperCase(), unitIds },
    { firstName: 'Chloé', lastName: `N’Guessan ${stamp}`, email: `chloé.${stamp}@exämple.ca`, unitIds },
    { firstName: 'Émile', lastName: `O'Brien ${stamp}`, email: `emile.${stamp}@example.ca`, unitIds },
  ]) {
    expect((await request.post(`${cm}/v1/corporations/${corp}/tenants`, { headers, data })).ok()).toBe(true);
  }

  const context = await browser.newContext({ locale: 'fr-CA' });
  const fr = await context.newPage();
  const page = await browser.newPage({ locale: 'en-CA' });
  await open(page, '#/');
  await page.getByRole('main').getByRole('button', { name: 'Start New Sync' }).click();
  const dialog = page.getByRole('dialog', { name: 'Update From Condo Manager' });
  await dialog.getByRole('button', { name: 'Preview changes' }).click();
  await expect(dialog.getByText('What the next sync would do')).toBeVisible({ timeout: 60_000 });
  const created = dialog.getByText('3 users will be created (2 of them also need attention)');
  await expect(created).toBeVisible();
  // Nobody is counted twice: the new residents are not also "will need attention".
  await expect(dialog.getByText(/will need attention/)).toHaveCount(0);
  await created.click();
  const list = dialog.getByRole('list', { name: /^Who: 3 users will be created/ });
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await expect(list.getByRole('listitem').filter({ hasText: `Zoé D’Arcy ${stamp}` })).toContainText('(also needs attention)');
  await expect(list.getByRole('listitem').filter({ hasText: `Émile O'Brien ${stamp}` })).not.toContainText('attention');
  await screenshot(page, 'preview-created-with-attention');

  // The same preview, in French.
  await open(fr, '#/');
  await fr.getByRole('main').getByRole('button', { name: 'Lancer une nouvelle synchronisation' }).click();
  const frDialog = fr.getByRole('dialog', { name: 'Mettre à jour depuis Condo Manager' });
  await frDialog.getByRole('button', { name: 'Aperçu des changements' }).click();
  await expect(frDialog.getByText('3 utilisateurs seront créés (dont 2 à vérifier)')).toBeVisible({ timeout: 60_000 });
  await expect(frDialog.getByText(/seront? à vérifier/)).toHaveCount(0);
  await context.close();

  // The real run: its summary says what the preview said.
  await dialog.getByRole('button', { name: 'Start New Sync' }).click();
  await expect(page.getByText(/^Sync finished: 3 (added|created) \(2 of them also need attention\)/).first()).toBeVisible({ timeout: 60_000 });
  await open(page, '#/queue');
  const row = page.locator('tbody tr').first();
  await expect(row.locator('td.num').first()).toHaveText('3');

});
