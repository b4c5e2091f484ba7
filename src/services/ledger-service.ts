/**
 * Expenses and adjustments of a property (the ledger): they change the money of the next
 * statement, so each is stored with its audit row (who added it, from where) in one transaction.
 */
import type { Actor } from '../auth/principal.js';
import type { LedgerEntry } from '../domain/types.js';
import { type Clock, isoNow } from '../lib/clock.js';
import type { Changes } from './changes.js';
import type { OnDemandCatalog } from './on-demand-sync.js';

export type NewLedgerEntry = Omit<LedgerEntry, 'id'>;

export class LedgerService {
  constructor(
    private readonly deps: {
      changes: Changes;
      onDemandCatalog: Pick<OnDemandCatalog, 'requireProperty'>;
      clock: Clock;
    },
  ) {}

  async add(input: NewLedgerEntry, actor: Actor): Promise<LedgerEntry> {
    await this.deps.onDemandCatalog.requireProperty(input.propertyId);
    return this.deps.changes.apply(actor, async (tx) => {
      const entry = await tx.ledger.add(input, isoNow(this.deps.clock));
      const { propertyId, date, amount, type, description } = entry;
      return {
        value: entry,
        audit: {
          action: 'ledger.entry_added',
          target: { type: 'ledger_entry', id: entry.id },
          details: { propertyId, date, amount, type, description },
        },
      };
    });
  }
}
