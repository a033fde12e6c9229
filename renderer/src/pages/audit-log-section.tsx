/** The audit log, newest first, with older pages on demand and a CSV export. */
import { useCallback, useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@shared/access';
import { auditDetails, auditValueText } from '@shared/audit-words';
import { bridge } from '../bridge';
import { DataTable, type DataColumn } from '../components/data-table';
import { FormStatus } from '../components/form-status';
import { ErrorNotice } from '../components/notice';
import { currentLanguage } from '../i18n';
import { download } from '../lib/download';
import { absoluteDate, localTimeZone } from '../lib/format';
import { useCall } from '../lib/use-call';

const PAGE = 50;

/** Who, in the reader's words: the key's name (staff data, not translated), or this computer / the console's token. */
function Who({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const role = t(`access.roles.${entry.actor.role}`);
  // On a shared database each engine has its own computer and token: the recorded engine says which.
  if (entry.actor.kind !== 'key') {
    const who = entry.actor.engine ? t(`access.who.${entry.actor.kind}On`, { engine: entry.actor.engine }) : t(`access.who.${entry.actor.kind}`);
    return <>{`${who} · ${role}`}</>;
  }
  return (
    <>
      <span translate="no">{entry.actor.name}</span> · {role}
    </>
  );
}

/** Values with no words of their own (ids, key names, times) are data: marked so, as residents' names are elsewhere. */
const WORDED = new Set(['kind', 'trigger', 'what', 'target', 'folder', 'language', 'reconcileDay', 'role', 'settings', 'dryRun', 'refresh', 'start', 'forMs']);
/** Splits the catalogue's "{{field}}: {{value}}" around the value, so the value can carry its own marking. */
const MARK = '\u2063';

/** The entry's details in the reader's words ("Sync: j-12 · Preview only: yes"), as the CSV export writes them. */
function Details({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const word = (path: string) => {
    const key = path.startsWith('roles.') ? `access.${path}` : `access.audit.${path}`;
    return i18n.exists(key) ? (t as (k: string) => string)(key) : undefined;
  };
  return (
    <>
      {auditDetails(entry.method, entry.summary).map((d, i) => {
        const [before, after] = t('access.audit.detail', { field: t(`access.audit.fields.${d.field}`), value: MARK }).split(MARK);
        return (
          <span key={d.field}>
            {i ? ' · ' : ''}
            {before}
            <span translate={WORDED.has(d.field) ? undefined : 'no'}>{auditValueText(d, word)}</span>
            {after}
          </span>
        );
      })}
    </>
  );
}

export function AuditLogSection() {
  const { t } = useTranslation();
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<unknown>();
  const [loaded, setLoaded] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>();
  // How long entries stay (Settings → History kept), so nobody expects last year's to be here.
  const { data: settings } = useCall(() => bridge.call('settings.get'), []);
  const keptDays = settings?.retention.auditDays;

  const load = useCallback(async (offset: number) => {
    try {
      const page = await bridge.call('audit.list', { offset, limit: PAGE });
      setItems((prev) => (offset ? [...prev, ...page.items] : page.items));
      setTotal(page.total);
      setError(undefined);
    } catch (err) {
      setError(err);
    } finally {
      setLoaded(true);
    }
  }, []);
  useEffect(() => {
    void load(0);
  }, [load]);

  const exportCsv = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      download(await bridge.call('audit.export', { language: currentLanguage() === 'fr' ? 'fr' : 'en' }));
    } catch (err) {
      setExportError(err);
    } finally {
      setExporting(false);
    }
  };

  const columns: DataColumn<AuditEntry>[] = [
    // The times are this computer's clock; a support engineer comparing with a server log needs the zone.
    { id: 'when', header: t('access.audit.whenIn', { zone: localTimeZone() }), className: 'col-time', cell: (e) => absoluteDate(e.at) },
    { id: 'who', header: t('access.audit.who'), cell: (e) => <Who entry={e} /> },
    { id: 'action', header: t('access.audit.action'), cell: (e) => t(`access.audit.actions.${e.method}`) },
    { id: 'details', header: t('access.audit.details'), className: 'wrap', cell: (e) => <Details entry={e} /> },
    { id: 'outcome', header: t('access.audit.outcome'), cell: (e) => t(`access.audit.outcomes.${e.outcome}`) },
  ];

  return (
    <section className="card settings-card audit-card" aria-labelledby="audit-title">
      <h2 id="audit-title" className="card-title">
        {t('access.audit.title')}
      </h2>
      <p className="muted card-description">
        {t('access.audit.description')}
        {keptDays ? ` ${t('access.audit.kept', { count: keptDays })}` : ''}
      </p>
      <div className="form-footer">
        <Button className="btn" onPress={() => void exportCsv()} isDisabled={exporting || !items.length}>
          <Download aria-hidden="true" size={16} />
          {exporting ? t('access.audit.exporting') : t('access.audit.export')}
        </Button>
        <FormStatus error={exportError} what={t('access.audit.what')} />
      </div>
      {error ? <ErrorNotice error={error} what={t('access.audit.what')} onRetry={() => void load(0)} /> : null}
      {loaded && !error && !items.length ? <p className="muted">{t('access.audit.none')}</p> : null}
      {items.length ? <DataTable caption={t('access.audit.caption')} className="audit-table" columns={columns} rows={items} rowKey={(e) => String(e.id)} rowClassName={(e) => `audit-${e.outcome}`} /> : null}
      {items.length ? (
        <div className="form-footer">
          <span className="muted">{t('access.audit.shown', { shown: items.length, total })}</span>
          {items.length < total ? (
            <Button className="btn" onPress={() => void load(items.length)}>
              {t('access.audit.more')}
            </Button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
