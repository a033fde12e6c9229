/** Export to CSV (UTF-8 with BOM, so Excel shows accents): asks the core for the file, then downloads it. */
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '@shared/contract';
import { bridge } from '../bridge';
import { currentLanguage, i18n } from '../i18n';
import { download } from '../lib/download';
import { toast } from '../lib/toasts';
import { ErrorNotice } from './notice';

export type ExportRequest = Omit<NonNullable<MethodInput<'export.csv'>>, 'language'>;

/** Prepares and downloads one export; resolves once the download started (errors are thrown to the caller). */
export async function exportCsv(request: ExportRequest): Promise<void> {
  const file = await bridge.call('export.csv', { ...request, language: currentLanguage() });
  download(file);
  toast({ level: 'success', title: i18n.t('exportFiles.downloaded', { file: file.filename, count: file.rows }) });
}

export function ExportButton({ request, label }: { request: ExportRequest; label: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await exportCsv(request);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button className="btn" onPress={() => void run()} isDisabled={busy}>
        <Download aria-hidden="true" size={16} />
        {busy ? t('exportFiles.exporting') : label}
      </Button>
      {error ? <ErrorNotice error={error} what={t('exportFiles.exportWhat')} /> : null}
    </>
  );
}
