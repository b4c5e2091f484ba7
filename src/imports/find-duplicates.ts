/**
 * Likely duplicates of each row of a file (src/domain/duplicates.ts says what "likely" means):
 * against the rows above it in the same file — the later of two equal rows is the one flagged,
 * so the first stays chosen by default — and against the ledger entries already stored.
 * Warnings only: the person decides.
 */
import { type DuplicateCandidate, isLikelyDuplicate } from '../domain/duplicates.js';
import type { Cents, IsoDate, LedgerEntryType } from '../domain/types.js';
import type { ReadRow } from './read-rows.js';

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

/** The row as a candidate, when it has the four values the rule compares. */
function candidate(row: ReadRow): DuplicateCandidate | null {
  if (!row.property || !row.date || row.description === null || row.amount === null) return null;
  return { propertyId: row.property.id, date: row.date, amount: row.amount, description: row.description };
}

function byProperty<T extends { propertyId: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(item.propertyId) ?? [];
    list.push(item);
    map.set(item.propertyId, list);
  }
  return map;
}

/** Row number → what it likely duplicates (rows without any are absent). */
export function findDuplicates(
  rows: readonly ReadRow[],
  stored: readonly StoredEntry[],
): Map<number, Duplicate[]> {
  const found = new Map<number, Duplicate[]>();
  const note = (row: number, duplicate: Duplicate) => {
    const list = found.get(row) ?? [];
    list.push(duplicate);
    found.set(row, list);
  };
  const candidates = rows.flatMap((row) => {
    const c = candidate(row);
    return c ? [{ ...c, number: row.number }] : [];
  });
  const storedByProperty = byProperty(stored);
  for (const group of byProperty(candidates).values()) {
    // In file order: each row against the rows before it.
    group.forEach((row, i) => {
      for (const earlier of group.slice(0, i)) {
        if (isLikelyDuplicate(row, earlier)) note(row.number, { kind: 'row', row: earlier.number });
      }
    });
    for (const row of group) {
      for (const entry of storedByProperty.get(row.propertyId) ?? []) {
        if (!isLikelyDuplicate(row, entry)) continue;
        const { id, date, description, amount, type, importBatchId } = entry;
        note(row.number, { kind: 'entry', entryId: id, date, description, amount, type, importBatchId });
      }
    }
  }
  return found;
}
