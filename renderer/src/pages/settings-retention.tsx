import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { Settings } from '@shared/types';
import { bridge } from '../bridge';
import { byField, TextInput } from '../components/form-fields';
import { FormStatus } from '../components/form-status';
import { fieldErrors } from '../lib/errors';
import { SettingsSection } from './settings-section';

function days(text: string): number {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}

export function RetentionSettings({ settings }: { settings: Settings }) {
  const [history, setHistory] = useState(String(settings.retention.historyDays));
  const [records, setRecords] = useState(String(settings.retention.recordEventsDays));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string>();
  const errs = { ...byField(fieldErrors(error)), ...local };

  const save = async () => {
    const h = days(history);
    const r = days(records);
    const bad: Record<string, string> = {};
    if (!Number.isInteger(h)) bad['retention.historyDays'] = 'enter a whole number of days, such as 90';
    if (!Number.isInteger(r)) bad['retention.recordEventsDays'] = 'enter a whole number of days, such as 30';
    setLocal(bad);
    setSaved(undefined);
    setError(undefined);
    if (Object.keys(bad).length) return;
    setBusy(true);
    try {
      await bridge.call('settings.set', { retention: { historyDays: h, recordEventsDays: r } });
      setSaved('Retention saved.');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <SettingsSection
      id="retention"
      title="History kept"
      description="How long the Sync Queue keeps finished syncs and their record-by-record detail on this computer."
      onSubmit={() => void save()}
      footer={
        <>
          <Button type="submit" className="btn btn-primary" isDisabled={busy}>
            {busy ? 'Saving…' : 'Save retention'}
          </Button>
          <FormStatus saved={saved} error={error} what="Saving retention" />
        </>
      }
    >
      <TextInput label="Keep syncs for (days)" value={history} onChange={setHistory} error={errs['retention.historyDays']} />
      <TextInput label="Keep record detail for (days)" value={records} onChange={setRecords} error={errs['retention.recordEventsDays']} />
    </SettingsSection>
  );
}
