import { AppError } from '@shared/errors';
import type { JobTrigger, PauseState } from '@shared/types';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { SettingsStore } from '../settings';

export { tomorrowMorning } from '@shared/pause-time';

/**
 * Runs nobody asked for at that moment: while syncing is paused they wait in
 * the queue. A person's own request (Start New Sync, Sync now, the CLI, Get
 * Account Balance) still runs: pausing is for the background, and refusing a
 * deliberate click would only teach people to resume and forget to pause again.
 */
export const HELD_TRIGGERS: ReadonlySet<JobTrigger> = new Set<JobTrigger>(['schedule', 'catch-up', 'realtime', 'initial']);

/** Longest pause with an end: 30 days (ms). Longer means "until I resume". */
export const MAX_PAUSE_MS = 30 * 24 * 3_600_000;

interface Stored {
  since: string;
  until?: string;
}

/** Timers are re-armed at least this often, so a changed wall clock is noticed. */
const MAX_TIMER_MS = 60 * 60_000;

/**
 * Pause and resume of background syncing, kept in Settings so it survives a
 * restart. A pause with an end resumes by itself when the clock passes it
 * (also after a restart or sleep past that time). Listeners hear every change.
 */
export class PauseControl {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<(state: PauseState) => void>();
  private running = false;
  /** The state listeners heard last, so a reload tells them only of a change. */
  private told: string | undefined;

  constructor(private readonly o: { settings: SettingsStore; clock: Clock; log: Logger }) {}

  private stored(): Stored | undefined {
    const raw = this.o.settings.get('pause') as Stored | null | undefined;
    if (!raw || typeof raw.since !== 'string') return undefined;
    return raw;
  }

  /** `{ paused: false }`, or since when and until when (absent: until someone resumes). */
  state(): PauseState {
    const s = this.stored();
    if (!s) return { paused: false };
    if (s.until && Date.parse(s.until) <= this.o.clock.now().getTime()) return { paused: false };
    return { paused: true, since: s.since, ...(s.until ? { until: s.until } : {}) };
  }

  isPaused(): boolean {
    return this.state().paused;
  }

  /** Whether a job started this way waits while paused. */
  holds(trigger: JobTrigger): boolean {
    return HELD_TRIGGERS.has(trigger) && this.isPaused();
  }

  /**
   * Pauses background syncing until an instant, for a duration (ms), or with
   * neither until `resume()`. Pausing again replaces the end. Throws
   * `invalid_input` for an end in the past or more than 30 days away.
   */
  pause(input: { until?: string; forMs?: number } = {}): PauseState {
    const now = this.o.clock.now();
    let until: Date | undefined;
    if (input.until !== undefined) until = new Date(input.until);
    else if (input.forMs !== undefined) until = new Date(now.getTime() + input.forMs);
    if (until) {
      if (Number.isNaN(until.getTime())) throw new AppError('invalid_input', 'The end of the pause is not a date and time.', { fields: [{ field: 'until', message: 'must be a date and time' }] });
      if (until.getTime() <= now.getTime()) {
        throw new AppError('invalid_input', 'The end of the pause has already passed. Choose a later time.', { fields: [{ field: 'until', message: 'must be in the future' }] });
      }
      if (until.getTime() - now.getTime() > MAX_PAUSE_MS) {
        throw new AppError('invalid_input', 'A pause with an end can last at most 30 days. Pause until you resume instead.', { fields: [{ field: 'until', message: 'must be within 30 days' }] });
      }
    }
    const was = this.state();
    const since = was.paused && was.since ? was.since : now.toISOString();
    this.o.settings.set('pause', { since, ...(until ? { until: until.toISOString() } : {}) } satisfies Stored);
    this.o.log.info('syncing paused', { until: until?.toISOString() ?? 'until resumed' });
    this.changed();
    return this.state();
  }

  /** Resumes background syncing; runs that waited start now. Resuming when not paused is harmless. */
  resume(): PauseState {
    const was = this.stored();
    this.o.settings.set('pause', null);
    if (was) this.o.log.info('syncing resumed');
    this.changed();
    return this.state();
  }

  onChange(listener: (state: PauseState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The stored pause was changed by someone else (another engine sharing the
   * database): listeners hear the new state if it differs from the last they
   * heard, and the timer follows the new end.
   */
  reload(): void {
    if (JSON.stringify(this.state()) !== this.told) this.emit();
    if (this.running) this.arm();
  }

  /** Arms the timer that ends a timed pause; a pause that ended while the app was off is cleared now. */
  start(): void {
    this.running = true;
    this.told ??= JSON.stringify(this.state());
    this.expireIfDue();
    this.arm();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** After sleep or a clock change: a pause that has ended by now ends at once. */
  check(): void {
    this.expireIfDue();
    this.arm();
  }

  private expireIfDue(): void {
    const s = this.stored();
    if (s?.until && Date.parse(s.until) <= this.o.clock.now().getTime()) {
      this.o.settings.set('pause', null);
      this.o.log.info('syncing resumed: the pause ended', { until: s.until });
      this.emit();
    }
  }

  private changed(): void {
    this.emit();
    if (this.running) this.arm();
  }

  private emit(): void {
    const state = this.state();
    this.told = JSON.stringify(state);
    for (const l of this.listeners) l(state);
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const until = this.stored()?.until;
    if (!until || !this.running) return;
    const wait = Math.max(0, Date.parse(until) - this.o.clock.now().getTime());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.check();
    }, Math.min(wait, MAX_TIMER_MS));
    this.timer.unref?.();
  }
}
