/** The console's language: follows the browser, can be set in Settings, and is remembered. */
import { expect, test } from '@playwright/test';
import { open } from './helpers';

test.describe('in a French (Canada) browser', () => {
  test.use({ locale: 'fr-CA' });

  test('the console speaks French without being asked, and the page says so to screen readers', async ({ page }) => {
    await open(page, '#/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr-CA');
    const nav = page.getByRole('navigation', { name: 'Principal' });
    await expect(nav.getByRole('link', { name: /Dossier des unités/ })).toBeVisible();
    await expect(nav.getByRole('link', { name: /Paramètres/ })).toBeVisible();
    await expect(page).toHaveTitle(/Accueil · Condo Sync/);
  });
});

test.describe('in an English browser', () => {
  test.use({ locale: 'en-CA' });

  test('Settings → Language switches to French at once, and the choice survives a reload', async ({ page }) => {
    await open(page, '#/settings');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en-CA');
    await page.getByRole('button', { name: /Console language/ }).click();
    await page.getByRole('option', { name: 'Français' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Paramètres' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr-CA');

    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Paramètres' })).toBeVisible();

    // Back to following the browser: English again, and nothing stored.
    await page.getByRole('button', { name: /Langue de la console/ }).click();
    await page.getByRole('option', { name: /Celle de cet ordinateur/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem('condo-sync.language'))).toBeNull();
  });
});
