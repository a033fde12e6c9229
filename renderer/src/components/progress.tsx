import { ProgressBar } from 'react-aria-components';
import type { Job } from '@shared/types';
import { count } from '../lib/format';
import { percentOf } from '../stores/jobs-store';

/** A job's progress: a bar plus "120 / 430 · 28%" in tabular figures. */
export function JobProgress({ job, compact = false }: { job: Job; compact?: boolean }) {
  const pct = percentOf(job);
  const finished = !['queued', 'running', 'awaiting_confirmation'].includes(job.status);
  const label = job.progress.total ? `${count(job.progress.done)} / ${count(job.progress.total)}` : job.status === 'queued' ? 'Waiting' : finished ? '' : 'Counting…';
  return (
    <ProgressBar
      className={`progress${compact ? ' progress-compact' : ''}`}
      aria-label="Progress"
      value={pct ?? 0}
      isIndeterminate={pct === undefined && job.status === 'running'}
      valueLabel={pct === undefined ? label : `${label}, ${pct}%`}
    >
      {({ percentage, isIndeterminate }) => (
        <>
          <div className={`progress-track${isIndeterminate ? ' indeterminate' : ''}`}>
            <div className={`progress-fill progress-${job.status}`} style={{ width: isIndeterminate ? undefined : `${percentage ?? 0}%` }} />
          </div>
          <span className="progress-label num">
            {label}
            {pct !== undefined ? <span className="muted"> · {pct}%</span> : null}
          </span>
        </>
      )}
    </ProgressBar>
  );
}
