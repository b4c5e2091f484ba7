/**
 * Read model of the catalog for the HTTP layer: owners, properties and tags as stored by the
 * last sync. It changes nothing (changes go through CatalogService, PropertySettingsService and
 * LedgerService).
 */
import {
  type CatalogRepository,
  type Owner,
  type Property,
  tagKey,
} from '../db/repositories/catalog-repository.js';
import type { DeliveryPreferenceRepository } from '../db/repositories/delivery-preference-repository.js';
import { DEFAULT_OWNER_DELIVERY, type OwnerDelivery } from '../domain/owner-sending-plan.js';

export class CatalogQueries {
  constructor(
    private readonly deps: {
      catalog: CatalogRepository;
      deliveryPreferences: Pick<DeliveryPreferenceRepository, 'all'>;
    },
  ) {}

  /** Active owners, each with how many properties they own and how statements are e-mailed to them. */
  async activeOwners(): Promise<Array<{ owner: Owner; propertyCount: number; delivery: OwnerDelivery }>> {
    const { catalog, deliveryPreferences } = this.deps;
    const [owners, properties, preferences] = await Promise.all([
      catalog.listOwners({ activeOnly: true }),
      catalog.listProperties({ ownedOnly: true }),
      deliveryPreferences.all(),
    ]);
    const counts = new Map<string, number>();
    for (const p of properties) if (p.ownerId) counts.set(p.ownerId, (counts.get(p.ownerId) ?? 0) + 1);
    return owners.map((owner) => ({
      owner,
      propertyCount: counts.get(owner.id) ?? 0,
      delivery: preferences.get(owner.id) ?? DEFAULT_OWNER_DELIVERY,
    }));
  }

  properties(filter: { ownerId?: string }): Promise<Property[]> {
    return this.deps.catalog.listProperties(filter);
  }

  tags(): Promise<Array<{ tag: string; propertyCount: number }>> {
    return this.deps.catalog.listTags();
  }

  /** Whether some owned property carries the tag (trimmed, any letter case). */
  async hasTag(wanted: string): Promise<boolean> {
    return (await this.deps.catalog.listTags()).some((t) => tagKey(t.tag) === tagKey(wanted));
  }

  owner(id: string): Promise<Owner | undefined> {
    return this.deps.catalog.getOwner(id);
  }
}
