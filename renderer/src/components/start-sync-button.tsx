import { Button } from 'react-aria-components';
import { RefreshCw } from 'lucide-react';

export function StartSyncButton({ busy, onPress }: { busy: boolean; onPress: () => void }) {
  return (
    <Button className="btn btn-primary" onPress={onPress} isDisabled={busy}>
      <RefreshCw aria-hidden="true" size={16} className={busy ? 'spin' : undefined} />
      {busy ? 'Starting…' : 'Start New Sync'}
    </Button>
  );
}
