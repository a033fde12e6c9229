/** Who started a job, as the Sync Queue and the job page say it, in both languages: a person, this computer's tray, the token, or the triggers. */
import { afterAll, describe, expect, it } from 'vitest';
import { STARTED_BY } from '../../shared/access';
import type { JobTrigger } from '../../shared/types';
import { i18n } from '../../renderer/src/i18n';
import { starterLine, starterName } from '../../renderer/src/lib/starter';

const job = (startedBy: string | undefined, ...triggers: JobTrigger[]) => ({ startedBy, trigger: triggers[0]!, triggers });

describe('who started a job', () => {
  afterAll(() => i18n.changeLanguage('en'));

  it('says a person, this computer’s tray, this computer or the token, in English', async () => {
    await i18n.changeLanguage('en');
    expect(starterLine(job('Marie (front desk)', 'manual'))).toBe('Started by Marie (front desk)');
    expect(starterName(job('Marie (front desk)', 'manual'))).toBe('Marie (front desk)');
    expect(starterLine(job(STARTED_BY.local, 'tray'))).toBe('Started from this computer’s tray menu');
    expect(starterName(job(STARTED_BY.local, 'tray'))).toBe('This computer’s tray menu');
    expect(starterLine(job(STARTED_BY.local, 'manual'))).toBe('Started on this computer');
    // The token names nobody: the line says how it was used (Start New Sync in a browser console is by hand).
    expect(starterLine(job(STARTED_BY.token, 'manual'))).toBe('Started by hand with the console’s access token');
    expect(starterName(job(STARTED_BY.token, 'manual'))).toBe('The console’s access token, by hand');
    expect(starterLine(job(STARTED_BY.token, 'cli'))).toBe('Started from the command line');
    // The token never poses as this computer's tray.
    expect(starterLine(job(STARTED_BY.token, 'tray'))).toBe('Started from the tray menu with the console’s access token');
  });

  it('leaves a nightly run, or one others joined, to its triggers; nobody recorded, nothing said', async () => {
    await i18n.changeLanguage('en');
    expect(starterLine(job(STARTED_BY.token, 'schedule', 'cli'))).toBeUndefined();
    expect(starterLine(job(STARTED_BY.local, 'manual', 'tray'))).toBeUndefined();
    expect(starterName(job(undefined, 'schedule'))).toBeUndefined();
  });

  it('says the same in Quebec French', async () => {
    await i18n.changeLanguage('fr');
    expect(starterLine(job(STARTED_BY.local, 'tray'))).toBe('Lancée depuis le menu de la barre d’état de cet ordinateur');
    expect(starterName(job(STARTED_BY.token, 'manual'))).toBe('Le jeton d’accès de la console, manuellement');
    expect(starterLine(job(STARTED_BY.token, 'manual'))).toBe('Lancée manuellement avec le jeton d’accès de la console');
    expect(starterLine(job('Amélie (réception)', 'manual'))).toBe('Lancée par Amélie (réception)');
  });
});
