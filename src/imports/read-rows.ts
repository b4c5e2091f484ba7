/**
 * Each row of an expense file read with a mapping: the values it gives (date, property, amount in
 * cents, type…) and, for each field that cannot be used, an error with a code and a message the
 * preview shows beside the row. Nothing is stored here and nothing is guessed: an amount or a date
 * that reads two ways, a property name two properties share, a negative amount are errors the
 * person settles (in the mapping or in the file).
 *
 * Negative amounts: ledger amounts are positive and the type says which way they count (an
 * expense is charged to the owner, an adjustment credited), so a negative amount — `-12.50` or
 * `(12.50)` — is refused rather than turned into the other type. The preview shows how it was read.
 */
import { amountAsRead, currencyMatches, readAmountText } from '../domain/amount-text.js';
import { readDateText } from '../domain/date-text.js';
import { parseMoney } from '../domain/money.js';
import type { Cents, IsoDate, LedgerEntryType } from '../domain/types.js';
import { stripBidiControls } from '../lib/text.js';
import type { ImportField, ImportMapping } from './mapping.js';
import { cellText, type Sheet, type SheetCell } from './sheet.js';

export const ROW_ERROR_CODES = [
  'missing_value',
  'unknown_property',
  'ambiguous_property',
  'bad_date',
  'bad_amount',
  'negative_amount',
  'currency_mismatch',
  'bad_type',
  'too_long',
] as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];

export interface RowError {
  code: RowErrorCode;
  field: ImportField;
  message: string;
}

export interface PropertyRef {
  id: string;
  name: string;
  nickname: string | null;
  currency: string;
}

export type PropertyMatch = 'id' | 'name' | 'nickname';

export interface ReadRow {
  number: number;
  /** Every cell of the row as text, as the file has it. */
  cells: string[];
  date: IsoDate | null;
  property: (PropertyRef & { matchedBy: PropertyMatch }) | null;
  description: string | null;
  /** The amount cell as the file has it. */
  amountText: string;
  /** Positive cents when usable; signed (and shown) also when refused for its sign. */
  amount: Cents | null;
  /** How the amount was read (`−12.50`, `1,234.56`), null when it could not be read at all. */
  amountReadAs: string | null;
  /** The currency written with the amount, if any. */
  amountCurrency: string | null;
  type: LedgerEntryType | null;
  category: string | null;
  vendor: string | null;
  errors: RowError[];
}

/** The most a ledger entry may be (as POST /api/expenses): 100 million currency units. */
export const MAX_ENTRY_CENTS = 10_000_000_000;
const MAX_TEXT: Record<'description' | 'category' | 'vendor', number> = {
  description: 500,
  category: 100,
  vendor: 200,
};

const TYPES: Record<string, LedgerEntryType> = {
  expense: 'expense',
  expenses: 'expense',
  adjustment: 'adjustment',
  adjustments: 'adjustment',
};

const lookupKey = (s: string) => s.trim().toLowerCase();

/** Finds properties by id, name or nickname, trimmed and in any letter case. */
export class PropertyIndex {
  private readonly byKey = new Map<string, Array<{ property: PropertyRef; by: PropertyMatch }>>();

  constructor(properties: readonly PropertyRef[]) {
    for (const property of properties) {
      this.add(property.id, property, 'id');
      this.add(property.name, property, 'name');
      if (property.nickname) this.add(property.nickname, property, 'nickname');
    }
  }

  private add(text: string, property: PropertyRef, by: PropertyMatch) {
    const key = lookupKey(text);
    if (key === '') return;
    const list = this.byKey.get(key) ?? [];
    list.push({ property, by });
    this.byKey.set(key, list);
  }

  /** The one property the text names, or every property it could name (none, or several). */
  find(text: string): { property: PropertyRef; by: PropertyMatch } | { candidates: PropertyRef[] } {
    const hits = this.byKey.get(lookupKey(text)) ?? [];
    const distinct = new Map(hits.map((h) => [h.property.id, h]));
    const [only] = distinct.values();
    if (distinct.size === 1 && only) {
      // Named by more than one of its own fields (name and nickname alike): the strongest wins.
      const by = hits.some((h) => h.by === 'id')
        ? 'id'
        : hits.some((h) => h.by === 'name')
          ? 'name'
          : 'nickname';
      return { property: only.property, by };
    }
    return { candidates: [...distinct.values()].map((h) => h.property) };
  }
}

const cleanText = (text: string) => stripBidiControls(text).trim();

function readText(
  cell: SheetCell | undefined,
  field: 'description' | 'category' | 'vendor',
  errors: RowError[],
): string | null {
  const text = cleanText(cellText(cell));
  if (text === '') return null;
  if (text.length > MAX_TEXT[field]) {
    errors.push({
      code: 'too_long',
      field,
      message: `${field} is longer than ${MAX_TEXT[field]} characters`,
    });
    return null;
  }
  return text;
}

/** The years an expense date may be in: earlier or later ones are typing mistakes (2205, 0225). */
export interface YearRange {
  first: number;
  last: number;
}

/** From 2000 to five years after today's. */
export const acceptedYears = (today: IsoDate): YearRange => ({
  first: 2000,
  last: Number(today.slice(0, 4)) + 5,
});

function withinYears(date: IsoDate, shown: string, years: YearRange, errors: RowError[]): IsoDate | null {
  const year = Number(date.slice(0, 4));
  if (year >= years.first && year <= years.last) return date;
  errors.push({
    code: 'bad_date',
    field: 'date',
    message: `"${shown}" is in ${year}: dates from ${years.first} to ${years.last} are accepted`,
  });
  return null;
}

function readDate(
  cell: SheetCell | undefined,
  mapping: ImportMapping,
  years: YearRange,
  errors: RowError[],
): IsoDate | null {
  if (!cell || cell.kind === 'empty') {
    errors.push({ code: 'missing_value', field: 'date', message: 'the date is empty' });
    return null;
  }
  if (cell.kind === 'date') return withinYears(cell.date, cell.date, years, errors);
  if (cell.kind === 'number') {
    errors.push({
      code: 'bad_date',
      field: 'date',
      message: `${cell.value} is a number, not a date (format the column as dates, or write YYYY-MM-DD)`,
    });
    return null;
  }
  const read = readDateText(cell.text, mapping.dateFormat);
  if (read.ok) return withinYears(read.date, cell.text.trim(), years, errors);
  errors.push({ code: 'bad_date', field: 'date', message: `"${cell.text.trim()}" ${read.message}` });
  return null;
}

/**
 * How far a number cell's value times 100 may be from whole cents and still be read as them: a
 * formula's binary rounding (=0.1+0.2 is saved as 0.30000000000000004) is some 1e-14 off, a real
 * third decimal (1.005) at least 1e-3 — which stays refused.
 */
const FLOAT_NOISE = 1e-6;

/**
 * Cents of a spreadsheet number cell: at most two decimals, else refused (never rounded
 * silently); binary noise of a formula is not a decimal, and the preview shows how it was read.
 */
function centsOfNumber(value: number): { ok: true; cents: Cents } | { ok: false; message: string } {
  const text = String(value);
  if (/^-?\d+(\.\d{1,2})?$/.test(text)) return { ok: true, cents: parseMoney(text) };
  if (/e/i.test(text) || !Number.isFinite(value)) return { ok: false, message: 'is out of range' };
  const hundredths = value * 100;
  const cents = Math.round(hundredths);
  if (Math.abs(hundredths - cents) < FLOAT_NOISE) return { ok: true, cents: cents === 0 ? 0 : cents };
  return { ok: false, message: 'has more than 2 decimals' };
}

function readAmount(
  cell: SheetCell | undefined,
  mapping: ImportMapping,
  property: PropertyRef | null,
  row: ReadRow,
): void {
  const errors = row.errors;
  if (!cell || cell.kind === 'empty') {
    errors.push({ code: 'missing_value', field: 'amount', message: 'the amount is empty' });
    return;
  }
  if (cell.kind === 'date') {
    errors.push({ code: 'bad_amount', field: 'amount', message: `${cell.date} is a date, not an amount` });
    return;
  }
  const shown = cellText(cell).trim();
  const read =
    cell.kind === 'number'
      ? { ...centsOfNumber(cell.value), currency: null }
      : (() => {
          const r = readAmountText(cell.text, {
            decimalSeparator: mapping.decimalSeparator === 'auto' ? null : mapping.decimalSeparator,
          });
          return r.ok ? { ok: true as const, cents: r.cents, currency: r.currency } : r;
        })();
  if (!read.ok) {
    errors.push({ code: 'bad_amount', field: 'amount', message: `"${shown}" ${read.message}` });
    return;
  }
  row.amount = read.cents;
  row.amountReadAs = amountAsRead(read.cents);
  row.amountCurrency = read.currency;
  if (read.cents < 0 && mapping.negativeAmounts === 'expense' && row.type === 'expense') {
    // The mapping says the file writes money out as negatives: the expense is the amount's size.
    row.amount = -read.cents;
    row.amountReadAs = `${amountAsRead(-read.cents)} (written as ${amountAsRead(read.cents)}: money out)`;
  } else if (read.cents < 0) {
    errors.push({
      code: 'negative_amount',
      field: 'amount',
      message: `"${shown}" reads as ${row.amountReadAs}: amounts must be positive, the type says which way they count (record a refund or credit as an adjustment)`,
    });
  } else if (read.cents === 0) {
    errors.push({ code: 'bad_amount', field: 'amount', message: `"${shown}" is zero` });
  } else if (read.cents > MAX_ENTRY_CENTS) {
    errors.push({ code: 'bad_amount', field: 'amount', message: `"${shown}" is more than 100,000,000` });
  }
  if (read.currency && property && !currencyMatches(read.currency, property.currency)) {
    errors.push({
      code: 'currency_mismatch',
      field: 'amount',
      message: `"${shown}" is in ${read.currency}, but ${property.name} is in ${property.currency}; amounts are never converted`,
    });
  }
}

function readProperty(cell: SheetCell | undefined, index: PropertyIndex, row: ReadRow): void {
  const text = cleanText(cellText(cell));
  if (text === '') {
    row.errors.push({ code: 'missing_value', field: 'property', message: 'the property is empty' });
    return;
  }
  const found = index.find(text);
  if ('property' in found) {
    row.property = { ...found.property, matchedBy: found.by };
    return;
  }
  if (found.candidates.length === 0) {
    row.errors.push({
      code: 'unknown_property',
      field: 'property',
      message: `no property has the id, name or nickname "${text}" (sync the catalog if it is new in Hostify)`,
    });
    return;
  }
  const names = found.candidates.map((p) => `${p.name} (${p.id})`).join(', ');
  row.errors.push({
    code: 'ambiguous_property',
    field: 'property',
    message: `"${text}" names ${found.candidates.length} properties: ${names}; use the property id`,
  });
}

function readType(cell: SheetCell | undefined, mapping: ImportMapping, row: ReadRow): void {
  if (mapping.columns.type === null) {
    row.type = mapping.defaultType;
    return;
  }
  const text = cellText(cell).trim();
  if (text === '') {
    row.errors.push({
      code: 'missing_value',
      field: 'type',
      message: 'the type is empty (expense or adjustment)',
    });
    return;
  }
  const type = TYPES[text.toLowerCase()];
  if (type) row.type = type;
  else
    row.errors.push({
      code: 'bad_type',
      field: 'type',
      message: `"${text}" is not a type: write expense or adjustment`,
    });
}

export function readRows(
  sheet: Sheet,
  mapping: ImportMapping,
  properties: PropertyIndex,
  years: YearRange,
): ReadRow[] {
  const { columns } = mapping;
  const at = (cells: SheetCell[], field: ImportField) => {
    const column = columns[field];
    return column === null ? undefined : cells[column];
  };
  return sheet.rows.map(({ number, cells }) => {
    const row: ReadRow = {
      number,
      cells: cells.map(cellText),
      date: null,
      property: null,
      description: null,
      amountText: columns.amount === null ? '' : cellText(cells[columns.amount]),
      amount: null,
      amountReadAs: null,
      amountCurrency: null,
      type: null,
      category: null,
      vendor: null,
      errors: [],
    };
    row.date = readDate(at(cells, 'date'), mapping, years, row.errors);
    readProperty(at(cells, 'property'), properties, row);
    row.description = readText(at(cells, 'description'), 'description', row.errors);
    if (row.description === null && !row.errors.some((e) => e.field === 'description')) {
      row.errors.push({ code: 'missing_value', field: 'description', message: 'the description is empty' });
    }
    // The type first: whether a negative amount reads as an expense's size depends on it. Its
    // errors still follow the amount's, in the order of the fields.
    const { errors } = row;
    row.errors = [];
    readType(at(cells, 'type'), mapping, row);
    const typeErrors = row.errors;
    row.errors = errors;
    readAmount(at(cells, 'amount'), mapping, row.property, row);
    row.errors.push(...typeErrors);
    row.category = readText(at(cells, 'category'), 'category', row.errors);
    row.vendor = readText(at(cells, 'vendor'), 'vendor', row.errors);
    return row;
  });
}
