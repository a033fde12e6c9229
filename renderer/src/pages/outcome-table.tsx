import { Button } from 'react-aria-components';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import type { JobOutcome, Page } from '@shared/types';
import { InlineDifferences } from '../components/differences';
import { OutcomeLabel } from '../components/outcome-label';
import { RelativeTime } from '../components/relative-time';
import { PersonLink, UnitLink } from '../components/record-links';
import { count } from '../lib/format';

/** What an outcome means when the core gave no message of its own. */
const plainOutcome: Record<JobOutcome['outcome'], string> = {
  created: 'Added to Condo Control',
  updated: 'Updated in Condo Control',
  unchanged: 'Already matched Condo Manager',
  deactivated: 'Deactivated in Condo Control (no longer in Condo Manager)',
  conflict: 'Needs attention',
  failed: 'Could not be written; the next sync tries again',
};

function Record({ o }: { o: JobOutcome }) {
  if (o.entity === 'person') return <PersonLink id={o.entityId} label={o.label} />;
  if (o.entity === 'unit') return <UnitLink id={o.entityId} label={o.label} />;
  return <span>{o.entity === 'invoice' ? 'Invoice' : 'Payment'}</span>;
}

export function OutcomeTable({ page, offset, limit, onOffset }: { page: Page<JobOutcome>; offset: number; limit: number; onOffset: (n: number) => void }) {
  if (!page.items.length) return <p className="muted">No records in this view.</p>;
  const to = Math.min(offset + limit, page.total);
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">Records of this sync</caption>
        <thead>
          <tr>
            <th scope="col" className="col-status">
              Outcome
            </th>
            <th scope="col" className="col-record">
              Record
            </th>
            <th scope="col">What happened</th>
            <th scope="col" className="col-time">
              When
            </th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((o) => (
            <tr key={o.id}>
              <td className="col-status">
                <OutcomeLabel outcome={o.outcome} />
              </td>
              <td className="col-record">
                <Record o={o} />
              </td>
              <td>
                {o.message ? <p className="cell-text">{o.message}</p> : null}
                {o.changes?.length ? <InlineDifferences changes={o.changes} /> : null}
                {!o.message && !o.changes?.length ? <span className="muted">{plainOutcome[o.outcome]}</span> : null}
              </td>
              <td className="col-time">
                <RelativeTime iso={o.at} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="table-foot pager">
        <span className="num">
          {count(offset + 1)}–{count(to)} of {count(page.total)}
        </span>
        {page.total > limit ? (
          <>
            <Button className="btn btn-small" isDisabled={offset === 0} onPress={() => onOffset(Math.max(0, offset - limit))}>
              <ChevronLeft aria-hidden="true" size={16} /> Previous
            </Button>
            <Button className="btn btn-small" isDisabled={to >= page.total} onPress={() => onOffset(offset + limit)}>
              Next <ChevronRight aria-hidden="true" size={16} />
            </Button>
          </>
        ) : null}
      </div>
    </div>
  );
}
