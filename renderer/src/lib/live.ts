/**
 * Connects the core's pushed events to the stores: job progress, Unit File
 * refreshes and notices. Called once when the console starts.
 */
import type { Job } from '@shared/types';
import { bridge } from '../bridge';
import type { Events } from '@shared/contract';
import { currentLanguage, i18n } from '../i18n';
import { coreText } from './core-text';
import { countsParts } from './counts-text';
import { useApp } from '../stores/app-store';
import { useCounts } from '../stores/counts-store';
import { changesOf, isActive, isFinished, useJobs } from '../stores/jobs-store';
import { useSchedule } from '../stores/schedule-store';
import { useUnits } from '../stores/units-store';
import { useOffice } from '../stores/office-store';
import { href } from './router';
import { toast } from './toasts';
import { serverSentence } from './errors';

let lastNoticeAt = 0;
/** The job that finished most recently, so a notice about it can link to it. */
let lastFinish: { id: string; at: number } | undefined;

export function finishedSummary(job: Job): string {
  const parts = countsParts(job.counts, 'sync.summary');
  return parts.length ? parts.join(', ') : i18n.t('sync.summary.none');
}

/** What a finished job's toast says, in the reader's language. */
function finishText(job: Job): { title: string; body?: string } {
  const t = i18n.t;
  const title =
      job.status === 'cancelled'
        ? t('sync.toast.cancelled')
        : job.status === 'failed'
          ? t('sync.toast.didNotFinish')
          : job.status === 'interrupted'
            ? t('sync.toast.interrupted')
            : t('sync.toast.finished', { summary: finishedSummary(job) });
    const body =
      job.status === 'failed' || job.status === 'interrupted'
        ? t('sync.toast.nothingLost', { reason: serverSentence(job.error?.message) ?? t('sync.toast.willRetry') })
        : job.status === 'succeeded' && changesOf(job) === 0 && !job.counts.conflict
          ? t('sync.toast.alreadyMatched')
          : undefined;
  return body ? { title, body } : { title };
}

function announceFinish(job: Job): void {
  // Real-time invoice jobs run many times an hour: only trouble is worth a toast.
  if (job.trigger === 'realtime' && job.status === 'succeeded' && !job.counts.conflict && !job.counts.failed) return;
  const seenAt = Date.now();
  // The core may announce the finish itself with a notice; only speak if it didn't.
  setTimeout(() => {
    if (lastNoticeAt >= seenAt) return;
    const { title, body } = finishText(job);
    const level = job.status === 'failed' || job.counts.failed > 0 ? 'error' : job.status === 'partial' || job.counts.conflict ? 'warning' : job.status === 'succeeded' ? 'success' : 'info';
    toast({ level, title, ...(body ? { body } : {}), action: { label: i18n.t('sync.toast.viewInQueue'), href: href.job(job.id) } });
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

/**
 * The core's notices are English sentences. In another language, a notice
 * about a job is said from the job itself; others are read through coreText.
 */
function noticeText(notice: Events['notice']): { title: string; body?: string } {
  if (currentLanguage() === 'en') return notice.body ? { title: notice.title, body: notice.body } : { title: notice.title };
  const job = notice.jobId ? useJobs.getState().byId[notice.jobId] : undefined;
  if (job && isFinished(job)) return finishText(job);
  const body = notice.body ? coreText(notice.body) : undefined;
  return body ? { title: coreText(notice.title), body } : { title: coreText(notice.title) };
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let countsTimer: ReturnType<typeof setTimeout> | undefined;
let countsAt = 0;
/** The status counts cost the host far more than a page of rows (seconds on a 10,000-unit portfolio): at most every 10 s. */
const COUNTS_EVERY_MS = 10_000;

function refreshCounts(): void {
  if (countsTimer) return;
  countsTimer = setTimeout(
    () => {
      countsTimer = undefined;
      countsAt = Date.now();
      void useCounts.getState().load(useApp.getState().corporationId);
    },
    Math.max(800, COUNTS_EVERY_MS - (Date.now() - countsAt)),
  );
}

function refreshUnits(): void {
  refreshCounts();
  // Events come in bursts during a sync; refetch the rows at most every 800 ms.
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = undefined;
    const building = useApp.getState().corporationId;
    void useUnits.getState().load(building);
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
    // Engines sharing one database share the schedule: one changed on another engine shows here at once.
    bridge.on('settings.changed', ({ keys }) => {
      if (keys.includes('schedule')) void useSchedule.getState().load();
    }),
    bridge.on('office.changed', (office) => useOffice.getState().apply(office)),
    bridge.on('notice', (notice) => {
      lastNoticeAt = Date.now();
      // Notices carry no job; one arriving right after a sync finished is almost surely about it.
      const about = lastFinish && lastNoticeAt - lastFinish.at < 3000 ? lastFinish.id : undefined;
      const { title, body } = noticeText(notice);
      toast({
        level: notice.level,
        title,
        ...(body ? { body } : {}),
        ...(about ? { action: { label: i18n.t('sync.toast.viewInQueue'), href: href.job(about) } } : {}),
      });
      desktopNotify(title, body);
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
