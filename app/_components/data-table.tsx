import type { ReactNode } from 'react';
import { ScrollTable } from '@/app/incidents/_components/scroll-table';

/** A column head: its text, or the text with options (numeric alignment, or heard by screen readers only). */
export type Column = ReactNode | { label: ReactNode; numeric?: boolean; visuallyHidden?: boolean };

type DataTableProps<T> = {
  caption: ReactNode;
  /** The caption's id, when something is labelled by it (the scrolling region). */
  captionId?: string;
  /** Shown as a medium heading (or small, with captionSize 's'); otherwise the caption is for screen readers only. */
  captionVisible?: boolean;
  captionSize?: 's' | 'm';
  /** Classes after `nhsuk-table`. */
  className?: string;
  testId?: string;
  columns: Column[];
  rows: readonly T[];
  /** Renders one row: a `<tr className="nhsuk-table__row">` with its key. */
  row: (item: T) => ReactNode;
  /** When given, a row spanning every column says this when there are no rows. */
  empty?: ReactNode;
  /** Rows that change while the page is open are announced (`aria-live` on the body). */
  live?: 'polite';
  /** `plain`: a sideways-scrolling wrapper; `region`: the same as a focusable region named by the caption (needs captionId). */
  scroll?: 'plain' | 'region';
};

function isOptions(c: Column): c is { label: ReactNode; numeric?: boolean; visuallyHidden?: boolean } {
  return typeof c === 'object' && c !== null && 'label' in c;
}

function HeadCell({ column }: { column: Column }) {
  const { label, numeric, visuallyHidden } = isOptions(column) ? column : { label: column, numeric: false, visuallyHidden: false };
  return (
    <th scope="col" className={numeric ? 'nhsuk-table__header nhsuk-table__header--numeric' : 'nhsuk-table__header'}>
      {visuallyHidden ? <span className="nhsuk-u-visually-hidden">{label}</span> : label}
    </th>
  );
}

/** NHS table: caption, column heads, one row per item and, optionally, an empty-state row. Server-safe (no hooks). */
export function DataTable<T>({ caption, captionId, captionVisible, captionSize = 'm', className, testId, columns, rows, row, empty, live, scroll }: DataTableProps<T>) {
  const table = (
    <table className={className ? `nhsuk-table ${className}` : 'nhsuk-table'} data-testid={testId}>
      <caption className={`nhsuk-table__caption ${captionVisible ? `nhsuk-table__caption--${captionSize}` : 'nhsuk-u-visually-hidden'}`} id={captionId}>
        {caption}
      </caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          {columns.map((column, i) => (
            <HeadCell key={i} column={column} />
          ))}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body" aria-live={live}>
        {rows.length === 0 && empty !== undefined ? (
          <tr className="nhsuk-table__row">
            <td className="nhsuk-table__cell" colSpan={columns.length}>
              {empty}
            </td>
          </tr>
        ) : (
          rows.map(row)
        )}
      </tbody>
    </table>
  );
  if (scroll === 'region' && captionId) return <ScrollTable captionId={captionId}>{table}</ScrollTable>;
  if (scroll) return <div className="wr-table-scroll">{table}</div>;
  return table;
}
