/**
 * Catalog look-ups that may sync from Hostify first, without letting requests spend the Hostify
 * quota. A request naming a property that is not known locally (an expense, a settings
 * change) used to start a full catalog sync every time, so a script sending made-up ids could
 * keep Hostify busy. Here:
 * - an id that a sync did not find is remembered as unknown for a while (`unknownTtlMs`, default
 *   5 minutes) and answered 404 at once;
 * - one on-demand sync runs at a time: callers that arrive while it runs wait for it and share
 *   its result;
 * - two on-demand syncs start at least `minIntervalMs` apart (default 30 s); in between, an
 *   unknown id is answered 404 as if the sync had not found it (it is not remembered, so the
 *   next allowed sync looks for it).
 * An id that is in the local catalog is always found, whatever synced it (the start-up sync,
 * a generation, `POST /api/catalog/sync`). The memory is per process.
 */
import type { Logger } from 'pino';
import type { CatalogRepository, Owner, Property } from '../db/repositories/catalog-repository.js';
import type { Clock } from '../lib/clock.js';
import type { CatalogService } from './catalog-service.js';
import { notFound } from './errors.js';

export interface OnDemandSyncPolicy {
  /** How long an id a sync did not find is answered 404 without another sync. */
  unknownTtlMs: number;
  /** The least time between the starts of two on-demand syncs. */
  minIntervalMs: number;
  /** Most unknown ids remembered (the oldest are forgotten first). */
  maxRemembered: number;
}

export const DEFAULT_ON_DEMAND_SYNC: OnDemandSyncPolicy = {
  unknownTtlMs: 5 * 60_000,
  minIntervalMs: 30_000,
  maxRemembered: 10_000,
};

export class OnDemandCatalog {
  private readonly policy: OnDemandSyncPolicy;
  /** `kind:id` looked for in vain → when it may be looked for again (ms since epoch). */
  private readonly unknown = new Map<string, number>();
  private running: Promise<void> | undefined;
  private lastStartedAt: number | undefined;

  constructor(
    private readonly deps: {
      catalogService: Pick<CatalogService, 'sync'>;
      catalog: Pick<CatalogRepository, 'getProperty' | 'getOwner'>;
      clock: Clock;
      logger: Logger;
      policy?: Partial<OnDemandSyncPolicy>;
    },
  ) {
    this.policy = { ...DEFAULT_ON_DEMAND_SYNC, ...deps.policy };
  }

  /** The property, syncing first when it is not known locally yet. 404 when Hostify has none. */
  requireProperty(propertyId: string): Promise<Property> {
    return this.require(
      `property:${propertyId}`,
      async () => (await this.deps.catalog.getProperty(propertyId)) ?? undefined,
      () => notFound('property', propertyId),
    );
  }

  /** The active owner, syncing first when not known locally yet. 404 when Hostify has none. */
  requireOwner(ownerId: string): Promise<Owner> {
    return this.require(
      `owner:${ownerId}`,
      async () => {
        const owner = await this.deps.catalog.getOwner(ownerId);
        return owner?.isActive ? owner : undefined;
      },
      () => notFound('owner', ownerId),
    );
  }

  /**
   * A tag some owned property carries (`isKnown` says whether the catalog has it), syncing first
   * when not known yet; else `unknown()` (the caller's 422).
   */
  async requireTag(tag: string, isKnown: () => Promise<boolean>, unknown: () => Error): Promise<void> {
    await this.require(
      `tag:${tag.trim().toLowerCase()}`,
      async () => ((await isKnown()) ? true : undefined),
      unknown,
    );
  }

  /**
   * What `find` finds, syncing first when it finds nothing — unless the same key was looked for
   * in vain within `unknownTtlMs`, or an on-demand sync ran within `minIntervalMs`: then `missing()`
   * at once, so requests naming made-up ids cannot make Hostify calls.
   */
  private async require<T>(
    key: string,
    find: () => Promise<T | undefined>,
    missing: () => Error,
  ): Promise<T> {
    const { clock, logger } = this.deps;
    const known = await find();
    if (known !== undefined) return known;
    const until = this.unknown.get(key);
    if (until !== undefined && until > clock.now().getTime()) throw missing();
    this.unknown.delete(key);

    if (!(await this.syncUnlessTooSoon())) {
      logger.debug({ key }, 'not in the catalog; it was synced on demand too recently to sync again');
      throw missing();
    }
    const found = await find();
    if (found !== undefined) return found;
    this.remember(key);
    throw missing();
  }

  /** Waits for the running on-demand sync or starts one; false when the minimum interval forbids it. */
  private async syncUnlessTooSoon(): Promise<boolean> {
    if (!this.running) {
      const now = this.deps.clock.now().getTime();
      if (this.lastStartedAt !== undefined && now - this.lastStartedAt < this.policy.minIntervalMs)
        return false;
      // Counted from the start, failed syncs included: a Hostify outage is not hammered either.
      this.lastStartedAt = now;
      this.running = this.deps.catalogService
        .sync()
        .then(() => undefined)
        .finally(() => {
          this.running = undefined;
        });
    }
    await this.running;
    return true;
  }

  private remember(key: string): void {
    const now = this.deps.clock.now().getTime();
    if (this.unknown.size >= this.policy.maxRemembered) {
      for (const [k, until] of this.unknown) if (until <= now) this.unknown.delete(k);
      // Still full: forget the oldest (a Map iterates in insertion order).
      for (const k of this.unknown.keys()) {
        if (this.unknown.size < this.policy.maxRemembered) break;
        this.unknown.delete(k);
      }
    }
    this.unknown.set(key, now + this.policy.unknownTtlMs);
  }
}
