import { describe, expect, it } from 'vitest';
import { localDate } from '../../shared/local-date';

// Condo Manager dates a new tenant's start and move-in, and a person's end, in
// the building's zone. With the UTC date instead, a tenant added at 21:24 in
// Toronto moved in "tomorrow", and the sync flagged them as not moved in yet.
describe("the sandbox's Condo Manager dates people in the corporation's zone", () => {
  it('an evening in Toronto is still that day there, though UTC has turned the day', () => {
    expect(localDate('2026-12-01T02:24:00Z', 'America/Toronto')).toBe('2026-11-30');
    expect(localDate('2026-12-01T05:00:00Z', 'America/Toronto')).toBe('2026-12-01');
    expect(localDate(Date.parse('2026-07-01T03:59:00Z'), 'America/Toronto')).toBe('2026-06-30'); // EDT, UTC−4
    expect(localDate('2026-12-01T07:30:00Z', 'America/Vancouver')).toBe('2026-11-30');
    expect(localDate('2026-12-01T03:00:00Z', 'America/St_Johns')).toBe('2026-11-30'); // UTC−3:30
  });

  it('an unknown zone is read as Toronto, not refused', () => {
    expect(localDate('2026-12-01T02:24:00Z', 'Mars/Olympus')).toBe('2026-11-30');
  });
});
