/**
 * Each owner's choice of how a period's statements are e-mailed (migration 017). An owner with
 * no row has the default, `combined`; the catalog sync never touches this table.
 */
import {
  DEFAULT_OWNER_DELIVERY,
  OWNER_DELIVERIES,
  type OwnerDelivery,
} from '../../domain/owner-sending-plan.js';
import type { Db } from '../database.js';

export interface DeliveryPreference {
  ownerId: string;
  delivery: OwnerDelivery;
  /** Null while the owner has the default (nobody chose). */
  updatedAt: string | null;
  updatedBy: string | null;
}

/** A stored value this version does not know (written by a newer one) reads as the default. */
const toDelivery = (value: string): OwnerDelivery =>
  (OWNER_DELIVERIES as readonly string[]).includes(value) ? (value as OwnerDelivery) : DEFAULT_OWNER_DELIVERY;

export class DeliveryPreferenceRepository {
  constructor(private readonly db: Db) {}

  async get(ownerId: string): Promise<DeliveryPreference> {
    const row = await this.db
      .selectFrom('owner_delivery_preferences')
      .selectAll()
      .where('owner_id', '=', ownerId)
      .executeTakeFirst();
    if (!row) return { ownerId, delivery: DEFAULT_OWNER_DELIVERY, updatedAt: null, updatedBy: null };
    return {
      ownerId,
      delivery: toDelivery(row.delivery),
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    };
  }

  /** The owners that chose something; everyone else has the default. */
  async all(): Promise<Map<string, OwnerDelivery>> {
    const rows = await this.db
      .selectFrom('owner_delivery_preferences')
      .select(['owner_id', 'delivery'])
      .execute();
    return new Map(rows.map((r) => [r.owner_id, toDelivery(r.delivery)]));
  }

  async set(ownerId: string, delivery: OwnerDelivery, now: string, by: string | null): Promise<void> {
    await this.db
      .insertInto('owner_delivery_preferences')
      .values({ owner_id: ownerId, delivery, updated_at: now, updated_by: by })
      .onConflict((oc) => oc.column('owner_id').doUpdateSet({ delivery, updated_at: now, updated_by: by }))
      .execute();
  }
}
