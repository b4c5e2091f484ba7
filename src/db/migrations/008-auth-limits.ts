import type { Kysely } from 'kysely';

/**
 * Sign-in throttling and password resets. `rate_limits` holds the counters of every limiter
 * (failed sign-ins per account and address, generation requests per user) in the store all web
 * processes share, so a restart does not clear them and more processes do not multiply the
 * allowance. `expire` is milliseconds since the epoch (null: never). Users whose password an
 * admin reset must choose a new one at their next sign-in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('expire', 'bigint')
    .execute();
  await db.schema.createIndex('rate_limits_expire_idx').on('rate_limits').column('expire').execute();
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
