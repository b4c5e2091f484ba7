/** Expenses and adjustments of properties (positive cents; the type says which way they count). */
import type { LedgerEntry, LedgerEntryType, Period } from '../../domain/types.js';
import { newId } from '../../lib/ids.js';
import type { Db } from '../database.js';

export class LedgerRepository {
  constructor(private readonly db: Db) {}

  async add(entry: Omit<LedgerEntry, 'id'>, now: string): Promise<LedgerEntry> {
    const id = newId('led');
    await this.db
      .insertInto('ledger_entries')
      .values({
        id,
        property_id: entry.propertyId,
        date: entry.date,
        description: entry.description,
        amount: entry.amount,
        type: entry.type,
        created_at: now,
      })
      .execute();
    return { id, ...entry };
  }

  /** Entries of the given properties dated within the period (inclusive). */
  async forPeriod(propertyIds: readonly string[], period: Period): Promise<LedgerEntry[]> {
    if (propertyIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('ledger_entries')
      .select(['id', 'property_id', 'date', 'description', 'amount', 'type'])
      .where('property_id', 'in', propertyIds)
      .where('date', '>=', period.start)
      .where('date', '<=', period.end)
      .orderBy('date')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      propertyId: r.property_id,
      date: r.date,
      description: r.description,
      amount: Number(r.amount),
      type: r.type as LedgerEntryType,
    }));
  }
}
