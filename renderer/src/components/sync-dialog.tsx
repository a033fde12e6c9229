/** "Update From Condo Manager": the product's main moment (UX.md). */
import { useState } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { Eye, RefreshCw, X } from 'lucide-react';
import type { Job } from '@shared/types';
import { useTranslation } from 'react-i18next';
import { useApp } from '../stores/app-store';
import { bridge } from '../bridge';
import { i18n } from '../i18n';
import { countsParts } from '../lib/counts-text';
import { durationBetween } from '../lib/format';
import { askNotificationPermission } from '../lib/live';
import { usePermission } from '../lib/use-permission';
import { href } from '../lib/router';
import { toast } from '../lib/toasts';
import { changesOf, isFinished, lastFinished, useJobList, useJobs } from '../stores/jobs-store';
import { ErrorNotice, Notice } from './notice';
import { PreviewEffectsPanel } from './preview-effects';
import { JobProgress } from './progress';
import { RelativeTime } from './relative-time';

export function LastRunLine() {
  const { t } = useTranslation();
  const jobs = useJobList();
  const listError = useJobs((s) => s.listError);
  const loaded = useJobs((s) => s.loaded);
  const last = lastFinished(jobs);
  if (!last) {
    // Unknown is not the same as never: only say "not yet" when the queue could be read.
    if (listError || !loaded) return null;
    return <p className="muted">{t('sync.lastRun.none')}</p>;
  }
  const took = durationBetween(last.startedAt ?? last.createdAt, last.finishedAt);
  const changes = changesOf(last);
  return (
    <p className="muted">
      {changes ? t('sync.lastRun.took', { took, count: changes }) : t('sync.lastRun.nothing')}
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
  const { t } = useTranslation();
  const job = useJobs((s) => s.byId[jobId]);
  if (!job) return null;
  if (!isFinished(job)) {
    return (
      <div className="dialog-preview" aria-live="polite">
        <p>{t('sync.preview.preparing')}</p>
        <JobProgress job={job} />
      </div>
    );
  }
  if (job.status !== 'failed' && job.status !== 'interrupted') return <PreviewEffectsPanel job={job} />;
  return (
    <Notice tone="error" title={t('sync.preview.title', { summary: previewSummary(job) })}>
      {t('sync.preview.nothingWritten')} <a href={href.job(job.id)}>{t('sync.preview.seeEach')}</a>
    </Notice>
  );
}

function previewSummary(job: Job): string {
  const t = i18n.t;
  if (job.status === 'failed' || job.status === 'interrupted') return t('sync.preview.notPrepared');
  const parts = countsParts(job.counts, 'sync.preview');
  return parts.length ? parts.join(', ') : t('sync.preview.matches');
}

/** While background syncing is paused, a sync started here still runs: say so, so nobody resumes just to sync once. */
function PausedNote() {
  const { t } = useTranslation();
  const paused = useApp((s) => s.info?.pause?.paused);
  return paused ? <p className="muted">{t('desktop.pause.dialogNote')}</p> : null;
}

export function SyncDialog({ isOpen, onOpenChange }: { isOpen: boolean; onOpenChange: (open: boolean) => void }) {
  const canAct = usePermission('sync').allowed;
  const { t } = useTranslation();
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
      toast({ level: 'info', title: t('sync.toast.queued'), action: { label: t('sync.toast.viewInQueue'), href: href.queue } });
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
            <Heading slot="title">{t('common.product.updateFromCondoManager')}</Heading>
            <Button slot="close" className="icon-btn" aria-label={t('common.action.close')}>
              <X aria-hidden="true" size={18} />
            </Button>
          </div>
          <div className="dialog-body">
            <p>{t('sync.dialog.intro')}</p>
            <LastRunLine />
            <PausedNote />
            {previewId ? <PreviewResult jobId={previewId} /> : null}
            {error ? <ErrorNotice error={error} what={busy === 'preview' || previewId ? t('sync.dialog.previewing') : t('sync.dialog.startingHere')} /> : null}
          </div>
          <div className="dialog-footer">
            <Button className="btn" onPress={() => void run(true)} isDisabled={!!busy || !canAct}>
              <Eye aria-hidden="true" size={16} />
              {busy === 'preview' ? t('sync.dialog.preparing') : t('sync.dialog.preview')}
            </Button>
            <Button className="btn btn-primary" onPress={() => void run(false)} isDisabled={!!busy || !canAct} autoFocus>
              <RefreshCw aria-hidden="true" size={16} className={busy === 'start' ? 'spin' : undefined} />
              {busy === 'start' ? t('sync.dialog.starting') : t('common.product.startNewSync')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
