import { type Kysely, PostgresAdapter } from 'kysely';

/**
 * The property manager's details for the owners' documents (Settings → Company details): one
 * row, keyed `company`. The logo is kept as bytes in the database (bytea / BLOB), not as a file
 * in DATA_DIR, so every web and worker process of a distributed installation renders the same
 * PDF, and a store copy or backup carries it. `name` is null while only a logo was saved: the
 * documents then keep showing COMPANY_NAME.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
  await db.schema
    .createTable('company_details')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text')
    /** The postal address, lines separated by "\n". */
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('logo', bytes)
    .addColumn('logo_type', 'text')
    .addColumn('logo_updated_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
}
