/** Resident Balances: find a resident or a unit, then see what they see under My Account → Account Balance. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountLedger } from '@shared/types';
import { bridge } from '../bridge';
import { ErrorNotice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { AccountView } from './account-view';
import { BalanceFinder } from './balance-finder';

export function BalancesPage({ unitId }: { unitId?: string | undefined }) {
  const { t } = useTranslation();
  const [account, setAccount] = useState<AccountLedger>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    async (refresh: boolean) => {
      if (!unitId) return;
      setBusy(refresh);
      setError(undefined);
      try {
        const answer = await bridge.call('balances.get', { unitId, refresh });
        setAccount(answer.accounts[0]);
      } catch (err) {
        setError(err);
      } finally {
        setBusy(false);
      }
    },
    [unitId],
  );

  // Choosing a unit shows the saved copy at once; Get Account Balance reads it live.
  useEffect(() => {
    setAccount(undefined);
    void load(false);
  }, [load]);

  return (
    <>
      <PageHeader title={t('balances.title')} description={t('balances.description')} focus={!unitId} />
      <BalanceFinder selectedId={unitId} />
      {error ? <ErrorNotice error={error} what={t('balances.account.what')} onRetry={() => void load(true)} /> : null}
      {account && account.unitId === unitId ? (
        <AccountView account={account} busy={busy} onGet={() => void load(true)} />
      ) : !unitId ? (
        <p className="muted">{t('balances.find.choose')}</p>
      ) : null}
    </>
  );
}
