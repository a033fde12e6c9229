/** One unit and its people. Names open the User section. */
import { Wallet } from 'lucide-react';
import type { UnitDetail } from '@shared/types';
import { bridge } from '../bridge';
import { Breadcrumbs } from '../components/breadcrumbs';
import { ErrorNotice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { RelativeTime } from '../components/relative-time';
import { SyncStatusBadge } from '../components/status-badge';
import { useApp } from '../stores/app-store';
import { corporationLabel, occupancyLabel, roleLabel, unitKindLabel } from '../lib/format';
import { href, navigate } from '../lib/router';
import { useCall } from '../lib/use-call';
import { useUnits } from '../stores/units-store';
import { useTranslation } from 'react-i18next';
import { hasOccupancy } from './resident-marks';

function Facts({ unit }: { unit: UnitDetail }) {
  return (
    <dl className="facts">
      <div>
        <dt>Building</dt>
        <dd>{useApp.getState().corporations.find((c) => c.id === unit.corporationId)?.label ?? corporationLabel(unit.corporationId)}</dd>
      </div>
      <div>
        <dt>Legal description</dt>
        <dd>{unit.legalDescription || <span className="muted">—</span>}</dd>
      </div>
      <div>
        <dt>Type</dt>
        <dd>{unitKindLabel[unit.kind]}</dd>
      </div>
      {hasOccupancy(unit.kind) ? (
        <div>
          <dt>Occupancy</dt>
          <dd>{occupancyLabel[unit.occupancy]}</dd>
        </div>
      ) : null}
      <div>
        <dt>Sync status</dt>
        <dd>
          <SyncStatusBadge status={unit.syncStatus} />
        </dd>
      </div>
      <div>
        <dt>Last synced</dt>
        <dd>
          <RelativeTime iso={unit.lastSyncedAt} fallback="Not yet" />
        </dd>
      </div>
      <div>
        <dt>In Condo Control</dt>
        <dd>{unit.condoControlUnitId ? 'Yes' : <span className="muted">Not yet created</span>}</dd>
      </div>
    </dl>
  );
}

export function UnitPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { data: unit, error, loading, reload } = useCall(async () => {
    const u = await bridge.call('units.get', { id });
    useUnits.getState().remember([u]);
    return u;
  }, [id]);
  const shown = unit?.id === id ? unit : undefined;
  const title = shown ? `Unit ${shown.number}` : 'Unit';
  return (
    <>
      <Breadcrumbs items={[{ label: 'Unit File', href: href.units }, { label: title }]} />
      <PageHeader title={title}>
        {shown ? (
          <a className="btn" href={href.balances(shown.id)}>
            <Wallet aria-hidden="true" size={16} />
            Account Balance
          </a>
        ) : null}
      </PageHeader>
      {error ? <ErrorNotice error={error} what="This unit" onRetry={reload} /> : null}
      {loading && !shown ? <p className="muted">Loading…</p> : null}
      {shown ? (
        <>
          <Facts unit={shown} />
          <section className="section" aria-labelledby="residents-heading">
            <h2 id="residents-heading" className="section-title">
              Residents
            </h2>
            {shown.residents.length ? (
              <div className="table-wrap">
                <table className="data-table clickable">
                  <caption className="visually-hidden">Residents of unit {shown.number}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Role in Condo Manager</th>
                      <th scope="col">Status</th>
                      <th scope="col" className="col-status">
                        {t('units.col.status')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.residents.map((r) => (
                      <tr key={r.id} onClick={(e) => !(e.target as HTMLElement).closest('a') && navigate(href.resident(r.id))}>
                        <th scope="row">
                          <a href={href.resident(r.id)} className="row-link">
                            {r.firstName} {r.lastName}
                          </a>
                        </th>
                        <td>{roleLabel[r.role]}</td>
                        <td>{r.status === 'Active' ? 'Current' : <span className="muted">Past (moved out)</span>}</td>
                        <td className="col-status">{r.syncStatus ? <SyncStatusBadge status={r.syncStatus} /> : null}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="muted">Condo Manager lists no owners or tenants for this unit.</p>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}
