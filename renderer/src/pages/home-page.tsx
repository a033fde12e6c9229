/** Home: the state of the sync at a glance, and the one button most visits need. */
import { AlertTriangle, CalendarClock, History, Table2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorNotice, Notice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { JobProgress } from '../components/progress';
import { RelativeTime } from '../components/relative-time';
import { StartNewSync } from '../components/start-sync-dialog-button';
import { JobStatusBadge } from '../components/status-badge';
import { absoluteIn, clockTime, count, durationBetween, jobKindLabel, phaseLabel, upcomingTime, weekdayLabel } from '../lib/format';
import { finishedSummary } from '../lib/live';
import { href } from '../lib/router';
import { useNow } from '../lib/use-now';
import { useCounts } from '../stores/counts-store';
import { changesOf, currentJob, lastFinished, useJobList, useJobs } from '../stores/jobs-store';
import { useSchedule } from '../stores/schedule-store';
import { useUnits } from '../stores/units-store';
import { AttentionList } from './attention-list';
import { RealtimeCard } from './home-realtime';
import { HelpLinks, RunsCard } from './runs-card';
import { serverSentence } from '../lib/errors';

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
  const { t } = useTranslation();
  const jobs = useJobList();
  const listError = useJobs((s) => s.listError);
  const active = currentJob(jobs);
  const last = lastFinished(jobs);
  if (active) {
    return (
      <Card title={t('home.sync.inProgress')} icon={<History aria-hidden="true" size={18} />}>
        <p className="card-figure-line">
          <JobStatusBadge status={active.status} /> <span className="muted">{phaseLabel[active.phase]}</span>
        </p>
        <JobProgress job={active} />
        <p className="card-foot">
          <a href={href.job(active.id)}>{t('home.sync.follow')}</a>
        </p>
      </Card>
    );
  }
  return (
    <Card title={t('home.sync.last')} icon={<History aria-hidden="true" size={18} />}>
      {last ? (
        <>
          <p className="card-figure">
            <RelativeTime iso={last.finishedAt} capitalize />
          </p>
          <p className="card-meta">
            <JobStatusBadge status={last.status} attention={last.counts.conflict} failed={last.counts.failed} />
            <span className="muted">
              {jobKindLabel[last.kind]} · {durationBetween(last.startedAt ?? last.createdAt, last.finishedAt)} · {t('home.sync.changes', { count: changesOf(last) })}
            </span>
          </p>
          {last.status === 'failed' || last.status === 'interrupted' ? (
            <p>
              {serverSentence(last.error?.message) ?? t('home.sync.stoppedEarly')} {t('home.sync.stoppedBody')}
            </p>
          ) : (
            <p>{finishedSummary(last).replace(/^./, (c) => c.toUpperCase())}.</p>
          )}
          <p className="card-foot">
            <a href={href.job(last.id)}>{last.status === 'failed' ? t('home.sync.details') : t('home.sync.whatChanged')}</a>
          </p>
        </>
      ) : listError ? (
        <ErrorNotice error={listError} what={t('home.sync.historyWhat')} />
      ) : (
        <p className="muted">{t('home.sync.none')}</p>
      )}
    </Card>
  );
}

function ScheduleCard() {
  const { t } = useTranslation();
  const schedule = useSchedule((s) => s.schedule);
  const error = useSchedule((s) => s.error);
  const now = useNow();
  return (
    <Card title={t('home.schedule.title')} icon={<CalendarClock aria-hidden="true" size={18} />}>
      {schedule ? (
        <>
          <p className="card-figure" title={absoluteIn(schedule.nextRunAt, schedule.timeZone)}>
            {upcomingTime(schedule.nextRunAt, now, schedule.timeZone).replace(/^./, (c) => c.toUpperCase())}
          </p>
          <p className="muted">
            {t('home.schedule.every', { time: clockTime(schedule.time), zone: schedule.timeZone.replace(/_/g, ' '), day: weekdayLabel[schedule.reconcileDay] })}
          </p>
          <p className="card-foot">
            <a href={href.settings}>{t('home.schedule.change')}</a>
          </p>
        </>
      ) : error ? (
        <ErrorNotice error={error} what={t('home.schedule.what')} />
      ) : (
        <p className="muted">{t('home.loading')}</p>
      )}
    </Card>
  );
}

function UnitsCard() {
  const { t } = useTranslation();
  const counts = useCounts((s) => s.counts);
  const error = useCounts((s) => s.error);
  const filter = (status: 'attention' | 'pending') => () => useUnits.getState().setStatus(status);
  return (
    <Card title={t('common.product.unitFile')} icon={<Table2 aria-hidden="true" size={18} />}>
      {counts ? (
        <>
          <p className="card-figure">{t('home.units.total', { count: counts.all })}</p>
          <ul className="count-list">
            <li>
              <a href={href.units} onClick={filter('attention')} className={counts.attention ? 'tone-text-attention' : undefined}>
                <AlertTriangle aria-hidden="true" size={14} /> <span className="num">{count(counts.attention)}</span> {t('home.units.attention')}
              </a>
            </li>
            <li>
              <a href={href.units} onClick={filter('pending')}>
                <span className="num">{count(counts.pending)}</span> {t('home.units.pending')}
              </a>
            </li>
            <li className="muted">
              <span className="num">{count(counts.in_sync)}</span> {t('home.units.inSync')}
            </li>
          </ul>
        </>
      ) : error ? (
        <ErrorNotice error={error} what={t('units.what')} />
      ) : (
        <p className="muted">{t('home.loading')}</p>
      )}
    </Card>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const counts = useCounts((s) => s.counts);
  return (
    <>
      <PageHeader title={t('common.nav.home')} description={t('home.description')}>
        <StartNewSync />
      </PageHeader>
      {counts && counts.all === 0 ? (
        <Notice title={t('home.empty.title')}>{t('home.empty.body')}</Notice>
      ) : null}
      <div className="card-grid">
        <SyncCard />
        <ScheduleCard />
        <UnitsCard />
        <RealtimeCard />
      </div>
      <RunsCard />
      <HelpLinks />
      {counts && counts.attention > 0 ? <AttentionList /> : null}
    </>
  );
}
