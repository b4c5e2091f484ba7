/**
 * The preview: one line per row of the file with what was read from it — the amount as written
 * and as read, the property and how it was found — its errors in red (such a row cannot be
 * chosen) and its warnings (a likely duplicate, a period with a final statement), and a checkbox.
 */
import type { PreviewRowDto } from '../../expenseImportApi.js';
import { formatDate, formatMoney, formatPeriodShort } from '../../format.js';
import { duplicateText, MATCHED_BY, TYPE_LABELS } from './importText.js';

function AmountCell({ row }: { row: PreviewRowDto }) {
  const { amount, property } = row;
  if (amount.cents === null) return <>{amount.text}</>;
  const shown = property && amount.cents > 0 ? formatMoney(amount.cents, property.currency) : amount.readAs;
  return (
    <>
      {shown}
      {amount.text.trim() !== amount.readAs ? (
        <span className="import-read-as">
          “{amount.text.trim()}” read as {amount.readAs}
          {amount.currency ? ` ${amount.currency}` : ''}
        </span>
      ) : null}
    </>
  );
}

function Problems({ row }: { row: PreviewRowDto }) {
  const currency = row.property?.currency;
  if (row.errors.length === 0 && row.duplicates.length === 0 && row.finalStatements.length === 0) return null;
  return (
    <ul className="import-problems">
      {row.errors.map((e) => (
        <li key={`${e.field}-${e.code}`} className="import-error">
          <span className="visually-hidden">Error: </span>
          {e.message}
        </li>
      ))}
      {row.duplicates.map((d) => (
        <li key={d.kind === 'row' ? `row-${d.row}` : d.entryId} className="import-warning">
          {duplicateText(d, currency)}
        </li>
      ))}
      {row.finalStatements.map((s) => (
        <li key={s.id} className="import-warning">
          Its period has a {s.status} statement ({formatPeriodShort(s.periodStart, s.periodEnd)}), which will
          not show it
        </li>
      ))}
    </ul>
  );
}

export function ImportPreviewTable({
  rows,
  chosen,
  disabled,
  onToggle,
}: {
  rows: PreviewRowDto[];
  chosen: ReadonlySet<number>;
  disabled: boolean;
  onToggle: (row: number, on: boolean) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="import-preview" aria-label="Rows of the file">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Import</span>
            </th>
            <th scope="col">Row</th>
            <th scope="col">Date</th>
            <th scope="col">Property</th>
            <th scope="col">Description</th>
            <th scope="col">Amount</th>
            <th scope="col">Type</th>
            <th scope="col">Problems</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const blocked = row.errors.length > 0;
            const tone = blocked
              ? 'import-row-error'
              : row.duplicates.length > 0
                ? 'import-row-duplicate'
                : undefined;
            return (
              <tr key={row.row} className={tone}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Import row ${row.row}`}
                    checked={!blocked && chosen.has(row.row)}
                    disabled={disabled || blocked}
                    title={blocked ? 'A row with errors cannot be imported' : undefined}
                    onChange={(e) => onToggle(row.row, e.target.checked)}
                  />
                </td>
                <th scope="row">{row.row}</th>
                <td className="nowrap">{row.date ? formatDate(row.date) : null}</td>
                <td>
                  {row.property ? (
                    <>
                      {row.property.name}
                      <span className="import-read-as">{MATCHED_BY[row.property.matchedBy]}</span>
                    </>
                  ) : null}
                </td>
                <td>
                  {row.description}
                  {row.category || row.vendor ? (
                    <span className="import-read-as">
                      {[row.category, row.vendor].filter(Boolean).join(' · ')}
                    </span>
                  ) : null}
                </td>
                <td className="num">
                  <AmountCell row={row} />
                </td>
                <td>{row.type ? TYPE_LABELS[row.type] : null}</td>
                <td>
                  <Problems row={row} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
