/**
 * Reads what planning a "send all" needs — every statement of the period, the owners' names and
 * delivery preferences — and plans it (src/domain/owner-sending-plan.ts). The preview and the
 * job call this one method, so the dialog's "N e-mails to M owners" is what the job sends.
 */
import type { CatalogRepository } from '../db/repositories/catalog-repository.js';
import type { DeliveryPreferenceRepository } from '../db/repositories/delivery-preference-repository.js';
import type { StatementRepository } from '../db/repositories/statement-repository.js';
import {
  DEFAULT_OWNER_DELIVERY,
  planSending,
  type SendingPlan,
  unknownOwner,
} from '../domain/owner-sending-plan.js';
import type { Period } from '../domain/types.js';

export class SendingPlanner {
  constructor(
    private readonly deps: {
      statements: StatementRepository;
      catalog: CatalogRepository;
      deliveryPreferences: DeliveryPreferenceRepository;
    },
  ) {}

  /** The plan for the period (only `ownerId`'s statements when given). */
  async plan(period: Period, filter: { ownerId?: string } = {}): Promise<SendingPlan> {
    const { statements, catalog, deliveryPreferences } = this.deps;
    const [found, owners, preferences] = await Promise.all([
      statements.ofPeriod(period, filter),
      filter.ownerId !== undefined
        ? catalog.getOwner(filter.ownerId).then((o) => (o ? [o] : []))
        : catalog.listOwners(),
      deliveryPreferences.all(),
    ]);
    const byId = new Map(owners.map((o) => [o.id, o]));
    return planSending(found, (ownerId) => {
      const owner = byId.get(ownerId);
      if (!owner) return unknownOwner(ownerId);
      return {
        name: `${owner.firstName} ${owner.lastName}`.trim() || owner.email || `owner ${ownerId}`,
        delivery: preferences.get(ownerId) ?? DEFAULT_OWNER_DELIVERY,
      };
    });
  }
}
