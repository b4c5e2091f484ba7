/**
 * A fresh store for one test application: a SQLite file in the test's directory, or — when the
 * suite runs with TEST_DB=postgres — a new PostgreSQL database created for it and dropped after.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { type Db, openPostgres, openSqlite } from '../../src/db/database.js';

export const TEST_DB = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
/** The server to create test databases on (trust auth on the CI machine). */
export const TEST_PG_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  db: Db;
  /** For child processes: DATABASE_URL, or undefined for SQLite. */
  url: string | undefined;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** `existing`: reopen the database of a previous TestDatabase (a restart of the same installation). */
export async function createTestDatabase(dataDir: string, existing?: string): Promise<TestDatabase> {
  if (TEST_DB === 'sqlite') {
    return {
      db: openSqlite({ filename: join(dataDir, 'owner-statements.sqlite') }),
      url: undefined,
      drop: async () => {},
    };
  }
  return createPostgresTestDatabase(existing);
}

/**
 * A new PostgreSQL database on TEST_PG_URL whatever TEST_DB says (for suites that always need
 * PostgreSQL, such as the distributed mode's); `existing` reopens one. `url` is set.
 */
export async function createPostgresTestDatabase(existing?: string): Promise<TestDatabase & { url: string }> {
  const name = existing ?? `os_test_${randomBytes(6).toString('hex')}`;
  if (!existing) await admin((c) => c.query(`create database ${name}`));
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return {
    db: openPostgres({ connectionString: url.toString(), max: 5 }),
    url: url.toString(),
    drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}
