/**
 * Owners, properties (parent listings) with their settings, and child listings. Hostify is the
 * source of owners and listings; settings are ours and survive every sync.
 */
import { sql } from 'kysely';
import type { CommissionBasis, PropertySettings } from '../../domain/types.js';
import { chunks, yieldToEventLoop } from '../../lib/yield.js';
import { type Db, isPostgres } from '../database.js';

/** Rows per multi-row insert (SQLite allows 32,766 bound values per statement). */
const UPSERT_CHUNK = 500;

export interface Owner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  isActive: boolean;
}

export interface Property {
  id: string;
  ownerId: string | null;
  name: string;
  nickname: string | null;
  currency: string;
  isListed: boolean;
  /** The Hostify listing's tags, trimmed. */
  tags: string[];
  settings: PropertySettings;
}

export interface CatalogSnapshot {
  owners: Owner[];
  properties: Array<Omit<Property, 'settings'>>;
  childListings: Array<{ id: string; propertyId: string }>;
}

const toOwner = (r: {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  is_active: number;
}): Owner => ({
  id: r.id,
  email: r.email,
  firstName: r.first_name,
  lastName: r.last_name,
  isActive: r.is_active === 1,
});

type PropertyRow = {
  id: string;
  owner_id: string | null;
  name: string;
  nickname: string | null;
  currency: string;
  is_listed: number;
  commission_bp: number;
  commission_basis: string;
  owner_remits_taxes: number;
  tags: string;
};

function parseTags(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

/** Tags compare trimmed and in any letter case (DESIGN.md §6). */
export const tagKey = (tag: string): string => tag.trim().toLowerCase();

const toProperty = (r: PropertyRow): Property => ({
  id: r.id,
  ownerId: r.owner_id,
  name: r.name,
  nickname: r.nickname,
  currency: r.currency,
  isListed: r.is_listed === 1,
  tags: parseTags(r.tags),
  settings: {
    commissionPercent: Number(r.commission_bp) / 100,
    commissionBasis: r.commission_basis as CommissionBasis,
    ownerRemitsTaxes: r.owner_remits_taxes === 1,
  },
});

const propertyColumns = [
  'id',
  'owner_id',
  'name',
  'nickname',
  'currency',
  'is_listed',
  'commission_bp',
  'commission_basis',
  'owner_remits_taxes',
  'tags',
] as const;

export class CatalogRepository {
  constructor(private readonly db: Db) {}

  /**
   * The database server's time, as an ISO string in milliseconds: what a sync stamps its rows
   * with. Processes on several machines compare these stamps, and one clock cannot disagree
   * with itself the way machines' clocks can.
   */
  async databaseNow(): Promise<string> {
    const query = isPostgres(this.db)
      ? sql<{
          now: string;
        }>`select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as now`
      : sql<{ now: string }>`select strftime('%Y-%m-%dT%H:%M:%fZ', 'now') as now`;
    const { rows } = await query.execute(this.db);
    const now = rows[0]?.now;
    if (!now) throw new Error('the database did not tell its time');
    return now;
  }

  /**
   * Applies what Hostify says now. Property settings are kept; owners and listings that vanished
   * from Hostify stay (statements refer to them), but a vanished owner is marked inactive and a
   * vanished property loses its owner. Written as a few multi-row statements with pauses between
   * instead of one long transaction: SQLite has one connection here, and status requests must
   * not wait behind thousands of rows. Every intermediate state is one a reader may safely see.
   *
   * Several processes may apply snapshots at once. A row only moves forward in time (an upsert
   * from an older sync leaves a newer row alone), so "not seen by this sync" (`synced_at < now`)
   * never catches a row a concurrent sync has just written: without that, an older sync's late
   * chunk re-stamped rows that a newer sync then took for vanished and stripped of their owner.
   */
  async applySnapshot(snapshot: CatalogSnapshot, now: string): Promise<void> {
    for (const part of chunks(snapshot.owners, UPSERT_CHUNK)) {
      await this.db
        .insertInto('owners')
        .values(
          part.map((o) => ({
            id: o.id,
            email: o.email,
            first_name: o.firstName,
            last_name: o.lastName,
            is_active: o.isActive ? 1 : 0,
            synced_at: now,
          })),
        )
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet((eb) => ({
              email: eb.ref('excluded.email'),
              first_name: eb.ref('excluded.first_name'),
              last_name: eb.ref('excluded.last_name'),
              is_active: eb.ref('excluded.is_active'),
              synced_at: eb.ref('excluded.synced_at'),
            }))
            // A newer sync already wrote this row: an older one must not move it back in time.
            .where('owners.synced_at', '<=', (eb) => eb.ref('excluded.synced_at')),
        )
        .execute();
      await yieldToEventLoop();
    }
    await this.db.updateTable('owners').set({ is_active: 0 }).where('synced_at', '<', now).execute();

    for (const part of chunks(snapshot.properties, UPSERT_CHUNK)) {
      await this.db
        .insertInto('properties')
        .values(
          part.map((p) => ({
            id: p.id,
            owner_id: p.ownerId,
            name: p.name,
            nickname: p.nickname,
            currency: p.currency,
            is_listed: p.isListed ? 1 : 0,
            tags: JSON.stringify(p.tags),
            synced_at: now,
          })),
        )
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet((eb) => ({
              owner_id: eb.ref('excluded.owner_id'),
              name: eb.ref('excluded.name'),
              nickname: eb.ref('excluded.nickname'),
              currency: eb.ref('excluded.currency'),
              is_listed: eb.ref('excluded.is_listed'),
              tags: eb.ref('excluded.tags'),
              synced_at: eb.ref('excluded.synced_at'),
            }))
            .where('properties.synced_at', '<=', (eb) => eb.ref('excluded.synced_at')),
        )
        .execute();
      await yieldToEventLoop();
    }
    await this.db.updateTable('properties').set({ owner_id: null }).where('synced_at', '<', now).execute();

    // Child listings are not in Hostify's /listings: they are learned one look-up at a time
    // (DESIGN.md §4) and remembered, so a sync adds to them and never drops one.
    await this.rememberChildListings(snapshot.childListings);
  }

  /**
   * Remembers child listings and their property. An upsert, so processes learning the same child
   * at the same moment do not fail on each other's keys.
   */
  async rememberChildListings(children: ReadonlyArray<{ id: string; propertyId: string }>): Promise<void> {
    for (const part of chunks(children, UPSERT_CHUNK)) {
      await this.db
        .insertInto('child_listings')
        .values(part.map((c) => ({ id: c.id, property_id: c.propertyId })))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({ property_id: eb.ref('excluded.property_id') })),
        )
        .execute();
    }
  }

  /** Every tag of the owned properties, with how many owned properties carry it (any letter case). */
  async listTags(): Promise<Array<{ tag: string; propertyCount: number }>> {
    const rows = await this.db
      .selectFrom('properties')
      .select('tags')
      .where('owner_id', 'is not', null)
      .where('tags', '!=', '[]')
      .execute();
    const byKey = new Map<string, { tag: string; propertyCount: number }>();
    for (const row of rows) {
      const seen = new Set<string>();
      for (const tag of parseTags(row.tags)) {
        const key = tagKey(tag);
        if (key === '' || seen.has(key)) continue;
        seen.add(key);
        const entry = byKey.get(key);
        if (entry) entry.propertyCount += 1;
        else byKey.set(key, { tag: tag.trim(), propertyCount: 1 });
      }
    }
    return [...byKey.values()].sort((a, b) => a.tag.localeCompare(b.tag, 'en', { sensitivity: 'base' }));
  }

  async listOwners(options: { activeOnly?: boolean } = {}): Promise<Owner[]> {
    let q = this.db.selectFrom('owners').select(['id', 'email', 'first_name', 'last_name', 'is_active']);
    if (options.activeOnly) q = q.where('is_active', '=', 1);
    const rows = await q.orderBy('last_name').orderBy('first_name').orderBy('id').execute();
    return rows.map(toOwner);
  }

  async getOwner(id: string): Promise<Owner | undefined> {
    const row = await this.db
      .selectFrom('owners')
      .select(['id', 'email', 'first_name', 'last_name', 'is_active'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toOwner(row);
  }

  async listProperties(
    filter: { ownerId?: string; ownedOnly?: boolean; tag?: string } = {},
  ): Promise<Property[]> {
    let q = this.db.selectFrom('properties').select(propertyColumns);
    if (filter.ownerId !== undefined) q = q.where('owner_id', '=', filter.ownerId);
    if (filter.ownedOnly) q = q.where('owner_id', 'is not', null);
    const rows = await q.orderBy('name').orderBy('id').execute();
    const properties = rows.map(toProperty);
    if (filter.tag === undefined) return properties;
    const wanted = tagKey(filter.tag);
    return properties.filter((p) => p.tags.some((t) => tagKey(t) === wanted));
  }

  /** Every property id (owned or not), for attributing reservations. */
  async allPropertyIds(): Promise<Set<string>> {
    const rows = await this.db.selectFrom('properties').select('id').execute();
    return new Set(rows.map((r) => r.id));
  }

  async getProperty(id: string): Promise<Property | undefined> {
    const row = await this.db
      .selectFrom('properties')
      .select(propertyColumns)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toProperty(row);
  }

  /** The properties with these ids that exist, by id (one query for a batch of work items). */
  async getProperties(ids: readonly string[]): Promise<Map<string, Property>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('properties')
      .select(propertyColumns)
      .where('id', 'in', [...ids])
      .execute();
    return new Map(rows.map((r) => [r.id, toProperty(r)]));
  }

  async childListingIds(propertyId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('child_listings')
      .select('id')
      .where('property_id', '=', propertyId)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  /** Every child listing → its property (for attributing reservations). */
  async allChildListings(): Promise<Map<string, string>> {
    const rows = await this.db.selectFrom('child_listings').select(['id', 'property_id']).execute();
    return new Map(rows.map((r) => [r.id, r.property_id]));
  }

  /** Returns the updated property, or undefined when it does not exist. */
  async updateSettings(id: string, settings: PropertySettings, now: string): Promise<Property | undefined> {
    const result = await this.db
      .updateTable('properties')
      .set({
        commission_bp: Math.round(settings.commissionPercent * 100),
        commission_basis: settings.commissionBasis,
        owner_remits_taxes: settings.ownerRemitsTaxes ? 1 : 0,
        settings_updated_at: now,
      })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return undefined;
    return this.getProperty(id);
  }
}
