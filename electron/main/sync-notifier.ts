/**
 * When the desktop says something about syncing: when a sync fails, when it
 * newly needs attention, and once when it recovers; never for a run that
 * changed nothing about that. Pure (no Electron): the main process passes
 * each finished job and shows what comes back.
 */
import type { Job } from '@shared/types';
import { fill, type DesktopText } from './desktop-text';

/** How the last finished run of a kind of sync left things. */
export type Health = 'ok' | 'attention' | 'failed';

export interface DesktopNotice {
  title: string;
  body: string;
  /** The sync to open when the notice is clicked. */
  jobId: string;
}

/** Residents and commerce are separate lights: a good invoice run does not clear a failed resident sync. */
const stream = (job: Job) => (job.kind === 'commerce' || job.kind === 'commerce-reconcile' || job.kind === 'balance-check' ? 'commerce' : 'residents');

export function healthOf(job: Job): Health | undefined {
  switch (job.status) {
    case 'failed':
      return 'failed';
    case 'partial':
      return 'attention';
    case 'succeeded':
      return job.counts.conflict > 0 || job.counts.failed > 0 ? 'attention' : 'ok';
    default:
      // Cancelled by a person, interrupted by a quit: nothing new to say.
      return undefined;
  }
}

export class SyncNotifier {
  private readonly last = new Map<string, Health>();
  private readonly asked = new Set<string>();

  constructor(private readonly text: () => DesktopText) {}

  /** What was true before this process started (the last finished jobs), so a restart does not repeat old news. */
  seed(jobs: Job[]): void {
    for (const job of [...jobs].sort((a, b) => (a.finishedAt ?? '').localeCompare(b.finishedAt ?? ''))) {
      const h = !job.dryRun && job.finishedAt ? healthOf(job) : undefined;
      if (h) this.last.set(stream(job), h);
    }
  }

  /**
   * Every job.updated; answers the one notice to show, if any. A sync a
   * person started (console, tray) also says it finished when the window is
   * hidden, since they are waiting for it.
   */
  observe(job: Job, o: { windowHidden?: boolean } = {}): DesktopNotice | undefined {
    if (job.dryRun) return undefined;
    const t = this.text().notify;
    const prefix = stream(job) === 'commerce' ? t.commerce : '';
    if (job.status === 'awaiting_confirmation') {
      // A person must decide: once per job, however often it is re-published.
      if (this.asked.has(job.id)) return undefined;
      this.asked.add(job.id);
      return { title: t.confirmTitle, body: t.confirmBody, jobId: job.id };
    }
    if (!job.finishedAt) return undefined;
    const now = healthOf(job);
    if (!now) return undefined;
    const key = stream(job);
    const before = this.last.get(key) ?? 'ok';
    this.last.set(key, now);
    if (now === before) {
      if (!o.windowHidden || now !== 'ok' || (job.trigger !== 'manual' && job.trigger !== 'tray')) return undefined;
      const c = job.counts;
      const body = c.created + c.updated + c.deactivated ? fill(t.finishedBody, { created: c.created, updated: c.updated, deactivated: c.deactivated }) : t.finishedNothing;
      return { title: t.finishedTitle, body, jobId: job.id };
    }
    if (now === 'failed') {
      return { title: prefix + t.failedTitle, body: fill(t.failedBody, { reason: job.error?.message ?? '' }).trim(), jobId: job.id };
    }
    if (now === 'attention') {
      const count = job.counts.conflict + job.counts.failed;
      return { title: prefix + t.attentionTitle, body: fill(count === 1 ? t.attentionBody_one : t.attentionBody_other, { count }), jobId: job.id };
    }
    return { title: prefix + t.recoveredTitle, body: t.recoveredBody, jobId: job.id };
  }
}
