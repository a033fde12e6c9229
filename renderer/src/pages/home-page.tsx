/** Home: the state of the sync at a glance, and the one button most visits need. */
import { AlertTriangle, CalendarClock, History, Table2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { ErrorNotice, Notice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { JobProgress } from '../components/progress';
import { RelativeTime } from '../components/relative-time';
import { StartSyncButton } from '../components/start-sync-button';
import { JobStatusBadge } from '../components/status-badge';
import { absoluteIn, count, durationBetween, jobKindLabel, phaseLabel, plural, upcomingTime, weekdayLabel } from '../lib/format';
import { finishedSummary } from '../lib/live';
import { href } from '../lib/router';
import { useNow } from '../lib/use-now';
import { useStartSync } from '../lib/use-start-sync';
import { useCounts } from '../stores/counts-store';
import { changesOf, currentJob, lastFinished, useJobList, useJobs } from '../stores/jobs-store';
import { useSchedule } from '../stores/schedule-store';
import { useUnits } from '../stores/units-store';
import { AttentionList } from './attention-list';
import { RealtimeCard } from './home-realtime';
import { sentence } from '../lib/errors';

function Card({ title, icon, children }: { title: string; icon: ReactNode; children: ReactNode }) {
  return (
    <section className="card" aria-label={title}>
      <h2 className="card-title">
        {icon}
        {title}
      </h2>
      {children}
    </section>
  );
}

function SyncCard() {
  const jobs = useJobList();
  const listError = useJobs((s) => s.listError);
  const active = currentJob(jobs);
  const last = lastFinished(jobs);
  if (active) {
    return (
      <Card title="Sync in progress" icon={<History aria-hidden="true" size={18} />}>
        <p className="card-figure-line">
          <JobStatusBadge status={active.status} /> <span className="muted">{phaseLabel[active.phase]}</span>
        </p>
        <JobProgress job={active} />
        <p className="card-foot">
          <a href={href.job(active.id)}>Follow it in the Sync Queue</a>
        </p>
      </Card>
    );
  }
  return (
    <Card title="Last sync" icon={<History aria-hidden="true" size={18} />}>
      {last ? (
        <>
          <p className="card-figure">
            <RelativeTime iso={last.finishedAt} />
          </p>
          <p className="card-meta">
            <JobStatusBadge status={last.status} attention={last.counts.conflict} />
            <span className="muted">
              {jobKindLabel[last.kind]} · {durationBetween(last.startedAt ?? last.createdAt, last.finishedAt)} · {plural(changesOf(last), 'change')}
            </span>
          </p>
          {last.status === 'failed' || last.status === 'interrupted' ? (
            <p>
              {sentence(last.error?.message ?? 'The sync stopped before it finished')} Nothing was lost; the next sync tries again.
            </p>
          ) : (
            <p>{finishedSummary(last).replace(/^./, (c) => c.toUpperCase())}.</p>
          )}
          <p className="card-foot">
            <a href={href.job(last.id)}>{last.status === 'failed' ? 'See the details' : 'See what changed'}</a>
          </p>
        </>
      ) : listError ? (
        <ErrorNotice error={listError} what="The sync history" />
      ) : (
        <p className="muted">No sync has finished yet. The first sync fills the Unit File from Condo Manager.</p>
      )}
    </Card>
  );
}

function ScheduleCard() {
  const schedule = useSchedule((s) => s.schedule);
  const error = useSchedule((s) => s.error);
  const now = useNow();
  return (
    <Card title="Next nightly run" icon={<CalendarClock aria-hidden="true" size={18} />}>
      {schedule ? (
        <>
          <p className="card-figure" title={absoluteIn(schedule.nextRunAt, schedule.timeZone)}>
            {upcomingTime(schedule.nextRunAt, now, schedule.timeZone).replace(/^./, (c) => c.toUpperCase())}
          </p>
          <p className="muted">
            Every night at {schedule.time} ({schedule.timeZone.replace(/_/g, ' ')}). Full reconcile every {weekdayLabel[schedule.reconcileDay]}.
          </p>
          <p className="card-foot">
            <a href={href.settings}>Change the schedule</a>
          </p>
        </>
      ) : error ? (
        <ErrorNotice error={error} what="The nightly schedule" />
      ) : (
        <p className="muted">Loading…</p>
      )}
    </Card>
  );
}

function UnitsCard() {
  const counts = useCounts((s) => s.counts);
  const error = useCounts((s) => s.error);
  const filter = (status: 'attention' | 'pending') => () => useUnits.getState().setStatus(status);
  return (
    <Card title="Unit File" icon={<Table2 aria-hidden="true" size={18} />}>
      {counts ? (
        <>
          <p className="card-figure">{plural(counts.all, 'unit')}</p>
          <ul className="count-list">
            <li>
              <a href={href.units} onClick={filter('attention')} className={counts.attention ? 'tone-text-attention' : undefined}>
                <AlertTriangle aria-hidden="true" size={14} /> <span className="num">{count(counts.attention)}</span> need attention
              </a>
            </li>
            <li>
              <a href={href.units} onClick={filter('pending')}>
                <span className="num">{count(counts.pending)}</span> with changes pending
              </a>
            </li>
            <li className="muted">
              <span className="num">{count(counts.in_sync)}</span> in sync
            </li>
          </ul>
        </>
      ) : error ? (
        <ErrorNotice error={error} what="The Unit File" />
      ) : (
        <p className="muted">Loading…</p>
      )}
    </Card>
  );
}

export function HomePage() {
  const { start, busy, error } = useStartSync();
  const counts = useCounts((s) => s.counts);
  return (
    <>
      <PageHeader title="Home" description="Residents, invoices and payments flow one way: from Condo Manager into Condo Control.">
        <StartSyncButton busy={busy} onPress={() => void start()} />
      </PageHeader>
      {error ? <ErrorNotice error={error} what="Starting a sync from here" /> : null}
      {counts && counts.all === 0 ? (
        <Notice title="The Unit File is empty">The first sync fills it from Condo Manager. Start New Sync to bring in units and residents now.</Notice>
      ) : null}
      <div className="card-grid">
        <SyncCard />
        <ScheduleCard />
        <UnitsCard />
        <RealtimeCard />
      </div>
      {counts && counts.attention > 0 ? <AttentionList /> : null}
    </>
  );
}
