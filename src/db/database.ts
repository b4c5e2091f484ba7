/**
 * Opens the store: SQLite (better-sqlite3, embedded) or PostgreSQL (pg, distributed), behind the
 * same Kysely<Database>, so the repositories are written once for both dialects.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Dialect = 'sqlite' | 'postgres';

export interface OpenSqliteOptions {
  /** A file path, or ':memory:'. */
  filename: string;
}

export function openSqlite({ filename }: OpenSqliteOptions): Db {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const sqlite = new SqliteDatabase(filename);
  // WAL: readers (status endpoints) never wait for the writer; NORMAL sync is durable across
  // process crashes (kill -9) in WAL mode, which is the failure we must survive.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

// COUNT(*) and BIGINT arrive as strings by default; our values (cents, counts) fit in a double
// exactly (|x| < 2^53), which the parser checks rather than silently rounding.
pg.types.setTypeParser(pg.types.builtins.INT8, (text: string) => {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`integer ${text} is beyond 2^53`);
  return n;
});

export interface OpenPostgresOptions {
  connectionString: string;
  /** Connections in the pool. */
  max?: number;
}

export function openPostgres({ connectionString, max = 10 }: OpenPostgresOptions): Db {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 10_000 });
  // A lost connection must not crash the process: pg emits 'error' on the client whether it is
  // idle (the pool listens) or checked out (nobody does, unless every client gets a listener).
  // Queries in flight still fail with the error, and the pool replaces the client.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** True when `db` (or a transaction of it) talks to PostgreSQL. */
export function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** PostgreSQL when DATABASE_URL is set, else the SQLite file. */
export function openDatabase(options: { databaseUrl?: string; sqliteFile: string }): {
  db: Db;
  dialect: Dialect;
} {
  if (options.databaseUrl)
    return { db: openPostgres({ connectionString: options.databaseUrl }), dialect: 'postgres' };
  return { db: openSqlite({ filename: options.sqliteFile }), dialect: 'sqlite' };
}

/** Applies pending migrations; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
}
