// Where the first load's time goes: every request the console makes while it
// opens the Unit File (static files and API calls), with start and end times
// from navigation start, against a running host (BENCH_UI_BASE, BENCH_UI_TOKEN).
//
//   BENCH_UI_BASE=http://127.0.0.1:4780 node bin/run-ts.mjs bench/first-load-profile.ts
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const base = process.env.BENCH_UI_BASE;
const token = process.env.BENCH_UI_TOKEN ?? 'bench-token';

async function main() {
  if (!base) throw new Error('Set BENCH_UI_BASE to a running host.');
  const executablePath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
    const bodies = new Map<string, string>();
    page.on('request', (r) => {
      if (r.url().includes('/api/')) bodies.set(r.url() + r.postData(), r.postData() ?? '');
    });
    await page.goto(`${base}/?token=${token}#/units`);
    await page.waitForSelector('main tbody tr');
    const firstRow = await page.evaluate(() => performance.now());
    await page.waitForTimeout(3000);
    const entries = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => {
        const r = e as PerformanceResourceTiming;
        return { name: r.name.replace(/^https?:\/\/[^/]+/, ''), start: Math.round(r.startTime), wait: Math.round(r.responseStart - r.requestStart), end: Math.round(r.responseEnd), kb: Math.round(r.transferSize / 1024) };
      }),
    );
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { html: Math.round(n.responseEnd), domContentLoaded: Math.round(n.domContentLoadedEventEnd) };
    });
    console.log({ firstRow: Math.round(firstRow), ...nav });
    console.table(entries);
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
