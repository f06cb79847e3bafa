import type { ReactNode } from 'react';

/** One column of a DataTable: its header also labels the cell when the row becomes a card on a phone. */
export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /**
   * Cell classes: `num` (figures, right-aligned), `mono`, `nowrap`; on a phone `card-row__wide`
   * spans the card, `card-row__status` comes first and spans it, `card-row__actions` holds buttons.
   */
  className?: string;
}

interface DataTableProps<T> {
  /** Read by screen readers, and what tests find the table by. */
  caption: string;
  columns: Array<Column<T>>;
  rows: T[];
  rowKey: (row: T) => string;
  /** Extra classes of a row, e.g. `card-row--alert` to make it stand out. */
  rowClassName?: (row: T) => string | undefined;
}

/** A table on a desktop; below 640 px the stylesheet turns each row into a card with labelled cells. */
export function DataTable<T>({ caption, columns, rows, rowKey, rowClassName }: DataTableProps<T>) {
  return (
    <div className="table-wrap table-wrap--cards">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={column.className?.split(' ').includes('num') ? 'num' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={['card-row', rowClassName?.(row)].filter(Boolean).join(' ')}>
              {columns.map((column) => (
                <td key={column.header} data-label={column.header} className={column.className}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
