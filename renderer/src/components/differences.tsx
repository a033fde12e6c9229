import type { FieldDifference } from '@shared/types';
import { displayValue, fieldLabel } from '../lib/format';

/**
 * Pending differences, in the direction data flows: the Condo Manager value
 * (which the next sync writes) → the Condo Control value (what is there now).
 */
export function Differences({ changes, caption }: { changes: FieldDifference[]; caption: string }) {
  return (
    <table className="data-table diff-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Condo Manager value</th>
          <th scope="col" className="diff-arrow-col">
            Condo Control value
          </th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field}>
            <th scope="row">{fieldLabel(c.field)}</th>
            <td className="diff-new">{displayValue(c.condoManager)}</td>
            <td className="diff-old diff-arrow-col">{displayValue(c.condoControl)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One line per field for a finished change: "Email: old@x.ca → new@x.ca" (Condo Control before → Condo Manager's value). */
export function InlineDifferences({ changes }: { changes: FieldDifference[] }) {
  return (
    <ul className="inline-diffs">
      {changes.map((c) =>
        // The link between the two records is bookkeeping, not a value anyone reads.
        c.field === 'externalId' ? (
          <li key={c.field}>{c.condoControl ? 'Re-linked to its Condo Manager record' : 'Linked to its Condo Manager record'}</li>
        ) : (
        <li key={c.field}>
          <span className="muted">{fieldLabel(c.field)}:</span> <span className="visually-hidden">from </span>
          <span className="diff-old">{displayValue(c.condoControl)}</span> <span aria-hidden="true">→</span>
          <span className="visually-hidden"> to </span> <span className="diff-new">{displayValue(c.condoManager)}</span>
        </li>
        ),
      )}
    </ul>
  );
}
