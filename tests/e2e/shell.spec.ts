import { expect, test } from '@playwright/test';
import { copyToDocs, open, screenshot, SCREENSHOTS, seriousViolations, settle, TOKEN, waitForUnitFile } from './helpers';

const sections = [
  { link: 'Home', heading: 'Home', hash: '#/' },
  { link: 'Unit File', heading: 'Unit File', hash: '#/units' },
  { link: 'Sync Queue', heading: 'Sync Queue', hash: '#/queue' },
  { link: 'Resident Balances', heading: 'Resident Balances', hash: '#/balances' },
  { link: 'Settings', heading: 'Settings', hash: '#/settings' },
] as const;

test('the shell loads with header, navigation, main and, in sandbox mode, the banner', async ({ page, request }) => {
  await open(page);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('main')).toBeVisible();
  await expect(page.getByRole('banner').getByRole('button', { name: /building/i })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Sync status:/ })).toBeVisible();

  const info = (await (await request.post('/api/app.info', { headers: { authorization: `Bearer ${TOKEN}` }, data: {} })).json()) as {
    result: { mode: string; sandbox?: { condoManagerUrl: string; condoControlUrl: string } };
  };
  const banner = page.getByRole('note', { name: 'Sandbox mode' });
  if (info.result.mode === 'sandbox') {
    await expect(banner).toContainText('Sandbox mode — demo data, not connected to real systems');
    for (const [name, url] of [
      ['Sandbox Condo Manager', info.result.sandbox?.condoManagerUrl],
      ['Sandbox Condo Control', info.result.sandbox?.condoControlUrl],
    ] as const) {
      const link = banner.getByRole('link', { name: new RegExp(name) });
      await expect(link).toHaveAttribute('href', url ?? '');
      await expect(link).toHaveAttribute('target', '_blank');
      await expect(link).toHaveAttribute('rel', /noreferrer/);
    }
  } else {
    await expect(banner).toHaveCount(0);
  }
});

test('the token is taken from the address bar and the console keeps working', async ({ page }) => {
  await open(page, '#/units');
  await expect(page).not.toHaveURL(/token=/);
  await expect(page).toHaveURL(/#\/units$/);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Unit File' })).toBeVisible();
  await waitForUnitFile(page);
});

test('each page opens from the navigation by click, and is marked current', async ({ page }) => {
  await open(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const s of sections) {
    await nav.getByRole('link', { name: s.link }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.heading);
    await expect(nav.getByRole('link', { name: s.link })).toHaveAttribute('aria-current', 'page');
    await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
    expect(new URL(page.url()).hash || '#/').toBe(s.hash);
  }
});

test('each page opens from the navigation by keyboard', async ({ page }) => {
  await open(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const [index, s] of sections.entries()) {
    await nav.getByRole('link', { name: 'Home' }).focus();
    for (let i = 0; i < index; i++) await page.keyboard.press('Tab');
    await expect(nav.getByRole('link', { name: s.link })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.heading);
    await expect(nav.getByRole('link', { name: s.link })).toHaveAttribute('aria-current', 'page');
  }
});

test('the Unit File search is where the keyboard lands, and comes first in the page', async ({ page }) => {
  await open(page, '#/units');
  const search = page.getByRole('searchbox', { name: 'Search the Unit File' });
  await expect(search).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Actions' })).toBeFocused();

  // Arriving from the navigation lands there too.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Unit File' }).click();
  await expect(search).toBeFocused();
});

test('Actions → Update From Condo Manager opens the sync dialog by keyboard and closes on Escape', async ({ page }) => {
  await open(page, '#/units');
  const actions = page.getByRole('button', { name: 'Actions' });
  await actions.focus();
  await page.keyboard.press('Enter');
  const item = page.getByRole('menuitem', { name: 'Update From Condo Manager' });
  await expect(item).toBeFocused();
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('dialog', { name: 'Update From Condo Manager' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('This brings every change made in Condo Manager since the last sync (not only this unit) into Condo Control.');
  await expect(dialog.getByRole('button', { name: 'Preview changes' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Start New Sync' })).toBeVisible();
  // Focus stays inside the dialog.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(actions).toBeFocused();
});

test('Start New Sync queues a sync and says so, or says calmly why it cannot', async ({ page }) => {
  await open(page, '#/units');
  await waitForUnitFile(page);
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Update From Condo Manager' }).click();
  const dialog = page.getByRole('dialog', { name: 'Update From Condo Manager' });
  await dialog.getByRole('button', { name: 'Start New Sync' }).click();

  const toast = page.getByRole('region', { name: 'Notifications' }).getByRole('alertdialog').filter({ hasText: 'Sync queued' });
  const notYet = dialog.getByText('Not available in this version yet');
  await expect(toast.or(notYet).first()).toBeVisible();
  if (await notYet.isVisible()) return;
  await expect(dialog).toBeHidden();
  await toast.getByRole('link', { name: 'View in Sync Queue' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sync Queue');
  // The browser console calls with its access token, which names nobody: the row says how (by hand) and with what.
  await expect(page.getByRole('main').getByRole('row', { name: /Started by hand with the console’s access token/ }).first()).toBeVisible();
});

test('Resident Balances finds a unit and gets its Account Balance, or explains why not', async ({ page }) => {
  await open(page, '#/balances');
  await page.getByRole('searchbox', { name: 'Find a resident or a unit' }).fill('1');
  const first = page.getByRole('list', { name: 'Units found' }).getByRole('link').first();
  await expect(first).toBeVisible({ timeout: 45_000 });
  await first.click();
  await page.getByRole('button', { name: 'Get Account Balance' }).click();
  const result = page.getByRole('region', { name: /^Unit .+ · / }).getByText('My Account · Account Balance');
  const notice = page.getByRole('main').locator('.notice');
  await expect(result.or(notice).first()).toBeVisible({ timeout: 30_000 });
  // Whatever the answer, it is words for people: no stack traces or raw codes.
  await expect(page.getByRole('main')).not.toContainText(/at [\w.]+ \(|not_implemented|Error:/);
});

const pages = [
  { name: 'home', hash: '#/' },
  { name: 'unit-file', hash: '#/units' },
  { name: 'sync-queue', hash: '#/queue' },
  { name: 'resident-balances', hash: '#/balances' },
  { name: 'settings', hash: '#/settings' },
];

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`no serious accessibility problems (${scheme})`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
    });

    for (const p of pages) {
      test(p.name, async ({ page }) => {
        await open(page, p.hash);
        await settle(page);
        expect(await seriousViolations(page)).toEqual([]);
      });
    }

    test('a unit and a resident (User section)', async ({ page }) => {
      await open(page, '#/units');
      await waitForUnitFile(page);
      await page.getByRole('main').locator('tbody th a').first().click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Unit /);
      await settle(page);
      expect(await seriousViolations(page)).toEqual([]);
      const person = page.getByRole('main').locator('tbody th a').first();
      if (!(await person.count())) return;
      await person.click();
      await expect(page.getByText('User section', { exact: true })).toBeVisible();
      await settle(page);
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('a sync in the queue', async ({ page }) => {
      await open(page, '#/queue');
      const job = page.getByRole('main').locator('tbody th a').first();
      await expect(job.or(page.getByRole('main').locator('.notice, .empty-state')).first()).toBeVisible({ timeout: 45_000 });
      if (await job.count()) {
        await job.click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(/sync/);
        await settle(page);
      }
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('the sync dialog', async ({ page }) => {
      await open(page, '#/units');
      await page.getByRole('button', { name: 'Actions' }).click();
      await page.getByRole('menuitem', { name: 'Update From Condo Manager' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await settle(page);
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}

test('screenshots of every page', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 860 });
  await open(page, '#/units');
  await waitForUnitFile(page);
  for (const p of pages) {
    await open(page, p.hash);
    if (p.name === 'unit-file') await waitForUnitFile(page);
    await settle(page);
    const path = await screenshot(page, p.name);
    if (p.name === 'unit-file') copyToDocs(path, 'screenshot.png');
  }
  await open(page, '#/units');
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: 'Update From Condo Manager' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOTS}/sync-dialog.png`, animations: 'disabled' });
  await page.keyboard.press('Escape');

  await page.emulateMedia({ colorScheme: 'dark' });
  await open(page, '#/units');
  await waitForUnitFile(page);
  await settle(page);
  await screenshot(page, 'unit-file-dark');
});
