/** Settings → Connections names the computer whose environment holds the secrets: this one on the desktop, the engine's for a browser console. */
import { afterAll, describe, expect, it } from 'vitest';
import { i18n } from '../../renderer/src/i18n';
import { secretStorageLine } from '../../renderer/src/lib/secret-storage';

describe('where the secrets are kept, as Settings → Connections says it', () => {
  afterAll(() => i18n.changeLanguage('en'));

  it('a browser console (or a desktop on an office server) names the engine’s computer, never “this computer”', async () => {
    for (const lng of ['en', 'fr-CA']) {
      await i18n.changeLanguage(lng);
      for (const kind of ['environment', 'plain-file', 'encrypted', 'memory'] as const) {
        const browser = secretStorageLine({ adapter: 'http', secretStorage: kind });
        const office = secretStorageLine({ adapter: 'electron', secretStorage: kind, office: { url: 'https://office.example:4780' } });
        expect(browser).toBe(office);
        expect(browser).not.toMatch(/this computer|cet ordinateur/);
      }
    }
    await i18n.changeLanguage('en');
    expect(secretStorageLine({ adapter: 'http', secretStorage: 'environment' })).toContain("environment variables (CONDO_…) of the computer that runs Condo Sync's engine");
    await i18n.changeLanguage('fr-CA');
    expect(secretStorageLine({ adapter: 'http', secretStorage: 'environment' })).toContain('variables d’environnement (CONDO_…) de l’ordinateur où tourne le moteur');
  });

  it('the desktop console keeps saying this computer', async () => {
    await i18n.changeLanguage('en');
    expect(secretStorageLine({ adapter: 'electron', secretStorage: 'environment' })).toContain("this computer's environment variables");
    await i18n.changeLanguage('fr-CA');
    expect(secretStorageLine({ adapter: 'electron', secretStorage: 'encrypted' })).toContain('trousseau de cet ordinateur');
  });
});
