/**
 * Home → Last 30 runs after a large portfolio's first sync (tens of thousands
 * of changes): the changes axis must show its labels whole. A fixed-width
 * axis cut "15 000" to ".5 000" in French, a number that reads wrong.
 */
import { expect, test } from '@playwright/test';
import { idle, open, settle } from './helpers';

for (const locale of ['fr-CA', 'en-CA']) {
  test(`the changes axis shows five-digit labels whole (${locale})`, async ({ browser, request }) => {
    await idle(request);
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    // The engine's real answer, with the last resident run made the size of a 50-building first sync.
    await page.route('**/api/jobs.list', async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as { ok: boolean; result?: { items: { kind: string; status: string; counts: { created: number } }[] } };
      const run = body.result?.items.find((j) => j.kind === 'residents' && (j.status === 'succeeded' || j.status === 'partial'));
      if (run) run.counts.created = 18_234;
      await route.fulfill({ response: res, json: body });
    });
    await open(page, '#/');
    await settle(page);
    const chart = page.locator('.runs-chart');
    await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
    const box = (await chart.boundingBox())!;
    // Every label with thousands (only the changes axis has them) starts inside the chart.
    await chart.scrollIntoViewIfNeeded();
    const thousands = chart.locator('text').filter({ hasText: /^\d{1,3}\D000$/ });
    await expect.poll(() => thousands.count()).toBeGreaterThan(1);
    for (const label of await thousands.all()) {
      const b = (await label.boundingBox())!;
      expect(b.x, `the label "${await label.textContent()}" starts inside the chart`).toBeGreaterThanOrEqual(box.x - 0.5);
    }
    await context.close();
  });
}
