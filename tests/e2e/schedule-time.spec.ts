/**
 * Settings → Nightly sync: the time reads in the console's language, not the
 * browser's ("02 h 00" on a French console in an English browser, "2:00 a.m."
 * on an English console in a French browser), and what is saved is "HH:MM".
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { Schedule } from '../../shared/types';
import { api, open, screenshot, settle } from './helpers';

/** The field's text as read, without the bidi isolates the browser puts around the digits. */
const shown = (field: Locator) => async () => ((await field.textContent()) ?? '').replace(/[\u2066-\u2069]/g, '');

async function consoleIn(page: Page, lng: 'fr' | 'en') {
  await page.addInitScript((l) => localStorage.setItem('condo-sync.language', l), lng);
  await open(page, '#/settings');
  await settle(page);
}

test.describe('a French console in an English browser', () => {
  test.use({ locale: 'en-US' });

  test('the nightly time reads 2 h 00, and 23 h 45 typed is saved as 23:45', async ({ page, request }) => {
    const before = await api<Schedule>(request, 'schedule.get');
    await api(request, 'schedule.set', { time: '02:00', timeZone: before.timeZone, reconcileDay: before.reconcileDay });
    try {
      await consoleIn(page, 'fr');
      const field = page.getByRole('group', { name: 'Heure' });
      await expect.poll(shown(field)).toMatch(/^0?2\s?h\s?00$/);
      await expect(field).not.toContainText(/AM|PM/i);
      await screenshot(page, 'fr-settings-schedule');
      await field.getByRole('spinbutton').first().click();
      await page.keyboard.type('2345');
      await expect.poll(shown(field)).toMatch(/^23\s?h\s?45$/);
      await page.getByRole('button', { name: 'Enregistrer l’horaire' }).click();
      await expect(page.getByText(/Enregistré\. Prochaine synchronisation nocturne/)).toBeVisible();
      expect((await api<Schedule>(request, 'schedule.get')).time).toBe('23:45');
    } finally {
      await api(request, 'schedule.set', { time: before.time, timeZone: before.timeZone, reconcileDay: before.reconcileDay });
    }
  });
});

test.describe('an English console in a French browser', () => {
  test.use({ locale: 'fr-CA' });

  test('the nightly time reads as the app writes times (2:00 a.m.), and 2:30 p.m. is saved as 14:30', async ({ page, request }) => {
    const before = await api<Schedule>(request, 'schedule.get');
    await api(request, 'schedule.set', { time: '02:00', timeZone: before.timeZone, reconcileDay: before.reconcileDay });
    try {
      await consoleIn(page, 'en');
      const field = page.getByRole('group', { name: 'Time' });
      await expect.poll(shown(field)).toMatch(/^0?2:00\s?a\.m\.$/);
      await field.getByRole('spinbutton').first().click();
      await page.keyboard.type('230p');
      await expect.poll(shown(field)).toMatch(/^0?2:30\s?p\.m\.$/);
      await page.getByRole('button', { name: 'Save schedule' }).click();
      await expect(page.getByText(/Saved\. Next nightly run/)).toBeVisible();
      await expect(page.getByText(/m\.\./)).toHaveCount(0); // one full stop after "p.m.", not two
      expect((await api<Schedule>(request, 'schedule.get')).time).toBe('14:30');
    } finally {
      await api(request, 'schedule.set', { time: before.time, timeZone: before.timeZone, reconcileDay: before.reconcileDay });
    }
  });
});
