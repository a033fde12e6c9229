/** The one formatting module, in both languages: money, counts, times, durations. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { i18n } from '../../renderer/src/i18n';
import { count, duration, money, relativeTime, timeOfDay, upcomingTime } from '../../renderer/src/lib/format';

const NOW = Date.parse('2026-11-30T15:00:00Z');

describe('format in Canadian English', () => {
  beforeAll(() => i18n.changeLanguage('en'));

  it('writes money and counts with thousands separators', () => {
    expect(money(123456)).toBe('$1,234.56');
    expect(money(-5000)).toBe('\u2212$50.00');
    expect(count(16605)).toBe('16,605');
  });

  it('says recent times relative to now and plural counts inside sentences', () => {
    expect(relativeTime(new Date(NOW - 120_000).toISOString(), NOW)).toBe('2 min ago');
    expect(duration(130_000)).toBe('2 min 10 s');
    expect(i18n.t('shell.navBadge.attention', { count: 16605 })).toBe('16,605 needing attention');
  });
});

describe('format in Quebec French', () => {
  beforeAll(() => i18n.changeLanguage('fr'));
  afterAll(() => i18n.changeLanguage('en'));

  it('writes money as "1 234,56 $" and counts with a space', () => {
    expect(money(123456).replace(/\s/g, ' ')).toBe('1 234,56 $');
    expect(count(16605).replace(/\s/g, ' ')).toBe('16 605');
  });

  it('says times the Quebec way', () => {
    expect(relativeTime(new Date(NOW - 120_000).toISOString(), NOW)).toBe('il y a 2 min');
    expect(timeOfDay('2026-11-30T07:05:00Z', 'America/Toronto')).toBe('2 h 05');
    // 2 a.m. is the coming night, 9 p.m. the evening, 2 p.m. tomorrow the next day (Toronto, UTC−5).
    expect(upcomingTime('2026-12-01T07:00:00Z', NOW, 'America/Toronto')).toBe('cette nuit à 2 h 00');
    expect(upcomingTime('2026-12-01T02:00:00Z', NOW, 'America/Toronto')).toBe('ce soir à 21 h 00');
    expect(upcomingTime('2026-12-01T19:00:00Z', NOW, 'America/Toronto')).toBe('demain à 14 h 00');
    expect(i18n.t('shell.navBadge.attention', { count: 16605 }).replace(/\s/g, ' ')).toBe('16 605 à vérifier');
  });

  it('never shows a raw key for large plurals (French "many")', () => {
    expect(i18n.t('shell.navBadge.active', { count: 1_000_000 })).not.toContain('navBadge');
  });
});
