import { Cron } from 'croner';
import type { Schedule, Weekday } from '@shared/types';
import type { Clock } from '../clock';
import type { Executor } from '../db/kysely';
import { ScheduleRunRepository } from '../db/repositories/schedule-runs';
import type { Logger } from '../log';
import type { SettingsStore } from '../settings';
import type { JobRequest } from './queue';

export interface ScheduleConfig {
  time: string;
  timeZone: string;
  reconcileDay: Weekday;
}

export const defaultSchedule: ScheduleConfig = { time: '02:00', timeZone: 'America/Toronto', reconcileDay: 'sunday' };

/** A run that starts this late is labelled a catch-up. */
const LATE_MS = 10 * 60_000;
/** Timers are re-armed at least this often, so a changed wall clock is noticed. */
const MAX_TIMER_MS = 60 * 60_000;

/** The local calendar date and weekday of an instant in a time zone. */
function localDay(at: Date, timeZone: string): { date: string; weekday: Weekday } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'long' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, weekday: get('weekday').toLowerCase() as Weekday };
}

/**
 * The nightly run: at the configured local time (croner, with the time zone),
 * one run per local day however the clocks change, a weekly full reconcile,
 * and one catch-up when the machine slept through a run.
 */
export class Scheduler {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly runs: ScheduleRunRepository;
  /** Fires run one after another, so two wake-up notices cannot both claim one day. */
  private firing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly o: {
      db: Executor;
      clock: Clock;
      settings: SettingsStore;
      log: Logger;
      enqueue(req: JobRequest): Promise<{ id: string }>;
    },
  ) {
    this.runs = new ScheduleRunRepository(o.db);
  }

  config(): ScheduleConfig {
    return { ...defaultSchedule, ...(this.o.settings.get('schedule') as Partial<ScheduleConfig> | undefined) };
  }

  private cron(cfg = this.config()): Cron {
    const [h, m] = cfg.time.split(':').map(Number);
    return new Cron(`${m} ${h} * * *`, { timezone: cfg.timeZone, paused: true });
  }

  describe(): Schedule {
    const cfg = this.config();
    const runs = this.cron(cfg).nextRuns(7, this.o.clock.now());
    return { ...cfg, nextRunAt: runs[0]!.toISOString(), nextRuns: runs.map((d) => d.toISOString()) };
  }

  set(patch: Partial<ScheduleConfig>): Schedule {
    this.o.settings.set('schedule', { ...this.config(), ...patch });
    this.o.log.info('schedule changed', { ...this.config() });
    if (this.timer) this.arm();
    return this.describe();
  }

  /** The schedule was changed by someone else (another engine sharing the database): the timer follows it. */
  reschedule(): void {
    if (this.timer) this.arm();
  }

  /** Arms the nightly timer; resolves once a missed run (if any) is queued. */
  async start(): Promise<void> {
    if (!this.o.settings.get('scheduleSince')) this.o.settings.set('scheduleSince', this.o.clock.now().toISOString());
    this.arm();
    await this.catchUp('start');
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** After sleep (powerMonitor, or the host's wall-clock jump detector). */
  async resumed(): Promise<void> {
    this.arm();
    await this.catchUp('resume');
  }

  /** Queues one run for the most recent slot if it was missed, however many were. */
  async catchUp(reason: 'start' | 'resume'): Promise<void> {
    const now = this.o.clock.now();
    const since = new Date((this.o.settings.get('scheduleSince') as string | undefined) ?? now.toISOString());
    const last = this.cron().previousRuns(1, now)[0];
    if (!last || last < since) return;
    if (await this.fire(last, 'catch-up')) this.o.log.info('queued a catch-up run for a missed nightly sync', { reason });
  }

  private arm(): void {
    this.stop();
    const next = this.cron().nextRun(this.o.clock.now());
    if (!next) return;
    const wait = Math.max(0, next.getTime() - this.o.clock.now().getTime());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const now = this.o.clock.now();
      if (now.getTime() >= next.getTime()) {
        // A full disk must not end the process; the day stays unclaimed, so the next start or wake catches up.
        this.fire(next, now.getTime() - next.getTime() > LATE_MS ? 'catch-up' : 'schedule').catch((err: unknown) =>
          this.o.log.error('scheduled run could not be queued', { error: err instanceof Error ? err.message : String(err) }),
        );
      }
      this.arm();
    }, Math.min(wait, MAX_TIMER_MS));
    this.timer.unref?.();
  }

  /** One run per local day: the slot's local date is the key, claimed once. */
  private fire(slot: Date, trigger: 'schedule' | 'catch-up'): Promise<boolean> {
    const run = this.firing.then(async () => {
      const cfg = this.config();
      const day = localDay(slot, cfg.timeZone);
      // Taken before the run is queued: engines sharing one database each run
      // this scheduler, and only the one that takes the day queues its run.
      if (!(await this.runs.take(day.date, this.o.clock.now().toISOString()))) return false;
      const kind = day.weekday === cfg.reconcileDay ? 'reconcile' : 'residents';
      let job: { id: string };
      try {
        job = await this.o.enqueue({ kind, trigger, dryRun: false });
      } catch (err) {
        await this.runs.untake(day.date).catch(() => undefined);
        throw err;
      }
      await this.runs.claim(day.date, job.id, this.o.clock.now().toISOString());
      this.o.log.info('scheduled run queued', { slot: slot.toISOString(), kind, trigger });
      return true;
    });
    this.firing = run.catch(() => undefined);
    return run;
  }
}

