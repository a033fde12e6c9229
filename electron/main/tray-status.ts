/**
 * The tray as a status light, without Electron: which status the app is in,
 * the table from status to image and tooltip, and the menu as data. The
 * Electron class in tray.ts only turns these into a Tray and a Menu.
 */
import type { Job, PauseState } from '@shared/types';
import { ago, clockTime, fill, type DesktopText } from './desktop-text';

export type TrayStatus = 'idle' | 'syncing' | 'attention' | 'failed' | 'paused';
export const TRAY_STATUSES: readonly TrayStatus[] = ['idle', 'syncing', 'attention', 'failed', 'paused'];

export interface TrayFacts {
  /** The resident sync running now, if any. */
  running?: Job;
  /** The last resident sync that finished (not a preview). */
  lastFinished?: Job;
  /** People in the Unit File marked "Needs attention" now. */
  attention: number;
  pause: PauseState;
}

export interface TrayState {
  status: TrayStatus;
  /** Whole percent of the running sync, when its total is known. */
  pct?: number;
}

/**
 * The header's rule, in the same order: a running sync shows (even while
 * paused, as a person started it), then a pause, then the last run's end.
 */
export function trayState(f: TrayFacts): TrayState {
  if (f.running) {
    const { done, total } = f.running.progress;
    return { status: 'syncing', ...(total > 0 ? { pct: Math.min(100, Math.floor((done / total) * 100)) } : {}) };
  }
  if (f.pause.paused) return { status: 'paused' };
  if (f.lastFinished?.status === 'failed') return { status: 'failed' };
  if (f.attention > 0 || f.lastFinished?.status === 'partial' || f.lastFinished?.status === 'interrupted') return { status: 'attention' };
  return { status: 'idle' };
}

export interface TrayLook {
  /** Relative to the packaged resources folder (resources/ in development). */
  image: string;
  tooltip: string;
}

interface Ctx {
  text: DesktopText;
  locale: string | undefined;
  timeZone?: string;
  pause: PauseState;
  pct?: number;
}

/** Status → tooltip. Images follow one naming rule (see trayImage). */
const TOOLTIPS: Record<TrayStatus, (c: Ctx) => string> = {
  idle: (c) => c.text.tray.idle,
  syncing: (c) => (c.pct === undefined ? c.text.tray.syncing : fill(c.text.tray.syncingPct, { pct: c.pct })),
  attention: (c) => c.text.tray.attention,
  failed: (c) => c.text.tray.failed,
  paused: (c) => (c.pause.until ? fill(c.text.tray.paused, { time: clockTime(c.pause.until, c.locale, c.timeZone) }) : c.text.tray.pausedIndefinitely),
};

/**
 * The image file for a status: macOS takes template images (black and
 * alpha; the menu bar tints them); Windows and Linux take a coloured image
 * drawn for a light or a dark taskbar. Each has an @2x beside it.
 */
export function trayImage(status: TrayStatus, platform: NodeJS.Platform, darkTaskbar: boolean): string {
  return platform === 'darwin' ? `tray/${status}Template.png` : `tray/${status}-${darkTaskbar ? 'dark' : 'light'}.png`;
}

export function trayLook(state: TrayState, o: { platform: NodeJS.Platform; darkTaskbar: boolean; text: DesktopText; locale: string | undefined; timeZone?: string; pause: PauseState }): TrayLook {
  return {
    image: trayImage(state.status, o.platform, o.darkTaskbar),
    tooltip: TOOLTIPS[state.status]({ text: o.text, locale: o.locale, pause: o.pause, ...(o.timeZone ? { timeZone: o.timeZone } : {}), ...(state.pct !== undefined ? { pct: state.pct } : {}) }),
  };
}

/** "Last sync: 2 minutes ago, succeeded". */
export function lastSyncLine(job: Job | undefined, now: Date, text: DesktopText, locale: string | undefined): string {
  if (!job?.finishedAt) return text.tray.lastSyncNever;
  const outcome = text.outcome[job.status as keyof DesktopText['outcome']] ?? job.status;
  return fill(text.tray.lastSync, { when: ago(job.finishedAt, now, locale), outcome });
}

export type TrayAction = 'open' | 'syncNow' | 'pause-hour' | 'pause-tomorrow' | 'pause-indefinite' | 'resume' | 'quit';

export interface MenuEntry {
  label?: string;
  action?: TrayAction;
  enabled?: boolean;
  separator?: true;
  submenu?: MenuEntry[];
}

/** Open console, Sync now, Pause syncing ▸ (or Resume), the last sync line, Quit. */
export function trayMenu(o: { text: DesktopText; pause: PauseState; lastSync: string }): MenuEntry[] {
  const d = o.text;
  return [
    { label: d.tray.open, action: 'open' },
    { label: d.tray.syncNow, action: 'syncNow' },
    o.pause.paused
      ? { label: d.tray.resume, action: 'resume' }
      : {
          label: d.tray.pause,
          submenu: [
            { label: d.pause.forHour, action: 'pause-hour' },
            { label: d.pause.untilTomorrow, action: 'pause-tomorrow' },
            { label: d.pause.untilResumed, action: 'pause-indefinite' },
          ],
        },
    { separator: true },
    { label: o.lastSync, enabled: false },
    { separator: true },
    { label: d.tray.quit, action: 'quit' },
  ];
}
