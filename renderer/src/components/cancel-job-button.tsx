import { useState } from 'react';
import { Button } from 'react-aria-components';
import { Square } from 'lucide-react';
import type { Job } from '@shared/types';
import { useTranslation } from 'react-i18next';
import { bridge } from '../bridge';
import { explain } from '../lib/errors';
import { usePermission } from '../lib/use-permission';
import { toast } from '../lib/toasts';
import { useJobs } from '../stores/jobs-store';

/** Cancel for a queued or running job. What was already written stays written; nothing is lost. */
export function CancelJobButton({ job, small = true }: { job: Job; small?: boolean }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const canAct = usePermission('sync').allowed;
  const cancel = async () => {
    setBusy(true);
    try {
      useJobs.getState().apply(await bridge.call('jobs.cancel', { id: job.id }));
      toast({ level: 'info', title: t('sync.toast.cancelled'), body: t('sync.toast.cancelledBody') });
    } catch (err) {
      const e = explain(err, t('sync.toast.cancelling'));
      toast({ level: e.notYet ? 'info' : 'error', title: e.notYet ? t('sync.toast.cancelNotYet') : e.title, body: e.notYet ? t('sync.toast.cancelNotYetBody') : e.body });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button className={`btn btn-danger-quiet${small ? ' btn-small' : ''}`} onPress={() => void cancel()} isDisabled={busy || !canAct} aria-label={small ? t('sync.cancel.label') : undefined}>
      <Square aria-hidden="true" size={12} />
      {busy ? t('sync.cancel.busy') : t('sync.cancel.button')}
    </Button>
  );
}
