/**
 * Differences, always in the direction data flows: Condo Manager → Condo
 * Control. The pending table shows the Condo Manager value (which the next
 * sync writes) and then Condo Control's value now; History shows the value
 * written and the one it replaced, with the same arrow.
 */
import { ArrowRight } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { FieldDifference } from '@shared/types';
import { displayValue, fieldLabel } from '../lib/format';
import { i18n } from '../i18n';

/** Why a value is held back, in the reader's language (the core's words for reasons new to this version). */
export function heldBackText(d: FieldDifference, role: 'owner' | 'tenant' = 'owner'): string | undefined {
  if (!d.heldBack) return undefined;
  if (!d.heldBackCode) return d.heldBack;
  const screen = i18n.t(role === 'owner' ? 'common.product.informationOwner' : 'common.product.informationTenant');
  return i18n.t(`userSection.heldBack.${d.heldBackCode}`, { screen });
}

export function Differences({ changes, caption, role }: { changes: FieldDifference[]; caption: string; role?: 'owner' | 'tenant' }) {
  const { t } = useTranslation();
  return (
    <table className="data-table diff-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('userSection.table.field')}</th>
          <th scope="col">{t('userSection.table.condoManager')}</th>
          <th scope="col" className="diff-arrow-cell">
            <span className="visually-hidden">{t('userSection.table.to')}</span>
          </th>
          <th scope="col">{t('userSection.table.condoControl')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => {
          const held = heldBackText(c, role);
          return (
            <tr key={c.field} className={held ? 'diff-held' : undefined}>
              <th scope="row">{fieldLabel(c.field)}</th>
              <td>
                <span className={held ? 'diff-held-value' : 'diff-new'}>{displayValue(c.condoManager)}</span>
                {held ? <p className="diff-held-note">{t('userSection.table.notWritten', { reason: held })}</p> : null}
              </td>
              <td className="diff-arrow-cell" aria-hidden="true">
                <ArrowRight size={16} />
              </td>
              <td className="diff-old">{displayValue(c.condoControl)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** One line per field for a change already written: "Email: new@x.ca → Condo Control (replaced old@x.ca)". */
export function InlineDifferences({ changes }: { changes: FieldDifference[] }) {
  const { t } = useTranslation();
  return (
    <ul className="inline-diffs">
      {changes.map((c) =>
        // The link between the two records is bookkeeping, not a value anyone reads.
        c.field === 'externalId' ? (
          <li key={c.field}>{c.condoControl ? t('userSection.history.relinked') : t('userSection.history.linked')}</li>
        ) : (
          <li key={c.field}>
            <span className="muted">{fieldLabel(c.field)}:</span> <span className="diff-new">{displayValue(c.condoManager)}</span>{' '}
            <ArrowRight aria-hidden="true" size={13} className="diff-arrow" />
            <span className="visually-hidden"> {t('userSection.history.flow')}, </span> <span className="muted">Condo Control</span>{' '}
            <span className="muted">
              ({t('userSection.history.replaced')} <span className="diff-old">{displayValue(c.condoControl)}</span>)
            </span>
          </li>
        ),
      )}
    </ul>
  );
}
