import { useState } from 'react';
import { StartSyncButton } from './start-sync-button';
import { SyncDialog } from './sync-dialog';

/** "Start New Sync" anywhere opens the one Update From Condo Manager dialog, with Preview, never a blind start. */
export function StartNewSync({ isDisabled = false }: { isDisabled?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <StartSyncButton busy={false} onPress={() => setOpen(true)} isDisabled={isDisabled} />
      <SyncDialog isOpen={open} onOpenChange={setOpen} />
    </>
  );
}
