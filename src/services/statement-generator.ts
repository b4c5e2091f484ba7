/**
 * The unit of work "one property, one period": compute the statement from reservations and the
 * ledger, then store it. Shared by the synchronous API and the bulk job, so both apply exactly the
 * same rules. Idempotent: running it twice leaves one statement.
 */

import type { Property } from '../db/repositories/catalog-repository.js';
import type { StatementRepository, StoredStatement } from '../db/repositories/statement-repository.js';
import { calculateStatement } from '../domain/index.js';
import type {
  CalculationType,
  LedgerEntry,
  Period,
  PropertyErrorCode,
  Reservation,
  SkipReason,
  StatementOutcome,
} from '../domain/types.js';
import { type Clock, isoNow } from '../lib/clock.js';

export interface GenerationParams {
  period: Period;
  calculationType: CalculationType;
}

export type PropertyOutcome =
  | { kind: 'generated'; statement: StoredStatement; replaced: boolean }
  | { kind: 'skipped'; reason: SkipReason }
  | { kind: 'error'; code: PropertyErrorCode | string; message: string };

export class StatementGenerator {
  constructor(
    private readonly deps: {
      statements: StatementRepository;
      clock: Clock;
      /** COUNTED_STATUSES (§5); default accepted, confirmed, checked_in, completed. */
      countedStatuses?: readonly string[];
    },
  ) {}

  /** True when a final or sent statement already holds this property and period. */
  async isFinalized(propertyId: string, period: Period): Promise<boolean> {
    const existing = await this.deps.statements.findForPeriod(propertyId, period.start, period.end);
    return existing !== undefined && existing.status !== 'draft';
  }

  /**
   * Computes one property's statement without storing it. `reservations` and `ledger` may hold
   * other properties' records and records outside the period; the engine selects.
   */
  compute(
    property: Property,
    params: GenerationParams,
    reservations: readonly Reservation[],
    ledger: readonly LedgerEntry[],
    /** Malformed Hostify records of this property (see describeInvalidReservation). */
    invalid: readonly string[] = [],
  ): StatementOutcome {
    if (invalid.length > 0) {
      // One malformed record makes its property an error naming the reservation and the field;
      // the other properties are generated (DESIGN.md §4, "Tolerance").
      const more = invalid.length > 1 ? ` (and ${invalid.length - 1} more malformed reservation(s))` : '';
      return { kind: 'error', code: 'invalid_data', message: `${property.name}: ${invalid[0]}${more}` };
    }
    try {
      return calculateStatement({
        propertyId: property.id,
        currency: property.currency,
        period: params.period,
        calculationType: params.calculationType,
        settings: property.settings,
        // Hostify may omit a reservation's currency: it is then the listing's.
        reservations: reservations.map((r) =>
          r.currency.trim() === '' ? { ...r, currency: property.currency } : r,
        ),
        ledger: ledger.filter((e) => e.propertyId === property.id),
        ...(this.deps.countedStatuses ? { countedStatuses: this.deps.countedStatuses } : {}),
      });
    } catch (error) {
      // The engine refuses data it cannot compute exactly (an impossible date from Hostify, a
      // bad setting): that property is an error, the others go on.
      if (!(error instanceof RangeError)) throw error;
      return { kind: 'error', code: 'invalid_data', message: `${property.name}: ${error.message}` };
    }
  }

  /** Computes and stores one property's statement (the single-statement request). */
  async generate(
    property: Property,
    params: GenerationParams,
    reservations: readonly Reservation[],
    ledger: readonly LedgerEntry[],
    actorId: string | null = null,
    invalid: readonly string[] = [],
  ): Promise<PropertyOutcome> {
    const outcome = this.compute(property, params, reservations, ledger, invalid);
    if (outcome.kind !== 'generated') return outcome;
    const saved = await this.deps.statements.saveGenerated(
      outcome.statement,
      property.ownerId,
      isoNow(this.deps.clock),
      actorId,
    );
    if (saved.kind === 'finalized') return { kind: 'skipped', reason: 'finalized' };
    return { kind: 'generated', statement: saved.statement, replaced: saved.kind === 'replaced' };
  }
}
