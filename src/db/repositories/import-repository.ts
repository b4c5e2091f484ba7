/**
 * Expense imports: the batch of each imported file, its ledger entries, and what an import
 * looks at around them — the entries already stored near the file's dates (for duplicate
 * warnings) and the statements whose periods hold those dates (drafts to regenerate, final and
 * sent ones that stay as they are).
 */
import type { Cents, IsoDate, LedgerEntryType, Period, StatementStatus } from '../../domain/types.js';
import { newId } from '../../lib/ids.js';
import { chunks } from '../../lib/yield.js';
import type { Db } from '../database.js';

/** Rows per multi-row insert: 10 values each, far below SQLite's limit on bound values. */
const INSERT_CHUNK = 500;
const IDS_PER_QUERY = 500;

export interface ImportTotal {
  type: LedgerEntryType;
  currency: string;
  count: number;
  amount: Cents;
}

export interface ImportBatch {
  id: string;
  fileName: string;
  fileSha256: string;
  entryCount: number;
  totals: ImportTotal[];
  createdAt: string;
  createdBy: string | null;
  undoneAt: string | null;
  undoneBy: string | null;
}

export interface ImportedEntry {
  propertyId: string;
  date: IsoDate;
  description: string;
  amount: Cents;
  type: LedgerEntryType;
  category: string | null;
  vendor: string | null;
}

export interface NearbyEntry {
  id: string;
  propertyId: string;
  date: IsoDate;
  description: string;
  amount: Cents;
  type: LedgerEntryType;
  importBatchId: string | null;
}

/** A statement whose period holds some date, with the ledger entry ids it lists. */
export interface CoveringStatement {
  id: string;
  propertyId: string;
  propertyName: string | null;
  ownerId: string | null;
  period: Period;
  calculationType: string;
  status: StatementStatus;
  entryIds: Set<string>;
}

type BatchRow = {
  id: string;
  file_name: string;
  file_sha256: string;
  entry_count: number;
  totals: string;
  created_at: string;
  created_by: string | null;
  undone_at: string | null;
  undone_by: string | null;
};

const toBatch = (r: BatchRow): ImportBatch => ({
  id: r.id,
  fileName: r.file_name,
  fileSha256: r.file_sha256,
  entryCount: Number(r.entry_count),
  totals: JSON.parse(r.totals) as ImportTotal[],
  createdAt: r.created_at,
  createdBy: r.created_by,
  undoneAt: r.undone_at,
  undoneBy: r.undone_by,
});

const entryIdsOf = (json: string): string[] => {
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? parsed.map((e) => String((e as { id?: unknown }).id)) : [];
  } catch {
    return [];
  }
};

export class ImportRepository {
  constructor(private readonly db: Db) {}

  async createBatch(
    batch: Omit<ImportBatch, 'id' | 'undoneAt' | 'undoneBy'>,
    entries: readonly ImportedEntry[],
  ): Promise<ImportBatch> {
    const id = newId('imp');
    await this.db
      .insertInto('import_batches')
      .values({
        id,
        file_name: batch.fileName,
        file_sha256: batch.fileSha256,
        entry_count: batch.entryCount,
        totals: JSON.stringify(batch.totals),
        created_at: batch.createdAt,
        created_by: batch.createdBy,
      })
      .execute();
    for (const chunk of chunks(entries, INSERT_CHUNK)) {
      await this.db
        .insertInto('ledger_entries')
        .values(
          chunk.map((e) => ({
            id: newId('led'),
            property_id: e.propertyId,
            date: e.date,
            description: e.description,
            amount: e.amount,
            type: e.type,
            category: e.category,
            vendor: e.vendor,
            import_batch_id: id,
            created_at: batch.createdAt,
          })),
        )
        .execute();
    }
    return { id, ...batch, undoneAt: null, undoneBy: null };
  }

  async getBatch(id: string): Promise<ImportBatch | undefined> {
    const row = await this.db
      .selectFrom('import_batches')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toBatch(row);
  }

  /** Newest first (ids sort by creation time). */
  async listBatches(limit: number): Promise<ImportBatch[]> {
    const rows = await this.db
      .selectFrom('import_batches')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toBatch);
  }

  /** Earlier imports of a file with these bytes, newest first. */
  async batchesOfFile(sha256: string): Promise<ImportBatch[]> {
    const rows = await this.db
      .selectFrom('import_batches')
      .selectAll()
      .where('file_sha256', '=', sha256)
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toBatch);
  }

  /** The batch's entries still stored. */
  async entriesOfBatch(id: string): Promise<Array<{ id: string; propertyId: string; date: IsoDate }>> {
    const rows = await this.db
      .selectFrom('ledger_entries')
      .select(['id', 'property_id', 'date'])
      .where('import_batch_id', '=', id)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, propertyId: r.property_id, date: r.date }));
  }

  /**
   * Marks the batch undone, unless it already is: false then (or when there is no such batch).
   * The condition in the update makes two undos at once leave one winner.
   */
  async markUndone(id: string, now: string, userId: string | null): Promise<boolean> {
    const result = await this.db
      .updateTable('import_batches')
      .set({ undone_at: now, undone_by: userId })
      .where('id', '=', id)
      .where('undone_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async deleteEntriesOfBatch(id: string): Promise<number> {
    const result = await this.db
      .deleteFrom('ledger_entries')
      .where('import_batch_id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Stored entries of these properties dated within the period (inclusive). */
  async entriesNear(propertyIds: readonly string[], period: Period): Promise<NearbyEntry[]> {
    const found: NearbyEntry[] = [];
    for (const ids of chunks([...propertyIds], IDS_PER_QUERY)) {
      const rows = await this.db
        .selectFrom('ledger_entries')
        .select(['id', 'property_id', 'date', 'description', 'amount', 'type', 'import_batch_id'])
        .where('property_id', 'in', ids)
        .where('date', '>=', period.start)
        .where('date', '<=', period.end)
        .orderBy('date')
        .orderBy('id')
        .execute();
      for (const r of rows) {
        found.push({
          id: r.id,
          propertyId: r.property_id,
          date: r.date,
          description: r.description,
          amount: Number(r.amount),
          type: r.type as LedgerEntryType,
          importBatchId: r.import_batch_id,
        });
      }
    }
    return found;
  }

  /** Statements of these properties whose period overlaps `span`, with the entry ids each lists. */
  async statementsOverlapping(propertyIds: readonly string[], span: Period): Promise<CoveringStatement[]> {
    const found: CoveringStatement[] = [];
    for (const ids of chunks([...propertyIds], IDS_PER_QUERY)) {
      const rows = await this.db
        .selectFrom('statements as s')
        .leftJoin('properties as p', 'p.id', 's.property_id')
        .select([
          's.id',
          's.property_id',
          's.owner_id',
          's.period_start',
          's.period_end',
          's.calculation_type',
          's.status',
          's.expenses',
          's.adjustments',
          'p.name as property_name',
        ])
        .where('s.property_id', 'in', ids)
        .where('s.period_start', '<=', span.end)
        .where('s.period_end', '>=', span.start)
        .orderBy('s.period_start')
        .orderBy('s.property_id')
        .execute();
      for (const r of rows) {
        found.push({
          id: r.id,
          propertyId: r.property_id,
          propertyName: r.property_name,
          ownerId: r.owner_id,
          period: { start: r.period_start, end: r.period_end },
          calculationType: r.calculation_type,
          status: r.status as StatementStatus,
          entryIds: new Set([...entryIdsOf(r.expenses), ...entryIdsOf(r.adjustments)]),
        });
      }
    }
    return found;
  }
}
