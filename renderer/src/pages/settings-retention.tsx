import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '@shared/types';
import { bridge } from '../bridge';
import { byField, TextInput } from '../components/form-fields';
import { fieldErrors } from '../lib/errors';
import { useSave } from '../lib/use-save';
import { days, retentionProblems } from './retention-rules';
import { SaveFooter, SettingsSection } from './settings-section';

export function RetentionSettings({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const [history, setHistory] = useState(String(settings.retention.historyDays));
  const [records, setRecords] = useState(String(settings.retention.recordEventsDays));
  // An older office server has no audit retention: the field stays empty and is not sent.
  const [audit, setAudit] = useState(settings.retention.auditDays === undefined ? '' : String(settings.retention.auditDays));
  const { busy, error, saved, problems, save } = useSave();
  // Saved on another console or engine: the fields follow (the settings are read again on settings.changed).
  const { historyDays, recordEventsDays, auditDays } = settings.retention;
  useEffect(() => {
    setHistory(String(historyDays));
    setRecords(String(recordEventsDays));
    setAudit(auditDays === undefined ? '' : String(auditDays));
  }, [historyDays, recordEventsDays, auditDays]);
  const errs = { ...byField(fieldErrors(error)), ...problems };

  const submit = () =>
    save(
      async () => {
        await bridge.call('settings.set', { retention: { historyDays: days(history), recordEventsDays: days(records), ...(audit.trim() ? { auditDays: days(audit) } : {}) } });
        return t('settings.retention.saved');
      },
      () => retentionProblems(history, records, audit),
    );

  return (
    <SettingsSection
      id="retention"
      title={t('settings.retention.title')}
      description={t('settings.retention.description')}
      onSubmit={() => void submit()}
      footer={<SaveFooter busy={busy} saved={saved} error={error} label={t('settings.retention.save')} savingLabel={t('common.action.saving')} what={t('settings.retention.what')} />}
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
