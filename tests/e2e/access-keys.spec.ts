/**
 * People and roles in the console: an administrator creates a key (shown
 * once), sees it listed and revokes it after confirming, in English and in
 * Quebec French; a support session cannot start a sync and says why; the
 * Sync Queue names the person who started a sync.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { expect, test } from '@playwright/test';
import { parseCsv } from '../helpers/parse-csv';
import { englishLeft } from './i18n-walk';
import { api, open, screenshot, seriousViolations, settle, waitForUnitFile } from './helpers';

test('Access keys: create one (shown once), list it, revoke it after confirming; the audit log shows both', async ({ page }) => {
  await open(page, '#/settings');
  await page.getByRole('link', { name: 'Manage access keys' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Access keys' })).toBeVisible();

  await page.getByRole('textbox', { name: 'Name' }).fill('Zoë O’Brien (front desk)');
  await page.getByRole('button', { name: /\bRole\b/ }).click();
  await page.getByRole('option', { name: 'Support' }).click();
  await expect(page.getByText('Read-only, plus Get Account Balance.')).toBeVisible();
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByText('Copy this key now: it will not be shown again.')).toBeVisible();
  await expect(page.getByTestId('new-key')).toHaveText(/^csk_[A-Za-z0-9_-]{43}$/);
  await page.getByRole('button', { name: 'I have copied it' }).click();
  await expect(page.getByTestId('new-key')).toHaveCount(0);

  const keys = page.getByRole('table', { name: 'Access keys in use' });
  // Its times are this computer's clock, as the audit log's are: the headings name the zone.
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  await expect(keys.getByRole('columnheader', { name: `Created (${zone})` })).toBeVisible();
  await expect(keys.getByRole('columnheader', { name: `Last used (${zone})` })).toBeVisible();
  const row = keys.getByRole('row', { name: /Zoë O’Brien \(front desk\)/ });
  await expect(row.getByRole('cell', { name: 'Support', exact: true })).toBeVisible();
  await expect(row.getByRole('cell', { name: 'Never' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'en-access-keys');

  await row.getByRole('button', { name: 'Revoke Zoë O’Brien (front desk)' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Revoke Zoë O’Brien (front desk)’s key?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep key' }).click();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Revoke Zoë O’Brien (front desk)' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke key' }).click();
  await expect(page.getByText('Zoë O’Brien (front desk)’s key was revoked.')).toBeVisible();
  await expect(keys.getByRole('row', { name: /Zoë O’Brien \(front desk\)/ })).toHaveCount(0);

  const audit = page.getByRole('table', { name: 'Audit log, newest first' });
  // The times are this computer's clock: the column names the zone (the browser's, here the machine's).
  await expect(audit.getByRole('columnheader').first()).toHaveText(`When (${zone})`);
  // Actions and details in words, not the engine's method and field names.
  await expect(audit.getByRole('row').nth(1)).toContainText('Revoke an access key');
  await expect(audit.getByRole('row').nth(1)).toContainText('Key name: Zoë O’Brien (front desk)');
  await expect(audit.getByRole('row').nth(2)).toContainText('Create an access key');
  await expect(audit.getByRole('row').nth(2)).toContainText('Role: Support');
  await expect(audit).not.toContainText('keys.');
  await expect(audit.getByRole('row').nth(1)).toContainText(`Console access token of ${hostname()} · Administrator`); // the engine's computer: this one, on SQLite
});

test.describe('in Quebec French', () => {
  test.use({ locale: 'fr-CA' });

  test('Clés d’accès: the page, the form, the list and the audit log in French, nothing left in English', async ({ page, request }) => {
    await api(request, 'keys.create', { name: 'Amélie (réception)', role: 'property_manager' });
    await open(page, '#/settings/access');
    await expect(page.getByRole('heading', { level: 1, name: 'Clés d’accès' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Nouvelle clé d’accès' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Journal d’audit' })).toBeVisible();
    const row = page.getByRole('table', { name: 'Clés d’accès en usage' }).getByRole('row', { name: /Amélie \(réception\)/ });
    await expect(row.getByRole('cell', { name: 'Gestionnaire immobilier' })).toBeVisible();
    await expect(row.getByRole('button', { name: 'Révoquer Amélie (réception)' })).toBeVisible();
    const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    await expect(page.getByRole('columnheader', { name: `Créée (${zone})` })).toBeVisible();
    const audit = page.getByRole('table', { name: 'Journal d’audit, du plus récent au plus ancien' });
    const created = audit.getByRole('row').filter({ hasText: 'Créer une clé d’accès' }).first();
    await expect(created).toContainText('Nom de la clé : Amélie (réception)');
    await expect(created).toContainText('Rôle : Gestionnaire immobilier');
    await expect(created).toContainText(`Jeton d’accès de la console de ${hostname()} · Administrateur`);
    await expect(created).toContainText('Fait');
    await expect(page.getByRole('button', { name: 'Exporter en CSV' })).toBeEnabled();
    await settle(page);
    expect(await englishLeft(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'fr-access-keys');

    // The file says what the screen says, in French.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter en CSV' }).click()]);
    expect(dl.suggestedFilename()).toMatch(/^journal-d-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const { bom, rows } = parseCsv(readFileSync((await dl.path())!).toString('utf8'));
    expect(bom).toBe(true);
    expect(rows[0]).toEqual(['Quand (UTC)', 'Qui', 'Rôle', 'Action', 'Détails', 'Résultat', 'Erreur']);
    expect(rows).toContainEqual([expect.any(String), `Jeton d’accès de la console de ${hostname()}`, 'Administrateur', 'Créer une clé d’accès', expect.stringMatching(/Nom de la clé : Amélie \(réception\)/), 'Fait', '']);
  });

  test('a support session in French says why Lancer une nouvelle synchronisation is unavailable', async ({ page, request }) => {
    const key = await api<{ key: string }>(request, 'keys.create', { name: 'Soutien – Hélène', role: 'support' });
    await page.goto(`/?token=${encodeURIComponent(key.key)}#/`);
    await expect(page.getByRole('button', { name: 'Lancer une nouvelle synchronisation' })).toBeDisabled();
    await expect(page.getByText('Le soutien peut consulter les soldes, mais ne peut pas lancer de synchronisation.', { exact: false }).first()).toBeVisible();
  });
});

test('a support session: Start New Sync is unavailable with the reason, and the engine refuses it too', async ({ page, request }) => {
  const support = await api<{ key: string }>(request, 'keys.create', { name: 'Front desk (support)', role: 'support' });
  await page.goto(`/?token=${encodeURIComponent(support.key)}#/`);
  await expect(page.getByRole('banner')).toBeVisible();
  const start = page.getByRole('button', { name: 'Start New Sync' });
  await expect(start).toBeDisabled();
  const reason = 'Support can look up balances but cannot start a sync. Ask a property manager or an administrator.';
  await expect(start).toHaveAccessibleDescription(reason);
  await expect(page.getByText(reason).first()).toBeVisible();
  // Reading still works: the Unit File fills, and its Actions menu keeps the exports, without the sync.
  await page.goto('/#/units');
  await waitForUnitFile(page);
  await page.getByRole('button', { name: 'Actions' }).click();
  await expect(page.getByRole('menuitem', { name: 'Update From Condo Manager' })).toBeDisabled();
  await expect(page.getByRole('menuitem', { name: 'Export the Unit File (CSV for Excel)' })).toBeEnabled();
  await page.keyboard.press('Escape');

  await page.goto('/#/queue');
  await expect(page.getByRole('button', { name: 'Update From Condo Manager' })).toBeDisabled();
  await expect(page.getByText(reason).first()).toBeVisible();
  await page.goto('/#/settings');
  await expect(page.getByText('Signed in as Front desk (support) · Support')).toBeVisible();
  await expect(page.getByText('Support can look at the settings but cannot change them. Ask an administrator.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Manage access keys' })).toHaveCount(0);
  // The console stays signed in: the role's refusal is not a lost session.
  await expect(page.getByText('This window is no longer signed in')).toHaveCount(0);
  await screenshot(page, 'en-support-settings');

  const refused = await request.post('/api/sync.start', { headers: { authorization: `Bearer ${support.key}` }, data: { kind: 'residents' } });
  expect(refused.status()).toBe(403);
});

test('the Sync Queue says who started a sync: "Started by Marie (front desk)"', async ({ page, request }) => {
  const manager = await api<{ key: string }>(request, 'keys.create', { name: 'Marie (front desk)', role: 'property_manager' });
  const job = await api<{ id: string }>(request, 'sync.start', { kind: 'residents', dryRun: true }, manager.key);
  await open(page, '#/queue');
  const row = page.getByRole('row').filter({ has: page.locator(`a[href="#/queue/${job.id}"]`) });
  await expect(row.getByText('Started by Marie (front desk)')).toBeVisible();
  // On the job's page the fact is labelled "Started by": the value names the person once.
  await open(page, `#/queue/${job.id}`);
  const fact = page.locator('.facts > div').filter({ has: page.locator('dt', { hasText: 'Started by' }) });
  await expect(fact.locator('dd')).toHaveText('Marie (front desk)');
});
