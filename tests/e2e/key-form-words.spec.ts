/**
 * Settings → Access keys in French: what is wrong with a name is said in
 * French, under the field (the contract's own words were shown in English,
 * and a name already in use read "something changed meanwhile").
 */
import { expect, test } from '@playwright/test';
import { api, open } from './helpers';

test.use({ locale: 'fr-CA' });

test('the new-key form says what is wrong with the name in French', async ({ page, request }) => {
  const taken = `Réception d’Hélène ${Date.now()}`;
  await api(request, 'keys.create', { name: taken, role: 'support' });
  await open(page, '#/settings/access');
  const name = page.getByRole('textbox', { name: 'Nom' });
  const create = page.getByRole('button', { name: 'Créer la clé' });
  const form = page.locator('form').filter({ has: create });

  for (const [value, said] of [
    ['   ', 'Ce champ est obligatoire.'],
    ['x'.repeat(81), 'C’est trop long.'],
    ['@admin', 'Ne doit pas commencer par @'],
    ['Réception\tsoir', 'Écrivez-le sur une seule ligne'],
    [taken.toUpperCase(), 'Une clé en usage porte déjà ce nom.'],
  ] as const) {
    await name.fill(value);
    await create.click();
    await expect(form).toContainText(said);
    await expect(form).not.toContainText(/must|is too long|Quelque chose a changé/i);
  }
});
