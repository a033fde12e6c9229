/** Resident Balances: what a resident sees under My Account → Account Balance, fetched live ("Get Account Balance"). */
import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { Wallet } from 'lucide-react';
import type { AccountLedger, UnitSummary } from '@shared/types';
import { useTranslation } from 'react-i18next';

import { bridge } from '../bridge';
import { ErrorNotice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { RelativeTime } from '../components/relative-time';
import { money } from '../lib/format';
import { href, navigate } from '../lib/router';
import { Ledger } from './ledger';
import { UnitPicker } from './unit-picker';

export function BalancesPage({ unitId }: { unitId?: string | undefined }) {
  const { t } = useTranslation();
  const [unit, setUnit] = useState<UnitSummary>();
  const [balance, setBalance] = useState<AccountLedger>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  // Arriving from a unit page (#/balances?unit=…): preselect that unit.
  useEffect(() => {
    if (!unitId || unit?.id === unitId) return;
    bridge.call('units.get', { id: unitId }).then(setUnit, setError);
  }, [unitId, unit?.id]);

  const choose = (u: UnitSummary | undefined) => {
    setUnit(u);
    setBalance(undefined);
    setError(undefined);
    navigate(href.balances(u?.id));
  };

  const get = async () => {
    if (!unit) return;
    setBusy(true);
    setError(undefined);
    try {
      setBalance((await bridge.call('balances.get', { unitId: unit.id, refresh: true })).accounts[0]);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('balances.title')}
        description={t('balances.description')}
      />
      <div className="balance-controls">
        <UnitPicker selected={unit} onSelect={choose} />
        <Button className="btn btn-primary" isDisabled={!unit || busy} onPress={() => void get()}>
          <Wallet aria-hidden="true" size={16} />
          {busy ? t('balances.getting') : t('common.product.getAccountBalance')}
        </Button>
      </div>
      {error ? <ErrorNotice error={error} what={t('balances.what')} /> : null}
      {balance && unit && balance.unitId === unit.id ? (
        <section className="section" aria-labelledby="balance-heading">
          <div className="balance-summary">
            <div>
              <h2 id="balance-heading" className="eyebrow">
                {t('balances.heading', { number: unit.number })}
              </h2>
              <BalanceFigure cents={balance.balanceCents} />
            </div>
            <p className="muted small">
              {t('balances.fromCondoManager')} {balance.asOf ? <RelativeTime iso={balance.asOf} /> : null}
            </p>
          </div>
          <Ledger lines={balance.lines} unitNumber={unit.number} />
        </section>
      ) : null}
    </>
  );
}

function BalanceFigure({ cents }: { cents: number }) {
  const { t } = useTranslation();
  const amount = money(Math.abs(cents));
  if (cents === 0) return <p className="balance-figure num">{amount} <span className="balance-note">{t('balances.paidInFull')}</span></p>;
  return (
    <p className="balance-figure num">
      {amount} <span className="balance-note">{cents > 0 ? t('balances.owing') : t('balances.inCredit')}</span>
    </p>
  );
}
