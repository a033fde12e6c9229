/** The User section: one resident as Condo Control holds them, and what the next sync will (and will not) change. */
import { useTranslation } from 'react-i18next';
import { bridge } from '../bridge';
import { Breadcrumbs } from '../components/breadcrumbs';
import { Differences } from '../components/differences';
import { ErrorNotice, Notice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { coreText } from '../lib/core-text';
import { roleLabel } from '../lib/format';
import { href } from '../lib/router';
import { useCall } from '../lib/use-call';
import { useUnits } from '../stores/units-store';
import { ResidentHistory } from './resident-history';
import { UserFacts } from './user-section';

export function ResidentPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const known = useUnits((s) => s.people[id]);
  const { data, error, loading, reload } = useCall(() => bridge.call('residents.get', { id }), [id]);
  const r = data?.id === id ? data : undefined;
  const name = r ? `${r.firstName} ${r.lastName}`.trim() : known ? `${known.firstName} ${known.lastName}`.trim() : t('userSection.resident');
  const unitId = known?.unitId ?? r?.unitIds[0];
  const pending = r?.pendingDifferences ?? [];
  const held = pending.filter((d) => d.heldBack).length;
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('common.product.unitFile'), href: href.units },
          ...(unitId && known ? [{ label: t('userSection.unit', { number: known.unitNumber }), href: href.unit(unitId) }] : []),
          { label: name },
        ]}
      />
      <PageHeader title={name} eyebrow={t('userSection.eyebrow')} />
      {r ? (
        <>
          {r.attention.map((note) => (
            <Notice key={note} tone={r.syncStatus === 'failed' ? 'error' : 'warning'} title={t(r.syncStatus === 'failed' ? 'common.syncState.failed' : 'userSection.attention')}>
              {coreText(note)}
            </Notice>
          ))}
          <UserFacts r={r} />
          <section className="section" aria-labelledby="pending-heading">
            <h2 id="pending-heading" className="section-title">
              {t('userSection.pending.title')}
            </h2>
            {pending.length ? (
              <>
                <p className="muted">{t(held === 0 ? 'userSection.pending.writes' : held === pending.length ? 'userSection.pending.writesNone' : 'userSection.pending.writesSome')}</p>
                <div className="table-wrap diff-wrap">
                  <Differences changes={pending} caption={t('userSection.pending.caption', { name })} role={r.role} />
                </div>
              </>
            ) : (
              <p className="muted">{t('userSection.pending.nothing')}</p>
            )}
          </section>
          <ResidentHistory entries={r.history} />
        </>
      ) : (
        <>
          {known ? (
            <dl className="facts">
              <div>
                <dt>{t('userSection.unitLabel')}</dt>
                <dd>
                  <a href={href.unit(known.unitId)}>{t('userSection.unit', { number: known.unitNumber })}</a>
                </dd>
              </div>
              <div>
                <dt>{t('userSection.field.role')}</dt>
                <dd>
                  {roleLabel[known.role]}, {t(known.status === 'Active' ? 'userSection.current' : 'userSection.past')}
                </dd>
              </div>
            </dl>
          ) : null}
          {error ? <ErrorNotice error={error} what={t('userSection.loadWhat')} onRetry={reload} /> : null}
          {loading && !error ? <p className="muted">{t('userSection.loading')}</p> : null}
        </>
      )}
    </>
  );
}
