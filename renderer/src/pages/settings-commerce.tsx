/** Settings → Invoices and payments: import the invoice history, and check every balance against Condo Control's. */
import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { usePermission } from '../lib/use-permission';
import { useTranslation } from 'react-i18next';
import type { BalanceCheck, Job } from '@shared/types';
import { bridge } from '../bridge';
import { ErrorNotice } from '../components/notice';
import { money, timeOfDay } from '../lib/format';
import { href } from '../lib/router';
import { toast } from '../lib/toasts';
import { useBuildingLabel } from '../lib/use-building-label';

function CheckResult({ check }: { check: BalanceCheck }) {
  const { t } = useTranslation();
  const buildingLabel = useBuildingLabel();
  return (
    <div className="balance-check-result" role="status">
      <p>{t('balances.settings.checked', { accounts: check.accounts, matching: check.matching, time: timeOfDay(check.checkedAt) })}</p>
      {check.differences.length ? (
        <>
          <p className="tone-text-attention">{t('balances.settings.differ', { count: check.differences.length })}</p>
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">{t('balances.settings.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('balances.settings.unit')}</th>
                  <th scope="col">{t('balances.settings.building')}</th>
                  <th scope="col" className="num col-money">{t('balances.settings.condoManager')}</th>
                  <th scope="col" className="num col-money">{t('balances.settings.condoControl')}</th>
                  <th scope="col" className="num col-money">{t('balances.settings.difference')}</th>
                </tr>
              </thead>
              <tbody>
                {check.differences.map((d) => (
                  <tr key={d.unitId}>
                    <th scope="row">
                      <a href={href.balances(d.unitId)}>{d.unitNumber}</a>
                    </th>
                    <td>{d.corporationCode || buildingLabel(d.corporationId)}</td>
                    <td className="num col-money">{money(d.condoManagerCents)}</td>
                    <td className="num col-money">{d.condoControlCents === undefined ? t('balances.settings.notInCc') : money(d.condoControlCents)}</td>
                    <td className="num col-money">{money(d.differenceCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p>{t('balances.settings.allMatch')}</p>
      )}
      {check.unreadable ? <p className="muted">{t('balances.settings.unreadable', { count: check.unreadable })}</p> : null}
      <p>
        <a href={href.job(check.jobId)}>{t('balances.settings.viewJob')}</a>
      </p>
    </div>
  );
}

export function CommerceSettings() {
  // Importing the history and checking balances queue jobs: a sync action.
  const canSync = usePermission('sync').allowed;
  const { t } = useTranslation();
  const [check, setCheck] = useState<BalanceCheck>();
  const [job, setJob] = useState<Job>();
  const [error, setError] = useState<unknown>();
  const [what, setWhat] = useState<string>();

  const importHistory = async () => {
    setError(undefined);
    try {
      const job = await bridge.call('sync.start', { kind: 'commerce-reconcile', trigger: 'manual' });
      toast({ level: 'info', title: t('balances.settings.importQueued'), action: { label: t('sync.toast.viewInQueue'), href: href.job(job.id) } });
    } catch (err) {
      setWhat(t('balances.settings.import'));
      setError(err);
    }
  };

  // The last finished check, shown until a new one finishes, and any check under way.
  useEffect(() => {
    let live = true;
    bridge
      .call('balances.check', {})
      .then((a) => {
        if (!live) return;
        if (a.last) setCheck(a.last);
        // A check still running (started before this page opened) shows its progress here too.
        if (a.job) setJob(a.job);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  // The check runs as a job: its progress here, its result once it ends.
  useEffect(() => {
    if (!job || job.finishedAt) return;
    let live = true;
    const onJob = (j: Job) => {
      if (!live || j.id !== job.id || !j.finishedAt) {
        if (live && j.id === job.id) setJob(j);
        return;
      }
      live = false;
      setJob(j);
      if (j.status === 'failed' || j.status === 'cancelled' || j.status === 'interrupted') {
        setWhat(t('balances.settings.what'));
        setError(j.error ?? new Error(j.status));
      }
      void bridge
        .call('balances.check', {})
        .then((a) => a.last && setCheck(a.last))
        .catch((err: unknown) => setError(err));
    };
    const off = bridge.on('job.updated', onJob);
    // A check can end before this subscription exists (it answers, then runs
    // in milliseconds): read the job once now, so the card never stays on "Checking…".
    void bridge
      .call('jobs.get', { id: job.id, limit: 1 })
      .then((j) => j.finishedAt && onJob(j))
      .catch(() => undefined);
    return () => {
      live = false;
      off();
    };
  }, [job, t]);

  const runCheck = async () => {
    setError(undefined);
    try {
      const answer = await bridge.call('balances.check', { start: true });
      if (answer.job) setJob(answer.job);
    } catch (err) {
      setWhat(t('balances.settings.what'));
      setError(err);
    }
  };
  const checking = Boolean(job && !job.finishedAt);

  return (
    <section className="card settings-card" aria-labelledby="commerce-title">
      <h2 id="commerce-title" className="card-title">
        {t('balances.settings.title')}
      </h2>
      <p className="muted card-description">{t('balances.settings.description')}</p>
      <div className="form-fields">
        <div>
          <Button className="btn" onPress={() => void importHistory()} isDisabled={!canSync}>
            {t('balances.settings.import')}
          </Button>
          <p className="field-help">{t('balances.settings.importHelp')}</p>
        </div>
        <div>
          <Button className="btn" isDisabled={checking || !canSync} onPress={() => void runCheck()}>
            {checking ? t('balances.settings.checking') : t('balances.settings.check')}
          </Button>
          <p className="field-help">{t('balances.settings.checkHelp')}</p>
          {checking && job ? (
            <p role="status">
              {job.progress.total
                ? t('balances.settings.progress', { done: job.progress.done, total: job.progress.total })
                : t('balances.settings.checking')}{' '}
              <a href={href.job(job.id)}>{t('balances.settings.viewJob')}</a>
            </p>
          ) : null}
        </div>
      </div>
      {error ? <ErrorNotice error={error} {...(what ? { what } : {})} /> : null}
      {check ? <CheckResult check={check} /> : null}
    </section>
  );
}
