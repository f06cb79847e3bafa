import { useId, useState, type ReactNode } from 'react';
import { EyeIcon } from './icons';

/** One column of a DataTable: its header also labels the cell when the row becomes a card on a phone. */
export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /**
   * Cell classes: `num` (figures, right-aligned), `mono`, `nowrap`; on a phone `card-row__wide`
   * spans the card, `card-row__status` comes first and spans it, `card-row__actions` holds buttons.
   */
  className?: string;
  /** The cell's tooltip, e.g. the full id behind a short one. */
  title?: (row: T) => string;
}

/** More about a row, on a line of its own under it, opened by an eye button at the start of one of its cells. */
export interface RowDetail<T> {
  /** The header of the column whose cells carry the button. */
  column: string;
  /** The button's accessible name, which says which row it opens. */
  label: (row: T, open: boolean) => string;
  render: (row: T) => ReactNode;
}

interface DataTableProps<T> {
  /** Read by screen readers, and what tests find the table by. */
  caption: string;
  columns: Array<Column<T>>;
  rows: T[];
  rowKey: (row: T) => string;
  /** Extra classes of a row, e.g. `card-row--alert` to make it stand out. */
  rowClassName?: (row: T) => string | undefined;
  detail?: RowDetail<T>;
}

/** A table on a desktop; below 640 px the stylesheet turns each row into a card with labelled cells. */
export function DataTable<T>({ caption, columns, rows, rowKey, rowClassName, detail }: DataTableProps<T>) {
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
            <DataTableRow key={rowKey(row)} row={row} columns={columns} className={rowClassName?.(row)} detail={detail} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface DataTableRowProps<T> {
  row: T;
  columns: Array<Column<T>>;
  className?: string;
  detail?: RowDetail<T>;
}

/** One row, and its detail line when the table has one: each row opens on its own. */
function DataTableRow<T>({ row, columns, className, detail }: DataTableRowProps<T>) {
  const [open, setOpen] = useState(false);
  const detailId = useId();
  return (
    <>
      <tr className={['card-row', className].filter(Boolean).join(' ')}>
        {columns.map((column) => (
          <td key={column.header} data-label={column.header} className={column.className} title={column.title?.(row)}>
            {detail?.column === column.header && (
              <button type="button" className="icon-button" aria-expanded={open} aria-controls={detailId} aria-label={detail.label(row, open)} onClick={() => setOpen((was) => !was)}>
                <EyeIcon open={open} />
              </button>
            )}
            {column.cell(row)}
          </td>
        ))}
      </tr>
      {detail && (
        <tr id={detailId} hidden={!open} className="detail-row">
          <td colSpan={columns.length}>{open && detail.render(row)}</td>
        </tr>
      )}
    </>
  );
}
