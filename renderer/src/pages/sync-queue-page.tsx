/** Sync Queue: every run, newest first, moving live as job.updated events arrive. */
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { RefreshCw } from 'lucide-react';
import type { Job } from '@shared/types';
import { CancelJobButton } from '../components/cancel-job-button';
import { ErrorNotice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { JobProgress } from '../components/progress';
import { RelativeTime } from '../components/relative-time';
import { JobStatusBadge } from '../components/status-badge';
import { SyncDialog } from '../components/sync-dialog';
import { count, durationBetween, jobKindLabel, phaseLabel, triggerLabel } from '../lib/format';
import { href, navigate } from '../lib/router';
import { useNow } from '../lib/use-now';
import { isActive, useJobList, useJobs } from '../stores/jobs-store';

function Num({ n, tone }: { n: number; tone?: string }) {
  return <td className={`num${n && tone ? ` tone-text-${tone}` : ''}${n ? '' : ' zero'}`}>{count(n)}</td>;
}

export function JobName({ job }: { job: Job }) {
  return (
    <>
      {jobKindLabel[job.kind]}
      {job.dryRun ? <span className="kind-tag">Preview</span> : null}
    </>
  );
}

function JobRow({ job }: { job: Job }) {
  useNow(); // keeps running durations current
  const active = isActive(job);
  return (
    <tr onClick={(e) => !(e.target as HTMLElement).closest('a, button') && navigate(href.job(job.id))}>
      <th scope="row">
        <a href={href.job(job.id)} className="row-link">
          <JobName job={job} />
        </a>
        <div className="cell-sub">{triggerLabel[job.trigger]}</div>
      </th>
      <td className="col-status">
        <div className="status-line">
          <JobStatusBadge status={job.status} attention={job.counts.conflict} />
          {active && job.status !== 'awaiting_confirmation' ? <CancelJobButton job={job} /> : null}
        </div>
        {job.status === 'running' ? <div className="cell-sub">{phaseLabel[job.phase]}</div> : null}
        {job.error && !active ? (
          <div className="cell-sub cell-error" title={job.error.message}>
            {job.error.message}
          </div>
        ) : null}
      </td>
      <td className="col-progress">
        <JobProgress job={job} compact />
      </td>
      <Num n={job.counts.created} />
      <Num n={job.counts.updated} />
      <Num n={job.counts.unchanged} />
      <Num n={job.counts.conflict} tone="attention" />
      <Num n={job.counts.failed} tone="failed" />
      <td className="col-time">
        <RelativeTime iso={job.startedAt ?? job.createdAt} short />
        {job.startedAt ? (
          <div className="cell-sub">
            {active ? 'running' : 'took'} {durationBetween(job.startedAt, job.finishedAt)}
          </div>
        ) : null}
      </td>
    </tr>
  );
}

export function SyncQueuePage() {
  const jobs = useJobList();
  const { listError, loaded, total, load } = useJobs();
  const [dialog, setDialog] = useState(false);
  return (
    <>
      <PageHeader title="Sync Queue" description="Every sync, newest first: nightly runs, manual syncs, and invoices and payments as they happen.">
        <Button className="btn" onPress={() => setDialog(true)}>
          <RefreshCw aria-hidden="true" size={16} />
          Update From Condo Manager
        </Button>
      </PageHeader>
      <SyncDialog isOpen={dialog} onOpenChange={setDialog} />
      {listError ? <ErrorNotice error={listError} what="The list of past syncs" onRetry={() => void load()} /> : null}
      {jobs.length ? (
        <div className="table-wrap">
          <table className="data-table clickable queue-table">
            <caption className="visually-hidden">Syncs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Sync</th>
                <th scope="col" className="col-status">
                  Status
                </th>
                <th scope="col" className="col-progress">
                  Progress
                </th>
                <th scope="col" className="num">
                  Added
                </th>
                <th scope="col" className="num">
                  Updated
                </th>
                <th scope="col" className="num">
                  Unchanged
                </th>
                <th scope="col" className="num wrap">
                  Needs attention
                </th>
                <th scope="col" className="num">
                  Failed
                </th>
                <th scope="col" className="col-time">
                  Started
                </th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <JobRow key={job.id} job={job} />
              ))}
            </tbody>
          </table>
          {total > jobs.length ? <p className="table-foot muted">Showing the latest {count(jobs.length)} of {count(total)} syncs.</p> : null}
        </div>
      ) : loaded && !listError ? (
        <div className="empty-state">
          <h2>No syncs yet</h2>
          <p>Syncs appear here as soon as they are queued: the nightly run, a manual Start New Sync, and real-time invoice and payment updates.</p>
        </div>
      ) : null}
    </>
  );
}
