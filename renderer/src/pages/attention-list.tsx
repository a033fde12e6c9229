/** On Home: what needs a person, read like a colleague's note, from the latest sync. */
import { AlertTriangle } from 'lucide-react';
import type { JobOutcome } from '@shared/types';
import { useTranslation } from 'react-i18next';

import { bridge } from '../bridge';
import { PersonLink, UnitLink } from '../components/record-links';
import { coreText } from '../lib/core-text';
import { ExportButton } from '../components/export-button';
import { href } from '../lib/router';
import { useShowBuilding } from '../lib/use-building-label';
import { useCall } from '../lib/use-call';
import { useApp } from '../stores/app-store';
import { lastFinished, useJobList } from '../stores/jobs-store';
import { useUnits } from '../stores/units-store';
import { UnitTable } from './unit-table';

const SHOWN = 5;

function Note({ o, showBuilding }: { o: JobOutcome; showBuilding: boolean }) {
  const { t } = useTranslation();
  return (
    <li className="attention-note">
      <AlertTriangle aria-hidden="true" size={16} className="tone-text-attention" />
      <div>
        <div className="attention-who">{o.entity === 'person' ? <PersonLink id={o.entityId} label={o.label} showBuilding={showBuilding} /> : o.entity === 'unit' ? <UnitLink id={o.entityId} label={o.label} showBuilding={showBuilding} /> : null}</div>
        <p>{o.message ? coreText(o.message) : t('home.attention.fallback')}</p>
      </div>
    </li>
  );
}

export function AttentionList() {
  const { t } = useTranslation();
  const showBuilding = useShowBuilding();
  const building = useApp((s) => s.corporationId);
  const last = lastFinished(useJobList());
  const lastId = last && last.counts.conflict > 0 ? last.id : undefined;
  const notes = useCall(async () => (lastId ? bridge.call('jobs.get', { id: lastId, outcome: 'conflict', limit: SHOWN }) : undefined), [lastId]);
  const units = useCall(() => bridge.call('units.list', { status: 'attention', limit: 10, ...(building ? { corporationId: building } : {}) }), [building]);
  const items = notes.data?.outcomes.items ?? [];
  const more = (notes.data?.outcomes.total ?? 0) - items.length;
  if (!items.length && !units.data?.items.length) return null;
  return (
    <section className="section" aria-labelledby="attention-heading">
      <h2 id="attention-heading" className="section-title">
        {t('home.attention.title')}
      </h2>
      {items.length ? (
        <>
          <ul className="attention-notes">
            {items.map((o) => (
              <Note key={o.id} o={o} showBuilding={showBuilding} />
            ))}
          </ul>
          <p className="card-foot">
            <a href={href.job(lastId ?? '')}>{more > 0 ? t('home.attention.more', { count: more }) : t('home.attention.seeLast')}</a> ·{' '}
            <a href={href.units} onClick={() => useUnits.getState().setStatus('attention')}>
              {t('home.attention.showUnits')}
            </a>
          </p>
          <div className="no-print attention-export">
            <ExportButton request={{ what: 'attention', ...(building ? { corporationId: building } : {}) }} label={t('exportFiles.button.attentionCsv')} />
          </div>
        </>
      ) : units.data ? (
        <UnitTable units={units.data.items} caption={t('home.attention.caption')} showBuilding={showBuilding} />
      ) : null}
    </section>
  );
}
