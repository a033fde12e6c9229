import { ProgressBar } from 'react-aria-components';
import type { Job } from '@shared/types';
import { useTranslation } from 'react-i18next';
import { count, percent } from '../lib/format';
import { percentOf } from '../stores/jobs-store';

/** A job's progress: a bar plus "120 / 430 · 28%" in tabular figures. */
export function JobProgress({ job, compact = false }: { job: Job; compact?: boolean }) {
  const { t } = useTranslation();
  const pct = percentOf(job);
  const finished = !['queued', 'running', 'awaiting_confirmation'].includes(job.status);
  const label = job.progress.total
    ? t('sync.progress.of', { done: count(job.progress.done), total: count(job.progress.total) })
    : job.status === 'queued'
      ? t('sync.progress.waiting')
      : finished
        ? ''
        : t('sync.progress.counting');
  return (
    <ProgressBar
      className={`progress${compact ? ' progress-compact' : ''}`}
      aria-label={t('sync.progress.label')}
      value={pct ?? 0}
      isIndeterminate={pct === undefined && job.status === 'running'}
      valueLabel={pct === undefined ? label : `${label}, ${percent(pct)}`}
    >
      {({ percentage, isIndeterminate }) => (
        <>
          <div className={`progress-track${isIndeterminate ? ' indeterminate' : ''}`}>
            <div className={`progress-fill progress-${job.status}`} style={{ width: isIndeterminate ? undefined : `${percentage ?? 0}%` }} />
          </div>
          <span className="progress-label num">
            {label}
            {pct !== undefined ? <span className="muted"> · {percent(pct)}</span> : null}
          </span>
        </>
      )}
    </ProgressBar>
  );
}
