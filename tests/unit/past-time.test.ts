// Issue 10: "Last sync: in a moment" right after a sync. A past event never reads as future.
import { beforeAll, describe, expect, it } from 'vitest';
import { pastReference } from '../../renderer/src/components/relative-time';
import { relativeTime } from '../../renderer/src/lib/format';
import { i18n } from '../../renderer/src/i18n';

describe('a past event never reads as future', () => {
  beforeAll(() => i18n.changeLanguage('en'));
  it('a finish time ahead of this computer\'s clock (engine clock skew) reads "just now"', () => {
    const now = Date.now();
    const ahead = new Date(now + 90_000).toISOString();
    const past = pastReference(ahead, now - 1_000);
    expect(relativeTime(past.iso, past.now)).toBe('just now');
    expect(relativeTime(ahead, now)).not.toBe('just now'); // what the raw formatter says: the future
  });

  it('a real past time keeps its distance', () => {
    const now = Date.now();
    const past = pastReference(new Date(now - 5 * 60_000).toISOString(), now);
    expect(relativeTime(past.iso, past.now)).toBe('5 min ago');
  });
});
