import type { ResidentHistoryEntry } from '@shared/types';
import { InlineDifferences } from '../components/differences';
import { OutcomeLabel } from '../components/outcome-label';
import { RelativeTime } from '../components/relative-time';
import { href } from '../lib/router';

export function ResidentHistory({ entries }: { entries: ResidentHistoryEntry[] }) {
  return (
    <section className="section" aria-labelledby="history-heading">
      <h2 id="history-heading" className="section-title">
        History
      </h2>
      {entries.length ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Sync history of this resident</caption>
            <thead>
              <tr>
                <th scope="col" className="col-time">
                  When
                </th>
                <th scope="col" className="col-status">
                  Outcome
                </th>
                <th scope="col">What happened</th>
                <th scope="col" className="col-link">
                  <span className="visually-hidden">Sync</span>
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
                    <OutcomeLabel outcome={e.outcome} />
                  </td>
                  <td>
                    {e.message ? <p className="cell-text">{e.message}</p> : null}
                    {e.changes?.length ? <InlineDifferences changes={e.changes} /> : null}
                  </td>
                  <td className="col-link">
                    <a href={href.job(e.jobId)}>View sync</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No syncs have touched this resident yet.</p>
      )}
    </section>
  );
}
