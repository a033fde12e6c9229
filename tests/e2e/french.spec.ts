/**
 * Every main view in Quebec French: no English left, no serious axe problem
 * in light or dark, and a screenshot of each view in both languages
 * (test-results/screenshots/fr-*.png, en-*.png) to look at.
 */
import { expect, test, type Page } from '@playwright/test';
import { englishLeft } from './i18n-walk';
import { open, screenshot, seriousViolations, settle, waitForUnitFile } from './helpers';

type Lang = 'fr' | 'en';
const words = {
  fr: { actions: 'Actions', update: 'Mettre à jour depuis Condo Manager', preview: 'Aperçu des changements', getBalance: 'Obtenir le solde du compte', find: 'Trouver un résident ou une unité' },
  en: { actions: 'Actions', update: 'Update From Condo Manager', preview: 'Preview changes', getBalance: 'Get Account Balance', find: 'Find a resident or a unit' },
};

/** Each main view, reached the way a person would; returns when the view has answered. */
const views: { name: string; go: (page: Page, lang: Lang) => Promise<void> }[] = [
  { name: 'home', go: (page) => open(page, '#/') },
  {
    name: 'unit-file',
    go: async (page) => {
      await open(page, '#/units');
      await waitForUnitFile(page);
    },
  },
  {
    name: 'unit',
    go: async (page) => {
      await open(page, '#/units');
      await waitForUnitFile(page);
      await page.getByRole('main').locator('tbody th a').first().click();
      await expect(page.getByRole('main').locator('dl.facts')).toBeVisible();
    },
  },
  {
    name: 'user-section',
    go: async (page) => {
      await open(page, '#/units');
      await waitForUnitFile(page);
      // A unit with residents: the first row whose residents cell names someone.
      await page.getByRole('main').locator('tbody tr:has(.resident-chip) th a').first().click();
      await page.getByRole('main').locator('tbody th a').first().click();
      await expect(page).toHaveURL(/#\/residents\//);
    },
  },
  {
    name: 'sync-queue',
    go: async (page) => {
      await open(page, '#/queue');
      await expect(page.getByRole('main').locator('tbody th a').first()).toBeVisible({ timeout: 45_000 });
    },
  },
  {
    name: 'sync',
    go: async (page) => {
      await open(page, '#/queue');
      await page.getByRole('main').locator('tbody th a').last().click();
      await expect(page.getByRole('main').locator('dl.facts')).toBeVisible();
    },
  },
  {
    name: 'resident-balances',
    go: async (page, lang) => {
      await open(page, '#/balances');
      await page.getByRole('searchbox', { name: words[lang].find }).pressSequentially('1', { delay: 50 });
      await page.getByRole('main').locator('.finder-results a').first().click();
      await page.getByRole('button', { name: words[lang].getBalance }).click();
      await expect(page.getByRole('main').locator('.aging, .notice').first()).toBeVisible({ timeout: 20_000 });
    },
  },
  { name: 'settings', go: (page) => open(page, '#/settings') },
  {
    name: 'sync-dialog',
    go: async (page, lang) => {
      await open(page, '#/units');
      await page.getByRole('button', { name: words[lang].actions }).click();
      await page.getByRole('menuitem', { name: words[lang].update }).click();
      await page.getByRole('dialog').getByRole('button', { name: words[lang].preview }).click();
      await expect(page.getByRole('dialog').locator('.notice')).toBeVisible({ timeout: 45_000 });
    },
  },
  { name: 'not-found', go: (page) => open(page, '#/nowhere') },
];

test.describe('in a French (Quebec) browser', () => {
  test.use({ locale: 'fr-CA', viewport: { width: 1366, height: 860 } });

  test.beforeAll(async ({ browser }) => {
    // The first sync fills the Unit File; every view below reads it.
    const page = await browser.newPage({ locale: 'fr-CA' });
    await open(page, '#/units');
    await waitForUnitFile(page);
    await page.close();
  });

  for (const view of views) {
    test(`${view.name}: all French, no serious accessibility problem in light and dark`, async ({ page }) => {
      await view.go(page, 'fr');
      await settle(page);
      await expect(page.locator('html')).toHaveAttribute('lang', 'fr-CA');
      expect(await englishLeft(page), `English left on ${view.name}`).toEqual([]);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        expect(await seriousViolations(page), `${view.name} (${scheme})`).toEqual([]);
        await screenshot(page, `fr-${view.name}-${scheme}`);
      }
    });
  }
});

test.describe('in an English (Canada) browser', () => {
  test.use({ locale: 'en-CA', viewport: { width: 1366, height: 860 } });

  test('the French walk would see English: it finds the words on an English screen', async ({ page }) => {
    await open(page, '#/');
    await settle(page);
    expect((await englishLeft(page)).length).toBeGreaterThan(5);
  });

  for (const view of views) {
    test(`${view.name}: no serious accessibility problem in light and dark`, async ({ page }) => {
      await view.go(page, 'en');
      await settle(page);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en-CA');
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        expect(await seriousViolations(page), `${view.name} (${scheme})`).toEqual([]);
        await screenshot(page, `en-${view.name}-${scheme}`);
      }
    });
  }
});
