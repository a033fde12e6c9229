/** Issue 10 §5: a refused token said once, stale data marked, Settings rules in words, and the keyboard paths. */
import { expect, test } from '@playwright/test';
import { open, settle, waitForUnitFile } from './helpers';

test.use({ locale: 'en-CA' });

test('a wrong token: one clear message, no tray, no "Idle", and every action disabled', async ({ page }) => {
  await page.goto('/?token=not-the-right-one#/');
  const alert = page.getByRole('alert').filter({ hasText: 'access key was not accepted' });
  await expect(alert).toHaveCount(1);
  await expect(alert).toContainText('?token=');
  await page.waitForTimeout(1500); // every card has answered (and failed) by now
  await expect(page.getByText(/access key|signed in/i)).toHaveCount(2); // the message, and the header's "Not signed in"
  await expect(page.getByRole('main')).not.toContainText(/tray/i);
  await expect(page.getByRole('banner')).not.toContainText('Idle');
  await expect(page.getByRole('link', { name: /Sync status: Not signed in/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start New Sync' })).toBeDisabled();

  await page.getByRole('link', { name: 'Unit File' }).click();
  await expect(page.getByRole('button', { name: 'Actions' })).toBeDisabled();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'access key' })).toHaveCount(1);
  for (const save of await page.getByRole('button', { name: /^Save/ }).all()) await expect(save).toBeDisabled();
});

test('no token at all says the address lacks one, in French too', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'fr-CA' });
  const page = await context.newPage();
  await page.goto('/#/');
  await expect(page.getByRole('alert').filter({ hasText: 'n’a pas de clé d’accès' })).toHaveCount(1);
  await expect(page.getByRole('banner')).toContainText('Non connecté');
  await context.close();
});

test('a failed refresh keeps the rows, says nothing was lost and marks them as possibly out of date', async ({ page }) => {
  await open(page, '#/units');
  await waitForUnitFile(page);
  const rows = await page.getByRole('main').locator('tbody tr').count();
  await page.route('**/api/units.list', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'unavailable', message: 'Condo Sync is busy.' } }) }));
  await page.getByRole('searchbox', { name: 'Search the Unit File' }).fill('1');
  await expect(page.getByRole('main').getByText('may be out of date')).toBeVisible();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Try again');
  await expect(page.getByRole('main').locator('tbody tr')).toHaveCount(rows);
});

test('Settings → History kept says the rule, and refuses record detail that outlives its history', async ({ page }) => {
  await open(page, '#/settings');
  await settle(page);
  const history = page.getByRole('textbox', { name: 'Keep syncs for (days)' });
  const records = page.getByRole('textbox', { name: 'Keep record detail for (days)' });
  await history.fill('0');
  await page.getByRole('button', { name: 'Save retention' }).click();
  await expect(page.getByText('Enter a number of days from 1 to 3,650.')).toBeVisible();
  await history.fill('30');
  await records.fill('90');
  await page.getByRole('button', { name: 'Save retention' }).click();
  await expect(page.getByText(/no longer than the syncs \(30 days\)/)).toBeVisible();
  await records.fill('30');
  await page.getByRole('button', { name: 'Save retention' }).click();
  await expect(page.getByText('Retention saved.')).toBeVisible();
});

test('a skip link comes first and lands on the page heading', async ({ page }) => {
  await open(page, '#/queue');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Sync Queue' })).toBeFocused();
});

test('after navigation, focus is on the new page’s main heading', async ({ page }) => {
  await open(page, '#/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sync Queue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sync Queue' })).toBeFocused();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
});

test('toasts: F6 reaches them, Escape closes one, and they leave room so the pager is not hidden', async ({ page }) => {
  await open(page, '#/units');
  await waitForUnitFile(page);
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Update From Condo Manager' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Start New Sync' }).click();
  const region = page.getByRole('region', { name: 'Notifications' });
  await expect(region.getByText('Sync queued')).toBeVisible();

  await page.keyboard.press('F6');
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.toast-region'))).toBe(true);
  // Other toasts may arrive meanwhile (the sync finishing): the one with focus is the one Escape closes.
  const focused = await page.evaluate(() => document.activeElement?.closest('.toast')?.querySelector('.toast-title')?.textContent ?? '');
  expect(focused).not.toBe('');
  await page.keyboard.press('Escape');
  await expect(region.locator('.toast-title', { hasText: focused })).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.toast-region'))).toBe(false);
});

test('while a toast shows, scrolling to the bottom brings the pager out from under it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 700 });
  await open(page, '#/units');
  await waitForUnitFile(page);
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Update From Condo Manager' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Start New Sync' }).click();
  const toast = page.locator('.toast').first();
  await expect(toast).toBeVisible();
  await page.mouse.wheel(0, 100_000);
  await page.waitForTimeout(300);
  const foot = await page.locator('.table-foot').boundingBox();
  const box = await toast.boundingBox();
  expect(foot && box && foot.y + foot.height <= box.y).toBe(true);
});
