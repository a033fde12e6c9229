/**
 * Issue 10, section 4 in the browser: names open the User section, Home's
 * Start New Sync opens the dialog with a Preview that names its side effects,
 * the Unit File downloads as CSV that reads back with its accents, the
 * Data-quality report, the last 30 runs and What syncs.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseCsv } from '../helpers/parse-csv';
import { englishLeft } from './i18n-walk';
import { api, idle, open, screenshot, seriousViolations, settle, waitForUnitFile } from './helpers';

test.use({ locale: 'en-CA' });

test('the Unit File exports as CSV that Excel reads with its accents, and names open the User section', async ({ page, request }) => {
  await idle(request);
  await open(page, '#/units');
  await waitForUnitFile(page);

  // Élodie Gagnon: a name with an accent, straight from the sandbox's seed.
  const elodie = page.getByRole('link', { name: 'Élodie Gagnon' }).first();
  await expect(elodie).toBeVisible();

  await page.getByRole('button', { name: 'Actions' }).click();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /Export the Unit File/ }).click()]);
  expect(dl.suggestedFilename()).toMatch(/^unit-file-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync((await dl.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 BOM Excel needs
  const { rows } = parseCsv(bytes.toString('utf8'));
  expect(rows[0]).toEqual(['Building', 'Unit', 'Kind', 'Occupancy', 'Residents', 'Sync status', 'Last synced (UTC)']);
  const units = await api<{ total: number }>(request, 'units.list', { limit: 1 });
  expect(rows.length - 1).toBe(units.total);
  expect(rows.some((r) => r[4]!.includes('Élodie Gagnon (Tenant)'))).toBe(true);
  await expect(page.getByText(/^Downloaded unit-file-.*rows\.$/)).toBeVisible();

  await elodie.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Élodie Gagnon' })).toBeVisible();
  await expect(page.getByText('User section', { exact: true })).toBeVisible();
});

test("Home's Start New Sync opens the dialog, and Preview names its side effects with the list behind each", async ({ page, request }) => {
  const info = await api<{ sandbox?: { condoManagerUrl: string } }>(request, 'app.info');
  test.skip(!info.sandbox, 'needs sandbox mode');
  await idle(request);
  // A new tenant in Condo Manager: the preview must say a user will be created (and emailed).
  const headers = { 'x-cm-client-id': 'demo', 'x-cm-client-secret': 'demo-secret' };
  const cm = info.sandbox!.condoManagerUrl;
  const corp = ((await (await request.get(`${cm}/v1/corporations`, { headers })).json()) as { id: string }[])[0]!.id;
  const unit = ((await (await request.get(`${cm}/v1/corporations/${corp}/units?limit=1000`, { headers })).json()) as { id: string; number: string }[]).find(
    (u) => u.number === '602',
  )!;
  const created = await request.post(`${cm}/v1/corporations/${corp}/tenants`, {
    headers,
    data: { firstName: 'Zoé', lastName: 'O’Brien-Lévesque', email: `zoe.${Date.now()}@example.ca`, unitIds: [unit.id] },
  });
  expect(created.ok()).toBe(true);

  await open(page, '#/');
  await page.getByRole('main').getByRole('button', { name: 'Start New Sync' }).click();
  const dialog = page.getByRole('dialog', { name: 'Update From Condo Manager' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Preview changes' }).click();
  await expect(dialog.getByText('What the next sync would do')).toBeVisible({ timeout: 60_000 });
  const createdLine = dialog.getByText(/^1 user will be created/);
  await expect(createdLine).toBeVisible();
  await expect(dialog.getByText(/welcome email, unless activation is deferred/)).toBeVisible();
  await createdLine.click(); // opens the list behind the number
  await expect(dialog.getByRole('link', { name: 'Zoé O’Brien-Lévesque' })).toBeVisible();
  await expect(dialog.getByText('Nothing was written.')).toBeVisible();
  await screenshot(page, 'home-preview-side-effects');
  await dialog.getByRole('button', { name: 'Close' }).click();
});

test('Home shows the last 30 runs; the Data-quality report and What syncs are a click away', async ({ page, request }) => {
  await idle(request);
  await open(page, '#/');
  await settle(page);
  const runs = page.locator('section', { has: page.getByRole('heading', { name: 'Last 30 runs' }) });
  await expect(runs.getByRole('img', { name: /runs?: .* changes in all, \d+ with failures, longest/ })).toBeVisible();
  await expect(runs.locator('.recharts-bar-rectangle').first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'home-runs');

  await page.getByRole('link', { name: 'Data-quality report' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Data-quality report' })).toBeVisible();
  await settle(page);
  const shared = page.locator('section', { has: page.getByRole('heading', { name: /^Shared emails/ }) });
  await expect(shared).toContainText('famille.tremblay@example.ca');
  await expect(shared.getByRole('link', { name: 'Julie Tremblay' })).toBeVisible();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Needs attention (CSV)' }).click()]);
  const { bom, rows } = parseCsv(readFileSync((await dl.path())!).toString('utf8'));
  expect(bom).toBe(true);
  expect(rows[0]).toEqual(['Building', 'Unit', 'Resident', 'Role', 'Sync status', 'What to fix']);
  expect(rows.some((r) => r[1] === '1203' && /share the email/.test(r[5]!))).toBe(true);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'data-quality-report');

  await open(page, '#/help');
  await expect(page.getByRole('heading', { level: 1, name: 'What syncs' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Email' })).toBeVisible();
  await expect(page.getByText('My Account → Account Balance').first()).toBeVisible();
  await expect(page.getByText(/Owners join Owners and tenants join Renters/)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'what-syncs');
});

test("a sync's outcomes download as CSV from its page", async ({ page, request }) => {
  await idle(request);
  const jobs = await api<{ items: { id: string; dryRun: boolean; kind: string }[] }>(request, 'jobs.list', { kind: 'residents', limit: 5 });
  const job = jobs.items.find((j) => !j.dryRun)!;
  await open(page, `#/queue/${job.id}`);
  await settle(page);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export outcomes (CSV)' }).click()]);
  const { bom, rows } = parseCsv(readFileSync((await dl.path())!).toString('utf8'));
  expect(bom).toBe(true);
  const detail = await api<{ outcomes: { total: number } }>(request, 'jobs.get', { id: job.id, limit: 1 });
  expect(rows.length - 1).toBe(detail.outcomes.total);
});

test.describe('in a French (Quebec) browser', () => {
  test.use({ locale: 'fr-CA' });

  test('the Data-quality report and What syncs are all French', async ({ page, request }) => {
    await idle(request);
    for (const hash of ['#/report', '#/help']) {
      await open(page, hash);
      await settle(page);
      expect(await englishLeft(page), hash).toEqual([]);
    }
    await expect(page.getByRole('heading', { level: 1, name: 'Ce qui est synchronisé' })).toBeVisible();
  });
});
