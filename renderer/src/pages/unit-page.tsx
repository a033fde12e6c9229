/** One unit and its people. Names open the User section. */
import { Wallet } from 'lucide-react';
import type { UnitDetail } from '@shared/types';
import { useTranslation } from 'react-i18next';

import { bridge } from '../bridge';
import { Breadcrumbs } from '../components/breadcrumbs';
import { ErrorNotice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { RelativeTime } from '../components/relative-time';
import { SyncStatusBadge } from '../components/status-badge';
import { occupancyLabel, roleLabel, unitKindLabel } from '../lib/format';
import { useBuildingLabel } from '../lib/use-building-label';
import { href, navigate } from '../lib/router';
import { useCall } from '../lib/use-call';
import { useUnits } from '../stores/units-store';
import { hasOccupancy } from './resident-marks';

function Facts({ unit }: { unit: UnitDetail }) {
  const { t } = useTranslation();
  const building = useBuildingLabel();
  return (
    <dl className="facts">
      <div>
        <dt>{t('unit.fact.building')}</dt>
        <dd>{building(unit.corporationId)}</dd>
      </div>
      <div>
        <dt>{t('unit.fact.legal')}</dt>
        <dd translate="no">{unit.legalDescription || <span className="muted">—</span>}</dd>
      </div>
      <div>
        <dt>{t('unit.fact.type')}</dt>
        <dd>{unitKindLabel[unit.kind]}</dd>
      </div>
      {hasOccupancy(unit.kind) ? (
        <div>
          <dt>{t('unit.fact.occupancy')}</dt>
          <dd>{occupancyLabel[unit.occupancy]}</dd>
        </div>
      ) : null}
      <div>
        <dt>{t('unit.fact.status')}</dt>
        <dd>
          <SyncStatusBadge status={unit.syncStatus} />
        </dd>
      </div>
      <div>
        <dt>{t('unit.fact.lastSynced')}</dt>
        <dd>
          <RelativeTime iso={unit.lastSyncedAt} fallback={t('unit.fact.notYet')} />
        </dd>
      </div>
      <div>
        <dt>{t('unit.fact.inCondoControl')}</dt>
        <dd>{unit.condoControlUnitId ? t('common.value.yes') : <span className="muted">{t('unit.fact.notCreated')}</span>}</dd>
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
  const title = shown ? t('unit.title', { number: shown.number }) : t('unit.titleUnknown');
  return (
    <>
      <Breadcrumbs items={[{ label: t('common.product.unitFile'), href: href.units }, { label: title }]} />
      <PageHeader title={title}>
        {shown ? (
          <a className="btn" href={href.balances(shown.id)}>
            <Wallet aria-hidden="true" size={16} />
            {t('common.product.accountBalance')}
          </a>
        ) : null}
      </PageHeader>
      {error ? <ErrorNotice error={error} what={t('unit.what')} onRetry={reload} /> : null}
      {loading && !shown ? <p className="muted">{t('unit.loading')}</p> : null}
      {shown ? (
        <>
          <Facts unit={shown} />
          <section className="section" aria-labelledby="residents-heading">
            <h2 id="residents-heading" className="section-title">
              {t('unit.residents.title')}
            </h2>
            {shown.residents.length ? (
              <div className="table-wrap">
                <table className="data-table clickable">
                  <caption className="visually-hidden">{t('unit.residents.caption', { number: shown.number })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('unit.residents.name')}</th>
                      <th scope="col">{t('unit.residents.role')}</th>
                      <th scope="col">{t('unit.residents.status')}</th>
                      <th scope="col" className="col-status">
                        {t('units.col.status')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.residents.map((r) => (
                      <tr key={r.id} onClick={(e) => !(e.target as HTMLElement).closest('a') && navigate(href.resident(r.id))}>
                        <th scope="row">
                          <a href={href.resident(r.id)} className="row-link" translate="no">
                            {r.firstName} {r.lastName}
                          </a>
                        </th>
                        <td>{roleLabel[r.role]}</td>
                        <td>{r.status === 'Active' ? t('unit.residents.current') : <span className="muted">{t('unit.residents.past')}</span>}</td>
                        <td className="col-status">{r.syncStatus ? <SyncStatusBadge status={r.syncStatus} /> : null}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="muted">{t('unit.residents.none')}</p>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}
