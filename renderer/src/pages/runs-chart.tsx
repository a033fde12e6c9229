/**
 * Home: the last 30 resident runs as a small chart (changes as bars, duration
 * as a line, failures in red). recharts is heavy, so Home loads this file
 * lazily and the Unit File never pays for it.
 */
import { Bar, Cell, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { Job } from '@shared/types';
import { count, duration, shortDate, timeOfDay } from '../lib/format';
import { navigate, href } from '../lib/router';
import { changesOf } from '../stores/jobs-store';

export interface Run {
  id: string;
  at: string;
  changes: number;
  seconds: number;
  failed: boolean;
}

export function toRun(job: Job): Run {
  const start = Date.parse(job.startedAt ?? job.createdAt);
  const end = Date.parse(job.finishedAt ?? job.createdAt);
  return {
    id: job.id,
    at: job.finishedAt ?? job.createdAt,
    changes: changesOf(job),
    seconds: Math.max(0, Math.round((end - start) / 1000)),
    failed: job.status === 'failed' || job.counts.failed > 0,
  };
}

const FAILED = 'var(--failed-fg)';
const BAR = 'var(--accent)';
const LINE = 'var(--text-muted)';

export default function RunsChart({ jobs }: { jobs: Job[] }) {
  const { t } = useTranslation();
  const runs = jobs.map(toRun);
  const oneDay = runs.length > 0 && runs.every((r) => shortDate(r.at) === shortDate(runs[0]!.at));
  const failed = runs.filter((r) => r.failed).length;
  const longest = duration(Math.max(0, ...runs.map((r) => r.seconds)) * 1000);
  const summary = t('runs.summary', { count: runs.length, changes: runs.reduce((n, r) => n + r.changes, 0), failed, longest });
  return (
    <>
      <div className="runs-chart" role="img" aria-label={summary}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={runs} margin={{ top: 6, right: 4, bottom: 0, left: 0 }}>
            {/* Runs of one day are told apart by their time, not a row of identical dates. */}
            <XAxis dataKey="at" tickFormatter={(v: string) => (oneDay ? timeOfDay(v) : shortDate(v))} tick={{ fontSize: 11 }} minTickGap={24} />
            {/* As wide as its longest label: a fixed width cut "15 000" to ".5 000" on a large portfolio's first sync. */}
            <YAxis yAxisId="changes" allowDecimals={false} tick={{ fontSize: 11 }} tickFormatter={(v: number) => count(v)} width="auto" />
            {/* Duration has its own axis, labelled, so the line is never read against the changes scale. */}
            <YAxis yAxisId="seconds" orientation="right" allowDecimals={false} tick={{ fontSize: 11 }} tickFormatter={(v: number) => (v === 0 ? count(0) : duration(v * 1000))} width={56} />
            <Tooltip
              formatter={(value, name) => (name === 'seconds' ? t('runs.tooltipTook', { took: duration(Number(value) * 1000) }) : t('runs.tooltipChanges', { count: Number(value) }))}
              labelFormatter={(v) => `${shortDate(String(v))} ${timeOfDay(String(v))}`}
            />
            <Bar yAxisId="changes" dataKey="changes" name="changes" maxBarSize={28} isAnimationActive={false} onClick={(d: { id?: string }) => d.id && navigate(href.job(d.id))}>
              {runs.map((r) => (
                <Cell key={r.id} fill={r.failed ? FAILED : BAR} cursor="pointer" />
              ))}
            </Bar>
            <Line yAxisId="seconds" dataKey="seconds" name="seconds" stroke={LINE} dot={{ r: 2 }} strokeWidth={1.5} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <p className="runs-legend">
        <span>
          <span className="swatch" style={{ background: BAR }} />
          {t('runs.changes')}
        </span>
        <span>
          <span className="swatch" style={{ background: LINE, height: 2 }} />
          {t('runs.duration')}
        </span>
        <span>
          <span className="swatch" style={{ background: FAILED }} />
          {t('runs.failed')}
        </span>
      </p>
      <p className="visually-hidden">{summary}</p>
    </>
  );
}
