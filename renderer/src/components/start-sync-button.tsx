import { Button } from 'react-aria-components';
import { RefreshCw } from 'lucide-react';
import { useCanAct } from '../lib/use-access';
import { useTranslation } from 'react-i18next';

export function StartSyncButton({ busy, onPress, isDisabled = false }: { busy: boolean; onPress: () => void; isDisabled?: boolean }) {
  const { t } = useTranslation();
  const canAct = useCanAct();
  return (
    <Button className="btn btn-primary" onPress={onPress} isDisabled={busy || isDisabled || !canAct}>
      <RefreshCw aria-hidden="true" size={16} className={busy ? 'spin' : undefined} />
      {busy ? t('sync.dialog.starting') : t('common.product.startNewSync')}
    </Button>
  );
}
