/**
 * Likely duplicates of each row of a file (src/domain/duplicates.ts says what "likely" means):
 * against the ledger entries already stored and against the rows above it in the same file — the
 * later of two equal rows is the one flagged, so the first stays chosen by default. Warnings
 * only: the person decides.
 *
 * A file of 5,000 equal rows must not compare every row with every other one, nor list 12 million
 * pairs: each description is normalised once; rows and entries are filed by property, date and
 * amount, so a row is compared only with what lies within a day and a cent of it, and there with
 * each distinct description once (at most MAX_COMPARED of them); and a row lists at most
 * MAX_DUPLICATES_SHOWN duplicates (the stored entries first, then the earliest rows), with a count
 * of the others.
 */
import { isValidIsoDate, toDayNumber } from '../domain/dates.js';
import {
  DUPLICATE_RULE,
  type PreparedDescription,
  prepareDescription,
  similarPrepared,
} from '../domain/duplicates.js';
import type { Cents, IsoDate, LedgerEntryType } from '../domain/types.js';
import type { ReadRow } from './read-rows.js';

/** The most duplicates one row lists; the rest are counted in `more`. */
export const MAX_DUPLICATES_SHOWN = 5;

export interface StoredEntry {
  id: string;
  propertyId: string;
  date: IsoDate;
  description: string;
  amount: Cents;
  type: LedgerEntryType;
  importBatchId: string | null;
}

export type Duplicate =
  | { kind: 'row'; row: number }
  | {
      kind: 'entry';
      entryId: string;
      date: IsoDate;
      description: string;
      amount: Cents;
      type: LedgerEntryType;
      importBatchId: string | null;
    };

export interface RowDuplicates {
  /** At most MAX_DUPLICATES_SHOWN: stored entries first, then earlier rows, each in order. */
  shown: Duplicate[];
  /** How many more there are than shown. */
  more: number;
}

/**
 * The most distinct descriptions within a day and a cent of one row that it is compared with.
 * Real files have a handful; a crafted one with thousands of different descriptions on one day
 * and amount would otherwise take minutes. Beyond it, the nearest ones (same day and amount
 * first) are compared and the rest go uncounted.
 */
const MAX_COMPARED = 100;

interface Key {
  propertyId: string;
  /** The date as a day number (dates.ts), so neighbouring days are a subtraction away. */
  day: number;
  amount: Cents;
}

const keyOf = (k: Key) => `${k.propertyId}\u0000${k.day}\u0000${k.amount}`;

/** Items (numbers that grow as they are filed) with one normalised description at one key. */
interface Group {
  description: PreparedDescription;
  count: number;
  /** The first items filed, as many as can be shown. */
  first: number[];
}

/** What is like one row among the filed items: how many, and the earliest few. */
interface Similar {
  total: number;
  /** The smallest items, ascending, at most MAX_DUPLICATES_SHOWN. */
  earliest: number[];
}

/** Adds `items` (ascending) to `into` (ascending), keeping the smallest MAX_DUPLICATES_SHOWN. */
function keepEarliest(into: number[], items: readonly number[]): void {
  for (const item of items) {
    if (into.length === MAX_DUPLICATES_SHOWN && item > (into.at(-1) as number)) return;
    let at = into.length;
    while (at > 0 && (into[at - 1] as number) > item) at -= 1;
    into.splice(at, 0, item);
    if (into.length > MAX_DUPLICATES_SHOWN) into.pop();
  }
}

/** The keys within the rule's days and cents of `key`, the key itself first. */
function nearKeys(key: Key): string[] {
  const keys = [keyOf(key)];
  for (let days = -DUPLICATE_RULE.maxDaysApart; days <= DUPLICATE_RULE.maxDaysApart; days += 1) {
    for (let cents = -DUPLICATE_RULE.maxCentsApart; cents <= DUPLICATE_RULE.maxCentsApart; cents += 1) {
      if (days !== 0 || cents !== 0) {
        keys.push(keyOf({ propertyId: key.propertyId, day: key.day + days, amount: key.amount + cents }));
      }
    }
  }
  return keys;
}

/** Items filed by property, date, amount and normalised description, in the order they were added. */
class DuplicateIndex {
  private readonly byKey = new Map<string, Map<string, Group>>();

  add(key: Key, description: PreparedDescription, item: number): void {
    const k = keyOf(key);
    let groups = this.byKey.get(k);
    if (!groups) {
      groups = new Map();
      this.byKey.set(k, groups);
    }
    let group = groups.get(description.normalised);
    if (!group) {
      group = { description, count: 0, first: [] };
      groups.set(description.normalised, group);
    }
    group.count += 1;
    if (group.first.length < MAX_DUPLICATES_SHOWN) group.first.push(item);
  }

  /** What is filed at `keys` (a key and its neighbours) with a description like `description`. */
  similar(keys: readonly string[], description: PreparedDescription): Similar {
    const found: Similar = { total: 0, earliest: [] };
    let compared = 0;
    for (const key of keys) {
      for (const group of this.byKey.get(key)?.values() ?? []) {
        if (compared === MAX_COMPARED) return found;
        compared += 1;
        if (!similarPrepared(description, group.description)) continue;
        found.total += group.count;
        keepEarliest(found.earliest, group.first);
      }
    }
    return found;
  }
}

/** The row's key and description, when it has the four values the rule compares. */
function candidate(row: ReadRow): { key: Key; description: PreparedDescription } | null {
  if (!row.property || !row.date || row.description === null || row.amount === null) return null;
  return {
    key: { propertyId: row.property.id, day: toDayNumber(row.date), amount: row.amount },
    description: prepareDescription(row.description),
  };
}

/** Row number → what it likely duplicates (rows without any are absent). */
export function findDuplicates(
  rows: readonly ReadRow[],
  stored: readonly StoredEntry[],
): Map<number, RowDuplicates> {
  const entries = new DuplicateIndex();
  stored.forEach((entry, i) => {
    if (!isValidIsoDate(entry.date)) return;
    const key = { propertyId: entry.propertyId, day: toDayNumber(entry.date), amount: entry.amount };
    entries.add(key, prepareDescription(entry.description), i);
  });
  const earlier = new DuplicateIndex();
  const found = new Map<number, RowDuplicates>();
  // In file order: each row against the rows before it.
  for (const row of rows) {
    const c = candidate(row);
    if (!c) continue;
    const keys = nearKeys(c.key);
    const asEntries = entries.similar(keys, c.description);
    const asRows = earlier.similar(keys, c.description);
    earlier.add(c.key, c.description, row.number);
    const total = asEntries.total + asRows.total;
    if (total === 0) continue;
    const shown: Duplicate[] = [
      ...asEntries.earliest.map((i): Duplicate => {
        const { id, date, description, amount, type, importBatchId } = stored[i] as StoredEntry;
        return { kind: 'entry', entryId: id, date, description, amount, type, importBatchId };
      }),
      ...asRows.earliest.map((n): Duplicate => ({ kind: 'row', row: n })),
    ].slice(0, MAX_DUPLICATES_SHOWN);
    found.set(row.number, { shown, more: total - shown.length });
  }
  return found;
}
