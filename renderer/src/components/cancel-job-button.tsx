import { useState } from 'react';
import { Button } from 'react-aria-components';
import { Square } from 'lucide-react';
import type { Job } from '@shared/types';
import { bridge } from '../bridge';
import { explain } from '../lib/errors';
import { toast } from '../lib/toasts';
import { useJobs } from '../stores/jobs-store';

/** Cancel for a queued or running job. What was already written stays written; nothing is lost. */
export function CancelJobButton({ job, small = true }: { job: Job; small?: boolean }) {
  const [busy, setBusy] = useState(false);
  const cancel = async () => {
    setBusy(true);
    try {
      useJobs.getState().apply(await bridge.call('jobs.cancel', { id: job.id }));
      toast({ level: 'info', title: 'Sync cancelled', body: 'Changes already written to Condo Control stay. The next sync picks up the rest.' });
    } catch (err) {
      const e = explain(err, 'Cancelling a sync');
      toast({ level: e.notYet ? 'info' : 'error', title: e.notYet ? 'Cancelling is not available in this version yet' : e.title, body: e.notYet ? 'The sync keeps running. Nothing was lost.' : e.body });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button className={`btn btn-danger-quiet${small ? ' btn-small' : ''}`} onPress={() => void cancel()} isDisabled={busy} aria-label={small ? 'Cancel this sync' : undefined}>
      <Square aria-hidden="true" size={12} />
      {busy ? 'Cancelling…' : 'Cancel'}
    </Button>
  );
}
