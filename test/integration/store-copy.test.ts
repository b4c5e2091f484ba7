/**
 * Moving an embedded installation to PostgreSQL with `npm run cli -- store copy --to …`:
 * statements, settings, expenses, users, tokens and job history arrive, with equal row counts.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { COPIED_TABLES, NOT_COPIED_TABLES } from '../../src/cli/copy-store.js';
import { type Db, migrateToLatest, openPostgres, openSqlite } from '../../src/db/database.js';
import { StatementRepository } from '../../src/db/repositories/statement-repository.js';
import { knownData, PERIOD } from '../helpers/known-dataset.js';
import { startTestApp } from '../helpers/test-app.js';
import { TEST_PG_URL } from '../helpers/test-database.js';
import { waitForJobEnd } from '../helpers/wait.js';

const pgAvailable = await (async () => {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    if (process.env.CI === 'true') throw new Error(`PostgreSQL is required under CI=true: ${String(error)}`);
    console.warn(`skipping the store copy test: PostgreSQL does not answer (${String(error)})`);
    return false;
  }
})();

const dbName = `os_copy_${randomBytes(5).toString('hex')}`;
const admin = async (query: string) => {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
};
let dataDir: string | undefined;
afterAll(async () => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (pgAvailable) await admin(`drop database if exists ${dbName} with (force)`);
});

const cli = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });

/** Every table the migrations make, without Kysely's own migration bookkeeping. */
async function schemaTables(db: Db): Promise<string[]> {
  return (await db.introspection.getTables()).map((t) => t.name).sort();
}

const copiedOrLeftOut = () => [...COPIED_TABLES, ...Object.keys(NOT_COPIED_TABLES)].sort();

describe('the tables store copy copies', () => {
  it('are every table of the schema, except the ones left out on purpose', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'os-copy-tables-'));
    const db = openSqlite({ filename: join(dir, 'schema.sqlite') });
    try {
      await migrateToLatest(db);
      // A new table fails here until it is copied (or left out, with the reason).
      expect(copiedOrLeftOut()).toEqual(await schemaTables(db));
      expect(new Set(COPIED_TABLES).size).toBe(COPIED_TABLES.length);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!pgAvailable)('store copy to PostgreSQL', () => {
  it('copies every table of a used installation and checks the counts', async () => {
    const t = await startTestApp({ sim: { data: knownData() } });
    dataDir = t.dataDir;
    await t.request('PUT', '/api/properties/104/settings', {
      commissionPercent: 12.5,
      commissionBasis: 'gross',
      ownerRemitsTaxes: true,
    });
    await t.request('POST', '/api/expenses', {
      propertyId: '101',
      date: '2025-10-15',
      description: 'Plumber',
      amount: 12500,
      type: 'expense',
    });
    const csv = 'Date,Property,Description,Amount\n2025-10-16,101,Electrician,80.00\n';
    const content = Buffer.from(csv).toString('base64');
    const previewed = await t.request('POST', '/api/expense-imports/preview', { fileName: 'x.csv', content });
    const imported = await t.request('POST', '/api/expense-imports', {
      fileName: 'x.csv',
      content,
      mapping: previewed.body.mapping,
      rows: [2],
    });
    expect(imported.status, imported.text).toBe(201);
    const job = await t.request('POST', '/api/statements/generate', { ownerId: 'all', ...PERIOD });
    await waitForJobEnd(t.composition.jobService, job.body.jobId);
    // A line review: its override row and the statement that keeps it.
    const list = await t.request('GET', '/api/statements?propertyId=101');
    const reviewedId: string = list.body.statements[0].id;
    const reviewed = await t.request('POST', `/api/statements/${reviewedId}/overrides`, {
      kind: 'manual',
      description: 'Welcome basket',
      amount: -2500,
      countsTowardCommission: false,
    });
    expect(reviewed.status).toBe(201);
    await t.close(true);

    const url = new URL(TEST_PG_URL);
    url.pathname = `/${dbName}`;
    await admin(`create database ${dbName}`);
    const run = cli(t.dataDir, 'store', 'copy', '--to', url.toString());
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('every table has the same number of rows');

    const source = openSqlite({ filename: join(t.dataDir, 'owner-statements.sqlite') });
    const target = openPostgres({ connectionString: url.toString(), max: 2 });
    try {
      for (const table of [
        'statements',
        'properties',
        'ledger_entries',
        'import_batches',
        'statement_overrides',
        'users',
        'api_tokens',
        'jobs',
        'job_items',
      ] as const) {
        expect(COPIED_TABLES).toContain(table);
        const [a, b] = await Promise.all([
          source.selectFrom(table).selectAll().execute(),
          target.selectFrom(table).selectAll().execute(),
        ]);
        expect(b.length, table).toBe(a.length);
        expect(a.length, table).toBeGreaterThan(0);
      }
      expect(copiedOrLeftOut()).toEqual(await schemaTables(target));
      const s1 = await new StatementRepository(source).list({ limit: 10 });
      const s2 = await new StatementRepository(target).list({ limit: 10 });
      expect(s2.statements).toEqual(s1.statements);
      const r1 = await new StatementRepository(source).get(reviewedId);
      expect(r1?.manualLines).toHaveLength(1);
      expect(await new StatementRepository(target).get(reviewedId)).toEqual(r1);
      const p = await target
        .selectFrom('properties')
        .selectAll()
        .where('id', '=', '104')
        .executeTakeFirstOrThrow();
      expect(Number(p.commission_bp)).toBe(1250);
    } finally {
      await source.destroy();
      await target.destroy();
    }

    const again = cli(t.dataDir, 'store', 'copy', '--to', url.toString());
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('copy only into an empty database');
  });
});
