/**
 * Settings → Groups for a building: a building's own groups are saved with
 * its name in the message and kept by the engine; "Default" in both fields
 * puts it back on the default groups.
 */
import { expect, test } from '@playwright/test';
import type { Corporation, Settings } from '../../shared/types';
import { api, idle, open, settle } from './helpers';

test.use({ locale: 'en-CA' });

test("a building's own groups are saved under its name, and Default in both puts it back on the defaults", async ({ page, request }) => {
  await idle(request);
  const [corp] = await api<Corporation[]>(request, 'corporations.list');
  const defaults = (await api<Settings>(request, 'settings.get')).groups;
  const groupsOf = async () => (await api<Corporation[]>(request, 'corporations.list')).find((c) => c.id === corp!.id)!.groups;

  await open(page, '#/settings');
  await settle(page);
  const card = page.locator('section', { has: page.getByRole('heading', { name: `Groups for ${corp!.code}` }) });
  const save = card.getByRole('button', { name: `Save ${corp!.code}` });

  await card.getByRole('button', { name: /Owners join/ }).click();
  await page.getByRole('option', { name: 'Board Members' }).click();
  await save.click();
  await expect(card.getByText(`${corp!.code}'s groups saved. The next sync moves its residents into them.`)).toBeVisible();
  expect(await groupsOf()).toEqual({ owners: 'Board Members', tenants: defaults.tenants });

  // Once the building has groups of its own, both fields hold its names: both go back to Default.
  await card.getByRole('button', { name: /Owners join/ }).click();
  await page.getByRole('option', { name: `Default (${defaults.owners})` }).click();
  await card.getByRole('button', { name: /Tenants join/ }).click();
  await page.getByRole('option', { name: `Default (${defaults.tenants})` }).click();
  await save.click();
  await expect(card.getByText(`${corp!.code} uses the default groups.`)).toBeVisible();
  expect(await groupsOf()).toBeUndefined();
});
