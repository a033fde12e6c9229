import type { FieldDifference } from '@shared/types';
import { useTranslation } from 'react-i18next';
import { displayValue, fieldLabel } from '../lib/format';

/**
 * Pending differences, in the direction data flows: the Condo Manager value
 * (which the next sync writes) → the Condo Control value (what is there now).
 */
export function Differences({ changes, caption }: { changes: FieldDifference[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <table className="data-table diff-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('common.diff.field')}</th>
          <th scope="col">{t('common.diff.condoManager')}</th>
          <th scope="col" className="diff-arrow-col">
            {t('common.diff.condoControl')}
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
  const { t } = useTranslation();
  return (
    <ul className="inline-diffs">
      {changes.map((c) =>
        // The link between the two records is bookkeeping, not a value anyone reads.
        c.field === 'externalId' ? (
          <li key={c.field}>{c.condoControl ? t('common.diff.relinked') : t('common.diff.linked')}</li>
        ) : (
        <li key={c.field}>
          <span className="muted">{fieldLabel(c.field)}:</span> <span className="visually-hidden">{t('common.diff.from')}</span>
          <span className="diff-old">{displayValue(c.condoControl)}</span> <span aria-hidden="true">→</span>
          <span className="visually-hidden">{t('common.diff.to')}</span> <span className="diff-new">{displayValue(c.condoManager)}</span>
        </li>
        ),
      )}
    </ul>
  );
}
