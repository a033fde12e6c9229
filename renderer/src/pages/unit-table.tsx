/** The dense Unit File table: unit, building (under "All buildings"), residents, occupancy, sync status. Rows open the unit. */
import { memo } from 'react';
import type { UnitSummary } from '@shared/types';
import { useTranslation } from 'react-i18next';
import { RelativeTime } from '../components/relative-time';
import { SyncStatusBadge } from '../components/status-badge';
import { occupancyLabel, roleLabel, unitKindLabel } from '../lib/format';
import { href, navigate } from '../lib/router';
import { useBuildingLabel } from '../lib/use-building-label';
import { AttentionMark, hasOccupancy } from './resident-marks';

function Residents({ unit }: { unit: UnitSummary }) {
  const { t } = useTranslation();
  const current = unit.residents.filter((r) => r.status === 'Active');
  const past = unit.residents.length - current.length;
  if (!current.length) return <span className="muted">{past ? t('units.residents.nonePast', { count: past }) : t('units.residents.none')}</span>;
  return (
    <span className="resident-list">
      {current.map((r, i) => (
        <span key={r.id} className="resident-chip">
          {/* As in Condo Control's Unit File, a name opens the person's User section. */}
          <a href={href.resident(r.id)} className="resident-link" translate="no">
            {r.firstName} {r.lastName}
          </a>
          {r.syncStatus === 'attention' || r.syncStatus === 'failed' ? <AttentionMark status={r.syncStatus} /> : null}
          <span className="role-tag">{roleLabel[r.role]}</span>
          {i < current.length - 1 ? <span className="visually-hidden">, </span> : null}
        </span>
      ))}
      {past ? <span className="muted small">{t('units.residents.past', { count: past })}</span> : null}
    </span>
  );
}

/** Memoised: typing in the search re-renders the field at once, not the rows (they change when the answer comes). */
export const UnitTable = memo(function UnitTable({ units, caption, showBuilding = false }: { units: UnitSummary[]; caption: string; showBuilding?: boolean }) {
  const { t } = useTranslation();
  const building = useBuildingLabel();
  return (
    <div className="table-wrap">
      <table className="data-table clickable">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="col-unit">
              {t('units.col.unit')}
            </th>
            {showBuilding ? (
              <th scope="col" className="col-building">
                {t('units.col.building')}
              </th>
            ) : null}
            <th scope="col">{t('units.col.residents')}</th>
            <th scope="col" className="col-occupancy">
              {t('units.col.occupancy')}
            </th>
            <th scope="col" className="col-status">
              {t('units.col.status')}
            </th>
            <th scope="col" className="col-time">
              {t('units.col.lastSynced')}
            </th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr
              key={u.id}
              onClick={(e) => {
                // The unit number is the real link; the rest of the row is a bigger target for the mouse.
                if (!(e.target as HTMLElement).closest('a, button')) navigate(href.unit(u.id));
              }}
            >
              <th scope="row" className="col-unit">
                <a href={href.unit(u.id)} className="row-link">
                  {u.number}
                </a>
                {u.kind !== 'residential' ? <span className="kind-tag">{unitKindLabel[u.kind]}</span> : null}
              </th>
              {showBuilding ? <td className="col-building">{building(u.corporationId)}</td> : null}
              <td>
                <Residents unit={u} />
              </td>
              <td className="col-occupancy">{hasOccupancy(u.kind) ? occupancyLabel[u.occupancy] : <span className="muted">—</span>}</td>
              <td className="col-status">
                <SyncStatusBadge status={u.syncStatus} />
              </td>
              <td className="col-time">
                <RelativeTime iso={u.lastSyncedAt} fallback={t('units.notYet')} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
