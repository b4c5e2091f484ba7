/**
 * Keeps the local catalog (owners, properties, child listings) in step with Hostify. Syncs are
 * single-flight: callers that arrive while one runs share its result instead of starting another.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { isSerializationFailure } from '../db/errors.js';
import type {
  CatalogRepository,
  CatalogSnapshot,
  Owner,
  Property,
} from '../db/repositories/catalog-repository.js';
import { isOwner } from '../hostify/index.js';
import type { HostifyClient, HostifyListing, HostifyUser } from '../hostify/types.js';
import { notFound } from './errors.js';

/** Tries at applying a snapshot that deadlocked with another process's sync. */
const SYNC_ATTEMPTS = 5;

export interface CatalogSyncResult {
  owners: number;
  properties: number;
  ownedProperties: number;
  syncedAt: string;
}

/** Builds what we store from Hostify's listings and users (pure; exported for tests). */
export function buildSnapshot(
  listings: readonly HostifyListing[],
  users: readonly HostifyUser[],
  log?: Pick<Logger, 'warn'>,
): CatalogSnapshot {
  const parentOf = new Map<string, string>();
  for (const l of listings) if (l.parentId) parentOf.set(l.id, l.parentId);
  const parents = listings.filter((l) => !l.parentId);
  const owners = users.filter(isOwner).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));

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
      currency: l.currency.toUpperCase(),
      isListed: l.isListed,
    })),
    childListings: [...parentOf].map(([id, propertyId]) => ({ id, propertyId })),
  };
}

export class CatalogService {
  private running: Promise<CatalogSyncResult> | undefined;
  private lastSync: CatalogSyncResult | undefined;

  constructor(
    private readonly deps: {
      hostify: HostifyClient;
      catalog: CatalogRepository;
      logger: Logger;
    },
  ) {}

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
    const [listings, users] = await Promise.all([hostify.listListings(), hostify.listUsers()]);
    const snapshot = buildSnapshot(listings, users, logger);
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

  /** The owner, syncing first when it is not known locally yet. 404 when Hostify has none. */
  async requireOwner(ownerId: string): Promise<Owner> {
    const known = await this.deps.catalog.getOwner(ownerId);
    if (known?.isActive) return known;
    await this.sync();
    const owner = await this.deps.catalog.getOwner(ownerId);
    if (!owner?.isActive) throw notFound('owner', ownerId);
    return owner;
  }

  /** The property, syncing first when it is not known locally yet. 404 when Hostify has none. */
  async requireProperty(propertyId: string): Promise<Property> {
    const known = await this.deps.catalog.getProperty(propertyId);
    if (known) return known;
    await this.sync();
    const property = await this.deps.catalog.getProperty(propertyId);
    if (!property) throw notFound('property', propertyId);
    return property;
  }
}
