/** The accounting desk's printable Data-quality report: what to fix in Condo Manager, building by building. */
import type { ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { Printer } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { DataQualityPerson } from '@shared/types';
import { bridge } from '../bridge';
import { Breadcrumbs } from '../components/breadcrumbs';
import { ExportButton } from '../components/export-button';
import { ErrorNotice, Notice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { absoluteDate, count, roleLabel, shortDate } from '../lib/format';
import { href } from '../lib/router';
import { useBuildingLabel, useShowBuilding } from '../lib/use-building-label';
import { useCall } from '../lib/use-call';
import { useApp } from '../stores/app-store';

function Section({ title, help, n, children }: { title: string; help: string; n: number; children: ReactNode }) {
  const { t } = useTranslation();
  const id = `dq-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className="report-section" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span className="report-count num">({count(n)})</span>
      </h2>
      <p className="muted small">{help}</p>
      {n ? <div className="table-wrap">{children}</div> : <p className="muted">{t('exportFiles.report.none')}</p>}
    </section>
  );
}

export function DataQualityPage() {
  const { t } = useTranslation();
  const building = useApp((s) => s.corporationId);
  const label = useBuildingLabel();
  const many = useShowBuilding();
  const { data: r, error, reload } = useCall(() => bridge.call('reports.dataQuality', building ? { corporationId: building } : {}), [building]);
  const c = (k: string) => t(`exportFiles.report.col.${k}` as 'exportFiles.report.col.person');
  const person = (p: DataQualityPerson) => (
    <a href={href.resident(p.personId)} translate="no">
      {p.name || '—'}
    </a>
  );
  const buildingCell = (id: string) => (many ? <td>{label(id)}</td> : null);
  const buildingHead = many ? <th scope="col">{c('building')}</th> : null;
  const total = r ? r.sharedEmails.length + r.invalidEmails.length + r.unitsWithoutOwners.length + r.peopleWithoutUnits.length + r.unfinishedMoveOuts.length : 0;
  return (
    <>
      <Breadcrumbs items={[{ label: t('common.product.unitFile'), href: href.units }, { label: t('exportFiles.report.title') }]} />
      <PageHeader title={t('exportFiles.report.title')} description={t('exportFiles.report.description')}>
        <span className="page-actions no-print">
          <ExportButton request={{ what: 'attention', ...(building ? { corporationId: building } : {}) }} label={t('exportFiles.button.attentionCsv')} />
          <Button className="btn" onPress={() => window.print()}>
            <Printer aria-hidden="true" size={16} />
            {t('exportFiles.button.print')}
          </Button>
        </span>
      </PageHeader>
      {error ? <ErrorNotice error={error} what={t('exportFiles.report.loadWhat')} onRetry={reload} /> : null}
      {!r && !error ? <p className="muted">{t('exportFiles.report.loading')}</p> : null}
      {r ? (
        <>
          <p className="muted">{t('exportFiles.report.generated', { when: absoluteDate(r.generatedAt), building: building ? label(building) : t('common.building.all') })}</p>
          {total === 0 ? <Notice tone="success" title={t('exportFiles.report.allClear')} /> : null}
          <Section title={t('exportFiles.report.sharedEmails')} help={t('exportFiles.report.sharedEmailsHelp')} n={r.sharedEmails.length}>
            <table className="data-table">
              <thead>
                <tr>
                  {buildingHead}
                  <th scope="col">{c('email')}</th>
                  <th scope="col">{c('person')}</th>
                  <th scope="col">{c('units')}</th>
                </tr>
              </thead>
              <tbody>
                {r.sharedEmails.map((s) => (
                  <tr key={`${s.people[0]?.corporationId}-${s.email}`}>
                    {buildingCell(s.people[0]?.corporationId ?? '')}
                    <td>{s.email}</td>
                    <td>
                      <ul className="plain-list">
                        {s.people.map((p) => (
                          <li key={p.personId}>
                            {person(p)} <span className="muted">({roleLabel[p.role]})</span>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>{[...new Set(s.people.flatMap((p) => p.units))].join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
          <Section title={t('exportFiles.report.invalidEmails')} help={t('exportFiles.report.invalidEmailsHelp')} n={r.invalidEmails.length}>
            <PeopleTable rows={r.invalidEmails} extra={(p) => p.email} extraHead={c('email')} person={person} buildingHead={buildingHead} buildingCell={buildingCell} />
          </Section>
          <Section title={t('exportFiles.report.unitsWithoutOwners')} help={t('exportFiles.report.unitsWithoutOwnersHelp')} n={r.unitsWithoutOwners.length}>
            <table className="data-table">
              <thead>
                <tr>
                  {buildingHead}
                  <th scope="col">{c('unit')}</th>
                </tr>
              </thead>
              <tbody>
                {r.unitsWithoutOwners.map((u) => (
                  <tr key={u.unitId}>
                    {buildingCell(u.corporationId)}
                    <td>
                      <a href={href.unit(u.unitId)}>{u.number}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
          <Section title={t('exportFiles.report.peopleWithoutUnits')} help={t('exportFiles.report.peopleWithoutUnitsHelp')} n={r.peopleWithoutUnits.length}>
            <PeopleTable rows={r.peopleWithoutUnits} person={person} buildingHead={buildingHead} buildingCell={buildingCell} />
          </Section>
          <Section title={t('exportFiles.report.moveOuts')} help={t('exportFiles.report.moveOutsHelp')} n={r.unfinishedMoveOuts.length}>
            <PeopleTable
              rows={r.unfinishedMoveOuts}
              extra={(p) =>
                p.reason === 'still-current' ? t('exportFiles.report.stillCurrent', { date: shortDate(`${p.moveOutDate}T12:00:00Z`) }) : t('exportFiles.report.stillActive')
              }
              extraHead={c('what')}
              person={person}
              buildingHead={buildingHead}
              buildingCell={buildingCell}
            />
          </Section>
        </>
      ) : null}
    </>
  );
}

function PeopleTable<P extends DataQualityPerson>({
  rows,
  extra,
  extraHead,
  person,
  buildingHead,
  buildingCell,
}: {
  rows: P[];
  extra?: (p: P) => ReactNode;
  extraHead?: string;
  person: (p: DataQualityPerson) => ReactNode;
  buildingHead: ReactNode;
  buildingCell: (id: string) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <table className="data-table">
      <thead>
        <tr>
          {buildingHead}
          <th scope="col">{t('exportFiles.report.col.person')}</th>
          <th scope="col">{t('exportFiles.report.col.role')}</th>
          <th scope="col">{t('exportFiles.report.col.units')}</th>
          {extra ? <th scope="col">{extraHead}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.personId}>
            {buildingCell(p.corporationId)}
            <td>{person(p)}</td>
            <td>{roleLabel[p.role]}</td>
            <td>{p.units.join(', ') || '—'}</td>
            {extra ? <td>{extra(p)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
