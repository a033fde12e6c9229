/** "What syncs": for trainers and new staff, which fields sync, in which direction and when, and where each shows up. */
import { useTranslation } from 'react-i18next';
import { bridge } from '../bridge';
import { PageHeader } from '../components/page-header';
import { timeOfDay, weekdayLabel } from '../lib/format';
import { href } from '../lib/router';
import { useCall } from '../lib/use-call';
import { useSchedule } from '../stores/schedule-store';

const residentRows = ['name', 'email', 'phones', 'language', 'units', 'role', 'moveOut', 'occupancy'] as const;
const commerceRows = ['invoices', 'payments'] as const;

export function WhatSyncsPage() {
  const { t } = useTranslation();
  const schedule = useSchedule((s) => s.schedule);
  const { data: settings } = useCall(() => bridge.call('settings.get'), []);
  const { data: corps } = useCall(() => bridge.call('corporations.list'), []);
  const owners = settings?.groups.owners ?? 'Owners';
  const tenants = settings?.groups.tenants ?? 'Renters';
  const when = schedule
    ? t('whatSyncs.residentsWhen', { time: timeOfDay(schedule.nextRunAt, schedule.timeZone), zone: schedule.timeZone.replace(/_/g, ' ') })
    : t('whatSyncs.residentsWhen', { time: '2:00', zone: 'America/Toronto' });
  const group = (rows: readonly string[], title: string, whenText: string) => (
    <tbody>
      <tr>
        <th scope="rowgroup" colSpan={4} className="sync-map-group">
          {title}
        </th>
      </tr>
      {rows.map((k, i) => (
        <tr key={k}>
          <th scope="row">{t(`whatSyncs.rows.${k}.what` as 'whatSyncs.rows.name.what')}</th>
          <td>{t(`whatSyncs.rows.${k}.where` as 'whatSyncs.rows.role.where', { owners, tenants })}</td>
          <td className="nowrap">{t('whatSyncs.direction')}</td>
          {i === 0 ? <td rowSpan={rows.length}>{whenText}</td> : null}
        </tr>
      ))}
    </tbody>
  );
  return (
    <>
      <PageHeader title={t('whatSyncs.title')} description={t('whatSyncs.description')} />
      <div className="table-wrap">
        <table className="data-table sync-map">
          <caption className="visually-hidden">{t('whatSyncs.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('whatSyncs.col.what')}</th>
              <th scope="col">{t('whatSyncs.col.where')}</th>
              <th scope="col">{t('whatSyncs.col.direction')}</th>
              <th scope="col">{t('whatSyncs.col.when')}</th>
            </tr>
          </thead>
          {group(residentRows, t('whatSyncs.residents'), when)}
          {group(commerceRows, t('whatSyncs.commerce'), t('whatSyncs.commerceWhen'))}
        </table>
      </div>
      {schedule ? (
        <>
          <p className="muted">{t('whatSyncs.reconcile', { day: weekdayLabel[schedule.reconcileDay] })}</p>
          <p>
            <a href={href.settings}>{t('whatSyncs.changeSchedule')}</a>
          </p>
        </>
      ) : null}
      <section className="report-section" aria-labelledby="groups-help">
        <h2 id="groups-help">{t('whatSyncs.groupsTitle')}</h2>
        <p>{t('whatSyncs.groupsBody', { owners, tenants })}</p>
        {corps?.filter((c) => c.groups).length ? (
          <ul>
            {corps
              .filter((c) => c.groups)
              .map((c) => (
                <li key={c.id}>{t('whatSyncs.groupsBuilding', { building: c.code, owners: c.groups!.owners, tenants: c.groups!.tenants })}</li>
              ))}
          </ul>
        ) : null}
        <p>
          <a href={href.settings}>{t('whatSyncs.changeGroups')}</a>
        </p>
      </section>
    </>
  );
}
