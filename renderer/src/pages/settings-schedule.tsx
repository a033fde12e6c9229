import { useEffect, useMemo, useState } from 'react';
import { Button } from 'react-aria-components';
import type { Weekday } from '@shared/types';
import { bridge } from '../bridge';
import { byField, SelectField, TextInput } from '../components/form-fields';
import { FormStatus } from '../components/form-status';
import { ErrorNotice } from '../components/notice';
import { absoluteIn, upcomingTime, weekdayLabel } from '../lib/format';
import { fieldErrors } from '../lib/errors';
import { useSchedule } from '../stores/schedule-store';
import { SettingsSection } from './settings-section';

const weekdays = Object.entries(weekdayLabel).map(([id, label]) => ({ id: id as Weekday, label }));

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
  const { schedule, error: loadError, loaded, load } = useSchedule();
  const [time, setTime] = useState('02:00');
  const [zone, setZone] = useState('America/Toronto');
  const [day, setDay] = useState<Weekday>('sunday');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<string>();
  const zones = useMemo(() => timeZones(zone), [zone]);
  const errs = byField(fieldErrors(error));

  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  useEffect(() => {
    if (!schedule) return;
    setTime(schedule.time);
    setZone(schedule.timeZone);
    setDay(schedule.reconcileDay);
  }, [schedule]);

  const save = async () => {
    setBusy(true);
    setSaved(undefined);
    setError(undefined);
    try {
      const next = await bridge.call('schedule.set', { time, timeZone: zone, reconcileDay: day });
      useSchedule.getState().set(next);
      setSaved(`Saved. Next nightly run ${upcomingTime(next.nextRunAt, Date.now(), next.timeZone)}.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!schedule) {
    return (
      <section className="card settings-card" aria-labelledby="schedule-title">
        <h2 id="schedule-title" className="card-title">
          Nightly sync
        </h2>
        <p className="muted card-description">Resident data syncs automatically every night. A missed run (computer asleep or off) catches up when Condo Sync starts again.</p>
        {loadError ? <ErrorNotice error={loadError} what="Changing the nightly schedule" onRetry={() => void load()} /> : <p className="muted">Loading…</p>}
      </section>
    );
  }

  return (
    <SettingsSection
      id="schedule"
      title="Nightly sync"
      description="Resident data syncs automatically every night. A missed run (computer asleep or off) catches up when Condo Sync starts again."
      onSubmit={() => void save()}
      footer={
        <>
          <Button type="submit" className="btn btn-primary" isDisabled={busy}>
            {busy ? 'Saving…' : 'Save schedule'}
          </Button>
          <FormStatus saved={saved} error={error} what="Changing the nightly schedule" />
        </>
      }
    >
      <TextInput label="Time" type="time" value={time} onChange={setTime} error={errs.time} />
      <SelectField label="Time zone" value={zone} onChange={setZone} options={zones} error={errs.timeZone} />
      <SelectField
        label="Weekly full reconcile"
        value={day}
        onChange={setDay}
        options={weekdays}
        error={errs.reconcileDay}
        help="The one run a week that also deactivates people no longer in Condo Manager."
      />
      {schedule.nextRuns.length ? (
        <div className="next-runs">
          <span className="field-label">Next runs</span>
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
