/** Home's "Last 30 runs" card; the chart itself (recharts) is loaded only here, lazily. */
import { lazy, Suspense } from 'react';
import { BarChart3 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Job } from '@shared/types';
import { bridge } from '../bridge';
import { href } from '../lib/router';
import { useCall } from '../lib/use-call';
import { isFinished, sortJobs, useJobList } from '../stores/jobs-store';

const RunsChart = lazy(() => import('./runs-chart'));
const SHOWN = 30;

/** The last 30 finished resident runs (previews left out: they change nothing), oldest first. */
export function lastRuns(jobs: Job[]): Job[] {
  const byId = new Map(jobs.filter((j) => (j.kind === 'residents' || j.kind === 'reconcile') && !j.dryRun && isFinished(j)).map((j) => [j.id, j]));
  return sortJobs([...byId.values()]).slice(0, SHOWN).reverse();
}

export function RunsCard() {
  const { t } = useTranslation();
  const live = useJobList();
  // The queue's page may be full of real-time invoice jobs: ask for resident runs by kind.
  const { data } = useCall(async () => {
    const [residents, reconcile] = await Promise.all([bridge.call('jobs.list', { kind: 'residents', limit: SHOWN }), bridge.call('jobs.list', { kind: 'reconcile', limit: SHOWN })]);
    return [...residents.items, ...reconcile.items];
  }, []);
  const runs = lastRuns([...(data ?? []), ...live]);
  return (
    <section className="card runs-card" aria-labelledby="runs-title">
      <h2 className="card-title" id="runs-title">
        <BarChart3 aria-hidden="true" size={18} />
        {t('runs.title')}
      </h2>
      {runs.length ? (
        <Suspense fallback={<p className="muted">{t('runs.loading')}</p>}>
          <RunsChart jobs={runs} />
        </Suspense>
      ) : (
        <p className="muted">{t('runs.none')}</p>
      )}
    </section>
  );
}

/** Where trainers and the accounting desk find their pages from Home. */
export function HelpLinks() {
  const { t } = useTranslation();
  return (
    <p className="muted help-links">
      <a href={href.help}>{t('whatSyncs.title')}</a> · <a href={href.report}>{t('exportFiles.report.title')}</a>
    </p>
  );
}
