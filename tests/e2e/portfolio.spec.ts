/**
 * Issue 10 §2 on the `large` sandbox (50 buildings, 10,000 units): every unit
 * names its building under "All buildings", and the building selector sorts
 * naturally, filters as you type and remembers the choice. This spec starts
 * its own host with `--sandbox-size large` (its first sync takes minutes).
 */
import { expect, test } from '@playwright/test';
import { compare } from 'natural-orderby';
import { startLargeHost } from '../../bench/renderer';

const TOKEN = process.env.BENCH_UI_TOKEN ?? 'bench-token';
let host: Awaited<ReturnType<typeof startLargeHost>>;

test.describe.configure({ mode: 'serial' });
test.use({ locale: 'en-CA', viewport: { width: 1366, height: 860 } });

test.beforeAll(async () => {
  test.setTimeout(16 * 60_000);
  host = process.env.BENCH_UI_BASE ? { base: process.env.BENCH_UI_BASE, stop: () => undefined } : await startLargeHost();
});

test.afterAll(() => host?.stop());

test('searching a unit number under All buildings names each unit’s building, so no two rows look the same', async ({ page }) => {
  await page.goto(`${host.base}/?token=${TOKEN}#/units`);
  const table = page.getByRole('main').getByRole('table');
  await expect(table.getByRole('columnheader', { name: 'Building' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('searchbox', { name: 'Search the Unit File' }).fill('1203');
  await expect(table.locator('tbody tr').first().locator('th')).toContainText('1203', { timeout: 30_000 });
  await expect.poll(async () => (await table.locator('tbody tr').count()) > 1, { timeout: 30_000 }).toBe(true);
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => `${tr.querySelector('th')?.textContent?.trim()}|${tr.querySelector('.col-building')?.textContent?.trim()}`));
  const ours = rows.filter((r) => r.startsWith('1203|'));
  expect(ours.length).toBeGreaterThan(1);
  expect(ours.every((r) => /\|\S+ \d+/.test(r))).toBe(true); // "MTCC 254"
  expect(new Set(ours).size).toBe(ours.length);
});

test('the building selector sorts naturally, filters as you type, and remembers the choice', async ({ page }) => {
  await page.goto(`${host.base}/?token=${TOKEN}#/units`);
  await page.getByRole('button', { name: /All buildings/ }).click();
  const options = page.getByRole('listbox').getByRole('option');
  await expect(options.nth(10)).toBeVisible();
  const names = (await options.allTextContents()).map((s) => s.trim()).slice(1); // after "All buildings"
  expect(names.length).toBe(50);
  expect(names).toEqual([...names].sort(compare()));

  await page.getByRole('searchbox', { name: 'Find a building' }).fill(names[1]!.split(' ')[1]!);
  await expect(options.filter({ hasText: names[1]! })).toBeVisible();
  expect(await options.count()).toBeLessThan(10);
  await options.filter({ hasText: names[1]! }).first().click();
  await expect(page.getByRole('button', { name: new RegExp(names[1]!) })).toBeVisible();
  // One building chosen: the column would only repeat it.
  await expect(page.getByRole('main').getByRole('columnheader', { name: 'Building' })).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('button', { name: new RegExp(names[1]!) })).toBeVisible();
});

test('Resident Balances results and Needs attention notes name the building', async ({ page }) => {
  await page.goto(`${host.base}/?token=${TOKEN}#/balances`);
  await page.evaluate(() => localStorage.removeItem('condo-sync.building'));
  await page.reload();
  await page.getByRole('searchbox', { name: 'Find a resident or a unit' }).pressSequentially('1203', { delay: 50 });
  const results = page.getByRole('main').locator('.finder-results a');
  await expect(results.first()).toContainText(/MTCC \d+/, { timeout: 30_000 });

  await page.goto(`${host.base}/?token=${TOKEN}#/`);
  // The large portfolio's first sync leaves notes (shared emails and the like) on Home.
  const notes = page.locator('.attention-note');
  await expect(notes.first()).toBeVisible({ timeout: 30_000 });
  await expect(notes.first().locator('.attention-who')).toContainText(/ · [A-Z]+ \d+/, { timeout: 30_000 });
});
