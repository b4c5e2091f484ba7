/**
 * Keeps the local catalog (owners, properties, child listings) in step with Hostify. Syncs are
 * single-flight: callers that arrive while one runs share its result instead of starting another.
 */

import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Actor } from '../auth/principal.js';
import { isSerializationFailure } from '../db/errors.js';
import type { CatalogRepository, CatalogSnapshot } from '../db/repositories/catalog-repository.js';
import { isOwner } from '../hostify/index.js';
import type { HostifyClient, HostifyListing, HostifyUser } from '../hostify/types.js';
import type { AuditService } from './audit-service.js';

/** Tries at applying a snapshot that deadlocked with another process's sync. */
const SYNC_ATTEMPTS = 5;

export interface CatalogSyncResult {
  owners: number;
  properties: number;
  ownedProperties: number;
  syncedAt: string;
}

/**
 * Builds what we store from Hostify's listings and users (pure; exported for tests).
 * `children` maps child listings (known from earlier look-ups) to their parent: a user's
 * `listings` may hold child listings, which belong to the parent property (DESIGN.md §4).
 * Parents without a currency cannot carry statements and are left out (logged).
 */
export function buildSnapshot(
  listings: readonly HostifyListing[],
  users: readonly HostifyUser[],
  log?: Pick<Logger, 'warn'>,
  options: { ownerRoles?: readonly string[] | null; children?: ReadonlyMap<string, string> } = {},
): CatalogSnapshot {
  const parentOf = new Map<string, string>(options.children ?? []);
  for (const l of listings) if (l.parentId) parentOf.set(l.id, l.parentId);
  const parents = listings.filter((l) => {
    if (l.parentId) return false;
    if (l.currency === null) {
      log?.warn({ listing: l.id }, 'Hostify listing without a currency; left out of the catalog');
      return false;
    }
    return true;
  });
  const ownerRoles = options.ownerRoles ?? null;
  const owners = users
    .filter((u) => isOwner(u, ownerRoles))
    .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));

  // A user's listing may be a child listing: the owner owns its parent.
  const ownerOfProperty = new Map<string, string>();
  for (const owner of owners) {
    for (const listingId of owner.listingIds) {
      const propertyId = parentOf.get(listingId) ?? listingId;
      const previous = ownerOfProperty.get(propertyId);
      if (previous && previous !== owner.id) {
        log?.warn(
          { propertyId, owner: previous, alsoClaimedBy: owner.id },
          'property claimed by two owners; keeping the first',
        );
        continue;
      }
      ownerOfProperty.set(propertyId, owner.id);
    }
  }

  return {
    owners: owners.map((u) => ({
      id: u.id,
      email: u.email,
      firstName: u.firstName,
      lastName: u.lastName,
      isActive: true,
    })),
    properties: parents.map((l) => ({
      id: l.id,
      ownerId: ownerOfProperty.get(l.id) ?? null,
      name: l.name,
      nickname: l.nickname,
      currency: (l.currency ?? '').toUpperCase(),
      isListed: l.isListed,
      tags: l.tags,
    })),
    childListings: [...parentOf].map(([id, propertyId]) => ({ id, propertyId })),
  };
}

export class CatalogService {
  private running: Promise<CatalogSyncResult> | undefined;
  private lastSync: CatalogSyncResult | undefined;
  /** Listings looked up once that belong to no property (remembered for this process). */
  private readonly unresolvable = new Set<string>();
  /**
   * How many listings and users the last sync of this process read: the next sync asks Hostify
   * for that many pages at once instead of following `next_page` one page (one round trip) at a
   * time — the sequential chain was the critical path of a bulk job's planning.
   */
  private lastCounts: { listings?: number; users?: number } = {};

  constructor(
    private readonly deps: {
      hostify: HostifyClient;
      catalog: CatalogRepository;
      logger: Logger;
      /** HOSTIFY_OWNER_ROLES, parsed; null = any role containing the word "owner". */
      ownerRoles?: readonly string[] | null;
      /** Where a sync a person asked for is recorded (none: the CLI, unit tests). */
      audit?: AuditService;
    },
  ) {}

  /**
   * A sync a person asked for, recorded as `catalog.synced` with what it found. The entry follows
   * the sync's own transactions: the catalog is Hostify's mirror, and a sync shared with one
   * already running is still this person's request.
   */
  async syncRequested(actor: Actor): Promise<CatalogSyncResult> {
    const result = await this.sync();
    await this.deps.audit?.record(actor, {
      action: 'catalog.synced',
      target: { type: 'catalog' },
      details: {
        owners: result.owners,
        properties: result.properties,
        ownedProperties: result.ownedProperties,
      },
    });
    return result;
  }

  /**
   * Child listings are not in `/listings` (§4): each listing id the catalog does not know is
   * looked up once with `GET /listings/{id}` (in parallel under the global limiter), and a child
   * is remembered in the catalog, so a later job makes no call for it. Ids that turn out to belong
   * to no property are remembered in memory and not looked up again by this process.
   * Returns every known child listing → property.
   */
  async resolveListings(ids: readonly string[]): Promise<Map<string, string>> {
    const { hostify, catalog, logger } = this.deps;
    const children = await catalog.allChildListings();
    const wanted = [...new Set(ids)].filter((id) => !children.has(id) && !this.unresolvable.has(id));
    if (wanted.length === 0) return children;
    const found = await Promise.all(wanted.map((id) => hostify.getListing(id)));
    const learned: Array<{ id: string; propertyId: string }> = [];
    wanted.forEach((id, i) => {
      const listing = found[i];
      if (listing?.parentId) {
        learned.push({ id, propertyId: listing.parentId });
        children.set(id, listing.parentId);
      } else this.unresolvable.add(id);
    });
    if (learned.length > 0) await catalog.rememberChildListings(learned);
    logger.info(
      { lookedUp: wanted.length, children: learned.length, unresolved: wanted.length - learned.length },
      'looked up listings the catalog did not know',
    );
    return children;
  }

  get lastSyncResult(): CatalogSyncResult | undefined {
    return this.lastSync;
  }

  /** Fetches owners and listings from Hostify (two paged calls) and stores them. */
  sync(): Promise<CatalogSyncResult> {
    this.running ??= this.doSync().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async doSync(): Promise<CatalogSyncResult> {
    const { hostify, catalog, logger } = this.deps;
    const started = Date.now();
    const hint = (count: number | undefined) => (count === undefined ? {} : { expectedCount: count });
    const [listings, users] = await Promise.all([
      hostify.listListings(hint(this.lastCounts.listings)),
      hostify.listUsers(hint(this.lastCounts.users)),
    ]);
    this.lastCounts = { listings: listings.length, users: users.length };
    const ownerRoles = this.deps.ownerRoles ?? null;
    // Owners' listings that are not parents are child listings to look up once (§4).
    const parents = new Set(listings.filter((l) => !l.parentId).map((l) => l.id));
    const ownersListings = users.filter((u) => isOwner(u, ownerRoles)).flatMap((u) => u.listingIds);
    const children = await this.resolveListings(ownersListings.filter((id) => !parents.has(id)));
    const snapshot = buildSnapshot(listings, users, logger, { ownerRoles, children });
    // Stamped with the database's clock: processes on machines whose clocks differ compare it.
    const syncedAt = await catalog.databaseNow();
    // Several processes sync at once (every worker at start, every plan): on PostgreSQL their
    // statements can deadlock on the same rows, and one of them is chosen to fail. Applying the
    // snapshot is idempotent, so the loser applies it again.
    for (let attempt = 1; ; attempt++) {
      try {
        await catalog.applySnapshot(snapshot, syncedAt);
        break;
      } catch (error) {
        if (attempt >= SYNC_ATTEMPTS || !isSerializationFailure(error)) throw error;
        logger.warn({ attempt, err: error }, 'catalog sync collided with another process; applying again');
        await sleep(Math.round(Math.random() * 50 * attempt));
      }
    }
    const result: CatalogSyncResult = {
      owners: snapshot.owners.length,
      properties: snapshot.properties.length,
      ownedProperties: snapshot.properties.filter((p) => p.ownerId !== null).length,
      syncedAt,
    };
    this.lastSync = result;
    logger.info({ ...result, ms: Date.now() - started }, 'catalog synced from Hostify');
    return result;
  }
}
