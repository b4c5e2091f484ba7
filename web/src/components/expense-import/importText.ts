/** Words for the import's values: fields, how a property was matched, what a row duplicates. */
import type { ImportMappingDto, PreviewRowDto } from '../../expenseImportApi.js';
import { formatDate, formatMoney } from '../../format.js';

export type ImportField = keyof ImportMappingDto['columns'];

export const FIELD_LABELS: Record<ImportField, string> = {
  date: 'Date',
  property: 'Property',
  description: 'Description',
  amount: 'Amount',
  type: 'Type',
  category: 'Category',
  vendor: 'Vendor',
};

export const REQUIRED: readonly ImportField[] = ['date', 'property', 'description', 'amount'];

export const MATCHED_BY: Record<'id' | 'name' | 'nickname', string> = {
  id: 'by id',
  name: 'by name',
  nickname: 'by nickname',
};

export const TYPE_LABELS = { expense: 'Expense', adjustment: 'Adjustment' } as const;

/** What one duplicate warning says. */
export function duplicateText(d: PreviewRowDto['duplicates'][number], currency: string | undefined): string {
  if (d.kind === 'row') return `Possible duplicate of row ${d.row} of this file`;
  const amount = currency ? formatMoney(d.amount, currency) : String(d.amount / 100);
  const where = d.importBatchId ? 'imported earlier' : 'already recorded';
  return `Possible duplicate of an entry ${where}: ${formatDate(d.date)}, “${d.description}”, ${amount}`;
}
