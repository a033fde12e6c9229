/** The sync queue as the renderer knows it: the last jobs.list page plus every job.updated since. */
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { tally } from '@shared/job-summary';
import type { Job, JobStatus } from '@shared/types';
import { bridge } from '../bridge';

export const activeStatuses: JobStatus[] = ['queued', 'running', 'awaiting_confirmation'];
export const finishedStatuses: JobStatus[] = ['succeeded', 'partial', 'failed', 'cancelled', 'interrupted'];

export const isActive = (job: Job) => activeStatuses.includes(job.status);
export const isFinished = (job: Job) => finishedStatuses.includes(job.status);

/** queued → running (or waiting for a person) → finished: how far along a job's life a snapshot is. */
function stage(job: Job): number {
  return isFinished(job) ? 2 : job.status === 'queued' ? 0 : 1;
}

interface JobsState {
  byId: Record<string, Job>;
  total: number;
  loaded: boolean;
  listError?: unknown;
  load(): Promise<void>;
  apply(job: Job): void;
}

export const LIST_LIMIT = 100;

/** A resident run that just finished: the list is read again to learn its standing attention count (events lack it). */
let reread: ReturnType<typeof setTimeout> | undefined;
function rereadSoon(load: () => Promise<void>): void {
  if (reread) clearTimeout(reread);
  reread = setTimeout(() => {
    reread = undefined;
    void load();
  }, 500);
}

export const useJobs = create<JobsState>()((set, get) => ({
  byId: {},
  total: 0,
  loaded: false,

  async load() {
    try {
      const page = await bridge.call('jobs.list', { limit: LIST_LIMIT });
      set((s) => {
        const byId: Record<string, Job> = {};
        for (const job of page.items) byId[job.id] = job;
        // Keep jobs we heard about by event that the page does not include (older ones fall off).
        for (const job of Object.values(s.byId)) if (!byId[job.id] && isActive(job)) byId[job.id] = job;
        return { byId, total: page.total, loaded: true, listError: undefined };
      });
    } catch (listError) {
      set({ listError, loaded: true });
    }
  },

  apply(job) {
    set((s) => {
      const known = s.byId[job.id];
      // An answer can arrive after the events it predates (sync.start's reply
      // after the job.updated that finished it): a job never moves backwards.
      if (known && stage(known) > stage(job)) return s;
      const kept = job.standingAttention === undefined && known?.standingAttention !== undefined ? { ...job, standingAttention: known.standingAttention } : job;
      return { byId: { ...s.byId, [job.id]: kept }, total: known ? s.total : s.total + 1 };
    });
    if (isFinished(job) && job.standingAttention === undefined && (job.kind === 'residents' || job.kind === 'reconcile') && get().byId[job.id]?.standingAttention === undefined) {
      rereadSoon(get().load);
    }
  },
}));

/** Newest first. */
export function sortJobs(jobs: Job[]): Job[] {
  return [...jobs].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

export function selectJobs(s: JobsState): Job[] {
  return sortJobs(Object.values(s.byId));
}

/**
 * The job the header follows: a running one first, then the oldest queued one.
 * Dry runs are previews and don't count; nor do the second-long real-time
 * invoice jobs, which the real-time status speaks for.
 */
export function currentJob(jobs: Job[]): Job | undefined {
  const real = jobs.filter((j) => !j.dryRun && j.trigger !== 'realtime');
  return real.find((j) => j.status === 'running') ?? real.find((j) => j.status === 'awaiting_confirmation') ?? [...real].reverse().find((j) => j.status === 'queued');
}

export function lastFinished(jobs: Job[], kinds: Job['kind'][] = ['residents', 'reconcile']): Job | undefined {
  return jobs.find((j) => !j.dryRun && kinds.includes(j.kind) && isFinished(j));
}

/** Records written: created, updated or deactivated, including those that also need attention. */
export function changesOf(job: Job): number {
  const n = tally(job.counts);
  return n.created + n.updated + n.deactivated;
}

export function percentOf(job: Job): number | undefined {
  const { done, total } = job.progress;
  if (!total) return undefined;
  return Math.min(100, Math.max(0, Math.round((done / total) * 100)));
}

/** All known jobs, newest first; stable between renders while nothing changed. */
export function useJobList(): Job[] {
  return useJobs(useShallow(selectJobs));
}
