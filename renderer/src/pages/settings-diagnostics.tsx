/** Settings → About → "Export diagnostics": a redacted zip for support, downloaded and kept in the data folder. */
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { LifeBuoy } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { DiagnosticsFile } from '@shared/types';
import { bridge } from '../bridge';
import { FormStatus } from '../components/form-status';
import { downloadBase64 } from '../lib/download';

export function DiagnosticsExport() {
  const { t } = useTranslation();
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
    <div className="diagnostics-export">
      <p className="muted">{t('about.explain')}</p>
      <Button className="btn" onPress={() => void exportDiagnostics()} isDisabled={busy}>
        <LifeBuoy aria-hidden="true" size={16} />
        {busy ? t('about.exporting') : t('about.export')}
      </Button>
      <FormStatus saved={file ? t('about.exported', { filename: file.filename, kb: Math.max(1, Math.round(file.bytes / 1024)) }) : undefined} error={error} what={t('about.what')} />
      {file ? <p className="muted">{t('about.copyAt', { path: file.path })}</p> : null}
    </div>
  );
}
