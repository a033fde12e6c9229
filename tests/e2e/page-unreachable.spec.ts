/**
 * The server goes away (stopped, killed, restarting) while a console is open,
 * and the person opens a page not opened before: its code cannot be fetched.
 * The console must say so and keep its frame, not turn into a blank window.
 */
import { expect, test } from '@playwright/test';
import { open } from './helpers';

for (const { locale, nav, title, body } of [
  { locale: 'en-CA', nav: 'Unit File', title: 'This page could not be opened', body: 'Condo Sync is not answering at this address' },
  { locale: 'fr-CA', nav: 'Dossier des unités', title: 'Impossible d’ouvrir cette page', body: 'Condo Sync ne répond pas à cette adresse' },
]) {
  test(`a page whose code cannot be fetched says so and keeps the header and navigation (${locale})`, async ({ browser }) => {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await open(page, '#/');
    // The server stops answering: every request for a page's code fails at the network level.
    await page.route('**/assets/unit-file-page-*.js', (route) => route.abort('connectionrefused'));
    await page.getByRole('link', { name: nav }).first().click();
    const alert = page.getByRole('main').getByRole('alert').filter({ hasText: title });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(body);
    await expect(page.getByRole('banner')).toBeVisible();
    await expect(page.getByRole('navigation').first()).toBeVisible();

    // Back: Reload brings the page.
    await page.unroute('**/assets/unit-file-page-*.js');
    await alert.getByRole('button').click();
    await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('main').getByRole('alert').filter({ hasText: title })).toHaveCount(0);
    await context.close();
  });
}
