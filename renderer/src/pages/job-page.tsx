/** One sync: what it did, record by record, filterable by outcome. */
import { useEffect, useRef, useState } from 'react';
import { ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import type { JobCounts, JobDetail, OutcomeType } from '@shared/types';
import { useTranslation } from 'react-i18next';
import { bridge } from '../bridge';
import { Breadcrumbs } from '../components/breadcrumbs';
import { CancelJobButton } from '../components/cancel-job-button';
import { ErrorNotice, Notice } from '../components/notice';
import { outcomeInfo } from '../components/outcome-label';
import { ExportButton } from '../components/export-button';
import { PageHeader } from '../components/page-header';
import { JobProgress } from '../components/progress';
import { RelativeTime } from '../components/relative-time';
import { JobStatusBadge } from '../components/status-badge';
import { count, durationBetween, jobKindLabel, phaseLabel, triggersLabel } from '../lib/format';
import { href } from '../lib/router';
import { starterName } from '../lib/starter';
import { useNow } from '../lib/use-now';
import { isActive, useJobs } from '../stores/jobs-store';
import { OutcomeTable } from './outcome-table';
import { countsOnScreen } from '@shared/standing-attention';
import { serverSentence } from '../lib/errors';

type Filter = 'all' | OutcomeType;
const filterOrder: OutcomeType[] = ['created', 'updated', 'conflict', 'failed', 'deactivated', 'unchanged'];
const LIMIT = 100;

function Summary({ job }: { job: JobDetail }) {
  useNow();
  const { t } = useTranslation();
  const facts: [string, React.ReactNode][] = [
    [t('job.fact.status'), <JobStatusBadge key="s" status={job.status} attention={job.counts.conflict} failed={job.counts.failed} />],
    // The label already says "Started by": the value is the person alone.
    [t('job.fact.trigger'), starterName(job) ?? triggersLabel(job)],
    [t('job.fact.phase'), phaseLabel[job.phase]],
    [t('job.fact.queued'), <RelativeTime key="q" iso={job.createdAt} />],
    [t('job.fact.started'), <RelativeTime key="st" iso={job.startedAt} fallback={t('job.fact.notYet')} />],
    [t('job.fact.finished'), <RelativeTime key="f" iso={job.finishedAt} fallback={isActive(job) ? t('job.fact.stillRunning') : '—'} />],
    [t('job.fact.duration'), job.startedAt ? durationBetween(job.startedAt, job.finishedAt) : '—'],
  ];
  return (
    <dl className="facts">
      {facts.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function JobPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const live = useJobs((s) => s.byId[id]);
  // Open on what needs a person first: failures, then attention, else everything.
  const [filter, setFilter] = useState<Filter>(() => (live?.counts.failed ? 'failed' : live?.counts.conflict ? 'conflict' : 'all'));
  const chosen = useRef(false);
  const [offset, setOffset] = useState(0);
  const [detail, setDetail] = useState<JobDetail>();
  const [error, setError] = useState<unknown>();
  const seq = useRef(0);

  const stamp = live ? `${live.status}:${live.progress.done}:${live.phase}` : '';
  const lastQuery = useRef('');
  useEffect(() => {
    const mine = ++seq.current;
    const query = `${id}|${filter}|${offset}`;
    const onlyProgress = query === lastQuery.current;
    lastQuery.current = query;
    // While a job runs, its events arrive quickly; re-read its outcomes at most every 2 s.
    const timer = setTimeout(
      () => {
        bridge.call('jobs.get', { id, offset, limit: LIMIT, ...(filter !== 'all' ? { outcome: filter } : {}) }).then(
          (d) => {
            if (mine !== seq.current) return;
            if (!chosen.current && filter === 'all' && !isActive(d) && (d.counts.failed || d.counts.conflict || d.standingAttention)) {
              chosen.current = true;
              setFilter(d.counts.failed ? 'failed' : 'conflict');
              return;
            }
            chosen.current = true;
            setDetail(d);
            setError(undefined);
          },
          (err: unknown) => mine === seq.current && setError(err),
        );
      },
      onlyProgress ? 2000 : 0,
    );
    return () => clearTimeout(timer);
  }, [id, filter, offset, stamp]);

  // The live event is newer than the last read for status, progress and counts.
  const read = detail && detail.id === id ? detail : undefined;
  const job: JobDetail | undefined = read
    ? { ...read, ...(live ?? {}), outcomes: read.outcomes }
    : live
      ? { ...live, outcomes: { items: [], total: 0 }, standingAttention: 0 }
      : undefined;
  const title = job ? t(job.dryRun ? 'job.titlePreview' : 'job.title', { kind: jobKindLabel[job.kind] }) : t('job.titleUnknown');
  const raw: JobCounts | undefined = job?.counts ?? live?.counts;
  // A standing item (unchanged, its note from an earlier run still open) needs attention: the tabs count it
  // there and not as Unchanged, so each record is counted once and where the "Needs attention" list shows it.
  const counts: JobCounts | undefined = raw && countsOnScreen(raw, job?.standingAttention);

  return (
    <>
      <Breadcrumbs items={[{ label: t('common.nav.queue'), href: href.queue }, { label: title }]} />
      <PageHeader title={title}>
        {live && isActive(live) && live.status !== 'awaiting_confirmation' ? <CancelJobButton job={live} small={false} /> : null}
        {job && !isActive(job) ? <ExportButton request={{ what: 'job', jobId: id }} label={t('exportFiles.button.jobCsv')} /> : null}
      </PageHeader>
      {error ? <ErrorNotice error={error} what={job ? t('job.detailWhat') : t('job.whatSync')} /> : null}
      {job ? (
        <>
          {job.dryRun ? <Notice title={t('job.preview.title')}>{t('job.preview.body')}</Notice> : null}
          {job.error ? (
            <Notice tone={job.status === 'failed' ? 'error' : 'warning'} title={t('job.stopped.title')}>
              {serverSentence(job.error.message)} {t('job.stopped.body')}
            </Notice>
          ) : null}
          <Summary job={job} />
          {isActive(job) ? (
            <div className="section">
              <JobProgress job={job} />
            </div>
          ) : null}
        </>
      ) : null}
      {counts && job && read ? (
        <section className="section" aria-labelledby="outcomes-heading">
          <h2 id="outcomes-heading" className="section-title">
            {t('job.records')}
          </h2>
          <ToggleButtonGroup
            className="segmented"
            aria-label={t('job.show')}
            selectionMode="single"
            disallowEmptySelection
            selectedKeys={[filter]}
            onSelectionChange={(keys) => {
              const [next] = [...keys];
              if (next) {
                setFilter(next as Filter);
                setOffset(0);
              }
            }}
          >
            <ToggleButton id="all" className="segment">
              {t('job.all')}
            </ToggleButton>
            {filterOrder.map((o) => (
              <ToggleButton key={o} id={o} className={`segment segment-${outcomeInfo[o].tone}`}>
                {t(`common.outcome.${o}`)}
                <span className="segment-count num">{count(counts[o])}</span>
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          <OutcomeTable page={job.outcomes} offset={offset} limit={LIMIT} onOffset={setOffset} />
        </section>
      ) : null}
    </>
  );
}
