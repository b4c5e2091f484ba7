import { describe, expect, it } from 'vitest';
import { type ImportMapping, mappingProblem, suggestColumns, suggestMapping } from './mapping.js';
import type { Sheet } from './sheet.js';

describe('suggestColumns', () => {
  it('finds each field by its English header name, in any letter case', () => {
    expect(suggestColumns(['DATE', 'Listing', 'Memo', 'Amount (USD)', 'Type', 'Category', 'Payee'])).toEqual({
      date: 0,
      property: 1,
      description: 2,
      amount: 3,
      type: 4,
      category: 5,
      vendor: 6,
    });
  });
  it('prefers an exact name to one that contains the word, and uses each column once', () => {
    expect(suggestColumns(['Property ID', 'Property', 'Description', 'Amount', 'Vendor'])).toMatchObject({
      property: 1,
      description: 2,
      amount: 3,
      vendor: 4,
      type: null,
      category: null,
      date: null,
    });
  });
});

const sheet = (rows: string[][]): Sheet => ({
  headers: ['Date', 'Property', 'Description', 'Amount'],
  rows: rows.map((cells, i) => ({ number: i + 2, cells: cells.map((text) => ({ kind: 'text', text })) })),
});

describe('suggestMapping', () => {
  it('takes the date format and decimal separator the values show', () => {
    const { mapping, detected } = suggestMapping(
      sheet([
        ['03/04/2025', 'A', 'x', '1.234,56'],
        [' 25/10/2025', 'A', 'x', '12'],
      ]),
    );
    // Row 3 is the one date that can only be day first: it decided the format.
    expect(detected).toEqual({
      dateFormat: 'DD/MM/YYYY',
      dateFormatFrom: { row: 3, text: '25/10/2025' },
      decimalSeparator: ',',
    });
    expect(mapping).toMatchObject({
      dateFormat: 'DD/MM/YYYY',
      decimalSeparator: ',',
      defaultType: 'expense',
    });
  });
  it('falls back to ISO dates and amounts that must show their own separator', () => {
    const { mapping } = suggestMapping(sheet([['2025-10-01', 'A', 'x', '12']]));
    expect(mapping).toMatchObject({ dateFormat: 'YYYY-MM-DD', decimalSeparator: 'auto' });
  });
});

describe('mappingProblem', () => {
  const base: ImportMapping = {
    columns: { date: 0, property: 1, description: 2, amount: 3, type: null, category: null, vendor: null },
    dateFormat: 'YYYY-MM-DD',
    decimalSeparator: 'auto',
    defaultType: 'expense',
    negativeAmounts: 'refuse',
  };
  it('accepts a mapping with the required columns', () => {
    expect(mappingProblem(base, 4)).toBeNull();
  });
  it('names a missing required column, a column beyond the file, and a column used twice', () => {
    expect(mappingProblem({ ...base, columns: { ...base.columns, amount: null } }, 4)).toBe(
      'choose the column that holds the amount',
    );
    expect(mappingProblem({ ...base, columns: { ...base.columns, vendor: 7 } }, 4)).toBe(
      'the vendor column (8) does not exist: the file has 4 columns',
    );
    expect(mappingProblem({ ...base, columns: { ...base.columns, vendor: 2 } }, 4)).toBe(
      'column 3 is chosen for both description and vendor',
    );
  });
});
