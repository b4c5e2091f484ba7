/**
 * An owner's delivery preference: how "send all" e-mails their statements of a period —
 * `combined` (the default: one e-mail, one PDF with every property) or `per_property` (one
 * e-mail per statement). Changed and audited together (`owner.delivery_changed`); stored in a
 * table of ours, so a catalog sync from Hostify never resets it.
 */
import { type Actor, userIdOf } from '../auth/principal.js';
import type { Owner } from '../db/repositories/catalog-repository.js';
import type { OwnerDelivery } from '../domain/owner-sending-plan.js';
import { type Clock, isoNow } from '../lib/clock.js';
import type { Changes } from './changes.js';
import type { OnDemandCatalog } from './on-demand-sync.js';

export interface OwnerWithDelivery {
  owner: Owner;
  propertyCount: number;
  delivery: OwnerDelivery;
}

export class OwnerDeliverySettings {
  constructor(
    private readonly deps: {
      changes: Changes;
      /** An owner Hostify has but the catalog has not seen yet is synced first; else 404. */
      onDemandCatalog: Pick<OnDemandCatalog, 'requireOwner'>;
      clock: Clock;
    },
  ) {}

  async update(ownerId: string, delivery: OwnerDelivery, actor: Actor): Promise<OwnerWithDelivery> {
    const owner = await this.deps.onDemandCatalog.requireOwner(ownerId);
    return this.deps.changes.apply(actor, async (tx) => {
      const before = await tx.deliveryPreferences.get(ownerId);
      const propertyCount = (await tx.catalog.listProperties({ ownerId })).length;
      const value = { owner, propertyCount, delivery };
      // The preference it has already: nothing changes, nothing is recorded.
      if (before.delivery === delivery) return { value, audit: null };
      await tx.deliveryPreferences.set(ownerId, delivery, isoNow(this.deps.clock), userIdOf(actor));
      return {
        value,
        audit: {
          action: 'owner.delivery_changed',
          target: { type: 'owner', id: ownerId },
          details: { before: before.delivery, after: delivery },
        },
      };
    });
  }
}
