/**
 * The screens this session changed, in a 900 × 900 window (a laptop split
 * screen), in English and Quebec French, light and dark: the Sync Queue fits
 * without scrolling sideways; a preview's page counts records whose note is
 * still open under Needs attention and lists them there; Access keys and the
 * audit log say their time zone and their actions in words; Settings keeps
 * the audit log for a number of days. Each screen is saved for a person to judge.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openDesktop } from './desktop-shell';
import { api, idle, open, SCREENSHOTS, settle } from './helpers';
import { freePort } from '../helpers/free-port';

const words = {
  'en-CA': { office: 'Connect to an office server', address: 'Server address', key: 'Access key', test: 'Test', refused: 'Nothing answers at', records: 'Records', attention: 'Needs attention', unchanged: 'Unchanged', still: 'Still needs attention', history: 'History kept', audit: 'Keep the audit log for (days)', log: 'Audit log', created: 'Created' },
  'fr-CA': { office: 'Se connecter à un serveur du bureau', address: 'Adresse du serveur', key: 'Clé d’accès', test: 'Tester', refused: 'Rien ne répond à', records: 'Fiches', attention: 'À vérifier', unchanged: 'Inchangé', still: 'Toujours à vérifier', history: 'Historique conservé', audit: 'Garder le journal d’audit (jours)', log: 'Journal d’audit', created: 'Créée' },
} as const;

/** What the window shows, without scrolling: what a person sees first. */
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

/** A preview with the demo building's open notes standing from its first sync. */
let previewId: string | undefined;

test.beforeAll(async ({ request }) => {
  await idle(request);
  // A second worker (after a failure) finds the key already made.
  await api(request, 'keys.create', { name: 'Amélie (réception)', role: 'property_manager' }).catch(() => undefined);
  const job = await api<{ id: string }>(request, 'sync.start', { kind: 'residents', dryRun: true });
  await idle(request);
  previewId = job.id;
});

for (const locale of ['en-CA', 'fr-CA'] as const) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`${locale}, ${colorScheme}, 900 × 900`, () => {
      test.use({ locale, colorScheme, viewport: { width: 900, height: 900 } });
      const w = words[locale];
      const name = (screen: string) => `${locale}-${colorScheme}-900-${screen}`;

      test('Sync Queue: one Records column in place of five, nothing cut off at the side', async ({ page }) => {
        await open(page, '#/queue');
        const table = page.locator('.queue-table');
        await expect(table.getByRole('columnheader', { name: w.records })).toBeVisible();
        await expect(table.getByRole('columnheader', { name: w.unchanged + (locale === 'fr-CA' ? 's' : '') })).toBeHidden();
        // The preview's open notes from the first sync are counted as needing attention, as its page counts them.
        const preview = table.locator('tbody tr').filter({ has: page.locator(`a[href="#/queue/${previewId}"]`) });
        await expect(preview.locator('.col-results')).toContainText(locale === 'fr-CA' ? /[1-9]\d* à vérifier/ : /[1-9]\d* needs? attention/);
        const wrap = page.locator('.table-wrap').first();
        const overflow = await wrap.evaluate((el) => el.scrollWidth - el.clientWidth);
        expect(overflow).toBeLessThanOrEqual(1);
        await settle(page);
        await shot(page, name('queue'));
      });

      test('a preview’s page: open notes from an earlier sync are counted and listed under Needs attention', async ({ page }) => {
        await open(page, `#/queue/${previewId}`);
        const tabs = page.getByRole('radiogroup').or(page.locator('.segmented'));
        const attention = tabs.getByRole('radio', { name: new RegExp(`^${w.attention}`) }).or(tabs.getByRole('button', { name: new RegExp(`^${w.attention}`) }));
        await expect(attention).toContainText(/[1-9]/);
        // It opens on them, each row saying the note is still open.
        await expect(page.getByText(w.still).first()).toBeVisible();
        await settle(page);
        await shot(page, name('job-preview'));
      });

      test('Access keys and the audit log: times with their zone, actions in words', async ({ page }) => {
        await open(page, '#/settings/access');
        const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
        await expect(page.getByRole('columnheader', { name: `${w.created} (${zone})` })).toBeVisible();
        await expect(page.getByRole('heading', { name: w.log })).toBeVisible();
        await expect(page.getByText(locale === 'fr-CA' ? 'Les entrées sont conservées 365 jours (Paramètres → Historique conservé).' : 'Entries are kept 365 days (Settings → History kept).')).toBeVisible();
        await settle(page);
        await shot(page, name('access-keys'));
        await page.getByRole('heading', { name: w.log }).scrollIntoViewIfNeeded();
        await shot(page, name('audit-log'));
      });

      test('Settings → Connect to an office server (desktop): a server that is not running says what to check', async ({ page, baseURL }) => {
        const desktop = await openDesktop(page, baseURL!, '#/settings');
        try {
          const section = page.getByRole('region', { name: w.office });
          const gone = `http://127.0.0.1:${await freePort()}`;
          await section.getByRole('textbox', { name: w.address }).fill(gone);
          await section.getByLabel(w.key).fill('une-cle');
          await section.getByRole('button', { name: w.test, exact: true }).click();
          await expect(section.getByText(`${w.refused} ${gone}`, { exact: false })).toBeVisible();
          await section.getByRole('button', { name: w.test, exact: true }).scrollIntoViewIfNeeded();
          await settle(page);
          await shot(page, name('office-refused'));
        } finally {
          desktop.close();
        }
      });

      test('Settings → History kept: the audit log’s days beside the syncs’', async ({ page }) => {
        await open(page, '#/settings');
        const section = page.getByRole('region', { name: w.history });
        await expect(section.getByRole('textbox', { name: w.audit })).toHaveValue('365');
        await section.scrollIntoViewIfNeeded();
        await settle(page);
        await shot(page, name('settings-retention'));
      });
    });
  }
}
