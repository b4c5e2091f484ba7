/** A batch's totals: per type and currency, never added across currencies. */
import type { ImportBatchDto } from '../../expenseImportApi.js';
import { formatMoney } from '../../format.js';
import { TYPE_LABELS } from './importText.js';

export function ImportTotals({ totals }: { totals: ImportBatchDto['totals'] }) {
  if (totals.length === 0) return <>—</>;
  return (
    <>
      {totals.map((t, i) => (
        <span key={`${t.type}-${t.currency}`}>
          {i > 0 ? ' · ' : ''}
          {t.count} {TYPE_LABELS[t.type].toLowerCase()}
          {t.count === 1 ? '' : 's'} {formatMoney(t.amount, t.currency)}
        </span>
      ))}
    </>
  );
}
