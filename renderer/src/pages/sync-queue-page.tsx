/** Sync Queue: every run, newest first, moving live as job.updated events arrive. */
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { RefreshCw } from 'lucide-react';
import { tally } from '@shared/job-summary';
import { countsOnScreen } from '@shared/standing-attention';
import type { Job } from '@shared/types';
import { useTranslation } from 'react-i18next';
import { CancelJobButton } from '../components/cancel-job-button';
import { ErrorNotice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { JobProgress } from '../components/progress';
import { RelativeTime } from '../components/relative-time';
import { JobStatusBadge } from '../components/status-badge';
import { SyncDialog } from '../components/sync-dialog';
import { count, durationBetween, jobKindLabel, phaseLabel, triggersLabel } from '../lib/format';
import { starterLine } from '../lib/starter';
import { countsParts } from '../lib/counts-text';
import { serverSentence } from '../lib/errors';
import { href, navigate } from '../lib/router';
import { usePermission } from '../lib/use-permission';
import { useNow } from '../lib/use-now';
import { isActive, useJobList, useJobs } from '../stores/jobs-store';

function Num({ n, tone }: { n: number; tone?: string }) {
  return <td className={`num col-count${n && tone ? ` tone-text-${tone}` : ''}${n ? '' : ' zero'}`}>{count(n)}</td>;
}

/**
 * The five counts as one cell, each on its line ("83 added", "3 need
 * attention"), for a narrow window where five number columns would push the
 * table sideways (CSS shows one or the other). The lines add up as the columns do.
 */
function Results({ job }: { job: Job }) {
  const { t } = useTranslation();
  const counts = countsOnScreen(job.counts, job.standingAttention);
  const n = tally(counts);
  const parts = [...countsParts(counts, job.dryRun ? 'sync.preview' : 'sync.summary'), ...(n.unchanged ? [t('queue.unchangedPart', { count: n.unchanged })] : [])];
  return (
    <td className="col-results">
      {parts.length ? (
        parts.map((p) => (
          <div key={p} className="results-line">
            {p}
          </div>
        ))
      ) : (
        <span className="muted">—</span>
      )}
    </td>
  );
}

export function JobName({ job }: { job: Job }) {
  const { t } = useTranslation();
  return (
    <>
      {jobKindLabel[job.kind]}
      {job.dryRun ? <span className="kind-tag">{t('queue.preview')}</span> : null}
    </>
  );
}

function JobRow({ job }: { job: Job }) {
  useNow(); // keeps running durations current
  const { t } = useTranslation();
  const active = isActive(job);
  // Open notes from an earlier sync count as needing attention, as on the sync's own page.
  const n = tally(countsOnScreen(job.counts, job.standingAttention));
  return (
    <tr onClick={(e) => !(e.target as HTMLElement).closest('a, button') && navigate(href.job(job.id))}>
      <th scope="row">
        <a href={href.job(job.id)} className="row-link">
          <JobName job={job} />
        </a>
        <div className="cell-sub">{starterLine(job) ?? triggersLabel(job)}</div>
      </th>
      <td className="col-status">
        <div className="status-line">
          <JobStatusBadge status={job.status} attention={job.counts.conflict} failed={job.counts.failed} />
          {active && job.status !== 'awaiting_confirmation' ? <CancelJobButton job={job} /> : null}
        </div>
        {job.status === 'running' ? <div className="cell-sub">{phaseLabel[job.phase]}</div> : null}
        {job.error && !active ? (
          <div className="cell-sub cell-error" title={serverSentence(job.error.message)}>
            {serverSentence(job.error.message) ?? t('job.stopped.title')}
          </div>
        ) : null}
      </td>
      <td className="col-progress">
        <JobProgress job={job} compact />
      </td>
      {/* Said as the finish toast says it: a new user who also needs attention is counted as added. */}
      <Num n={n.created} />
      <Num n={n.updated} />
      <Num n={n.unchanged} />
      <Num n={n.attention} tone="attention" />
      <Num n={n.failed} tone="failed" />
      <Results job={job} />
      <td className="col-time">
        <RelativeTime iso={job.startedAt ?? job.createdAt} short />
        {job.startedAt ? (
          <div className="cell-sub">
            {t(active ? 'queue.running' : 'queue.took', { duration: durationBetween(job.startedAt, job.finishedAt) })}
          </div>
        ) : null}
      </td>
    </tr>
  );
}

export function SyncQueuePage() {
  const { t } = useTranslation();
  const jobs = useJobList();
  const { listError, loaded, total, load } = useJobs();
  const [dialog, setDialog] = useState(false);
  const { allowed: canSync, reason } = usePermission('sync');
  return (
    <>
      <PageHeader title={t('common.nav.queue')} description={t('queue.description')}>
        <span className="action-with-reason">
          <Button className="btn" onPress={() => setDialog(true)} isDisabled={!canSync} aria-describedby={reason ? 'queue-sync-reason' : undefined}>
            <RefreshCw aria-hidden="true" size={16} />
            {t('common.product.updateFromCondoManager')}
          </Button>
          {reason ? (
            <span id="queue-sync-reason" className="role-reason" data-testid="role-reason">
              {reason}
            </span>
          ) : null}
        </span>
      </PageHeader>
      <SyncDialog isOpen={dialog} onOpenChange={setDialog} />
      {listError ? <ErrorNotice error={listError} what={t('queue.listWhat')} onRetry={() => void load()} /> : null}
      {jobs.length ? (
        <div className="table-wrap">
          <table className="data-table clickable queue-table">
            <caption className="visually-hidden">{t('queue.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('queue.col.sync')}</th>
                <th scope="col" className="col-status">
                  {t('queue.col.status')}
                </th>
                <th scope="col" className="col-progress">
                  {t('queue.col.progress')}
                </th>
                <th scope="col" className="num col-count">
                  {t('queue.col.created')}
                </th>
                <th scope="col" className="num col-count">
                  {t('queue.col.updated')}
                </th>
                <th scope="col" className="num col-count">
                  {t('queue.col.unchanged')}
                </th>
                <th scope="col" className="num wrap col-count">
                  {t('queue.col.conflict')}
                </th>
                <th scope="col" className="num col-count">
                  {t('queue.col.failed')}
                </th>
                <th scope="col" className="col-results">
                  {t('queue.col.results')}
                </th>
                <th scope="col" className="col-time">
                  {t('queue.col.started')}
                </th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <JobRow key={job.id} job={job} />
              ))}
            </tbody>
          </table>
          {total > jobs.length ? <p className="table-foot muted">{t('queue.showing', { shown: count(jobs.length), total: count(total) })}</p> : null}
        </div>
      ) : loaded && !listError ? (
        <div className="empty-state">
          <h2>{t('queue.empty.title')}</h2>
          <p>{t('queue.empty.body')}</p>
        </div>
      ) : null}
    </>
  );
}
