/** Settings → About: version, mode, data folder, and "Export diagnostics" for support. */
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { LifeBuoy } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { DiagnosticsFile } from '@shared/types';
import { bridge } from '../bridge';
import { FormStatus } from '../components/form-status';
import { downloadBase64 } from '../lib/download';
import { useApp } from '../stores/app-store';
import { SettingsSection } from './settings-section';

export function AboutSettings() {
  const { t } = useTranslation();
  const info = useApp((s) => s.info);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [file, setFile] = useState<DiagnosticsFile>();

  const exportDiagnostics = async () => {
    setBusy(true);
    setError(undefined);
    setFile(undefined);
    try {
      const result = await bridge.call('diagnostics.export', {});
      downloadBase64(result);
      setFile(result);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <SettingsSection
      id="about"
      title={t('about.title')}
      description={t('about.description')}
      onSubmit={() => void exportDiagnostics()}
      footer={
        <>
          <Button type="submit" className="btn" isDisabled={busy}>
            <LifeBuoy aria-hidden="true" size={16} />
            {busy ? t('about.exporting') : t('about.export')}
          </Button>
          <FormStatus saved={file ? t('about.exported', { filename: file.filename, kb: Math.max(1, Math.round(file.bytes / 1024)) }) : undefined} error={error} what={t('about.what')} />
          {file ? <p className="muted">{t('about.copyAt', { path: file.path })}</p> : null}
        </>
      }
    >
      {info ? (
        <dl className="facts">
          <dt>{t('about.version')}</dt>
          <dd>{info.version}</dd>
          <dt>{t('about.mode')}</dt>
          <dd>{info.mode === 'sandbox' ? t('about.modeSandbox') : t('about.modeLive')}</dd>
          <dt>{t('about.dataDir')}</dt>
          <dd>
            <code>{info.dataDir}</code>
          </dd>
        </dl>
      ) : null}
      <p className="muted">{t('about.explain')}</p>
    </SettingsSection>
  );
}
