/**
 * The Sync Queue at the widths of office monitors and laptops, in English
 * and Quebec French: every column fits, so nothing (the start time, the
 * last column) is cut off or needs scrolling sideways. French words are
 * longer; the table must make room for them, not hide them.
 */
import { expect, test } from '@playwright/test';
import { idle, open, screenshot, settle } from './helpers';

test.beforeAll(async ({ request }) => {
  await idle(request);
});

for (const locale of ['en-CA', 'fr-CA'] as const) {
  for (const width of [1024, 1280, 1366, 1400, 1600]) {
    test.describe(`${locale}, ${width} px`, () => {
      test.use({ locale, viewport: { width, height: 800 } });
      test('Sync Queue: every column fits, nothing cut off at the side', async ({ page }) => {
        await open(page, '#/queue');
        const table = page.locator('.queue-table');
        await expect(table.locator('tbody tr').first()).toBeVisible();
        const wrap = page.locator('.table-wrap').first();
        const overflow = await wrap.evaluate((el) => el.scrollWidth - el.clientWidth);
        await settle(page);
        await screenshot(page, `queue-${locale}-${width}`);
        expect(overflow, `the table is ${overflow} px wider than its frame`).toBeLessThanOrEqual(1);
        // The last header lies inside the window.
        const last = table.locator('thead th').last();
        const box = (await last.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(width);
      });
    });
  }
}
