/** The header's one-glance answer: idle, syncing 40%, or needs attention, and when the next nightly run is. */
import { AlertTriangle, CheckCircle2, Clock, Loader2, Lock, Moon, ServerOff, XCircle } from 'lucide-react';
import { useAccess } from '../../lib/use-access';
import { useTranslation } from 'react-i18next';
import { absoluteIn, percent, upcomingTime } from '../../lib/format';
import { href } from '../../lib/router';
import { useNow } from '../../lib/use-now';
import { useCounts } from '../../stores/counts-store';
import { currentJob, lastFinished, percentOf, useJobList } from '../../stores/jobs-store';
import { useSchedule } from '../../stores/schedule-store';
import { isStale, useOffice } from '../../stores/office-store';
import { useApp } from '../../stores/app-store';
import { useUnits } from '../../stores/units-store';

export function SyncStatus() {
  const { t } = useTranslation();
  const jobs = useJobList();
  const attention = useCounts((s) => s.counts?.attention ?? 0);
  const schedule = useSchedule((s) => s.schedule);
  const now = useNow();
  const access = useAccess();
  const stale = useOffice((s) => isStale(s.office));
  const serverDown = useApp((s) => s.serverDown);
  const active = currentJob(jobs);
  const last = lastFinished(jobs);

  let tone = 'neutral';
  let icon = <CheckCircle2 aria-hidden="true" size={16} />;
  let text = t('shell.status.idle');
  if (access !== 'ok') {
    // Nothing is known without access: never claim "Idle".
    tone = 'failed';
    icon = <Lock aria-hidden="true" size={16} />;
    text = t('shell.access.status');
  } else if (serverDown) {
    // The browser console's engine is gone: what it last said is not the state now.
    tone = 'attention';
    icon = <ServerOff aria-hidden="true" size={16} />;
    text = t('shell.server.status');
  } else if (stale) {
    // The office server is not answering: its last known state is not the state now.
    tone = 'attention';
    icon = <ServerOff aria-hidden="true" size={16} />;
    text = t('office.status');
  } else if (active?.status === 'running') {
    const pct = percentOf(active);
    tone = 'pending';
    icon = <Loader2 aria-hidden="true" size={16} className="spin" />;
    text = pct === undefined ? t('shell.status.syncing') : t('shell.status.syncingPct', { pct: percent(pct) });
  } else if (active?.status === 'queued') {
    tone = 'pending';
    icon = <Clock aria-hidden="true" size={16} />;
    text = t('shell.status.queued');
  } else if (active?.status === 'awaiting_confirmation') {
    tone = 'attention';
    icon = <AlertTriangle aria-hidden="true" size={16} />;
    text = t('shell.status.waiting');
  } else if (last?.status === 'failed' || (last && last.counts.failed > 0)) {
    // A failed run outranks older notes: nothing new reached Condo Control.
    tone = 'failed';
    icon = <XCircle aria-hidden="true" size={16} />;
    text = last.status === 'failed' ? t('shell.status.lastFailed') : t('summary.someFailed', { count: last.counts.failed });
  } else if (attention > 0 || last?.status === 'partial' || last?.status === 'interrupted') {
    tone = 'attention';
    icon = <AlertTriangle aria-hidden="true" size={16} />;
    text = t('shell.status.attention');
  }

  const lastFailed = last?.status === 'failed' || (last?.counts.failed ?? 0) > 0;
  const target = active ? href.job(active.id) : lastFailed ? href.job(last!.id) : attention > 0 ? href.units : href.queue;
  const showAttention = () => {
    if (!active && !lastFailed && attention > 0) useUnits.getState().setStatus('attention');
  };
  return (
    <div className="sync-status">
      <a className={`sync-pill tone-${tone}`} href={target} onClick={showAttention} aria-label={t('shell.status.label', { text })}>
        {icon}
        <span>{text}</span>
      </a>
      {schedule?.nextRunAt ? (
        <span className="next-run" title={absoluteIn(schedule.nextRunAt, schedule.timeZone)}>
          <Moon aria-hidden="true" size={14} />
          {t('shell.status.nextRun', { when: upcomingTime(schedule.nextRunAt, now, schedule.timeZone) })}
        </span>
      ) : null}
    </div>
  );
}
