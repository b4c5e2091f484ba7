import { describe, expect, it } from 'vitest';
import type { ImportMapping } from './mapping.js';
import { acceptedYears, PropertyIndex, type PropertyRef, readRows } from './read-rows.js';
import type { Sheet, SheetCell } from './sheet.js';

const properties: PropertyRef[] = [
  { id: '101', name: 'Seaside Loft', nickname: 'SEA-1', currency: 'USD' },
  { id: '102', name: 'Twin House', nickname: null, currency: 'USD' },
  { id: '103', name: 'Twin House', nickname: null, currency: 'USD' },
  { id: '104', name: 'Quiet Chalet', nickname: 'chalet', currency: 'EUR' },
];
const index = new PropertyIndex(properties);

const mapping: ImportMapping = {
  columns: { date: 0, property: 1, description: 2, amount: 3, type: 4, category: 5, vendor: 6 },
  dateFormat: 'YYYY-MM-DD',
  decimalSeparator: 'auto',
  defaultType: 'expense',
  negativeAmounts: 'refuse',
};

const years = acceptedYears('2025-11-02');
const t = (text: string): SheetCell => (text === '' ? { kind: 'empty' } : { kind: 'text', text });
const sheetOf = (...rows: SheetCell[][]): Sheet => ({
  headers: ['Date', 'Property', 'Description', 'Amount', 'Type', 'Category', 'Vendor'],
  rows: rows.map((cells, i) => ({ number: i + 2, cells })),
});
const one = (cells: SheetCell[], m: ImportMapping = mapping) => {
  const [row] = readRows(sheetOf(cells), m, index, years);
  if (!row) throw new Error('no row');
  return row;
};
const good = ['2025-10-14', 'Seaside Loft', 'Plumber', '1,234.56', 'expense', 'Repairs', 'Bob & Sons'].map(t);

describe('readRows', () => {
  it('reads every value of a good row, and says how the property and the amount were read', () => {
    expect(one(good)).toMatchObject({
      number: 2,
      cells: ['2025-10-14', 'Seaside Loft', 'Plumber', '1,234.56', 'expense', 'Repairs', 'Bob & Sons'],
      date: '2025-10-14',
      property: { id: '101', name: 'Seaside Loft', matchedBy: 'name' },
      description: 'Plumber',
      amount: 123456,
      amountReadAs: '1,234.56',
      type: 'expense',
      category: 'Repairs',
      vendor: 'Bob & Sons',
      errors: [],
    });
  });

  it('matches a property by id, name or nickname, trimmed and in any letter case', () => {
    const by = (text: string) => one([good[0] as SheetCell, t(text), ...good.slice(2)]).property;
    expect(by('101')).toMatchObject({ id: '101', matchedBy: 'id' });
    expect(by('  seaside LOFT ')).toMatchObject({ id: '101', matchedBy: 'name' });
    expect(by('sea-1')).toMatchObject({ id: '101', matchedBy: 'nickname' });
    expect(by('CHALET')).toMatchObject({ id: '104', matchedBy: 'nickname' });
  });

  it('gives each unusable value an error with a code', () => {
    const row = one(['14 Oct', 'Nowhere', '', '12,345', 'refund', '', ''].map(t));
    expect(row.errors.map((e) => [e.code, e.field])).toEqual([
      ['bad_date', 'date'],
      ['unknown_property', 'property'],
      ['missing_value', 'description'],
      ['bad_amount', 'amount'],
      ['bad_type', 'type'],
    ]);
    expect(row.errors[3]?.message).toMatch(/^"12,345" could be read two ways/);
  });

  it('refuses a name two properties share, naming both', () => {
    const row = one([good[0] as SheetCell, t('twin house'), ...good.slice(2)]);
    expect(row.errors).toEqual([
      {
        code: 'ambiguous_property',
        field: 'property',
        message: '"twin house" names 2 properties: Twin House (102), Twin House (103); use the property id',
      },
    ]);
  });

  it('reads an expense written as a negative as its size when the mapping says money out is negative', () => {
    const moneyOut = { ...mapping, negativeAmounts: 'expense' as const };
    const expense = one([...good.slice(0, 3), t('(12.50)'), ...good.slice(4)], moneyOut);
    expect(expense).toMatchObject({ amount: 1250, type: 'expense', errors: [] });
    expect(expense.amountReadAs).toBe('12.50 (written as −12.50: money out)');
    expect(one([...good.slice(0, 3), t('-7.25'), ...good.slice(4)], moneyOut).amount).toBe(725);
    // An adjustment's sign still decides nothing by itself: refused, never turned into an expense.
    const adjustment = one([...good.slice(0, 3), t('(12.50)'), t('adjustment'), ...good.slice(5)], moneyOut);
    expect(adjustment.errors.map((e) => e.code)).toEqual(['negative_amount']);
    // A positive amount reads as written in this mode too.
    expect(one(good, moneyOut)).toMatchObject({ amount: 123456, errors: [] });
  });

  it('refuses negative and zero amounts, showing how they were read', () => {
    const negative = one([...good.slice(0, 3), t('(12.50)'), ...good.slice(4)]);
    expect(negative).toMatchObject({ amount: -1250, amountReadAs: '−12.50' });
    expect(negative.errors.map((e) => e.code)).toEqual(['negative_amount']);
    expect(negative.errors[0]?.message).toMatch(/reads as −12.50: amounts must be positive/);
    expect(one([...good.slice(0, 3), t('0.00'), ...good.slice(4)]).errors.map((e) => e.code)).toEqual([
      'bad_amount',
    ]);
  });

  it('refuses an amount in another currency than the property', () => {
    const row = one([good[0] as SheetCell, t('104'), good[2] as SheetCell, t('$12.50'), ...good.slice(4)]);
    expect(row.errors.map((e) => e.code)).toEqual(['currency_mismatch']);
    expect(
      one([good[0] as SheetCell, t('104'), good[2] as SheetCell, t('€ 1.234,56'), ...good.slice(4)]).errors,
    ).toEqual([]);
  });

  it('reads amounts with the decimal separator the mapping names, and dates with its format', () => {
    const m: ImportMapping = { ...mapping, decimalSeparator: ',', dateFormat: 'DD/MM/YYYY' };
    const row = one([t('03/04/2025'), ...good.slice(1, 3), t('1.234'), ...good.slice(4)], m);
    expect(row).toMatchObject({ date: '2025-04-03', amount: 123400, errors: [] });
  });

  it('reads typed XLSX cells, and refuses numbers with more than two decimals rather than rounding them', () => {
    const row = one([
      { kind: 'date', date: '2025-10-14' },
      good[1] as SheetCell,
      good[2] as SheetCell,
      { kind: 'number', value: 99.5 },
    ]);
    expect(row).toMatchObject({ date: '2025-10-14', amount: 9950 });
    const bad = one([
      { kind: 'number', value: 45944 },
      good[1] as SheetCell,
      good[2] as SheetCell,
      { kind: 'number', value: 1.005 },
    ]);
    expect(bad.errors.map((e) => e.code)).toEqual(['bad_date', 'bad_amount', 'missing_value']);
  });

  it('reads a formula result with binary noise as the cents it shows, saying how it was read', () => {
    const amount = (value: number) => one([...good.slice(0, 3), { kind: 'number', value }, ...good.slice(4)]);
    // =0.1+0.2 is saved as 0.30000000000000004; =1.1*3 as 3.3000000000000003.
    expect(amount(0.1 + 0.2)).toMatchObject({
      amount: 30,
      amountText: '0.30000000000000004',
      amountReadAs: '0.30',
      errors: [],
    });
    expect(amount(1.1 * 3)).toMatchObject({ amount: 330, errors: [] });
    expect(amount(0.7 + 0.1)).toMatchObject({ amount: 80, amountText: '0.7999999999999999', errors: [] });
    // A real third decimal stays refused.
    for (const value of [0.125, 12.001, 99.999]) {
      expect(amount(value).errors, String(value)).toEqual([
        { code: 'bad_amount', field: 'amount', message: `"${value}" has more than 2 decimals` },
      ]);
    }
  });

  it('refuses dates before 2000 or more than five years ahead, typed or in date cells', () => {
    const date = (cell: SheetCell) => one([cell, ...good.slice(1)]);
    expect(date(t('2000-01-01'))).toMatchObject({ date: '2000-01-01', errors: [] });
    expect(date(t('31/12/2030'))).toMatchObject({ date: '2030-12-31', errors: [] });
    expect(date(t('2205-10-14'))).toMatchObject({
      date: null,
      errors: [
        {
          code: 'bad_date',
          field: 'date',
          message: '"2205-10-14" is in 2205: dates from 2000 to 2030 are accepted',
        },
      ],
    });
    expect(date(t('14/10/1999')).errors.map((e) => e.code)).toEqual(['bad_date']);
    // An empty date cell formatted as a date, as Excel's day 0 (1899-12-30).
    expect(date({ kind: 'date', date: '1899-12-30' }).errors[0]?.message).toBe(
      '"1899-12-30" is in 1899: dates from 2000 to 2030 are accepted',
    );
  });

  it('uses the default type when no column holds one', () => {
    const m: ImportMapping = {
      ...mapping,
      columns: { ...mapping.columns, type: null },
      defaultType: 'adjustment',
    };
    expect(one(good, m)).toMatchObject({ type: 'adjustment', errors: [] });
  });

  it('accepts plural and capitalised types, and refuses over-long texts', () => {
    expect(one([...good.slice(0, 4), t('Adjustments'), ...good.slice(5)]).type).toBe('adjustment');
    const long = one([...good.slice(0, 2), t('x'.repeat(501)), ...good.slice(3)]);
    expect(long.errors.map((e) => [e.code, e.field])).toEqual([['too_long', 'description']]);
  });
});
