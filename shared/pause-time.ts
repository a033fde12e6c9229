/** Pure time arithmetic for pausing, shared by the core, the tray and the console. */

/**
 * "Until tomorrow": 08:00 of the next local day in a time zone, as an instant.
 * Found by stepping through the day's hours, so it is right across daylight
 * saving changes without a date library.
 */
export function tomorrowMorning(now: Date, timeZone: string, hour = 8): Date {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const parts = (d: Date) => Object.fromEntries(fmt.formatToParts(d).map((p) => [p.type, p.value]));
  const day = (p: Record<string, string>) => `${p.year}-${p.month}-${p.day}`;
  const today = day(parts(now));
  // Walk forward in quarter hours (Newfoundland is UTC−3:30) to HH:00 on the next local day.
  const STEP = 15 * 60_000;
  let probe = new Date(now.getTime() - (now.getTime() % STEP) + STEP);
  for (let i = 0; i < 4 * 60; i++, probe = new Date(probe.getTime() + STEP)) {
    const p = parts(probe);
    if (day(p) !== today && Number(p.hour) === hour && p.minute === '00') return probe;
  }
  return new Date(now.getTime() + 24 * 3_600_000);
}
