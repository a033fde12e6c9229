import { useTranslation } from 'react-i18next';
import type { ResidentHistoryEntry } from '@shared/types';
import { InlineDifferences } from '../components/differences';
import { OutcomeLabel } from '../components/outcome-label';
import { RelativeTime } from '../components/relative-time';
import { href } from '../lib/router';

export function ResidentHistory({ entries }: { entries: ResidentHistoryEntry[] }) {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="history-heading">
      <h2 id="history-heading" className="section-title">
        {t('userSection.history.title')}
      </h2>
      {entries.length ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('userSection.history.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="col-time">
                  {t('userSection.history.when')}
                </th>
                <th scope="col" className="col-status">
                  {t('userSection.history.outcome')}
                </th>
                <th scope="col">{t('userSection.history.what')}</th>
                <th scope="col" className="col-link">
                  <span className="visually-hidden">{t('userSection.history.sync')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={`${e.jobId}-${i}`}>
                  <td className="col-time">
                    <RelativeTime iso={e.at} />
                  </td>
                  <td className="col-status">
                    <OutcomeLabel outcome={e.outcome} effect={e.effect} />
                  </td>
                  <td>
                    {e.message ? <p className="cell-text">{e.message}</p> : null}
                    {e.changes?.length ? <InlineDifferences changes={e.changes} /> : null}
                  </td>
                  <td className="col-link">
                    <a href={href.job(e.jobId)}>{t('userSection.history.view')}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t('userSection.history.none')}</p>
      )}
    </section>
  );
}
