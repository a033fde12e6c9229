import { Button } from 'react-aria-components';
import { RefreshCw } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../lib/use-permission';

/** Start New Sync; for a role that may not sync, disabled with the reason beside it. */
export function StartSyncButton({ busy, onPress, isDisabled = false }: { busy: boolean; onPress: () => void; isDisabled?: boolean }) {
  const { t } = useTranslation();
  const { allowed, reason } = usePermission('sync');
  const reasonId = useId();
  return (
    <span className="action-with-reason">
      <Button className="btn btn-primary" onPress={onPress} isDisabled={busy || isDisabled || !allowed} aria-describedby={reason ? reasonId : undefined}>
        <RefreshCw aria-hidden="true" size={16} className={busy ? 'spin' : undefined} />
        {busy ? t('sync.dialog.starting') : t('common.product.startNewSync')}
      </Button>
      {reason ? (
        <span id={reasonId} className="role-reason" data-testid="role-reason">
          {reason}
        </span>
      ) : null}
    </span>
  );
}
