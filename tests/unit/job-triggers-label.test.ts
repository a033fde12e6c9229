/** A job asked for more than once says every reason, in both languages (Sync Queue rows and the job page use this label). */
import { afterAll, describe, expect, it } from 'vitest';
import type { JobTrigger } from '../../shared/types';
import { i18n } from '../../renderer/src/i18n';
import { triggersLabel } from '../../renderer/src/lib/format';

const job = (...triggers: JobTrigger[]) => ({ trigger: triggers[0]!, triggers });

describe('triggersLabel', () => {
  afterAll(() => i18n.changeLanguage('en'));

  it('names a CLI request that joined a waiting nightly run, in English', async () => {
    await i18n.changeLanguage('en');
    expect(triggersLabel(job('schedule'))).toBe('Nightly');
    expect(triggersLabel(job('schedule', 'cli'))).toBe('Nightly · also asked for from the command line');
    expect(triggersLabel(job('catch-up', 'manual', 'cli'))).toBe('Catch-up · also asked for by hand and from the command line');
  });

  it('names every reason in Quebec French', async () => {
    await i18n.changeLanguage('fr');
    expect(triggersLabel(job('schedule', 'cli'))).toBe('Nocturne · aussi demandée depuis la ligne de commande');
    expect(triggersLabel(job('schedule', 'tray', 'balance'))).toBe(
      'Nocturne · aussi demandée depuis le menu de la barre d’état et par « Obtenir le solde du compte »',
    );
  });

  it('reads older jobs that only have `trigger`, and shows a repeated reason once', async () => {
    await i18n.changeLanguage('en');
    expect(triggersLabel({ trigger: 'manual' })).toBe('Manual');
    expect(triggersLabel({ trigger: 'manual', triggers: [] })).toBe('Manual');
    expect(triggersLabel(job('schedule', 'cli', 'cli'))).toBe('Nightly · also asked for from the command line');
  });
});
