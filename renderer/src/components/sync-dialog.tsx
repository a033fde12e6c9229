/** "Update From Condo Manager": the product's main moment (UX.md). */
import { useState } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { Eye, RefreshCw, X } from 'lucide-react';
import type { Job } from '@shared/types';
import { bridge } from '../bridge';
import { durationBetween, plural } from '../lib/format';
import { askNotificationPermission } from '../lib/live';
import { href } from '../lib/router';
import { toast } from '../lib/toasts';
import { changesOf, isFinished, lastFinished, useJobList, useJobs } from '../stores/jobs-store';
import { ErrorNotice, Notice } from './notice';
import { JobProgress } from './progress';
import { RelativeTime } from './relative-time';

export function LastRunLine() {
  const jobs = useJobList();
  const listError = useJobs((s) => s.listError);
  const loaded = useJobs((s) => s.loaded);
  const last = lastFinished(jobs);
  if (!last) {
    // Unknown is not the same as never: only say "not yet" when the queue could be read.
    if (listError || !loaded) return null;
    return <p className="muted">Last run: none yet.</p>;
  }
  const took = durationBetween(last.startedAt ?? last.createdAt, last.finishedAt);
  const changes = changesOf(last);
  return (
    <p className="muted">
      Last run:{' '}
      {changes ? `${took} for ${plural(changes, 'change')}` : 'nothing needed changing'}
      {last.finishedAt ? (
        <>
          {' '}
          (<RelativeTime iso={last.finishedAt} />)
        </>
      ) : null}
      .
    </p>
  );
}

function PreviewResult({ jobId }: { jobId: string }) {
  const job = useJobs((s) => s.byId[jobId]);
  if (!job) return null;
  if (!isFinished(job)) {
    return (
      <div className="dialog-preview" aria-live="polite">
        <p>Preparing the preview… nothing is written to Condo Control.</p>
        <JobProgress job={job} />
      </div>
    );
  }
  return (
    <Notice tone={job.counts.conflict ? 'warning' : 'info'} title={`Preview: ${previewSummary(job)}`}>
      Nothing was written. <a href={href.job(job.id)}>See each change</a>
    </Notice>
  );
}

function previewSummary(job: Job): string {
  if (job.status === 'failed' || job.status === 'interrupted') return 'the preview could not be prepared';
  const c = job.counts;
  const parts = [
    c.created ? `${c.created} would be added` : '',
    c.updated ? `${c.updated} would be updated` : '',
    c.deactivated ? `${c.deactivated} would be deactivated` : '',
    c.conflict ? `${c.conflict} need${c.conflict === 1 ? 's' : ''} attention` : '',
    c.failed ? `${c.failed} could not be prepared` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'Condo Control already matches Condo Manager';
}

export function SyncDialog({ isOpen, onOpenChange }: { isOpen: boolean; onOpenChange: (open: boolean) => void }) {
  const [busy, setBusy] = useState<'preview' | 'start' | undefined>();
  const [error, setError] = useState<unknown>();
  const [previewId, setPreviewId] = useState<string>();

  const reset = (open: boolean) => {
    if (!open) {
      setError(undefined);
      setPreviewId(undefined);
      setBusy(undefined);
    }
    onOpenChange(open);
  };

  const run = async (dryRun: boolean) => {
    setBusy(dryRun ? 'preview' : 'start');
    setError(undefined);
    try {
      const job = await bridge.call('sync.start', { kind: 'residents', trigger: 'manual', ...(dryRun ? { dryRun: true } : {}) });
      useJobs.getState().apply(job);
      if (dryRun) {
        setPreviewId(job.id);
        setBusy(undefined);
        return;
      }
      askNotificationPermission();
      toast({ level: 'info', title: 'Sync queued', action: { label: 'View in Sync Queue', href: href.queue } });
      reset(false);
    } catch (err) {
      setError(err);
      setBusy(undefined);
    }
  };

  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={reset} isDismissable className="modal-overlay">
      <Modal className="modal">
        <Dialog className="dialog">
          <div className="dialog-header">
            <RefreshCw aria-hidden="true" size={20} className="dialog-icon" />
            <Heading slot="title">Update From Condo Manager</Heading>
            <Button slot="close" className="icon-btn" aria-label="Close">
              <X aria-hidden="true" size={18} />
            </Button>
          </div>
          <div className="dialog-body">
            <p>This brings every change made in Condo Manager since the last sync (not only this unit) into Condo Control.</p>
            <LastRunLine />
            {previewId ? <PreviewResult jobId={previewId} /> : null}
            {error ? <ErrorNotice error={error} what={busy === 'preview' || previewId ? 'Previewing a sync' : 'Starting a sync from here'} /> : null}
          </div>
          <div className="dialog-footer">
            <Button className="btn" onPress={() => void run(true)} isDisabled={!!busy}>
              <Eye aria-hidden="true" size={16} />
              {busy === 'preview' ? 'Preparing…' : 'Preview changes'}
            </Button>
            <Button className="btn btn-primary" onPress={() => void run(false)} isDisabled={!!busy} autoFocus>
              <RefreshCw aria-hidden="true" size={16} className={busy === 'start' ? 'spin' : undefined} />
              {busy === 'start' ? 'Starting…' : 'Start New Sync'}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
