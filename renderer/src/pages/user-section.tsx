/**
 * The User section's facts: what Condo Control holds (what the resident logs
 * in with), each field that differs marked with the Condo Manager value
 * waiting for the next sync, or held back by a conflict.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldDifference, Phone, Resident } from '@shared/types';
import { heldBackText } from '../components/differences';
import { Notice } from '../components/notice';
import { RelativeTime } from '../components/relative-time';
import { SyncStatusBadge } from '../components/status-badge';
import { UnitLink } from '../components/record-links';
import { displayValue, roleLabel } from '../lib/format';

function Phones({ phones }: { phones: Phone[] }) {
  const { t } = useTranslation();
  if (!phones.length) return <span className="muted">—</span>;
  return (
    <ul className="plain-list">
      {phones.map((p) => (
        <li key={`${p.type}-${p.number}`}>
          <span className="num">{p.number}</span> <span className="muted">{t(`common.value.phoneType.${p.type}`)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The Condo Manager value beside a Condo Control one: waiting, or held back and why. */
function Waiting({ d, role }: { d: FieldDifference | undefined; role: Resident['role'] }) {
  const { t } = useTranslation();
  if (!d) return null;
  const held = heldBackText(d, role);
  return (
    <div className={`waiting ${held ? 'waiting-held' : ''}`}>
      <span>{t('userSection.waiting', { value: displayValue(d.condoManager) })}</span> <span className="waiting-tag">{held ? t('userSection.heldBackTag') : t('userSection.waitingTag')}</span>
      {held ? <p className="waiting-why">{held}</p> : null}
    </div>
  );
}

export function UserFacts({ r }: { r: Resident }) {
  const { t } = useTranslation();
  const cc = r.condoControl;
  const diff = (field: string) => r.pendingDifferences.find((d) => d.field === field);
  // Not in Condo Control yet: show Condo Manager's values, labelled as such.
  const shown = cc ?? { firstName: r.firstName, lastName: r.lastName, email: r.email, phones: r.phones, language: r.language, groups: [], active: false };
  const mark = (field: string) => (cc ? <Waiting d={diff(field)} role={r.role} /> : null);
  const screen = t(r.role === 'owner' ? 'common.product.informationOwner' : 'common.product.informationTenant');
  const rows: [string, ReactNode][] = [
    [t('userSection.field.firstName'), <><span translate="no">{shown.firstName || '—'}</span>{mark('firstName')}</>],
    [t('userSection.field.lastName'), <><span translate="no">{shown.lastName}</span>{mark('lastName')}</>],
    [
      t('userSection.field.email'),
      <>
        {shown.email ? <a href={`mailto:${shown.email}`}>{shown.email}</a> : <span className="muted">{t('userSection.noEmail')}</span>}
        {mark('email')}
      </>,
    ],
    [t('userSection.field.phones'), <><Phones phones={shown.phones} />{mark('phones')}</>],
    [t('userSection.field.language'), <>{t(`common.value.language.${shown.language}`)}{mark('language')}</>],
    ...(cc ? ([[t('userSection.field.groups'), !cc.groups ? <span className="muted">{t('userSection.groupsUnknown')}</span> : cc.groups.length ? cc.groups.join(', ') : <span className="muted">{t('userSection.none')}</span>]] as [string, ReactNode][]) : []),
    ...(cc ? ([[t('userSection.field.active'), <>{cc.active ? t('userSection.activeYes') : t('userSection.activeNo')}{mark('active')}</>]] as [string, ReactNode][]) : []),
  ];
  const context: [string, ReactNode][] = [
    [
      t('userSection.field.units'),
      r.unitIds.length ? (
        <ul className="plain-list inline">
          {r.unitIds.map((id) => (
            <li key={id}>
              <UnitLink id={id} />
            </li>
          ))}
        </ul>
      ) : (
        <span className="muted">{t('userSection.none')}</span>
      ),
    ],
    [t('userSection.field.role'), t('userSection.roleLine', { role: roleLabel[r.role], screen, state: t(r.status === 'Active' ? 'userSection.current' : 'userSection.past') })],
    [t('userSection.field.lastSynced'), <RelativeTime key="t" iso={r.lastSyncedAt} fallback={t('userSection.notYetShort')} />],
    [t('userSection.field.status'), <SyncStatusBadge key="s" status={r.syncStatus} />],
  ];
  const list = (items: [string, ReactNode][], className: string) => (
    <dl className={className}>
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
  return (
    <>
      <section className="section" aria-labelledby="cc-heading">
        <h2 id="cc-heading" className="section-title">
          {cc ? t('userSection.inCondoControl') : t('userSection.fromCondoManager')}
        </h2>
        {cc ? <p className="muted small">{t('userSection.inCondoControlHelp')}</p> : <Notice title={t('userSection.notYet')}>{t('userSection.notYetBody')}</Notice>}
        {cc?.source === 'last-sync' ? <Notice tone="warning" title={t('userSection.asOfLastSync')} /> : null}
        {list(rows, 'facts facts-wide')}
      </section>
      {list(context, 'facts facts-wide')}
    </>
  );
}
