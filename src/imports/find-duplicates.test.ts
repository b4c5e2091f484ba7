import { describe, expect, it } from 'vitest';
import { findDuplicates, type StoredEntry } from './find-duplicates.js';
import type { ReadRow } from './read-rows.js';

const row = (number: number, over: Partial<ReadRow> = {}): ReadRow => ({
  number,
  cells: [],
  date: '2025-10-14',
  property: { id: '101', name: 'Seaside Loft', nickname: null, currency: 'USD', matchedBy: 'name' },
  description: 'Plumber',
  amountText: '125.00',
  amount: 12_500,
  amountReadAs: '125.00',
  amountCurrency: null,
  type: 'expense',
  category: null,
  vendor: null,
  errors: [],
  ...over,
});

const stored: StoredEntry = {
  id: 'led_1',
  propertyId: '101',
  date: '2025-10-15',
  description: 'plumber, kitchen',
  amount: 12_501,
  type: 'expense',
  importBatchId: null,
};

describe('findDuplicates', () => {
  it('flags the later of two similar rows with the earlier row number', () => {
    const found = findDuplicates(
      [row(2), row(3, { description: 'Electrician' }), row(5, { date: '2025-10-13' })],
      [],
    );
    expect([...found.entries()]).toEqual([[5, [{ kind: 'row', row: 2 }]]]);
  });

  it('flags rows like a stored entry, with what the entry is', () => {
    const found = findDuplicates([row(2), row(3, { property: null })], [stored]);
    expect(found.get(2)).toEqual([
      {
        kind: 'entry',
        entryId: 'led_1',
        date: '2025-10-15',
        description: 'plumber, kitchen',
        amount: 12_501,
        type: 'expense',
        importBatchId: null,
      },
    ]);
    expect(found.has(3)).toBe(false);
  });

  it('leaves other properties and rows without the compared values alone', () => {
    const other = { ...stored, propertyId: '102' };
    expect(findDuplicates([row(2), row(3, { amount: null })], [other]).size).toBe(0);
  });
});
