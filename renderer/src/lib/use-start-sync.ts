import { useState } from 'react';
import { bridge } from '../bridge';
import { i18n } from '../i18n';
import { useJobs } from '../stores/jobs-store';
import { askNotificationPermission } from './live';
import { href } from './router';
import { toast } from './toasts';

/** One-click Start New Sync (Home, the empty Unit File): the same call and toast as the dialog. */
export function useStartSync() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const job = await bridge.call('sync.start', { kind: 'residents', trigger: 'manual' });
      useJobs.getState().apply(job);
      askNotificationPermission();
      toast({ level: 'info', title: i18n.t('sync.toast.queued'), action: { label: i18n.t('sync.toast.viewInQueue'), href: href.queue } });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { start, busy, error };
}
