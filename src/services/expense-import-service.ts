/**
 * Expense import (admins and editors): preview an uploaded CSV or XLSX file row by row, import the
 * chosen rows as one batch — its entries and its audit row in one transaction — and undo a batch
 * while none of its entries is on a final or sent statement. The preview stores nothing; the
 * import reads the file again, so what is imported is what the same file and mapping preview.
 *
 * Drafts are never regenerated here: the answer names the drafts whose period holds an imported
 * (or removed) entry, and the person regenerates them. Final and sent statements are never
 * changed; they are named too, so nobody expects the entries on them.
 */
import type { Actor } from '../auth/principal.js';
import { userIdOf } from '../auth/principal.js';
import type {
  ImportBatchDto,
  ImportResponse,
  PreviewImportResponse,
  UndoImportResponse,
} from '../contract/expense-imports.js';
import type { CatalogRepository } from '../db/repositories/catalog-repository.js';
import type { ImportedEntry, ImportTotal } from '../db/repositories/import-repository.js';
import type { Store } from '../db/store.js';
import type { LedgerEntryType } from '../domain/types.js';
import type { ImportMapping } from '../imports/mapping.js';
import type { ReadRow } from '../imports/read-rows.js';
import { type Clock, isoNow } from '../lib/clock.js';
import type { Changes } from './changes.js';
import { conflict, DomainError, notFound } from './errors.js';
import {
  dateSpan,
  holds,
  isClosed,
  presentBatch,
  presentRow,
  presentStatementRef,
  propertyIdsOf,
  readFile,
  rowContext,
  type UploadedFile,
} from './expense-import-reading.js';

/** Per type and currency, in a fixed order (expenses first). */
function totalsOf(rows: readonly ReadRow[]): ImportTotal[] {
  const byKey = new Map<string, ImportTotal>();
  for (const row of rows) {
    if (!row.type || !row.property || row.amount === null) continue;
    const key = `${row.type} ${row.property.currency}`;
    const total = byKey.get(key) ?? { type: row.type, currency: row.property.currency, count: 0, amount: 0 };
    total.count += 1;
    total.amount += row.amount;
    byKey.set(key, total);
  }
  const order: Record<LedgerEntryType, number> = { expense: 0, adjustment: 1 };
  return [...byKey.values()].sort(
    (a, b) => order[a.type] - order[b.type] || a.currency.localeCompare(b.currency),
  );
}

const rowList = (numbers: readonly number[]) =>
  numbers.length <= 10
    ? numbers.join(', ')
    : `${numbers.slice(0, 10).join(', ')} and ${numbers.length - 10} more`;

export class ExpenseImportService {
  constructor(
    private readonly deps: {
      store: Store;
      catalog: Pick<CatalogRepository, 'listProperties'>;
      changes: Changes;
      clock: Clock;
    },
  ) {}

  private async read(file: UploadedFile, mapping: ImportMapping | undefined) {
    return readFile(file, mapping, await this.deps.catalog.listProperties());
  }

  async preview(file: UploadedFile, mapping?: ImportMapping): Promise<PreviewImportResponse> {
    const read = await this.read(file, mapping);
    const imports = this.deps.store.repos.imports;
    const [context, previous] = await Promise.all([
      rowContext(imports, read.rows),
      imports.batchesOfFile(read.sha256),
    ]);
    const rows = read.rows.map((row) => presentRow(row, context));
    return {
      file: {
        name: file.fileName,
        kind: read.upload.kind,
        detail: read.upload.detail,
        rowCount: read.upload.sheet.rows.length,
      },
      headers: read.upload.sheet.headers,
      mapping: read.mapping,
      suggestedMapping: read.suggested,
      detected: read.detected,
      mappingProblem: read.problem,
      rows,
      summary: {
        rows: rows.length,
        withErrors: rows.filter((r) => r.errors.length > 0).length,
        withDuplicates: rows.filter((r) => r.duplicates.length > 0).length,
        selected: rows.filter((r) => r.selected).length,
      },
      previousImports: previous.map(presentBatch),
    };
  }

  async import(
    file: UploadedFile,
    mapping: ImportMapping,
    chosen: readonly number[],
    actor: Actor,
  ): Promise<ImportResponse> {
    const read = await this.read(file, mapping);
    if (read.problem) throw new DomainError('invalid', 'bad_mapping', read.problem);
    const byNumber = new Map(read.rows.map((r) => [r.number, r]));
    const wanted = [...new Set(chosen)].sort((a, b) => a - b);
    const unknown = wanted.filter((n) => !byNumber.has(n));
    if (unknown.length > 0) {
      throw new DomainError('invalid', 'unknown_rows', `the file has no data row ${rowList(unknown)}`, {
        rows: unknown,
      });
    }
    const rows = wanted.map((n) => byNumber.get(n) as ReadRow);
    const broken = rows.filter((r) => r.errors.length > 0).map((r) => r.number);
    if (broken.length > 0) {
      throw new DomainError(
        'unprocessable',
        'rows_have_errors',
        `row${broken.length === 1 ? '' : 's'} ${rowList(broken)} ${broken.length === 1 ? 'has' : 'have'} errors: correct the file or leave ${broken.length === 1 ? 'it' : 'them'} out`,
        { rows: broken },
      );
    }
    const entries: ImportedEntry[] = rows.map((r) => ({
      // Rows without errors have every value (read-rows.ts adds an error for each one missing).
      propertyId: r.property?.id as string,
      date: r.date as string,
      description: r.description as string,
      amount: r.amount as number,
      type: r.type as LedgerEntryType,
      category: r.category,
      vendor: r.vendor,
    }));
    const totals = totalsOf(rows);
    const batch = await this.deps.changes.apply(actor, async (tx) => {
      const made = await tx.imports.createBatch(
        {
          fileName: file.fileName,
          fileSha256: read.sha256,
          entryCount: entries.length,
          totals,
          createdAt: isoNow(this.deps.clock),
          createdBy: userIdOf(actor),
        },
        entries,
      );
      return {
        value: made,
        audit: {
          action: 'expenses.imported',
          target: { type: 'import_batch', id: made.id },
          details: { batchId: made.id, fileName: file.fileName, count: entries.length, totals },
        },
      };
    });
    const span = dateSpan(rows);
    const statements = span
      ? await this.deps.store.repos.imports.statementsOverlapping(propertyIdsOf(rows), span)
      : [];
    const touching = statements.filter((s) => entries.some((e) => holds(s, e.propertyId, e.date)));
    return {
      batch: presentBatch(batch),
      touchedDrafts: touching.filter((s) => s.status === 'draft').map(presentStatementRef),
      finalStatements: touching.filter(isClosed).map(presentStatementRef),
    };
  }

  async undo(batchId: string, actor: Actor): Promise<UndoImportResponse> {
    return this.deps.changes.apply(actor, async (tx) => {
      const batch = await tx.imports.getBatch(batchId);
      if (!batch) throw notFound('import batch', batchId);
      if (batch.undoneAt)
        throw conflict(`import ${batchId} was already undone on ${batch.undoneAt}`, 'already_undone');
      const entries = await tx.imports.entriesOfBatch(batchId);
      const span = dateSpan(entries.map((e) => ({ date: e.date, property: e.propertyId })));
      const statements = span
        ? await tx.imports.statementsOverlapping(
            propertyIdsOf(entries.map((e) => ({ property: { id: e.propertyId } }))),
            span,
          )
        : [];
      const listing = statements.filter((s) => entries.some((e) => s.entryIds.has(e.id)));
      const closed = listing.filter(isClosed);
      if (closed.length > 0) {
        const names = closed
          .map((s) => `${s.propertyName ?? s.propertyId} ${s.period.start}..${s.period.end} (${s.status})`)
          .join('; ');
        throw new DomainError(
          'conflict',
          'on_final_statement',
          `the import cannot be undone: its entries are on ${closed.length === 1 ? 'a final statement' : 'final statements'}: ${names}. Move ${closed.length === 1 ? 'it' : 'them'} back to draft first`,
          { statements: closed.map(presentStatementRef) },
        );
      }
      const now = isoNow(this.deps.clock);
      // Two undos at once: the second finds the batch undone here and changes nothing.
      if (!(await tx.imports.markUndone(batchId, now, userIdOf(actor)))) {
        throw conflict(`import ${batchId} was already undone`, 'already_undone');
      }
      const removedEntries = await tx.imports.deleteEntriesOfBatch(batchId);
      const undone = { ...batch, undoneAt: now, undoneBy: userIdOf(actor) };
      return {
        value: {
          batch: presentBatch(undone),
          removedEntries,
          touchedDrafts: listing.filter((s) => s.status === 'draft').map(presentStatementRef),
        },
        audit: {
          action: 'expenses.import_undone',
          target: { type: 'import_batch', id: batchId },
          details: { batchId, fileName: batch.fileName, count: removedEntries },
        },
      };
    });
  }

  async list(limit: number): Promise<{ batches: ImportBatchDto[] }> {
    const batches = await this.deps.store.repos.imports.listBatches(limit);
    return { batches: batches.map(presentBatch) };
  }
}
