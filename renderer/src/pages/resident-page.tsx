/** The User section: one resident as Condo Control shows them, and what the next sync will change. */
import type { Resident } from '@shared/types';
import { bridge } from '../bridge';
import { Breadcrumbs } from '../components/breadcrumbs';
import { Differences } from '../components/differences';
import { ErrorNotice, Notice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { RelativeTime } from '../components/relative-time';
import { SyncStatusBadge } from '../components/status-badge';
import { UnitLink } from '../components/record-links';
import { roleLabel } from '../lib/format';
import { href } from '../lib/router';
import { useCall } from '../lib/use-call';
import { useUnits } from '../stores/units-store';
import { ResidentHistory } from './resident-history';

const languages = { en: 'English', fr: 'French' } as const;
const phoneTypes = { home: 'Home', mobile: 'Mobile', work: 'Work' } as const;

function Details({ r }: { r: Resident }) {
  const rows: [string, React.ReactNode][] = [
    ['First name', r.firstName || <span className="muted">—</span>],
    ['Last name', r.lastName],
    ['Email', r.email ? <a href={`mailto:${r.email}`}>{r.email}</a> : <span className="muted">No email (cannot log in to Condo Control)</span>],
    [
      'Phones',
      r.phones.length ? (
        <ul className="plain-list">
          {r.phones.map((p) => (
            <li key={`${p.type}-${p.number}`}>
              <span className="num">{p.number}</span> <span className="muted">{phoneTypes[p.type]}</span>
            </li>
          ))}
        </ul>
      ) : (
        <span className="muted">—</span>
      ),
    ],
    ['Language', languages[r.language]],
    ['Groups', r.groups.length ? r.groups.join(', ') : <span className="muted">None</span>],
    [
      'Related units',
      r.unitIds.length ? (
        <ul className="plain-list inline">
          {r.unitIds.map((id) => (
            <li key={id}>
              <UnitLink id={id} />
            </li>
          ))}
        </ul>
      ) : (
        <span className="muted">None</span>
      ),
    ],
    ['In Condo Manager', `${roleLabel[r.role]} (Information → ${roleLabel[r.role]}), ${r.status === 'Active' ? 'current' : 'past'}`],
    ['Active in Condo Control', r.active ? 'Yes' : 'No (deactivated)'],
    ['Last synced', <RelativeTime key="t" iso={r.lastSyncedAt} fallback="Not yet" />],
    ['Sync status', <SyncStatusBadge key="s" status={r.syncStatus} />],
  ];
  return (
    <dl className="facts facts-wide">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ResidentPage({ id }: { id: string }) {
  const known = useUnits((s) => s.people[id]);
  const { data, error, loading, reload } = useCall(() => bridge.call('residents.get', { id }), [id]);
  const r = data?.id === id ? data : undefined;
  const name = r ? `${r.firstName} ${r.lastName}`.trim() : known ? `${known.firstName} ${known.lastName}`.trim() : 'Resident';
  const unitId = known?.unitId ?? r?.unitIds[0];
  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Unit File', href: href.units },
          ...(unitId && known ? [{ label: `Unit ${known.unitNumber}`, href: href.unit(unitId) }] : []),
          { label: name },
        ]}
      />
      <PageHeader title={name} eyebrow="User section" />
      {r ? (
        <>
          {r.attention.map((note) => (
            <Notice key={note} tone="warning" title="Needs attention">
              {note}
            </Notice>
          ))}
          <Details r={r} />
          <section className="section" aria-labelledby="pending-heading">
            <h2 id="pending-heading" className="section-title">
              Waiting for the next sync
            </h2>
            {r.pendingDifferences.length ? (
              <>
                <p className="muted">Condo Manager has changed. The next sync writes these values to Condo Control.</p>
                <div className="table-wrap diff-wrap">
                  <Differences changes={r.pendingDifferences} caption={`Pending changes for ${name}`} />
                </div>
              </>
            ) : (
              <p className="muted">Nothing. Condo Control matches Condo Manager for this resident.</p>
            )}
          </section>
          <ResidentHistory entries={r.history} />
        </>
      ) : (
        <>
          {known ? (
            <dl className="facts">
              <div>
                <dt>Unit</dt>
                <dd>
                  <a href={href.unit(known.unitId)}>Unit {known.unitNumber}</a>
                </dd>
              </div>
              <div>
                <dt>In Condo Manager</dt>
                <dd>
                  {roleLabel[known.role]}, {known.status === 'Active' ? 'current' : 'past'}
                </dd>
              </div>
            </dl>
          ) : null}
          {error ? <ErrorNotice error={error} what="The User section (email, phones, groups and history)" onRetry={reload} /> : null}
          {loading && !error ? <p className="muted">Loading…</p> : null}
        </>
      )}
    </>
  );
}
