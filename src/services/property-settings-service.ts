/** A property's statement settings (commission, its basis, who remits taxes): changed and audited together. */
import type { Actor } from '../auth/principal.js';
import type { Property } from '../db/repositories/catalog-repository.js';
import type { PropertySettings } from '../domain/types.js';
import { type Clock, isoNow } from '../lib/clock.js';
import type { Changes } from './changes.js';
import { notFound } from './errors.js';
import type { OnDemandCatalog } from './on-demand-sync.js';

export class PropertySettingsService {
  constructor(
    private readonly deps: {
      changes: Changes;
      /** A property Hostify has but the catalog has not seen yet is synced first. */
      onDemandCatalog: Pick<OnDemandCatalog, 'requireProperty'>;
      clock: Clock;
    },
  ) {}

  async update(propertyId: string, settings: PropertySettings, actor: Actor): Promise<Property> {
    await this.deps.onDemandCatalog.requireProperty(propertyId);
    return this.deps.changes.apply(actor, async (tx) => {
      const before = await tx.catalog.getProperty(propertyId);
      if (!before) throw notFound('property', propertyId);
      const s = before.settings;
      // The settings it already has: nothing changes, nothing is recorded.
      if (
        s.commissionPercent === settings.commissionPercent &&
        s.commissionBasis === settings.commissionBasis &&
        s.ownerRemitsTaxes === settings.ownerRemitsTaxes
      ) {
        return { value: before, audit: null };
      }
      const updated = await tx.catalog.updateSettings(propertyId, settings, isoNow(this.deps.clock));
      if (!updated) throw notFound('property', propertyId);
      return {
        value: updated,
        audit: {
          action: 'property.settings_changed',
          target: { type: 'property', id: updated.id },
          details: { ...updated.settings },
        },
      };
    });
  }
}
