import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PauseState } from '@shared/types';
import { systemClock } from '../../electron/core/clock';
import { PauseControl, tomorrowMorning } from '../../electron/core/jobs/pause';
import { silentLogger } from '../../electron/core/log';
import { MemoryStore } from '../../electron/core/settings';

const HOUR = 3_600_000;

describe('pause and resume of background syncing (fake clock)', () => {
  let settings: MemoryStore;
  let controls: PauseControl[];
  const make = () => {
    const c = new PauseControl({ settings, clock: systemClock, log: silentLogger });
    controls.push(c);
    c.start();
    return c;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-30T13:00:00Z'));
    settings = new MemoryStore();
    controls = [];
  });
  afterEach(() => {
    for (const c of controls) c.stop();
    vi.useRealTimers();
  });

  it('a two-hour pause holds the nightly, catch-up, real-time and first runs, not a person’s own', () => {
    const pause = make();
    expect(pause.state()).toEqual({ paused: false });
    expect(pause.pause({ forMs: 2 * HOUR })).toEqual({ paused: true, since: '2026-11-30T13:00:00.000Z', until: '2026-11-30T15:00:00.000Z' });
    for (const t of ['schedule', 'catch-up', 'realtime', 'initial'] as const) expect(pause.holds(t)).toBe(true);
    for (const t of ['manual', 'tray', 'cli', 'balance'] as const) expect(pause.holds(t)).toBe(false);
  });

  it('ends by itself when the clock passes its end, and says so once', () => {
    const pause = make();
    const heard: PauseState[] = [];
    pause.onChange((s) => heard.push(s));
    pause.pause({ forMs: 2 * HOUR });
    vi.advanceTimersByTime(2 * HOUR - 1000);
    expect(pause.isPaused()).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(pause.isPaused()).toBe(false);
    expect(heard.map((s) => s.paused)).toEqual([true, false]);
    expect(settings.get('pause')).toBeNull();
  });

  it('a pause longer than the timer’s hourly re-arm still ends on time (until tomorrow 08:00)', () => {
    const pause = make();
    const until = tomorrowMorning(new Date(), 'America/Toronto');
    pause.pause({ until: until.toISOString() });
    vi.advanceTimersByTime(until.getTime() - Date.now() - 60_000);
    expect(pause.isPaused()).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(pause.isPaused()).toBe(false);
  });

  it('survives a restart; one that ended while the app was off is over at start', () => {
    make().pause({ forMs: 2 * HOUR });
    controls[0]!.stop();
    const again = make();
    expect(again.state()).toMatchObject({ paused: true, until: '2026-11-30T15:00:00.000Z' });
    again.stop();
    vi.setSystemTime(new Date('2026-11-30T16:00:00Z')); // the app was off past the end
    const later = make();
    expect(later.isPaused()).toBe(false);
    expect(settings.get('pause')).toBeNull();
  });

  it('"until I resume" lasts until resume(), across days; pausing again keeps when it began', () => {
    const pause = make();
    pause.pause();
    vi.advanceTimersByTime(3 * 24 * HOUR);
    expect(pause.state()).toEqual({ paused: true, since: '2026-11-30T13:00:00.000Z' });
    expect(pause.pause({ forMs: HOUR })).toMatchObject({ since: '2026-11-30T13:00:00.000Z', until: '2026-12-03T14:00:00.000Z' });
    expect(pause.resume()).toEqual({ paused: false });
    expect(pause.resume()).toEqual({ paused: false });
  });

  it('refuses an end that has passed or lies more than 30 days away, with a typed error', () => {
    const pause = make();
    expect(() => pause.pause({ until: '2026-11-30T12:59:00Z' })).toThrowError(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => pause.pause({ forMs: 31 * 24 * HOUR })).toThrowError(expect.objectContaining({ code: 'invalid_input' }));
    expect(pause.isPaused()).toBe(false);
  });
});

describe('"until tomorrow" is 08:00 of the next local day', () => {
  it('in Toronto, also on the night clocks fall back', () => {
    expect(tomorrowMorning(new Date('2026-11-30T18:00:00Z'), 'America/Toronto').toISOString()).toBe('2026-12-01T13:00:00.000Z');
    // 2026-11-01 02:00 EDT → 01:00 EST: 08:00 that morning is 13:00Z, not 12:00Z.
    expect(tomorrowMorning(new Date('2026-11-01T02:30:00Z'), 'America/Toronto').toISOString()).toBe('2026-11-01T13:00:00.000Z');
    // Just before local midnight, tomorrow is a few hours away.
    expect(tomorrowMorning(new Date('2026-12-01T04:59:00Z'), 'America/Toronto').toISOString()).toBe('2026-12-01T13:00:00.000Z');
  });

  it('in St. John’s (UTC−3:30) and Vancouver', () => {
    expect(tomorrowMorning(new Date('2026-11-30T18:00:00Z'), 'America/St_Johns').toISOString()).toBe('2026-12-01T11:30:00.000Z');
    expect(tomorrowMorning(new Date('2026-11-30T18:00:00Z'), 'America/Vancouver').toISOString()).toBe('2026-12-01T16:00:00.000Z');
  });
});
