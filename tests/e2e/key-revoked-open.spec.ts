/**
 * A key revoked while its console is open (Settings → Access keys on another
 * console, or `condo-sync keys revoke`): the window must say its key is no
 * longer accepted by itself, not go on showing the last numbers under
 * "Reconnecting…" until someone clicks.
 */
import { expect, test } from '@playwright/test';
import type { CreatedAccessKey } from '@shared/access';
import { api, idle } from './helpers';

for (const { locale, title } of [
  { locale: 'en-CA', title: 'access key was not accepted' },
  { locale: 'fr-CA', title: 'clé d’accès' },
]) {
  test(`a console whose key is revoked says so without a click (${locale})`, async ({ browser, request }) => {
    // A quiet engine: no sync's events make the console call (and so learn of the refusal) by chance.
    await idle(request, 120_000);
    const key = await api<CreatedAccessKey>(request, 'keys.create', { name: `Poste d’accueil ${locale} ${Date.now()}`, role: 'support' });
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto(`/?token=${encodeURIComponent(key.key)}#/queue`);
    await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();
    const notice = page.getByRole('alert').filter({ hasText: title });
    await expect(notice).toHaveCount(0);
    await page.waitForTimeout(1_000); // the live stream is up

    await api(request, 'keys.revoke', { id: key.id });
    await expect(notice).toHaveCount(1, { timeout: 20_000 });
    await context.close();
  });
}
