/**
 * The browser console's engine is killed (kill -9, a power cut) while a
 * property manager watches it. The screen must stop vouching for what it last
 * heard ("Syncing 40%", "Real time: live"): a banner says Condo Sync is not
 * answering and from when the screen dates, the page is dimmed, and all of it
 * clears by itself once the engine is back.
 */
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../helpers/free-port';
import { screenshot } from './helpers';

const KEY = 'server-gone-token-0123456789abcdef';

/** `condo-sync serve` in its own process (sandbox mode), ready once /api/health answers. */
async function serve(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/condo-sync.mjs', 'serve', '--port', String(port), '--token', KEY, '--data-dir', dataDir], {
    cwd: join(import.meta.dirname, '..', '..'),
    stdio: 'ignore',
  });
  const until = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`condo-sync serve exited with ${child.exitCode}`);
    if (await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)) return child;
    if (Date.now() > until) throw new Error('condo-sync serve did not become ready');
    await new Promise((r) => setTimeout(r, 250));
  }
}

for (const { locale, banner, status, liveWord } of [
  { locale: 'en-CA', banner: 'Condo Sync is not answering at this address', status: 'Condo Sync not answering', liveWord: /Real time/ },
  { locale: 'fr-CA', banner: 'Condo Sync ne répond pas à cette adresse', status: 'Condo Sync ne répond pas', liveWord: /Temps réel/ },
]) {
  test(`an engine killed under an open console: says it is not answering, then recovers (${locale})`, async ({ browser }) => {
    test.setTimeout(180_000);
    const dir = mkdtempSync(join(tmpdir(), 'condo-sync-gone-'));
    const port = await freePort();
    let child = await serve(dir, port);
    const context = await browser.newContext({ locale, baseURL: `http://127.0.0.1:${port}` });
    const page = await context.newPage();
    try {
      await page.goto(`/?token=${KEY}#/queue`);
      const header = page.getByRole('banner');
      await expect(header).toBeVisible();
      await expect(header.getByText(liveWord)).toBeVisible({ timeout: 30_000 });
      await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();

      child.kill('SIGKILL');
      const alert = page.locator('#office-banner').filter({ hasText: banner });
      await expect(alert).toBeVisible({ timeout: 20_000 });
      await expect(alert).toContainText(/\d/); // dated: what is on screen is from then
      await expect(header.getByRole('link', { name: new RegExp(status) })).toBeVisible();
      await expect(header.getByText(liveWord)).toHaveCount(0);
      await expect(page.locator('.page-stale')).toHaveCount(1);
      await screenshot(page, `server-gone-${locale}`);

      child = await serve(dir, port);
      await expect(alert).toHaveCount(0, { timeout: 30_000 });
      await expect(header.getByText(status)).toHaveCount(0);
      await expect(page.locator('.page-stale')).toHaveCount(0);
    } finally {
      await context.close();
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
