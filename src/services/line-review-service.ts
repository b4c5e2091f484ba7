/**
 * Line review of a draft statement (issue §4): a person excludes a counted reservation, includes
 * one the rules left out, or adds a manual line, and removes any of these again. Overrides are
 * stored per property and period (every later regeneration applies them); each change
 * regenerates the draft at once, with fresh reservations from Hostify, in one transaction with
 * the override and its audit row. Hostify is asked first: when it cannot be reached nothing is
 * changed.
 *
 * A request refers to what the person sees: an exclusion names a line of the draft, an inclusion
 * a reservation it lists as not counted. A line that an inclusion put there, or a reservation an
 * exclusion took off, is changed back by removing that override, so the list of overrides always
 * reads as the decisions in force.
 */
import { type Actor, userIdOf } from '../auth/principal.js';
import { isUniqueViolation } from '../db/errors.js';
import type { CatalogRepository } from '../db/repositories/catalog-repository.js';
import type { NewOverride, OverrideRepository } from '../db/repositories/override-repository.js';
import type { StatementRepository, StoredStatement } from '../db/repositories/statement-repository.js';
import type { Repositories } from '../db/store.js';
import { isCancellationStatus } from '../domain/select-reservations.js';
import type { StatementOverride } from '../domain/types.js';
import { type Clock, isoNow } from '../lib/clock.js';
import type { AuditAction } from './audit-service.js';
import type { Changes } from './changes.js';
import { ConcurrentChangeError, conflict, notFound, unprocessable } from './errors.js';
import type { PropertyInput, StatementGeneration } from './statement-generation.js';

/** Only drafts are reviewed; the same code as deleting a non-draft. */
const notDraft = (s: StoredStatement) =>
  conflict(`only drafts can be reviewed; this statement is ${s.status}`, 'not_a_draft');

/** The override as its audit row records it. */
const described = (o: StatementOverride) => ({
  id: o.id,
  kind: o.kind,
  ...(o.kind === 'manual'
    ? { description: o.description, amount: o.amount, countsTowardCommission: o.countsTowardCommission }
    : { reservationId: o.reservationId, reason: o.reason }),
});

/**
 * Why `request` cannot be applied to the draft `s` whose stored overrides are `stored` (a
 * DomainError), or the stored override it makes obsolete: an exclusion replaces an inclusion of
 * the same reservation that no longer does anything (its status came to be counted), and the
 * other way round.
 */
function check(
  s: StoredStatement,
  stored: readonly StatementOverride[],
  request: NewOverride,
): StatementOverride | null {
  if (request.kind === 'manual') return null;
  const id = request.reservationId;
  const opposite = stored.find(
    (o) => o.reservationId === id && o.kind === (request.kind === 'exclude' ? 'include' : 'exclude'),
  );
  if (request.kind === 'exclude') {
    const line = s.lines.find((l) => l.reservationId === id);
    if (!line) {
      throw unprocessable(
        'not_a_line',
        `reservation ${id} is not a line of this statement; only counted reservations can be excluded`,
      );
    }
    if (line.included && opposite) {
      throw unprocessable(
        'included_by_override',
        `reservation ${id} is counted because it was included (${JSON.stringify(opposite.reason)}); remove that override (${opposite.id}) instead`,
      );
    }
    return opposite ?? null;
  }
  const left = s.excluded.find((e) => e.reservationId === id);
  if (!left) {
    throw unprocessable(
      'not_excluded',
      `reservation ${id} is not among the reservations this statement leaves out; only those can be included`,
    );
  }
  if (left.overrideReason !== undefined && opposite) {
    throw unprocessable(
      'excluded_by_override',
      `reservation ${id} was excluded (${JSON.stringify(opposite.reason)}); remove that override (${opposite.id}) to count it again`,
    );
  }
  // Left out for its cancelled status (a cancellation with a payout is counted already): the
  // guest paid nothing, so its booked amounts are not the owner's money.
  if (left.overrideReason === undefined && isCancellationStatus(left.status)) {
    throw unprocessable(
      'cancelled_reservation',
      `reservation ${id} is ${left.status} without a payout, so the guest paid nothing for it and it cannot be included; add a manual line for what the owner was actually paid instead`,
    );
  }
  return opposite ?? null;
}

export class LineReviewService {
  constructor(
    private readonly deps: {
      generation: StatementGeneration;
      /** Read outside transactions, to refuse early what needs no Hostify call. */
      statements: Pick<StatementRepository, 'get'>;
      overrides: Pick<OverrideRepository, 'forPeriod'>;
      catalog: Pick<CatalogRepository, 'getProperty'>;
      changes: Changes;
      clock: Clock;
    },
  ) {}

  /** Adds an override to a draft and returns the draft regenerated with it. */
  async add(statementId: string, request: NewOverride, actor: Actor): Promise<StoredStatement> {
    const before = await this.draft(statementId);
    check(before, await this.storedFor(this.deps.overrides, before), request);
    return this.regenerating(before, actor, async (tx, current) => {
      const obsolete = check(current, await this.storedFor(tx.overrides, current), request);
      if (obsolete) await tx.overrides.remove(current.propertyId, current.period, obsolete.id);
      const added = await tx.overrides
        .add(current.propertyId, current.period, request, isoNow(this.deps.clock), userIdOf(actor))
        .catch((error: unknown) => {
          // The same exclusion or inclusion, added by someone else a moment ago.
          throw isUniqueViolation(error) ? new ConcurrentChangeError() : error;
        });
      return {
        action: 'statement.override_added',
        details: { override: described(added), ...(obsolete ? { replaced: described(obsolete) } : {}) },
      };
    });
  }

  /** Removes one override of a draft and returns the draft regenerated without it. */
  async remove(statementId: string, overrideId: string, actor: Actor): Promise<StoredStatement> {
    const before = await this.draft(statementId);
    const known = async (overrides: Pick<OverrideRepository, 'forPeriod'>, s: StoredStatement) => {
      const o = (await this.storedFor(overrides, s)).find((x) => x.id === overrideId);
      if (!o) throw notFound('override', overrideId);
      return o;
    };
    await known(this.deps.overrides, before);
    return this.regenerating(before, actor, async (tx, current) => {
      const removed = await known(tx.overrides, current);
      if (!(await tx.overrides.remove(current.propertyId, current.period, removed.id))) {
        throw new ConcurrentChangeError();
      }
      return { action: 'statement.override_removed', details: { override: described(removed) } };
    });
  }

  /** The overrides stored for the statement's property and period (the table, not its copy). */
  private async storedFor(
    overrides: Pick<OverrideRepository, 'forPeriod'>,
    s: StoredStatement,
  ): Promise<StatementOverride[]> {
    return (await overrides.forPeriod([s.propertyId], s.period)).get(s.propertyId) ?? [];
  }

  private async draft(statementId: string): Promise<StoredStatement> {
    const s = await this.deps.statements.get(statementId);
    if (!s) throw notFound('statement', statementId);
    if (s.status !== 'draft') throw notDraft(s);
    return s;
  }

  /**
   * Fetches the period's reservations, then in one transaction: re-reads the draft (it may have
   * changed meanwhile), runs `change`, regenerates the draft with the stored overrides, and
   * writes the audit row `change` describes. A statement that cannot be regenerated (its
   * property is now an error) rolls the change back, with that error.
   */
  private async regenerating(
    before: StoredStatement,
    actor: Actor,
    change: (
      tx: Repositories,
      current: StoredStatement,
    ) => Promise<{ action: AuditAction; details: Record<string, unknown> }>,
  ): Promise<StoredStatement> {
    const property = await this.deps.catalog.getProperty(before.propertyId);
    if (!property) throw notFound('property', before.propertyId);
    const { attributed } = await this.deps.generation.fetchReservations(before.period);
    const input: PropertyInput = {
      reservations: attributed.byProperty.get(property.id) ?? [],
      invalid: attributed.invalidByProperty.get(property.id) ?? [],
    };
    return this.deps.changes.apply(actor, async (tx) => {
      // First the statement's lock (PostgreSQL): two reviews of one draft, or a review and a bulk
      // job, then run one after the other, each reading what the other committed.
      await tx.statements.statusesForPeriod([before.propertyId], before.period, { lock: true });
      const current = await tx.statements.get(before.id);
      if (!current) throw notFound('statement', before.id);
      if (current.status !== 'draft') throw notDraft(current);
      const { action, details } = await change(tx, current);
      const outcomes = await this.deps.generation.saveIn(
        tx,
        [property],
        { period: current.period, calculationType: current.calculationType },
        new Map([[property.id, input]]),
        userIdOf(actor),
        // The draft shows the review's result even when nothing is left on it.
        { keepEmpty: true },
      );
      const outcome = outcomes.get(property.id);
      if (outcome?.kind === 'error') throw unprocessable(outcome.code, outcome.message);
      // Finalized between the read above and the save (another process): nothing is kept.
      if (outcome?.kind !== 'generated') throw new ConcurrentChangeError();
      const after = await tx.statements.get(outcome.statementId);
      if (!after) throw new Error(`statement ${outcome.statementId} vanished while it was saved`);
      return {
        value: after,
        audit: {
          action,
          target: { type: 'statement', id: after.id },
          details: { ...details, propertyId: after.propertyId, period: after.period, version: after.version },
        },
      };
    });
  }
}
