/** Settings → About → Export diagnostics: a zip for support that carries nothing private. */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { open, waitForUnitFile } from './helpers';

test.use({ locale: 'en-CA' });

test('Export diagnostics downloads a redacted zip and says where a copy is kept', async ({ page }) => {
  await open(page, '#/units');
  await waitForUnitFile(page); // the first sync has written jobs and logs
  await open(page, '#/settings');
  const about = page.getByRole('region', { name: 'About' });
  const downloading = page.waitForEvent('download');
  await about.getByRole('button', { name: 'Export diagnostics' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^condo-sync-diagnostics-\d{8}-\d{6}Z\.zip$/);
  await expect(about.getByText(new RegExp(`Diagnostics saved as ${download.suggestedFilename().replace(/\./g, '\\.')}`))).toBeVisible();
  await expect(about.getByText(/A copy is kept on the computer running Condo Sync: .*diagnostics/)).toBeVisible();

  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  expect(Object.keys(files)).toEqual(expect.arrayContaining(['about.json', 'settings.json', 'jobs.json']));
  const text = Object.values(files).map((f) => strFromU8(f)).join('\n');
  // Scott, the demo portfolio's best-known resident.
  expect(text).not.toMatch(/scott\.mills@example\.com|416-555-0142|\bMills\b/i);
  expect(text).not.toContain('demo-secret');
});

test.describe('in French', () => {
  test.use({ locale: 'fr-CA' });
  test('the About card speaks French', async ({ page }) => {
    await open(page, '#/settings');
    const about = page.getByRole('region', { name: 'À propos' });
    await expect(about.getByRole('button', { name: 'Exporter les diagnostics' })).toBeVisible();
    await expect(about.getByText(/courriels et numéros de téléphone des résidents/)).toBeVisible();
  });
});
