import { describe, expect, it } from 'vitest';
import { findDuplicates, MAX_DUPLICATES_SHOWN, type StoredEntry } from './find-duplicates.js';
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
    expect([...found.entries()]).toEqual([[5, { shown: [{ kind: 'row', row: 2 }], more: 0 }]]);
  });

  it('flags rows like a stored entry, with what the entry is', () => {
    const found = findDuplicates([row(2), row(3, { property: null })], [stored]);
    expect(found.get(2)).toEqual({
      shown: [
        {
          kind: 'entry',
          entryId: 'led_1',
          date: '2025-10-15',
          description: 'plumber, kitchen',
          amount: 12_501,
          type: 'expense',
          importBatchId: null,
        },
      ],
      more: 0,
    });
    expect(found.has(3)).toBe(false);
  });

  it('leaves other properties and rows without the compared values alone', () => {
    const other = { ...stored, propertyId: '102' };
    expect(findDuplicates([row(2), row(3, { amount: null })], [other]).size).toBe(0);
  });
});

describe('findDuplicates in large files', () => {
  it('lists at most 5 duplicates of each of 5,000 equal rows, stored entries first, and counts the rest', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => row(i + 2));
    const entries = [1, 2].map((n): StoredEntry => ({ ...stored, id: `led_${n}`, description: 'Plumber' }));
    const found = findDuplicates(rows, entries);
    expect(MAX_DUPLICATES_SHOWN).toBe(5);
    expect(found.size).toBe(5000);
    const first = found.get(2);
    expect(first?.shown.map((d) => (d.kind === 'entry' ? d.entryId : d.row))).toEqual(['led_1', 'led_2']);
    expect(first?.more).toBe(0);
    const last = found.get(5001);
    // Both entries, then the three earliest rows; of its 4,999 earlier rows 4,996 are only counted.
    expect(last?.shown.map((d) => (d.kind === 'entry' ? d.entryId : d.row))).toEqual([
      'led_1',
      'led_2',
      2,
      3,
      4,
    ]);
    expect(last?.more).toBe(2 + 4999 - 5);
    for (const duplicates of found.values()) expect(duplicates.shown.length).toBeLessThanOrEqual(5);
  });

  it('still finds what lies a day or a cent away, and leaves what lies further', () => {
    const found = findDuplicates(
      [
        row(2),
        row(3, { date: '2025-10-15', amount: 12_501, description: 'PLUMBER!' }),
        row(4, { date: '2025-10-16', amount: 12_502 }),
        row(5, { date: '2025-10-12' }),
        row(6, { description: 'Plumber – kitchen sink', amount: 12_499, date: '2025-10-13' }),
      ],
      [],
    );
    expect(found.get(3)?.shown).toEqual([{ kind: 'row', row: 2 }]);
    expect(found.get(4)?.shown).toEqual([{ kind: 'row', row: 3 }]);
    expect(found.has(5)).toBe(false);
    expect(found.get(6)?.shown).toEqual([
      { kind: 'row', row: 2 },
      { kind: 'row', row: 5 },
    ]);
  });
});
