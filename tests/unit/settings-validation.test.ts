/** Settings → History kept: the rule said in words, before sending and at the contract. */
import { afterAll, describe, expect, it } from 'vitest';
import { describeZodError, inputs } from '@shared/contract';
import { i18n } from '../../renderer/src/i18n';
import { retentionProblems } from '../../renderer/src/pages/retention-rules';

describe('retention settings', () => {
  afterAll(() => i18n.changeLanguage('en'));

  it('say the range the rule allows, with thousands separators', async () => {
    await i18n.changeLanguage('en');
    expect(retentionProblems('0', '30')).toEqual({ 'retention.historyDays': 'Enter a number of days from 1 to 3,650.' });
    expect(retentionProblems('90', 'ten')).toEqual({ 'retention.recordEventsDays': 'Enter a number of days from 1 to 3,650.' });
    await i18n.changeLanguage('fr');
    expect(retentionProblems('4000', '30')['retention.historyDays']?.replace(/\s/g, ' ')).toBe('Entrez un nombre de jours de 1 à 3 650.');
  });

  it('refuse record detail kept longer than the syncs it belongs to, and accept the edge', async () => {
    await i18n.changeLanguage('en');
    expect(retentionProblems('30', '90')['retention.recordEventsDays']).toMatch(/no longer than the syncs \(30 days\)/);
    expect(retentionProblems('30', '30')).toEqual({});
  });

  it('are enforced by the contract too, so no other client can save a history that orphans its detail', () => {
    const bad = inputs['settings.set'].safeParse({ retention: { historyDays: 30, recordEventsDays: 90 } });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(describeZodError(bad.error).map((f) => f.field)).toEqual(['retention.recordEventsDays']);
    expect(inputs['settings.set'].safeParse({ retention: { historyDays: 90, recordEventsDays: 30 } }).success).toBe(true);
  });
});
