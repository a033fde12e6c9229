/**
 * Connects the core's pushed events to the stores: job progress, Unit File
 * refreshes and notices. Called once when the console starts.
 */
import type { Job } from '@shared/types';
import { bridge } from '../bridge';
import { useApp } from '../stores/app-store';
import { useCounts } from '../stores/counts-store';
import { changesOf, isActive, isFinished, useJobs } from '../stores/jobs-store';
import { useSchedule } from '../stores/schedule-store';
import { useUnits } from '../stores/units-store';
import { href } from './router';
import { toast } from './toasts';
import { sentence } from './errors';

let lastNoticeAt = 0;
/** The job that finished most recently, so a notice about it can link to it. */
let lastFinish: { id: string; at: number } | undefined;

export function finishedSummary(job: Job): string {
  const c = job.counts;
  const parts = [
    c.created ? `${c.created} added` : '',
    c.updated ? `${c.updated} updated` : '',
    c.deactivated ? `${c.deactivated} deactivated` : '',
    c.conflict ? `${c.conflict} need${c.conflict === 1 ? 's' : ''} attention` : '',
    c.failed ? `${c.failed} failed` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no changes were needed';
}

function announceFinish(job: Job): void {
  const seenAt = Date.now();
  // The core may announce the finish itself with a notice; only speak if it didn't.
  setTimeout(() => {
    if (lastNoticeAt >= seenAt) return;
    const title =
      job.status === 'cancelled'
        ? 'Sync cancelled'
        : job.status === 'failed'
          ? 'Sync did not finish'
          : job.status === 'interrupted'
            ? 'Sync was interrupted'
            : `Sync finished: ${finishedSummary(job)}`;
    const body =
      job.status === 'failed' || job.status === 'interrupted'
        ? `${sentence(job.error?.message ?? 'Condo Sync will try again at the next run')} Nothing already written was lost.`
        : job.status === 'succeeded' && changesOf(job) === 0 && !job.counts.conflict
          ? 'Condo Control already matched Condo Manager.'
          : undefined;
    const level = job.status === 'failed' ? 'error' : job.status === 'partial' || job.counts.conflict ? 'warning' : job.status === 'succeeded' ? 'success' : 'info';
    toast({ level, title, ...(body ? { body } : {}), action: { label: 'View in Sync Queue', href: href.job(job.id) } });
    desktopNotify(title, body);
  }, 1500);
}

/** In a browser tab the console tells a hidden window through a desktop notification (Electron's main process does this itself). */
function desktopNotify(title: string, body?: string): void {
  if (bridge.kind !== 'http' || !document.hidden || typeof Notification === 'undefined') return;
  if (Notification.permission === 'granted') new Notification(title, body ? { body } : {});
}

/** Asked on a user gesture (Start New Sync), never on load. */
export function askNotificationPermission(): void {
  if (bridge.kind !== 'http' || typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  void Notification.requestPermission().catch(() => undefined);
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
function refreshUnits(): void {
  // Events come in bursts during a sync; refetch at most every 800 ms.
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = undefined;
    const building = useApp.getState().corporationId;
    void useUnits.getState().load(building);
    void useCounts.getState().load(building);
    void useApp.getState().loadCorporations();
  }, 800);
}

export function startLive(): () => void {
  const offs = [
    bridge.on('job.updated', (job) => {
      const before = useJobs.getState().byId[job.id];
      useJobs.getState().apply(job);
      if (!job.dryRun && isFinished(job) && (!before || isActive(before))) {
        lastFinish = { id: job.id, at: Date.now() };
        announceFinish(job);
        refreshUnits();
        void useSchedule.getState().load();
      }
    }),
    bridge.on('units.changed', () => refreshUnits()),
    bridge.on('pause.changed', (pause) => useApp.getState().setPause(pause)),
    bridge.on('notice', (notice) => {
      lastNoticeAt = Date.now();
      // Notices carry no job; one arriving right after a sync finished is almost surely about it.
      const about = lastFinish && lastNoticeAt - lastFinish.at < 3000 ? lastFinish.id : undefined;
      toast({
        level: notice.level,
        title: notice.title,
        ...(notice.body ? { body: notice.body } : {}),
        ...(about ? { action: { label: 'View in Sync Queue', href: href.job(about) } } : {}),
      });
      desktopNotify(notice.title, notice.body);
    }),
    bridge.onConnection((connected) => {
      const was = useApp.getState().stream;
      useApp.getState().setConnected(connected);
      // Events may have been missed while the stream was down: catch up.
      if (connected && was === 'reconnecting') {
        void useJobs.getState().load();
        void useApp.getState().loadInfo();
        refreshUnits();
      }
    }),
  ];
  return () => offs.forEach((off) => off());
}
