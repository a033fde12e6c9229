/** The dense Unit File table: unit, residents, occupancy, sync status. Rows open the unit. */
import type { UnitSummary } from '@shared/types';
import { RelativeTime } from '../components/relative-time';
import { SyncStatusBadge } from '../components/status-badge';
import { occupancyLabel, roleLabel, unitKindLabel } from '../lib/format';
import { href, navigate } from '../lib/router';

function Residents({ unit }: { unit: UnitSummary }) {
  const current = unit.residents.filter((r) => r.status === 'Active');
  const past = unit.residents.length - current.length;
  if (!current.length) return <span className="muted">{past ? `No current residents (${past} past)` : 'No residents'}</span>;
  return (
    <span className="resident-list">
      {current.map((r, i) => (
        <span key={r.id} className="resident-chip">
          {r.firstName} {r.lastName}
          <span className="role-tag">{roleLabel[r.role]}</span>
          {i < current.length - 1 ? <span className="visually-hidden">, </span> : null}
        </span>
      ))}
      {past ? <span className="muted small">+{past} past</span> : null}
    </span>
  );
}

export function UnitTable({ units, caption }: { units: UnitSummary[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="data-table clickable">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="col-unit">
              Unit
            </th>
            <th scope="col">Residents</th>
            <th scope="col" className="col-occupancy">
              Occupancy
            </th>
            <th scope="col" className="col-status">
              Sync status
            </th>
            <th scope="col" className="col-time">
              Last synced
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
              <td>
                <Residents unit={u} />
              </td>
              <td className="col-occupancy">{occupancyLabel[u.occupancy]}</td>
              <td className="col-status">
                <SyncStatusBadge status={u.syncStatus} />
              </td>
              <td className="col-time">
                <RelativeTime iso={u.lastSyncedAt} fallback="Not yet" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
