/**
 * A plain data table from a list of column specs: the `.data-table` markup
 * every list page uses (scrolling wrapper, caption for screen readers, one
 * header row), so a page states its columns instead of restating the markup.
 */
import type { ReactNode } from 'react';

export interface DataColumn<T> {
  /** Stable React key of the column. */
  id: string;
  /** The header cell's content (already translated); hidden headers wrap it in `.visually-hidden`. */
  header: ReactNode;
  /** The cell's content for one row. */
  cell: (row: T) => ReactNode;
  /** Class of the body cells (col-time, wrap…). */
  className?: string;
  /** Class of the header cell (col-time, col-status… where the column's width is set). */
  headerClassName?: string;
  /** The cell names its row: rendered as `<th scope="row">` for screen readers. */
  rowHeader?: boolean;
  /** The cell holds staff data or ids a browser must not translate. */
  noTranslate?: boolean;
}

export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  rowClassName,
  className,
  foot,
}: {
  /** Said by screen readers, not shown. */
  caption: string;
  columns: DataColumn<T>[];
  rows: readonly T[];
  /** A stable key per row (its id; with the index where rows have none of their own). */
  rowKey: (row: T, index: number) => string;
  rowClassName?: (row: T) => string | undefined;
  /** Added to `data-table` on the table. */
  className?: string;
  /** Under the table, inside its scrolling wrapper (a pager). */
  foot?: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table className={className ? `data-table ${className}` : 'data-table'}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.id} scope="col" className={c.headerClassName}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={rowKey(row, i)} className={rowClassName?.(row)}>
              {columns.map((c) => {
                const Cell = c.rowHeader ? 'th' : 'td';
                return (
                  <Cell key={c.id} scope={c.rowHeader ? 'row' : undefined} className={c.className} translate={c.noTranslate ? 'no' : undefined}>
                    {c.cell(row)}
                  </Cell>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {foot}
    </div>
  );
}
