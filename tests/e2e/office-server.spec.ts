import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { open, screenshot, settle, TOKEN, waitForUnitFile } from './helpers';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A second, real office server: `condo-sync serve` in its own process, ready once /api/health answers. */
async function serve(dataDir: string, port: number, token: string): Promise<{ close(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['bin/condo-sync.mjs', 'serve', '--port', String(port), '--token', token, '--data-dir', dataDir], {
    cwd: join(import.meta.dirname, '..', '..'),
    stdio: 'ignore',
  });
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`condo-sync serve exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > until) throw new Error('condo-sync serve did not become ready');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
import { openDesktop } from './desktop-shell';
import { freePort } from '../helpers/free-port';

test.describe('Settings → Connect to an office server (desktop app)', () => {
  test.use({ locale: 'en-CA' });

  test('refuses http:// off this computer, Test really calls the server with the key, and Save connects', async ({ page, baseURL }) => {
    const desktop = await openDesktop(page, baseURL!, '#/settings');
    try {
      const section = page.getByRole('region', { name: 'Connect to an office server' });
      await expect(section).toBeVisible();
      await expect(section.getByText('The engine runs on this computer.')).toBeVisible();
      const address = section.getByRole('textbox', { name: 'Server address' });
      const key = section.getByLabel('Access key');

      await address.fill('http://192.168.1.20:4780');
      await key.fill('some-key');
      await section.getByRole('button', { name: 'Test' }).click();
      await expect(section.getByText(/^Use an https:\/\/ address\. The access key travels with every request/)).toBeVisible();

      await address.fill(baseURL!);
      await key.fill('not-the-key');
      await section.getByRole('button', { name: 'Test' }).click();
      await expect(section.getByText('The office server refused this access key. Check it with whoever runs the server.')).toBeVisible();

      await key.fill(TOKEN);
      await section.getByRole('button', { name: 'Test' }).click();
      await expect(section.getByText('The office server answered')).toBeVisible();
      await expect(section.getByText(new RegExp(`^Condo Sync \\d+\\.\\d+\\.\\d+ at ${baseURL!.replace(/[.:/]/g, '\\$&')} accepted this key\\. Its engine runs with the sandbox’s demo data\\.$`))).toBeVisible();
      await expect(section.getByText('This is the server’s own access token, with the role Administrator: Everything: settings, connections, access keys and the audit log.')).toBeVisible();
      await section.scrollIntoViewIfNeeded();
      await screenshot(page, 'office-settings-tested');
      // This section only: another card's standing findings are not this feature's.
      const axe = await new AxeBuilder({ page }).include('section:has(#office-title)').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

      await section.getByRole('button', { name: 'Save and connect' }).click();
      await expect(section.getByText('Condo Sync is restarting its engine side…')).toBeVisible();
      expect(desktop.restarts).toEqual(['remote']);
      expect(desktop.settings.get('office')).toEqual({ url: baseURL });
      expect(desktop.keys.value).toBe(TOKEN);

      // Restarted attached to the server: the same console, its data through the server.
      await desktop.relaunch();
      const attached = page.getByRole('region', { name: 'Connect to an office server' });
      await expect(attached.getByText(`This console uses the office server at ${baseURL}. Connected: what you see is live.`)).toBeVisible({ timeout: 15_000 });
      const about = page.getByRole('region', { name: 'About' });
      await expect(about.getByText(/^Condo Sync \d+\.\d+\.\d+/)).toBeVisible();
      // The folders listed are the server's, and About says so.
      await expect(about.getByText(`The office server at ${baseURL}`)).toBeVisible();
      await expect(about.getByText('Data folder (on the office server)')).toBeVisible();

      await attached.getByRole('button', { name: 'Disconnect and run the engine on this computer' }).click();
      const dialog = page.getByRole('alertdialog', { name: 'Run the engine on this computer?' });
      await expect(dialog).toBeVisible();
      await dialog.getByRole('button', { name: 'Disconnect' }).click();
      await expect(attached.getByText('Condo Sync is restarting its engine side…')).toBeVisible();
      expect(desktop.restarts).toEqual(['remote', 'local']);
      expect(desktop.settings.get('office')).toBeNull();
      expect(desktop.keys.value).toBeUndefined();
    } finally {
      desktop.close();
    }
  });

  test('attached with a support key: the console follows the role, but this computer’s own choice stays open to change', async ({ page, baseURL, request }) => {
    const created = await request.post(`${baseURL}/api/keys.create`, { headers: { authorization: `Bearer ${TOKEN}` }, data: { name: 'Front desk (e2e)', role: 'support' } });
    const key = ((await created.json()) as { result: { key: string } }).result.key;
    const desktop = await openDesktop(page, baseURL!, '#/settings', { officeUrl: baseURL!, key });
    try {
      const section = page.getByRole('region', { name: 'Connect to an office server' });
      await expect(section.getByText(`This console uses the office server at ${baseURL}. Connected: what you see is live.`)).toBeVisible({ timeout: 15_000 });
      // The server's settings are the server administrator's: support cannot save them from here.
      await expect(page.getByRole('region', { name: 'Nightly sync' }).getByRole('button', { name: 'Save schedule' })).toBeDisabled();
      await section.getByRole('button', { name: 'Test' }).click();
      await expect(section.getByText('This key is Front desk (e2e)’s, with the role Support: Read-only, plus Get Account Balance.')).toBeVisible();
      await section.getByRole('button', { name: 'Disconnect and run the engine on this computer' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Disconnect' }).click();
      await expect(section.getByText('Condo Sync is restarting its engine side…')).toBeVisible();
      expect(desktop.restarts).toEqual(['local']);
    } finally {
      desktop.close();
    }
  });

  test('an office server that can’t be reached: the banner says so, and the page is marked not live', async ({ page, baseURL }) => {
    // Attached to an address where nothing answers (the server is down, or the network is).
    const gone = `http://127.0.0.1:${await freePort()}`;
    const desktop = await openDesktop(page, baseURL!, '#/units', { officeUrl: gone, key: TOKEN });
    try {
      const banner = page.locator('#office-banner');
      await expect(banner).toHaveAttribute('role', 'alert');
      await expect(banner).toContainText(`The office server at ${gone} can’t be reached. Retrying…`, { timeout: 15_000 });
      await expect(banner).toContainText('Nothing has been read from it yet.');
      await expect(page.locator('.page.page-stale')).toHaveAttribute('aria-describedby', 'office-banner');
    } finally {
      desktop.close();
    }
  });

  test('the office server goes away and comes back: the numbers stay on screen, dated and marked not live, then live again', async ({ page, baseURL }) => {
    test.setTimeout(120_000);
    const dir = mkdtempSync(join(tmpdir(), 'condo-sync-e2e-office-'));
    const port = await freePort();
    const key = 'office-e2e-key-0123456789-abcdefghij';
    const start = () => serve(dir, port, key);
    let server = await start();
    const desktop = await openDesktop(page, baseURL!, '#/units', { officeUrl: `http://127.0.0.1:${port}`, key });
    try {
      await waitForUnitFile(page);
      const rows = page.locator('main table tbody tr');
      await expect(rows.first()).toBeVisible();
      const pill = page.getByRole('banner').getByRole('link', { name: /Office server not answering/ });
      await expect(pill).toHaveCount(0);

      await server.close();
      const banner = page.locator('#office-banner');
      await expect(banner).toContainText(`The office server at http://127.0.0.1:${port} can’t be reached. Retrying…`, { timeout: 15_000 });
      await expect(banner).toContainText(/What you see is from .+ and is not live\./);
      await expect(pill).toBeVisible();
      await expect(page.locator('.page.page-stale')).toBeVisible();
      await expect(rows.first()).toBeVisible(); // still there to read, but not presented as live

      server = await start();
      await expect(banner).toHaveCount(0, { timeout: 30_000 });
      await expect(page.locator('.page.page-stale')).toHaveCount(0);
      await expect(pill).toHaveCount(0);
    } finally {
      desktop.close();
      await server.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the browser console has no such section: it already runs on a server', async ({ page }) => {
    await open(page, '#/settings');
    await settle(page);
    await expect(page.getByRole('region', { name: 'Desktop' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Connect to an office server' })).toHaveCount(0);
  });
});

test.describe('in Quebec French', () => {
  test.use({ locale: 'fr-CA' });

  test('the section and its refusal of http:// read in French', async ({ page, baseURL }) => {
    const desktop = await openDesktop(page, baseURL!, '#/settings');
    try {
      const section = page.getByRole('region', { name: 'Se connecter à un serveur du bureau' });
      await expect(section).toBeVisible();
      await expect(section.getByText('Le moteur tourne sur cet ordinateur.')).toBeVisible();
      await section.getByRole('textbox', { name: 'Adresse du serveur' }).fill('http://sync.bureau.exemple');
      await section.getByLabel('Clé d’accès').fill('une-cle');
      await section.getByRole('button', { name: 'Tester' }).click();
      await expect(section.getByText(/^Utilisez une adresse https:\/\/\. La clé d’accès accompagne chaque requête/)).toBeVisible();
      // Nothing listening at that port: the message says what to check, in French.
      const gone = `http://127.0.0.1:${await freePort()}`;
      await section.getByRole('textbox', { name: 'Adresse du serveur' }).fill(gone);
      await section.getByRole('button', { name: 'Tester' }).click();
      await expect(section.getByText(`Rien ne répond à ${gone} : l’ordinateur est là, mais Condo Sync n’écoute pas sur ce port.`, { exact: false })).toBeVisible();
      await section.getByRole('textbox', { name: 'Adresse du serveur' }).fill(baseURL!);
      await section.getByRole('button', { name: 'Tester' }).click();
      await expect(section.getByText('Le serveur du bureau a refusé cette clé d’accès. Vérifiez-la auprès de la personne qui gère le serveur.')).toBeVisible();
      await settle(page);
      await screenshot(page, 'fr-office-refused-key');
      await section.getByRole('textbox', { name: 'Adresse du serveur' }).fill(baseURL!);
      await section.getByLabel('Clé d’accès').fill(TOKEN);
      await section.getByRole('button', { name: 'Tester' }).click();
      await expect(section.getByText('Le serveur du bureau a répondu')).toBeVisible();
      await expect(section.getByRole('button', { name: 'Enregistrer et se connecter' })).toBeVisible();
    } finally {
      desktop.close();
    }
  });

  test('the banner for a server that can’t be reached reads in French', async ({ page, baseURL }) => {
    const gone = `http://127.0.0.1:${await freePort()}`;
    const desktop = await openDesktop(page, baseURL!, '#/units', { officeUrl: gone, key: TOKEN });
    try {
      const banner = page.locator('#office-banner');
      await expect(banner).toContainText(`Le serveur du bureau à ${gone} est injoignable. Nouvel essai en cours…`, { timeout: 15_000 });
      await expect(banner).toContainText('Rien n’a encore été lu sur ce serveur.');
      await expect(page.getByRole('banner').getByText('Serveur du bureau injoignable')).toBeVisible();
    } finally {
      desktop.close();
    }
  });
});
