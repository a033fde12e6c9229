import type { AppInfo, OfficeConnection, PauseState, Schedule } from '@shared/types';
import type { Core } from '../../core/core';
import type { DesktopSettingsService } from '../../core/api/desktop';
import type { Logger } from '../../core/log';
import type { Engine, RemoteEngine } from './remote-engine';

/**
 * What the tray and the notifications need from the engine, wherever it
 * runs: the contract (calls and events), the nightly run's time zone, the
 * pause, and Settings → Desktop (kept on this computer in both modes).
 */
export interface DesktopEngine extends Engine {
  timeZone(): string;
  pauseState(): PauseState;
  desktop: Pick<DesktopSettingsService, 'publish' | 'read'>;
  /** The office server's link; undefined when the engine runs here. */
  office(): OfficeConnection | undefined;
}

export function localDesktopEngine(core: Core): DesktopEngine {
  return {
    call: (m, i) => core.call(m, i),
    events: core.events,
    timeZone: () => core.scheduler.config().timeZone,
    pauseState: () => core.pause.state(),
    desktop: core.desktop,
    office: () => undefined,
  };
}

/**
 * The office server's engine for the tray: its time zone and pause are read
 * once connected and followed through its events (`pause.changed`), so the
 * tray says what the server does, not what this computer would.
 */
export function remoteDesktopEngine(remote: RemoteEngine, desktop: DesktopSettingsService, log: Logger): DesktopEngine {
  let timeZone = 'America/Toronto';
  let pause: PauseState = { paused: false };
  const refresh = async () => {
    try {
      const [schedule, info] = await Promise.all([remote.call('schedule.get', {}) as Promise<Schedule>, remote.call('app.info', {}) as Promise<AppInfo>]);
      timeZone = schedule.timeZone;
      if (info.pause) pause = info.pause;
    } catch (err) {
      log.debug('office server facts not read yet', { error: String(err) });
    }
  };
  remote.events.subscribe((name, payload) => {
    if (name === 'pause.changed') pause = payload as PauseState;
    if (name === 'office.changed' && (payload as OfficeConnection).link === 'connected') void refresh();
  });
  return {
    call: (m, i) => remote.call(m, i),
    events: remote.events,
    timeZone: () => timeZone,
    pauseState: () => pause,
    desktop,
    office: () => remote.connection(),
  };
}
