/**
 * Expense import over real HTTP, on SQLite and PostgreSQL, with the known data set: a CSV with
 * good rows, rows with errors and likely duplicates (in the file and of a stored entry) is
 * previewed row by row; the chosen rows are imported as one batch in one transaction with one
 * audit row; the drafts and final statements whose periods hold the entries are named; the batch
 * is undone, except while an entry is on a final statement. Who may do it, and what bad input
 * answers.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  importResponseSchema,
  listImportsResponseSchema,
  previewImportResponseSchema,
  undoImportResponseSchema,
} from '../../src/contract/expense-imports.js';
import { MAX_IMPORT_FILE_BYTES } from '../../src/contract/import-limits.js';
import { knownData, PERIOD } from '../helpers/known-dataset.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_DB } from '../helpers/test-database.js';
import { pollUntil } from '../helpers/wait.js';

let t: TestApp;
/** Property 104's October statement, final before the import. */
let finalId: string;
/** Property 101's October draft, generated before the import. */
let draftId: string;

beforeAll(async () => {
  t = await startTestApp({ sim: { data: knownData() } });
  await t.composition.catalogService.sync();
  // Stored before the file: row 9 repeats it.
  await t.composition.ledger.add(
    { propertyId: '103', date: '2025-10-10', description: 'Gardener', amount: 5_000, type: 'expense' },
    new Date().toISOString(),
  );
  const generate = (ownerId: string, propertyId: string) =>
    t.request('POST', '/api/statements/generate', { ownerId, propertyId, ...PERIOD });
  draftId = (await generate('1', '101')).body.statement.id;
  finalId = (await generate('2', '104')).body.statement.id;
  expect((await t.request('PUT', `/api/statements/${finalId}/status`, { status: 'final' })).status).toBe(200);
});
afterAll(async () => {
  await t.close();
});

const CSV = [
  'Date,Property,Description,Amount,Type,Category,Vendor',
  '2025-10-05,Seaside Loft,Plumber - kitchen sink,"1,234.56",expense,Repairs,Bob Plumbing',
  '2025-10-06,seaside loft,plumber kitchen sink,1234.56,Expense,,',
  '2025-10-07,Nowhere House,Paint,10.00,expense,,',
  '2025-13-01,101,Light bulbs,5.00,expense,,',
  '2025-10-08,Harbor View,Gardener,abc,expense,,',
  '2025-10-09,Quiet Chalet,Boiler service,"€ 1.234,56",expense,Maintenance,',
  '2025-10-11,102,Refund of deposit,(12.50),expense,,',
  '2025-10-11,103,gardener,50.00,expense,Garden,',
  '2025-10-12,Harbor View,Owner credit,25,adjustment,,',
].join('\n');

const file = (text = CSV, fileName = 'october.csv') => ({
  fileName,
  content: Buffer.from(text).toString('base64'),
});
const preview = (body: Record<string, unknown>, as = t.request) =>
  as('POST', '/api/expense-imports/preview', body);

async function suggested() {
  const res = await preview(file());
  expect(res.status, res.text).toBe(200);
  return previewImportResponseSchema.parse(res.body);
}

const auditRows = async (action: string) =>
  (await t.request('GET', `/api/audit?action=${action}&limit=100`)).body.entries as Array<{
    targetId: string;
    userEmail: string;
    details: Record<string, unknown>;
  }>;

const ledgerOf = (propertyId: string) =>
  t.composition.db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('property_id', '=', propertyId)
    .orderBy('date')
    .execute();

describe('preview', () => {
  it('suggests the mapping from the headers and reads every row with its errors', async () => {
    const p = await suggested();
    expect(p.file).toEqual({ name: 'october.csv', kind: 'csv', detail: ',', rowCount: 9 });
    expect(p.mappingProblem).toBeNull();
    expect(p.suggestedMapping).toEqual({
      columns: { date: 0, property: 1, description: 2, amount: 3, type: 4, category: 5, vendor: 6 },
      dateFormat: 'YYYY-MM-DD',
      // "1,234.56" shows a decimal point, "1.234,56" a decimal comma: each amount stands alone.
      decimalSeparator: 'auto',
      defaultType: 'expense',
      negativeAmounts: 'refuse',
    });
    const byRow = new Map(p.rows.map((r) => [r.row, r]));
    expect(byRow.get(2)).toMatchObject({
      date: '2025-10-05',
      property: { id: '101', name: 'Seaside Loft', matchedBy: 'name', currency: 'USD' },
      amount: { text: '1,234.56', cents: 123456, readAs: '1,234.56', currency: null },
      type: 'expense',
      category: 'Repairs',
      vendor: 'Bob Plumbing',
      errors: [],
      duplicates: [],
      selected: true,
    });
    expect(byRow.get(7)).toMatchObject({
      property: { id: '103' },
      amount: { text: '€ 1.234,56', cents: 123456, readAs: '1,234.56', currency: '€' },
      errors: [],
    });
    expect(byRow.get(10)).toMatchObject({ type: 'adjustment', amount: { cents: 2500 }, selected: true });
    const codes = (row: number) => byRow.get(row)?.errors.map((e) => e.code);
    expect(codes(4)).toEqual(['unknown_property']);
    expect(codes(5)).toEqual(['bad_date']);
    expect(codes(6)).toEqual(['bad_amount']);
    expect(codes(8)).toEqual(['negative_amount']);
    expect(byRow.get(8)?.amount).toMatchObject({ text: '(12.50)', cents: -1250, readAs: '−12.50' });
    for (const row of [4, 5, 6, 8]) expect(byRow.get(row)?.selected).toBe(false);
  });

  it('reads an expense written as money out, "(12.50)", as its size when the mapping says so', async () => {
    const p = await suggested();
    const res = await preview({ ...file(), mapping: { ...p.mapping, negativeAmounts: 'expense' } });
    expect(res.status, res.text).toBe(200);
    const row8 = previewImportResponseSchema.parse(res.body).rows.find((r) => r.row === 8);
    expect(row8).toMatchObject({
      amount: { text: '(12.50)', cents: 1250, readAs: '12.50 (written as −12.50: money out)' },
      errors: [],
    });
  });

  it('warns of duplicates within the file and of stored entries, and leaves them unchosen', async () => {
    const p = await suggested();
    const byRow = new Map(p.rows.map((r) => [r.row, r]));
    expect(byRow.get(3)).toMatchObject({
      errors: [],
      duplicates: [{ kind: 'row', row: 2 }],
      selected: false,
    });
    expect(byRow.get(9)?.duplicates).toEqual([
      {
        kind: 'entry',
        entryId: expect.stringMatching(/^led_/),
        date: '2025-10-10',
        description: 'Gardener',
        amount: 5000,
        type: 'expense',
        importBatchId: null,
      },
    ]);
    expect(byRow.get(9)?.selected).toBe(false);
    // Row 2 is the first of the pair: it stays chosen.
    expect(byRow.get(2)?.duplicates).toEqual([]);
    expect(p.summary).toEqual({ rows: 9, withErrors: 4, withDuplicates: 2, selected: 3 });
  });

  it('names the final statement a row falls in', async () => {
    const p = await suggested();
    const row10 = p.rows.find((r) => r.row === 10);
    expect(row10?.finalStatements).toEqual([
      expect.objectContaining({ id: finalId, propertyId: '104', status: 'final', periodStart: '2025-10-01' }),
    ]);
    expect(p.rows.find((r) => r.row === 2)?.finalStatements).toEqual([]);
  });

  it('reads the file with the mapping it is given, and says what is wrong with a bad one', async () => {
    const p = await suggested();
    const swapped = { ...p.suggestedMapping, columns: { ...p.suggestedMapping.columns, type: null } };
    const res = await preview({ ...file(), mapping: { ...swapped, defaultType: 'adjustment' } });
    expect(res.status).toBe(200);
    expect(res.body.rows[0].type).toBe('adjustment');
    const bad = await preview({
      ...file(),
      mapping: { ...swapped, columns: { ...swapped.columns, amount: null } },
    });
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ mappingProblem: 'choose the column that holds the amount', rows: [] });
  });

  it('reads day-first dates and decimal commas as the mapping says', async () => {
    const csv = 'Date;Property;Memo;Amount\n03/04/2025;101;Cleaner;1.234\n';
    const auto = await preview(file(csv, 'eu.csv'));
    expect(auto.body.file.detail).toBe(';');
    expect(auto.body.rows[0].errors.map((e: { code: string }) => e.code)).toEqual(['bad_date', 'bad_amount']);
    expect(auto.body.rows[0].errors[0].message).toBe(
      '"03/04/2025" could be 3 April 2025 or 4 March 2025; choose the date format (DD/MM/YYYY or MM/DD/YYYY)',
    );
    const mapping = { ...auto.body.suggestedMapping, dateFormat: 'DD/MM/YYYY', decimalSeparator: ',' };
    const told = await preview({ ...file(csv, 'eu.csv'), mapping });
    expect(told.body.rows[0]).toMatchObject({ date: '2025-04-03', amount: { cents: 123400 }, errors: [] });
  });

  it('reads an XLSX workbook with date and number cells', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('October');
    sheet.addRow(['Date', 'Listing', 'Description', 'Amount']);
    sheet.addRow([new Date(Date.UTC(2025, 9, 20)), 'Seaside Loft', 'Window cleaner', 80.25]);
    const content = Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
    const res = await preview({ fileName: 'october.xlsx', content });
    expect(res.status, res.text).toBe(200);
    expect(res.body.file).toMatchObject({ kind: 'xlsx', detail: 'October' });
    expect(res.body.rows[0]).toMatchObject({
      row: 2,
      date: '2025-10-20',
      property: { id: '101' },
      amount: { cents: 8025, readAs: '80.25' },
      type: 'expense',
      errors: [],
    });
  });

  it('stores nothing', async () => {
    const before = await t.composition.db
      .selectFrom('ledger_entries')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    await suggested();
    const after = await t.composition.db
      .selectFrom('ledger_entries')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect((await t.request('GET', '/api/expense-imports')).body.batches).toEqual([]);
  });
});

describe('refusals', () => {
  it('lets viewers do none of it (403), and leaves no trace', async () => {
    const viewer = t.as('viewer');
    const p = await suggested();
    expect((await preview(file(), viewer)).status).toBe(403);
    expect(
      (await viewer('POST', '/api/expense-imports', { ...file(), mapping: p.mapping, rows: [2] })).status,
    ).toBe(403);
    expect((await viewer('GET', '/api/expense-imports')).status).toBe(403);
    expect((await viewer('POST', '/api/expense-imports/imp_x/undo')).status).toBe(403);
    // Editors may.
    expect((await preview(file(), t.as('editor'))).status).toBe(200);
  });

  it('answers bad files and bad requests with 4xx and a code', async () => {
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ fileName: 'x.csv', content: 'not base64!' }, 400, 'validation_error'],
      [{ fileName: 'x.csv' }, 400, 'validation_error'],
      [{ ...file(), extra: 1 }, 400, 'validation_error'],
      [file('%PDF-1.4', 'expenses.pdf'), 400, 'unsupported_file_type'],
      [file('x', 'old.xls'), 400, 'unsupported_file_type'],
      [file('Date,Amount\n'), 400, 'empty_file'],
      [file('', 'empty.csv'), 400, 'empty_file'],
      [file('A,B\n"open,1\n'), 400, 'unreadable_file'],
      [file('not a zip', 'fake.xlsx'), 400, 'unreadable_file'],
      [
        { fileName: 'big.csv', content: Buffer.alloc(MAX_IMPORT_FILE_BYTES + 1, 65).toString('base64') },
        400,
        'file_too_large',
      ],
      // Larger, still within the request's body limit: the same code, not a validation error.
      [
        {
          fileName: 'big.csv',
          content: Buffer.alloc(MAX_IMPORT_FILE_BYTES + 150_000, 65).toString('base64'),
        },
        400,
        'file_too_large',
      ],
    ];
    for (const [body, status, code] of cases) {
      const res = await preview(body);
      expect(res.status, `${JSON.stringify(body).slice(0, 80)}: ${res.text.slice(0, 200)}`).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toEqual(expect.any(String));
    }
    const huge = await preview({ fileName: 'huge.csv', content: 'A'.repeat(8 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
    // The server keeps answering.
    expect((await t.request('GET', '/healthz')).status).toBe(200);
  });

  it('refuses an import of rows with errors (422, naming them) or not in the file (400), storing nothing', async () => {
    const p = await suggested();
    const body = { ...file(), mapping: p.mapping };
    const errors = await t.request('POST', '/api/expense-imports', { ...body, rows: [2, 4, 8] });
    expect(errors.status).toBe(422);
    expect(errors.body.error).toMatchObject({ code: 'rows_have_errors', details: { rows: [4, 8] } });
    expect(errors.body.error.message).toBe('rows 4, 8 have errors: correct the file or leave them out');
    const unknown = await t.request('POST', '/api/expense-imports', { ...body, rows: [2, 1, 99] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'unknown_rows', details: { rows: [1, 99] } });
    const none = await t.request('POST', '/api/expense-imports', { ...body, rows: [] });
    expect(none.status).toBe(400);
    const badMapping = await t.request('POST', '/api/expense-imports', {
      ...body,
      mapping: { ...p.mapping, columns: { ...p.mapping.columns, date: 42 } },
      rows: [2],
    });
    expect(badMapping.status).toBe(400);
    expect(badMapping.body.error.code).toBe('bad_mapping');
    expect(await ledgerOf('101')).toEqual([]);
    expect(await auditRows('expenses.imported')).toEqual([]);
  });

  it('stores nothing when the audit row cannot be written (one transaction)', async () => {
    const p = await suggested();
    const db = t.composition.db;
    await db.schema.alterTable('audit_log').renameTo('audit_log_away').execute();
    try {
      const res = await t.request('POST', '/api/expense-imports', {
        ...file(),
        mapping: p.mapping,
        rows: [2, 7],
      });
      expect(res.status).toBe(500);
    } finally {
      await db.schema.alterTable('audit_log_away').renameTo('audit_log').execute();
    }
    expect(await ledgerOf('101')).toEqual([]);
    expect(await db.selectFrom('import_batches').selectAll().execute()).toEqual([]);
  });
});

describe('import and undo', () => {
  let batchId: string;

  it('imports the chosen rows as one batch with one audit row, and names the statements they touch', async () => {
    const p = await suggested();
    const before = (await t.request('GET', `/api/statements/${finalId}`)).body;
    // Row 9 is a likely duplicate: a person may still choose it.
    const res = await t.as('editor')('POST', '/api/expense-imports', {
      ...file(),
      mapping: p.mapping,
      rows: [10, 2, 7, 9, 2],
    });
    expect(res.status, res.text).toBe(201);
    const body = importResponseSchema.parse(res.body);
    batchId = body.batch.id;
    expect(body.batch).toMatchObject({
      fileName: 'october.csv',
      entryCount: 4,
      status: 'imported',
      undoneAt: null,
      totals: [
        { type: 'expense', currency: 'EUR', count: 2, amount: 128456 },
        { type: 'expense', currency: 'USD', count: 1, amount: 123456 },
        { type: 'adjustment', currency: 'USD', count: 1, amount: 2500 },
      ],
    });
    expect(
      body.touchedDrafts.map((s) => [s.id, s.propertyId, s.ownerId, s.periodStart, s.periodEnd]),
    ).toEqual([[draftId, '101', '1', '2025-10-01', '2025-10-31']]);
    expect(body.finalStatements.map((s) => [s.id, s.status])).toEqual([[finalId, 'final']]);
    // The final statement is not changed.
    const final = await t.request('GET', `/api/statements/${finalId}`);
    expect(final.body).toEqual(before);

    const stored = await ledgerOf('101');
    expect(stored).toEqual([
      expect.objectContaining({
        date: '2025-10-05',
        description: 'Plumber - kitchen sink',
        type: 'expense',
        category: 'Repairs',
        vendor: 'Bob Plumbing',
        import_batch_id: batchId,
      }),
    ]);
    expect(Number(stored[0]?.amount)).toBe(123456);
    const audits = await auditRows('expenses.imported');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      targetId: batchId,
      userEmail: 'editor@test.local',
      details: { batchId, fileName: 'october.csv', count: 4 },
    });
  });

  it('refuses to import the same file again while its import stands (409 already_imported, naming it)', async () => {
    const p = await suggested();
    const again = await t.request('POST', '/api/expense-imports', {
      ...file(),
      mapping: p.mapping,
      rows: [2],
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'already_imported', details: { batchId } });
    expect(again.body.error.message).toMatch(
      new RegExp(`^october\\.csv was imported on .* \\(import ${batchId}\\) and that import is not undone`),
    );
    // The same bytes under another name are the same file.
    const renamed = await t.request('POST', '/api/expense-imports', {
      ...file(CSV, 'copy.csv'),
      mapping: p.mapping,
      rows: [2],
    });
    expect(renamed.status).toBe(409);
    expect(renamed.body.error.message).toContain(`(import ${batchId} of october.csv)`);
    expect(await ledgerOf('101')).toHaveLength(1);
    expect(await auditRows('expenses.imported')).toHaveLength(1);
  });

  it('lists the batch, and flags the imported rows as duplicates when the file is previewed again', async () => {
    const list = listImportsResponseSchema.parse((await t.request('GET', '/api/expense-imports')).body);
    expect(list.batches.map((b) => [b.id, b.status])).toEqual([[batchId, 'imported']]);
    const p = await suggested();
    expect(p.previousImports.map((b) => b.id)).toEqual([batchId]);
    const row2 = p.rows.find((r) => r.row === 2);
    expect(row2?.duplicates).toEqual([expect.objectContaining({ kind: 'entry', importBatchId: batchId })]);
    expect(row2?.selected).toBe(false);
  });

  it('puts the entry on the draft when it is regenerated', async () => {
    const res = await t.request('POST', '/api/statements/generate', {
      ownerId: '1',
      propertyId: '101',
      ...PERIOD,
    });
    expect(res.status).toBe(201);
    expect(res.body.statement.id).toBe(draftId);
    expect(res.body.statement.expenses).toEqual([
      expect.objectContaining({ amount: 123456, date: '2025-10-05' }),
    ]);
    expect(res.body.statement.totals.expenses).toBe(123456);
  });

  it('refuses to undo while an entry is on a final statement, naming it', async () => {
    expect((await t.request('PUT', `/api/statements/${draftId}/status`, { status: 'final' })).status).toBe(
      200,
    );
    const res = await t.request('POST', `/api/expense-imports/${batchId}/undo`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('on_final_statement');
    expect(res.body.error.message).toMatch(/Seaside Loft 2025-10-01\.\.2025-10-31 \(final\)/);
    expect(res.body.error.details.statements).toEqual([
      expect.objectContaining({ id: draftId, status: 'final' }),
    ]);
    expect(await ledgerOf('101')).toHaveLength(1);
    expect(await auditRows('expenses.import_undone')).toEqual([]);
    expect((await t.request('PUT', `/api/statements/${draftId}/status`, { status: 'draft' })).status).toBe(
      200,
    );
  });

  it('undoes the batch in one audited change, naming the drafts to regenerate; only once', async () => {
    const res = await t.as('editor')('POST', `/api/expense-imports/${batchId}/undo`);
    expect(res.status, res.text).toBe(200);
    const body = undoImportResponseSchema.parse(res.body);
    expect(body).toMatchObject({
      batch: { id: batchId, status: 'undone', entryCount: 4 },
      removedEntries: 4,
    });
    expect(body.batch.undoneAt).toEqual(expect.any(String));
    expect(body.touchedDrafts.map((s) => s.id)).toEqual([draftId]);
    expect(await ledgerOf('101')).toEqual([]);
    // The entry added by hand stays.
    expect((await ledgerOf('103')).map((e) => e.description)).toEqual(['Gardener']);
    const audits = await auditRows('expenses.import_undone');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      targetId: batchId,
      userEmail: 'editor@test.local',
      details: { count: 4 },
    });

    const again = await t.request('POST', `/api/expense-imports/${batchId}/undo`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_undone');
    const list = (await t.request('GET', '/api/expense-imports')).body.batches;
    expect(list.map((b: { id: string; status: string }) => [b.id, b.status])).toEqual([[batchId, 'undone']]);
    expect((await t.request('POST', '/api/expense-imports/imp_unknown/undo')).status).toBe(404);
  });

  it('no longer flags the file’s rows as duplicates of the undone entries', async () => {
    const p = await suggested();
    expect(p.rows.find((r) => r.row === 2)?.duplicates).toEqual([]);
    expect(p.previousImports.map((b) => b.status)).toEqual(['undone']);
  });

  it('imports the file again once its import is undone; while that one stands, only with allowReimport', async () => {
    const p = await suggested();
    const body = { ...file(), mapping: p.mapping, rows: [2] };
    const again = await t.request('POST', '/api/expense-imports', body);
    expect(again.status, again.text).toBe(201);
    const refused = await t.request('POST', '/api/expense-imports', body);
    expect(refused.body.error).toMatchObject({
      code: 'already_imported',
      details: { batchId: again.body.batch.id },
    });
    const meant = await t.request('POST', '/api/expense-imports', { ...body, allowReimport: true });
    expect(meant.status, meant.text).toBe(201);
    expect(await ledgerOf('101')).toHaveLength(2);
    for (const id of [meant.body.batch.id, again.body.batch.id]) {
      expect((await t.request('POST', `/api/expense-imports/${id}/undo`)).status).toBe(200);
    }
  });
});

describe.skipIf(TEST_DB !== 'postgres')('undo while a draft is being finalised (PostgreSQL)', () => {
  it('waits for the statement and then refuses, rather than deleting entries a final statement lists', async () => {
    const lockCsv = 'Date,Property,Description,Amount\n2025-10-20,Seaside Loft,Locksmith,40.00\n';
    const p = previewImportResponseSchema.parse((await preview(file(lockCsv, 'lock.csv'))).body);
    const imported = await t.request('POST', '/api/expense-imports', {
      ...file(lockCsv, 'lock.csv'),
      mapping: p.mapping,
      rows: [2],
    });
    expect(imported.status, imported.text).toBe(201);
    const batch = imported.body.batch.id as string;
    // The draft lists the entry.
    const regenerated = await t.request('POST', '/api/statements/generate', {
      ownerId: '1',
      propertyId: '101',
      ...PERIOD,
    });
    expect(regenerated.body.statement.id).toBe(draftId);
    expect(regenerated.body.statement.status).toBe('draft');

    let undo: Promise<{ status: number; body: { error?: { code: string } } }> | undefined;
    // Someone finalises the draft, in a transaction still open when the undo starts.
    await t.composition.db.transaction().execute(async (trx) => {
      const moved = await trx
        .updateTable('statements')
        .set({ status: 'final' })
        .where('id', '=', draftId)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      expect(Number(moved.numUpdatedRows)).toBe(1);
      undo = t.request('POST', `/api/expense-imports/${batch}/undo`);
      // Until the undo waits for the statement's lock, or (without a lock) has answered.
      await Promise.race([
        undo,
        pollUntil(async () => {
          const waiting = await sql<{ n: string }>`
            select count(*) as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`.execute(trx);
          return Number(waiting.rows[0]?.n) > 0 ? true : undefined;
        }, 'the undo to wait for the statement lock'),
      ]);
    });
    const res = await undo;
    expect(res?.status).toBe(409);
    expect(res?.body.error?.code).toBe('on_final_statement');
    expect((await ledgerOf('101')).map((e) => e.description)).toEqual(['Locksmith']);

    expect((await t.request('PUT', `/api/statements/${draftId}/status`, { status: 'draft' })).status).toBe(
      200,
    );
    expect((await t.request('POST', `/api/expense-imports/${batch}/undo`)).status).toBe(200);
  });
});
