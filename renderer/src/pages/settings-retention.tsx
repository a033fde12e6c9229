import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Settings } from '@shared/types';
import { bridge } from '../bridge';
import { byField, TextInput } from '../components/form-fields';
import { FormStatus } from '../components/form-status';
import { fieldErrors } from '../lib/errors';
import { days, retentionProblems } from './retention-rules';
import { SettingsSection } from './settings-section';

export function RetentionSettings({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const [history, setHistory] = useState(String(settings.retention.historyDays));
  const [records, setRecords] = useState(String(settings.retention.recordEventsDays));
  // An older office server has no audit retention: the field stays empty and is not sent.
  const [audit, setAudit] = useState(settings.retention.auditDays === undefined ? '' : String(settings.retention.auditDays));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string>();
  const errs = { ...byField(fieldErrors(error)), ...local };

  const save = async () => {
    const bad = retentionProblems(history, records, audit);
    setLocal(bad);
    setSaved(undefined);
    setError(undefined);
    if (Object.keys(bad).length) return;
    setBusy(true);
    try {
      await bridge.call('settings.set', { retention: { historyDays: days(history), recordEventsDays: days(records), ...(audit.trim() ? { auditDays: days(audit) } : {}) } });
      setSaved(t('settings.retention.saved'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <SettingsSection
      id="retention"
      title={t('settings.retention.title')}
      description={t('settings.retention.description')}
      onSubmit={() => void save()}
      footer={
        <>
          <Button type="submit" className="btn btn-primary" isDisabled={busy}>
            {busy ? t('common.action.saving') : t('settings.retention.save')}
          </Button>
          <FormStatus saved={saved} error={error} what={t('settings.retention.what')} />
        </>
      }
    >
      <TextInput label={t('settings.retention.history')} value={history} onChange={setHistory} error={errs['retention.historyDays']} />
      <TextInput label={t('settings.retention.records')} value={records} onChange={setRecords} error={errs['retention.recordEventsDays']} />
      <TextInput
        label={t('settings.retention.audit')}
        value={audit}
        onChange={setAudit}
        help={t('settings.retention.auditHelp')}
        error={errs['retention.auditDays']}
      />
    </SettingsSection>
  );
}
