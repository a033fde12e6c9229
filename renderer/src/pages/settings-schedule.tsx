import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Weekday } from '@shared/types';
import { bridge } from '../bridge';
import { byField, SelectField } from '../components/form-fields';
import { TimeOfDayField } from '../components/time-of-day-field';
import { ErrorNotice } from '../components/notice';
import { absoluteIn, upcomingTime, weekdayLabel } from '../lib/format';
import { fieldErrors } from '../lib/errors';
import { useSave } from '../lib/use-save';
import { useSchedule } from '../stores/schedule-store';
import { SaveFooter, SettingsSection } from './settings-section';

// Monday first, as calendars in Canada (and in Quebec) are usually read.
const WEEKDAYS: Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

function timeZones(current: string): { id: string; label: string }[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  if (!zones.includes(current)) zones = [current, ...zones];
  return zones.map((z) => ({ id: z, label: z.replace(/_/g, ' ') }));
}

export function ScheduleSettings() {
  const { t } = useTranslation();
  const weekdays = WEEKDAYS.map((id) => ({ id, label: weekdayLabel[id] }));
  const { schedule, error: loadError, loaded, load } = useSchedule();
  const [time, setTime] = useState('02:00');
  const [zone, setZone] = useState('America/Toronto');
  const [day, setDay] = useState<Weekday>('sunday');
  const { busy, error, saved, problems, save } = useSave();
  const zones = useMemo(() => timeZones(zone), [zone]);
  const errs = { ...byField(fieldErrors(error)), ...problems };

  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  useEffect(() => {
    if (!schedule) return;
    setTime(schedule.time);
    setZone(schedule.timeZone);
    setDay(schedule.reconcileDay);
  }, [schedule]);

  const submit = () =>
    save(
      async () => {
        const next = await bridge.call('schedule.set', { time: time.trim(), timeZone: zone, reconcileDay: day });
        useSchedule.getState().set(next);
        return t('settings.schedule.saved', { when: upcomingTime(next.nextRunAt, Date.now(), next.timeZone) });
      },
      (): Record<string, string> => (/^([01]\d|2[0-3]):[0-5]\d$/.test(time.trim()) ? {} : { time: t('settings.schedule.timeInvalid') }),
    );

  if (!schedule) {
    return (
      <section className="card settings-card" aria-labelledby="schedule-title">
        <h2 id="schedule-title" className="card-title">
          {t('settings.schedule.title')}
        </h2>
        <p className="muted card-description">{t('settings.schedule.description')}</p>
        {loadError ? <ErrorNotice error={loadError} what={t('settings.schedule.what')} onRetry={() => void load()} /> : <p className="muted">{t('settings.schedule.loading')}</p>}
      </section>
    );
  }

  return (
    <SettingsSection
      id="schedule"
      title={t('settings.schedule.title')}
      description={t('settings.schedule.description')}
      onSubmit={() => void submit()}
      footer={<SaveFooter busy={busy} saved={saved} error={error} label={t('settings.schedule.save')} savingLabel={t('common.action.saving')} what={t('settings.schedule.what')} />}
    >
      <TimeOfDayField label={t('settings.schedule.time')} value={time} onChange={setTime} error={errs.time} help={t('settings.schedule.timeHelp')} />
      <SelectField label={t('settings.schedule.zone')} value={zone} onChange={setZone} options={zones} error={errs.timeZone} />
      <SelectField
        label={t('settings.schedule.reconcile')}
        value={day}
        onChange={setDay}
        options={weekdays}
        error={errs.reconcileDay}
        help={t('settings.schedule.reconcileHelp')}
      />
      {schedule.nextRuns.length ? (
        <div className="next-runs">
          <span className="field-label">{t('settings.schedule.nextRuns')}</span>
          <ul className="plain-list">
            {schedule.nextRuns.slice(0, 3).map((r) => (
              <li key={r}>{absoluteIn(r, schedule.timeZone)}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </SettingsSection>
  );
}
