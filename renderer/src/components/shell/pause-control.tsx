/**
 * The header's pause control: "Paused until 08:00" with Resume while paused,
 * else a small menu to pause background syncing (1 hour, until tomorrow
 * morning, until resumed). The tray and the CLI change the same state.
 */
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { Pause, Play } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { tomorrowMorning } from '@shared/pause-time';
import type { PauseState } from '@shared/types';
import { bridge } from '../../bridge';
import { absoluteIn, timeOfDay, upcomingTime } from '../../lib/format';
import { explain } from '../../lib/errors';
import { toast } from '../../lib/toasts';
import { useNow } from '../../lib/use-now';
import { useApp } from '../../stores/app-store';
import { useSchedule } from '../../stores/schedule-store';
import { usePermission } from '../../lib/use-permission';

const HOUR = 3_600_000;

/** The words of the paused pill: a time when the pause ends within a day, else a day and time. */
export function pausedText(t: (key: string, o?: Record<string, unknown>) => string, pause: PauseState, now: number, timeZone?: string): string {
  if (!pause.until) return t('desktop.pause.pausedIndefinitely');
  const left = Date.parse(pause.until) - now;
  if (left <= 24 * HOUR) return t('desktop.pause.pausedUntil', { time: timeOfDay(pause.until, timeZone) });
  return t('desktop.pause.pausedUntilDay', { when: upcomingTime(pause.until, now, timeZone) });
}

export function PauseControl() {
  const { t } = useTranslation();
  const pause = useApp((s) => s.info?.pause);
  const timeZone = useSchedule((s) => s.schedule?.timeZone);
  const now = useNow();
  const canSync = usePermission('sync').allowed;
  if (!pause) return null;

  const act = async (call: () => Promise<PauseState>) => {
    try {
      useApp.getState().setPause(await call());
    } catch (err) {
      const e = explain(err);
      toast({ level: 'error', title: t('desktop.pause.failed'), body: e.body });
    }
  };
  const onPause = (key: React.Key) => {
    const input =
      key === 'hour' ? { forMs: HOUR } : key === 'tomorrow' ? { until: tomorrowMorning(new Date(), timeZone ?? 'America/Toronto').toISOString() } : {};
    void act(() => bridge.call('sync.pause', input));
  };

  if (pause.paused) {
    const text = pausedText(t as never, pause, now, timeZone);
    return (
      <div className="pause-control" role="status">
        <span className="sync-pill tone-neutral" title={`${pause.until ? absoluteIn(pause.until, timeZone) : ''}\n${t('desktop.pause.hint')}`.trim()}>
          <Pause aria-hidden="true" size={16} />
          <span>{text}</span>
        </span>
        <Button className="btn btn-small" onPress={() => void act(() => bridge.call('sync.resume'))} isDisabled={!canSync}>
          <Play aria-hidden="true" size={14} />
          {t('desktop.pause.resume')}
        </Button>
      </div>
    );
  }
  // Pausing is a sync action: a role without it sees the state (above) but no menu.
  if (!canSync) return null;
  return (
    <MenuTrigger>
      <Button className="icon-btn" aria-label={t('desktop.pause.menu')}>
        <Pause aria-hidden="true" size={14} />
      </Button>
      <Popover className="popover" placement="bottom end">
        <Menu className="menu" aria-label={t('desktop.pause.menu')} onAction={onPause}>
          <MenuItem id="hour" className="menu-item">
            {t('desktop.pause.forHour')}
          </MenuItem>
          <MenuItem id="tomorrow" className="menu-item">
            {t('desktop.pause.untilTomorrow')}
          </MenuItem>
          <MenuItem id="indefinite" className="menu-item">
            {t('desktop.pause.untilResumed')}
          </MenuItem>
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
