import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { ChevronLeft, ChevronRight } from 'lucide-react';
import type { JobOutcome, Page } from '@shared/types';
import { isStandingAttention } from '@shared/standing-attention';
import { DataTable, type DataColumn } from '../components/data-table';
import { InlineDifferences } from '../components/differences';
import { OutcomeLabel } from '../components/outcome-label';
import { RelativeTime } from '../components/relative-time';
import { PersonLink, UnitLink } from '../components/record-links';
import { count } from '../lib/format';
import { coreText } from '../lib/core-text';
import { useShowBuilding } from '../lib/use-building-label';
import { i18n } from '../i18n';


function Record({ o, showBuilding }: { o: JobOutcome; showBuilding: boolean }) {
  if (o.entity === 'person') return <PersonLink id={o.entityId} label={o.label} showBuilding={showBuilding} />;
  if (o.entity === 'unit') return <UnitLink id={o.entityId} label={o.label} showBuilding={showBuilding} />;
  return <span>{i18n.t(o.entity === 'invoice' ? 'job.table.invoice' : 'job.table.payment')}</span>;
}

export function OutcomeTable({ page, offset, limit, onOffset }: { page: Page<JobOutcome>; offset: number; limit: number; onOffset: (n: number) => void }) {
  const { t } = useTranslation();
  const showBuilding = useShowBuilding();
  if (!page.items.length) return <p className="muted">{t('job.table.empty')}</p>;
  const to = Math.min(offset + limit, page.total);
  const columns: DataColumn<JobOutcome>[] = [
    {
      id: 'outcome',
      header: t('job.table.outcome'),
      headerClassName: 'col-status',
      className: 'col-status',
      cell: (o) => (
        <>
          <OutcomeLabel outcome={o.outcome} effect={o.effect} />
          {/* Nothing was written, but its note from an earlier sync is still open: say so beside "Unchanged". */}
          {isStandingAttention(o) ? <div className="cell-sub tone-text-attention">{t('job.table.stillAttention')}</div> : null}
        </>
      ),
    },
    { id: 'record', header: t('job.table.record'), headerClassName: 'col-record', className: 'col-record', cell: (o) => <Record o={o} showBuilding={showBuilding} /> },
    {
      id: 'what',
      header: t('job.table.what'),
      cell: (o) => (
        <>
          {o.message ? <p className="cell-text">{coreText(o.message)}</p> : null}
          {o.changes?.length ? <InlineDifferences changes={o.changes} /> : null}
          {!o.message && !o.changes?.length ? <span className="muted">{t(`job.plain.${o.outcome}`)}</span> : null}
        </>
      ),
    },
    { id: 'when', header: t('job.table.when'), headerClassName: 'col-time', className: 'col-time', cell: (o) => <RelativeTime iso={o.at} /> },
  ];
  return (
    <DataTable
      caption={t('job.table.caption')}
      columns={columns}
      rows={page.items}
      rowKey={(o) => String(o.id)}
      foot={
        <div className="table-foot pager">
          <span className="num">
            {t('job.table.range', { from: count(offset + 1), to: count(to), total: count(page.total) })}
          </span>
          {page.total > limit ? (
            <>
              <Button className="btn btn-small" isDisabled={offset === 0} onPress={() => onOffset(Math.max(0, offset - limit))}>
                <ChevronLeft aria-hidden="true" size={16} /> {t('job.table.previous')}
              </Button>
              <Button className="btn btn-small" isDisabled={to >= page.total} onPress={() => onOffset(offset + limit)}>
                {t('job.table.next')} <ChevronRight aria-hidden="true" size={16} />
              </Button>
            </>
          ) : null}
        </div>
      }
    />
  );
}
