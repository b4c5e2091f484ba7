/**
 * The use case "generate one property's statement for one period", for any number of
 * properties at once. The immediate generation (one property or one owner, answered at once)
 * and each batch of a bulk job run exactly this, so both apply the same rules:
 *
 * 1. `fetchReservations`: the period's reservations from Hostify, attributed to their parent
 *    properties (a child listing's reservation counts for its parent, §4).
 * 2. `saveIn`, inside the transaction that saves: the finalized check (a final or sent statement
 *    is never overwritten), the ledger and line-review reads, the calculation and the save. So
 *    every regeneration, by a person or a job, applies the overrides stored for the property and
 *    period.
 *
 * Idempotent: running it twice leaves one statement per property and period.
 */
import type { Property } from '../db/repositories/catalog-repository.js';
import type { Repositories } from '../db/store.js';
import { calculateStatement, overridesInput } from '../domain/index.js';
import type {
  CalculationType,
  ComputedStatement,
  LedgerEntry,
  Period,
  PropertyErrorCode,
  Reservation,
  SkipReason,
  StatementOutcome,
  StatementOverride,
} from '../domain/types.js';
import type { HostifyClient } from '../hostify/types.js';
import { type Clock, isoNow } from '../lib/clock.js';
import type { CatalogService } from './catalog-service.js';
import { attributeBatch } from './reservation-fetch.js';
import type { Attributed } from './reservations.js';

export interface GenerationParams {
  period: Period;
  calculationType: CalculationType;
}

export interface SaveOptions {
  /**
   * Save the statement even with nothing on it (a line review regenerating its draft on purpose:
   * the draft must show the change, not keep its old figures). Default false: skipped, no_activity
   * (unless a draft of the property and period exists: it is always replaced).
   */
  keepEmpty?: boolean;
}

/** What one property needs besides the store: its reservations and its malformed records. */
export interface PropertyInput {
  reservations: readonly Reservation[];
  /** Messages naming each malformed Hostify record of the property (describeInvalidReservation). */
  invalid?: readonly string[];
}

export type PropertyOutcome =
  | { kind: 'generated'; statementId: string; replaced: boolean; warnings: number }
  | { kind: 'skipped'; reason: SkipReason }
  | { kind: 'error'; code: PropertyErrorCode | string; message: string };

const NOTHING_ATTRIBUTED = (): Attributed => ({
  byProperty: new Map(),
  invalidByProperty: new Map(),
  unattributed: [],
});

export class StatementGeneration {
  constructor(
    private readonly deps: {
      hostify: HostifyClient;
      catalogService: Pick<CatalogService, 'resolveListings'>;
      /** The catalog as stored: which listings are properties, which are children of which. */
      catalog: Repositories['catalog'];
      /** Read (outside transactions) by `anyOpen` only. */
      statements: Pick<Repositories['statements'], 'statusesForPeriod'>;
      clock: Clock;
      /** COUNTED_STATUSES (§5); default accepted, confirmed, checked_in, completed. */
      countedStatuses?: readonly string[];
    },
  ) {}

  /**
   * The period's reservations by dates only (§4: one paged list), picked per property locally;
   * listings the catalog has not seen are looked up once each and remembered. `catalogReady`
   * runs while the list is fetched (the catalog sync: attribution needs the stored catalog, the
   * fetch does not, so the rate budget is used meanwhile).
   */
  async fetchReservations(
    period: Period,
    catalogReady: () => Promise<void> = async () => {},
    signal?: AbortSignal,
  ): Promise<{ attributed: Attributed; fetched: number; malformed: number }> {
    const fetching = this.deps.hostify.listReservations({ from: period.start, to: period.end });
    fetching.catch(() => undefined); // awaited below; avoid an unhandled rejection meanwhile
    await catalogReady();
    // Cancelled meanwhile: the caller checks its signal and drops this; no listing look-ups.
    if (signal?.aborted) return { attributed: NOTHING_ATTRIBUTED(), fetched: 0, malformed: 0 };
    const batch = await fetching;
    if (signal?.aborted) return { attributed: NOTHING_ATTRIBUTED(), fetched: 0, malformed: 0 };
    const attributed = await attributeBatch(
      { catalog: this.deps.catalog, catalogService: this.deps.catalogService },
      batch,
    );
    return { attributed, fetched: batch.reservations.length, malformed: batch.invalid.length };
  }

  /**
   * Whether any of `propertyIds` can still get a statement of the period (none final or sent):
   * a Hostify fetch for properties that are all finalized is wasted, and fails for nothing when
   * Hostify is down. A read outside the transaction; `saveIn` decides.
   */
  async anyOpen(propertyIds: readonly string[], period: Period): Promise<boolean> {
    if (propertyIds.length === 0) return false;
    const statuses = await this.deps.statements.statusesForPeriod(propertyIds, period);
    return propertyIds.some((id) => {
      const status = statuses.get(id);
      return status === undefined || status === 'draft';
    });
  }

  /**
   * Checks, computes and saves the statements of `properties` with the repositories of the
   * caller's transaction `tx`; the outcome of each property by id. `actorId` is recorded as the
   * statements' author.
   */
  async saveIn(
    tx: Pick<Repositories, 'statements' | 'ledger' | 'overrides'>,
    properties: readonly Property[],
    params: GenerationParams,
    inputs: ReadonlyMap<string, PropertyInput>,
    actorId: string | null,
    options: SaveOptions = {},
  ): Promise<Map<string, PropertyOutcome>> {
    const { period } = params;
    const ids = properties.map((p) => p.id);
    const outcomes = new Map<string, PropertyOutcome>();
    // The finalized check, once, in the saving transaction. A statement finalized after this read
    // is still never overwritten: the save writes drafts only, and reports it here as skipped.
    // Locked: the overrides and ledger read below are then those of the last regeneration's commit.
    const statuses = await tx.statements.statusesForPeriod(ids, period, { lock: true });
    const open = properties.filter((p) => {
      const status = statuses.get(p.id);
      if (status === undefined || status === 'draft') return true;
      outcomes.set(p.id, { kind: 'skipped', reason: 'finalized' });
      return false;
    });
    const openIds = open.map((p) => p.id);
    const ledger = await tx.ledger.forPeriod(openIds, period);
    // Read in the same transaction as the save: an override added meanwhile is either in this
    // statement or regenerates it again after this commits.
    const reviews = await tx.overrides.forPeriod(openIds, period);
    const computed: Array<{
      statement: ComputedStatement;
      ownerId: string | null;
      overrides: StatementOverride[];
    }> = [];
    for (const property of open) {
      const input = inputs.get(property.id);
      const overrides = reviews.get(property.id) ?? [];
      // A draft of the period is replaced in place even when nothing is left on it (§5): skipping
      // would keep its stale lines and net payout, which could then be finalized and paid.
      const hasDraft = statuses.get(property.id) === 'draft';
      const outcome = this.compute(
        property,
        params,
        { reservations: input?.reservations ?? [], invalid: input?.invalid ?? [] },
        ledger,
        overrides,
        hasDraft ? { ...options, keepEmpty: true } : options,
      );
      if (outcome.kind === 'generated')
        computed.push({ statement: outcome.statement, ownerId: property.ownerId, overrides });
      else if (outcome.kind === 'skipped') outcomes.set(property.id, outcome);
      else outcomes.set(property.id, { kind: 'error', code: outcome.code, message: outcome.message });
    }
    const saved = await tx.statements.saveGeneratedMany(computed, isoNow(this.deps.clock), actorId);
    for (const { statement } of computed) {
      const stored = saved.get(statement.propertyId);
      outcomes.set(
        statement.propertyId,
        stored === undefined
          ? { kind: 'skipped', reason: 'finalized' }
          : {
              kind: 'generated',
              statementId: stored.id,
              // From what the save did: a draft another request wrote meanwhile was replaced too.
              replaced: stored.version > 1,
              warnings: statement.warnings.length,
            },
      );
    }
    return outcomes;
  }

  /**
   * One property's statement, not stored. `reservations` and `ledger` may hold other properties'
   * records and records outside the period; the calculator selects.
   */
  private compute(
    property: Property,
    params: GenerationParams,
    { reservations, invalid }: { reservations: readonly Reservation[]; invalid: readonly string[] },
    ledger: readonly LedgerEntry[],
    overrides: readonly StatementOverride[],
    options: SaveOptions,
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
        ...(overrides.length > 0 ? { overrides: overridesInput(overrides) } : {}),
        ...(options.keepEmpty ? { keepEmpty: true } : {}),
      });
    } catch (error) {
      // The calculator refuses data it cannot compute exactly (an impossible date from Hostify, a
      // bad setting): that property is an error, the others go on.
      if (!(error instanceof RangeError)) throw error;
      return { kind: 'error', code: 'invalid_data', message: `${property.name}: ${error.message}` };
    }
  }
}
