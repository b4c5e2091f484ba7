/**
 * Where every rate limiter keeps its counters: the installation's database (SQLite or PostgreSQL,
 * table `rate_limits`), which all web processes of an installation share and which survives a
 * restart; or process memory, for tests that ask for it.
 *
 * The database limiter is a `rate-limiter-flexible` store written on our Kysely connection, so it
 * needs no second connection pool, works the same on both dialects (one atomic upsert), and reads
 * time from the application's clock (tests move the clock instead of sleeping).
 */
import { createRequire } from 'node:module';
import { sql } from 'kysely';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';

// The base class of the library's own stores is typed in its index but not exported from it at
// run time; its file is.
const RateLimiterStoreAbstract = createRequire(import.meta.url)(
  'rate-limiter-flexible/lib/RateLimiterStoreAbstract.js',
) as typeof import('rate-limiter-flexible').RateLimiterStoreAbstract;

export type RateLimitStoreKind = 'database' | 'memory';

export interface LimiterOptions {
  /** Distinguishes the limiters sharing the table. */
  keyPrefix: string;
  /** Points allowed per window (counters that never refuse use a huge number). */
  points: number;
  /** The window, from the first point in it; 0 never expires. */
  durationMs: number;
}

type StoreOptions = ConstructorParameters<typeof RateLimiterStoreAbstract>[0];

interface Row {
  points: number;
  expire: number | null;
}

/** rate-limiter-flexible's store contract on our `rate_limits` table. */
class KyselyRateLimiter extends RateLimiterStoreAbstract {
  private readonly db: Db;
  private readonly clock: Clock;

  constructor(opts: StoreOptions & { clock: Clock }) {
    super(opts);
    this.db = opts.storeClient as Db;
    this.clock = opts.clock;
  }

  private nowMs(): number {
    return this.clock.now().getTime();
  }

  // The base class calls these (they are untyped there).
  protected _getRateLimiterRes(_rlKey: string, changedPoints: number, row: Row): RateLimiterRes {
    const isFirstInDuration = changedPoints === Number(row.points);
    const consumedPoints = isFirstInDuration ? changedPoints : Number(row.points);
    const msBeforeNext = row.expire === null ? -1 : Math.max(Number(row.expire) - this.nowMs(), 0);
    return new RateLimiterRes(
      Math.max(this.points - consumedPoints, 0),
      msBeforeNext,
      consumedPoints,
      isFirstInDuration,
    );
  }

  protected async _upsert(
    key: string,
    points: number,
    msDuration: number,
    forceExpire = false,
  ): Promise<Row> {
    const now = this.nowMs();
    const expire = msDuration > 0 ? now + Math.round(msDuration) : null;
    // One statement, atomic on both dialects: a live row adds up, an expired one starts over.
    const result = forceExpire
      ? await sql<Row>`insert into rate_limits (key, points, expire) values (${key}, ${points}, ${expire})
          on conflict (key) do update set points = excluded.points, expire = excluded.expire
          returning points, expire`.execute(this.db)
      : await sql<Row>`insert into rate_limits (key, points, expire) values (${key}, ${points}, ${expire})
          on conflict (key) do update set
            points = case when rate_limits.expire is null or rate_limits.expire > ${now}
              then rate_limits.points + excluded.points else excluded.points end,
            expire = case when rate_limits.expire is null or rate_limits.expire > ${now}
              then rate_limits.expire else excluded.expire end
          returning points, expire`.execute(this.db);
    const row = result.rows[0];
    if (!row) throw new Error(`rate limit upsert of ${key} returned no row`);
    return row;
  }

  protected async _get(key: string): Promise<Row | null> {
    const now = this.nowMs();
    const row = await this.db
      .selectFrom('rate_limits')
      .select(['points', 'expire'])
      .where('key', '=', key)
      .where((eb) => eb.or([eb('expire', 'is', null), eb('expire', '>', now)]))
      .executeTakeFirst();
    return row ?? null;
  }

  protected async _delete(key: string): Promise<boolean> {
    const r = await this.db.deleteFrom('rate_limits').where('key', '=', key).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}

/** Makes limiters on one store. */
export class RateLimitStore {
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly kind: RateLimitStoreKind,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  limiter(options: LimiterOptions): RateLimiterAbstract {
    const common = {
      keyPrefix: options.keyPrefix,
      points: options.points,
      duration: options.durationMs / 1000,
    };
    if (this.kind === 'memory') return new RateLimiterMemory(common);
    return new KyselyRateLimiter({ ...common, storeClient: this.db, clock: this.clock });
  }

  /** Deletes counters that expired over an hour ago; an attacker's random e-mails do not pile up. */
  async sweep(): Promise<number> {
    if (this.kind === 'memory') return 0;
    const cutoff = this.clock.now().getTime() - 3_600_000;
    const r = await this.db.deleteFrom('rate_limits').where('expire', '<', cutoff).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** Sweeps every few minutes until stop() (any one process sweeping serves them all). */
  startSweeping(everyMs = 5 * 60_000, onError: (error: unknown) => void = () => {}): void {
    this.stop();
    this.sweepTimer = setInterval(() => {
      this.sweep().catch(onError);
    }, everyMs);
    this.sweepTimer.unref();
  }

  stop(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
  }
}

/** True when a limiter refused (it rejects with its result, not an Error). */
export const isRefusal = (error: unknown): error is RateLimiterRes => error instanceof RateLimiterRes;
