import { expect, test } from '@playwright/test';
import { open, seriousViolations, settle, TOKEN, waitForUnitFile } from './helpers';

const api = (method: string) => `/api/${method}`;
const auth = { authorization: `Bearer ${TOKEN}` };

test('pausing from the header: "Paused until …", a CLI-style resume elsewhere shows at once, and Resume', async ({ page, request }) => {
  await open(page, '#/units');
  await waitForUnitFile(page);
  const banner = page.getByRole('banner');
  try {
    await banner.getByRole('button', { name: 'Pause syncing' }).click();
    await page.getByRole('menuitem', { name: 'For 1 hour' }).click();
    const pill = banner.getByRole('status').filter({ hasText: /^Paused until \d{1,2}:\d{2}\s[ap]\.m\./ });
    await expect(pill).toBeVisible();
    const info = (await (await request.post(api('app.info'), { headers: auth, data: {} })).json()) as { result: { pause: { paused: boolean; until: string } } };
    expect(info.result.pause.paused).toBe(true);
    expect(Date.parse(info.result.pause.until) - Date.now()).toBeGreaterThan(55 * 60_000);

    // Resumed from somewhere else (the tray, the CLI): the header follows without a reload.
    await request.post(api('sync.resume'), { headers: auth, data: {} });
    await expect(pill).toHaveCount(0);
    await expect(banner.getByRole('button', { name: 'Pause syncing' })).toBeVisible();

    await request.post(api('sync.pause'), { headers: auth, data: {} });
    await expect(banner.getByText('Paused', { exact: true })).toBeVisible();
    await banner.getByRole('button', { name: 'Resume syncing' }).click();
    await expect(banner.getByRole('button', { name: 'Pause syncing' })).toBeVisible();
  } finally {
    await request.post(api('sync.resume'), { headers: auth, data: {} });
  }
});

test('Settings shows where data and logs are; in the browser, desktop-only settings say so', async ({ page }) => {
  await open(page, '#/settings');
  await settle(page);
  const about = page.getByRole('region', { name: 'About' });
  await expect(about.getByText(/^Condo Sync \d+\.\d+\.\d+/)).toBeVisible();
  await expect(about.locator('code.path').first()).toContainText('condo-sync-e2e-');
  await expect(about.locator('code.path').nth(1)).toContainText('logs');
  await expect(about.getByRole('button', { name: 'Open folder' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Desktop' })).toContainText('settings of the Condo Sync desktop app');
  expect(await seriousViolations(page)).toEqual([]);
});
