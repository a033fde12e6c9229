import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { open, screenshot, seriousViolations, settle, TOKEN, waitForUnitFile } from './helpers';

const CM = { 'x-cm-client-id': 'demo', 'x-cm-client-secret': 'demo-secret' };

async function sandboxUrls(request: APIRequestContext): Promise<{ condoManagerUrl: string; condoControlUrl: string }> {
  const info = (await (await request.post('/api/app.info', { headers: { authorization: `Bearer ${TOKEN}` }, data: {} })).json()) as {
    result: { sandbox: { condoManagerUrl: string; condoControlUrl: string } };
  };
  return info.result.sandbox;
}

function cad(cents: number): string {
  return new Intl.NumberFormat('en-CA', { style: 'currency', currency: 'CAD' }).format(Math.abs(cents) / 100);
}

test("the story: Scott's maintenance-fee invoice, saved in Condo Manager, is listed by Get Account Balance with the right balance", async ({ page, request }) => {
  await open(page, '#/units');
  await waitForUnitFile(page);
  await expect(page.getByRole('link', { name: /Invoices and payments: Real-time sync live/ })).toBeVisible({ timeout: 30_000 });

  // The accounting desk saves the invoice in Condo Manager (its API, as the sandbox's own page does).
  const { condoManagerUrl } = await sandboxUrls(request);
  const corp = 'corp_tscc2750';
  const units = (await (await request.get(`${condoManagerUrl}/v1/corporations/${corp}/units?limit=1000`, { headers: CM })).json()) as { id: string; number: string; accountId: string }[];
  const suite = units.find((u) => u.number === '804')!;
  const invoice = (await (
    await request.post(`${condoManagerUrl}/v1/corporations/${corp}/invoices`, {
      headers: CM,
      data: { unitId: suite.id, kind: 'CommonExpense', date: '2026-11-30', dueDate: '2026-12-01', lines: [{ description: 'Maintenance fee – December 2026', amountCents: 61_234 }] },
    })
  ).json()) as { id: string; number: string };

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Resident Balances' }).click();
  await page.getByRole('searchbox', { name: 'Find a resident or a unit' }).fill('Scott');
  await page.getByRole('list', { name: 'Units found' }).getByRole('link', { name: /Unit 804/ }).click();
  await page.getByRole('button', { name: 'Get Account Balance' }).click();

  const account = page.getByRole('region', { name: /Unit 804/ });
  await expect(account.getByText('Live from Condo Manager')).toBeVisible();
  const row = account.getByRole('row', { name: new RegExp(invoice.number) });
  await expect(row).toContainText('Maintenance fee – December 2026');
  await expect(row).toContainText('Common expenses (maintenance fees)');
  await expect(row).toContainText('$612.34');
  await expect(row).toContainText(/In Condo Control since/);

  const balance = (await (await request.get(`${condoManagerUrl}/v1/corporations/${corp}/accounts/${suite.accountId}/balance`, { headers: CM })).json()) as { totalCents: number };
  await expect(account.locator('.balance-figure')).toContainText(cad(balance.totalCents));
  await expect(account.getByRole('row', { name: /^Balance/ }).last()).toContainText(cad(balance.totalCents));
  await expect(account.getByText('Condo Control shows the same balance.')).toBeVisible();
  await settle(page);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'resident-balances');
});

test('Home and Settings show the real-time status, the history import and the balance check', async ({ page }) => {
  test.setTimeout(180_000);
  await open(page, '#/');
  const card = page.getByRole('region', { name: 'Invoices and payments' });
  await expect(card.getByText('Real-time sync live')).toBeVisible({ timeout: 30_000 });
  await screenshot(page, 'home-realtime');
  await open(page, '#/settings');
  await page.getByRole('button', { name: 'Check balances' }).click();
  // The check runs as a job: the card shows its result once it ends, with the way to the job.
  await expect(page.getByText('Every balance matches in both systems.')).toBeVisible({ timeout: 30_000 });
  const result = page.locator('.balance-check-result');
  const summary = (await result.getByText(/accounts compared at/).textContent()) ?? '';
  const [, compared, matching] = /^([\d,]+) accounts compared at .+: ([\d,]+) match\.$/.exec(summary) ?? [];
  expect(Number(compared?.replace(/,/g, ''))).toBeGreaterThan(0);
  expect(matching).toBe(compared);
  await screenshot(page, 'settings-commerce');
  // With the history imported the card's sentences carry links (the job, the balance check): each must be
  // told apart by more than its colour, while the check runs and once it has ended.
  await page.getByRole('button', { name: 'Import invoice history' }).click();
  await expect(page.getByText('Invoice history import queued')).toBeVisible();
  // The toast's link sits in its sentence too.
  await expect(page.getByRole('link', { name: 'View in Sync Queue' }).first()).toHaveCSS('text-decoration-line', 'underline');
  await page.getByRole('button', { name: 'Check balances' }).click();
  const cardViolations = async () => {
    const axe = await new AxeBuilder({ page }).include('section:has(#commerce-title)').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    return axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  };
  const underway = card.getByRole('status').filter({ has: page.getByRole('link', { name: 'View the balance check' }) }).first();
  // Queued behind the import, the check is under way for a while: its sentence carries the link to it.
  await expect(underway).toBeVisible();
  await expect(underway.getByRole('link')).toHaveCSS('text-decoration-line', 'underline');
  expect(await cardViolations()).toEqual([]);
  await expect(card.getByRole('button', { name: 'Check balances' })).toBeEnabled({ timeout: 120_000 });
  await expect(card.getByText(/accounts compared at/)).toBeVisible();
  for (const link of await card.locator('p a').all()) await expect(link).toHaveCSS('text-decoration-line', 'underline');
  expect(await cardViolations()).toEqual([]);
  // The result outlives the page: it is the last finished check's.
  await page.reload();
  await expect(page.getByText('Every balance matches in both systems.')).toBeVisible({ timeout: 30_000 });
  await result.getByRole('link', { name: 'View the balance check' }).click();
  await expect(page.getByText('Balance check').first()).toBeVisible();
});

test.describe('in a French (Canada) browser', () => {
  test.use({ locale: 'fr-CA' });

  test('Solde du compte: money as Quebec readers write it, kinds and where each line stands in French', async ({ page, request }) => {
    const { condoManagerUrl } = await sandboxUrls(request);
    const units = (await (await request.get(`${condoManagerUrl}/v1/corporations/corp_tscc2750/units?limit=1000`, { headers: CM })).json()) as { id: string; number: string }[];
    const suite = units.find((u) => u.number === '804')!;
    await request.post(`${condoManagerUrl}/v1/corporations/corp_tscc2750/invoices`, {
      headers: CM,
      data: { unitId: suite.id, kind: 'SpecialAssessment', date: '2026-11-30', dueDate: '2026-12-31', lines: [{ description: 'Cotisation spéciale – toiture', amountCents: 123_456 }] },
    });
    await open(page, `#/balances?unit=${suite.id}`);
    await page.getByRole('button', { name: 'Obtenir le solde du compte' }).click();
    const account = page.getByRole('region', { name: /Unité 804/ });
    await expect(account.getByText('En direct de Condo Manager')).toBeVisible();
    const row = account.getByRole('row', { name: /Cotisation spéciale – toiture/ });
    // 1 234,56 $ : a (narrow) no-break space between thousands and before the dollar sign.
    await expect(row).toContainText(/1\s234,56\s\$/u);
    await expect(row).toContainText('Cotisation spéciale');
    await expect(row).toContainText(/Dans Condo Control depuis/);
    await expect(account.locator('.balance-figure')).toContainText(/\d,\d{2}\s\$/u);
    await screenshot(page, 'resident-balances-fr');
  });
});
