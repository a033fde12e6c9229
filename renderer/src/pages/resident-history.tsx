import { useTranslation } from 'react-i18next';
import type { ResidentHistoryEntry } from '@shared/types';
import { DataTable, type DataColumn } from '../components/data-table';
import { InlineDifferences } from '../components/differences';
import { OutcomeLabel } from '../components/outcome-label';
import { RelativeTime } from '../components/relative-time';
import { href } from '../lib/router';

export function ResidentHistory({ entries }: { entries: ResidentHistoryEntry[] }) {
  const { t } = useTranslation();
  const columns: DataColumn<ResidentHistoryEntry>[] = [
    { id: 'when', header: t('userSection.history.when'), headerClassName: 'col-time', className: 'col-time', cell: (e) => <RelativeTime iso={e.at} /> },
    { id: 'outcome', header: t('userSection.history.outcome'), headerClassName: 'col-status', className: 'col-status', cell: (e) => <OutcomeLabel outcome={e.outcome} effect={e.effect} /> },
    {
      id: 'what',
      header: t('userSection.history.what'),
      cell: (e) => (
        <>
          {e.message ? <p className="cell-text">{e.message}</p> : null}
          {e.changes?.length ? <InlineDifferences changes={e.changes} /> : null}
        </>
      ),
    },
    {
      id: 'sync',
      header: <span className="visually-hidden">{t('userSection.history.sync')}</span>,
      headerClassName: 'col-link',
      className: 'col-link',
      cell: (e) => <a href={href.job(e.jobId)}>{t('userSection.history.view')}</a>,
    },
  ];
  return (
    <section className="section" aria-labelledby="history-heading">
      <h2 id="history-heading" className="section-title">
        {t('userSection.history.title')}
      </h2>
      {entries.length ? (
        <DataTable caption={t('userSection.history.caption')} columns={columns} rows={entries} rowKey={(e, i) => `${e.jobId}-${i}`} />
      ) : (
        <p className="muted">{t('userSection.history.none')}</p>
      )}
    </section>
  );
}
