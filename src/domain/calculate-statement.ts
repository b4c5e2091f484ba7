/**
 * The statement of one property and period (DESIGN §5), and what a run does with it: generate,
 * skip (no activity) or fail (mixed currency). Pure: the caller fetches the reservations and
 * ledger; the services skip a property whose statement is already final or sent.
 */
import { applyReservationOverrides, manualLine, type ReviewedSelection } from './apply-overrides.js';
import { calculateLine } from './calculate-line.js';
import { assertValidPeriod } from './dates.js';
import { reconciliationWarnings } from './reconciliation.js';
import { percentToHundredths } from './rounding.js';
import { selectLedger } from './select-ledger.js';
import { classifyReservations, countedStatusSet, type SelectedReservation } from './select-reservations.js';
import { computeTotals } from './totals.js';
import {
  CALCULATION_TYPES,
  COMMISSION_BASES,
  type ComputedStatement,
  type StatementInput,
  type StatementLine,
  type StatementOutcome,
} from './types.js';

/**
 * Rejects input the rules cannot apply to, with a RangeError naming the problem. Types guarantee
 * most of this at compile time; values read from a database or a request may still be wrong.
 */
function assertValidInput(input: StatementInput): void {
  assertValidPeriod(input.period);
  if (!CALCULATION_TYPES.includes(input.calculationType)) {
    throw new RangeError(`unknown calculation type: ${JSON.stringify(input.calculationType)}`);
  }
  if (!COMMISSION_BASES.includes(input.settings.commissionBasis)) {
    throw new RangeError(`unknown commission basis: ${JSON.stringify(input.settings.commissionBasis)}`);
  }
  percentToHundredths(input.settings.commissionPercent);
  for (const m of input.overrides?.manualLines ?? []) {
    if (!Number.isSafeInteger(m.amount)) {
      throw new RangeError(`manual line ${m.id}: amount must be a safe integer of cents, got ${m.amount}`);
    }
  }
}

/** Lines in a stable order: check-in, then reservation id (plain code-unit order, locale-free). */
function compareSelected(x: SelectedReservation, y: SelectedReservation): number {
  const a = x.reservation;
  const b = y.reservation;
  if (a.checkIn !== b.checkIn) return a.checkIn < b.checkIn ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

function normalizeCurrency(currency: string): string {
  return currency.trim().toUpperCase();
}

/** What the rules select, with the line review applied, in line order. */
function selectSorted(input: StatementInput): ReviewedSelection {
  const selection = applyReservationOverrides(
    classifyReservations(
      input.reservations,
      input.propertyId,
      input.period,
      input.calculationType,
      countedStatusSet(input.countedStatuses),
    ),
    input.reservations,
    input.propertyId,
    input.period,
    input.calculationType,
    input.overrides,
  );
  selection.selected.sort(compareSelected);
  selection.excluded.sort((a, b) =>
    a.checkIn !== b.checkIn ? (a.checkIn < b.checkIn ? -1 : 1) : a.reservationId < b.reservationId ? -1 : 1,
  );
  return selection;
}

function buildStatement(input: StatementInput, selection: ReviewedSelection): ComputedStatement {
  const { selected, excluded, included } = selection;
  const lines: StatementLine[] = selected.map((s) => {
    const line = calculateLine(s, input.settings);
    const why = included.get(s.reservation.id);
    return why ? { ...line, included: { ...why } } : line;
  });
  const manualLines = (input.overrides?.manualLines ?? []).map((m) => manualLine(m, input.settings));
  // Whole reservations, before proration; cancellation income is the payout by definition.
  const warnings = [
    ...selected.filter((s) => !s.cancellation).flatMap((s) => reconciliationWarnings(s.reservation)),
    ...selection.warnings,
  ];
  const { expenses, adjustments } = selectLedger(input.ledger, input.propertyId, input.period);
  return {
    propertyId: input.propertyId,
    currency: input.currency,
    period: { ...input.period },
    calculationType: input.calculationType,
    // A snapshot: later changes to the property's settings must not change a stored statement.
    settings: { ...input.settings },
    lines,
    manualLines,
    expenses,
    adjustments,
    totals: computeTotals(lines, expenses, adjustments, manualLines),
    excluded: [...excluded],
    warnings,
  };
}

/**
 * The first selected reservation (in line order) whose currency is not the statement's, as an
 * error message, or null. Amounts are never converted between currencies.
 */
export function findCurrencyMismatch(
  input: StatementInput,
  selected: readonly SelectedReservation[],
): string | null {
  const expected = normalizeCurrency(input.currency);
  const others = selected.filter((s) => normalizeCurrency(s.reservation.currency) !== expected);
  const first = others[0];
  if (!first) return null;
  const more = others.length > 1 ? ` (and ${others.length - 1} more reservation(s) in another currency)` : '';
  return (
    `reservation ${first.reservation.id} is in ${JSON.stringify(first.reservation.currency)} ` +
    `but property ${input.propertyId} is in ${JSON.stringify(input.currency)}${more}`
  );
}

/**
 * What a run should do for this property and period, ignoring any existing statement (the store
 * refuses to overwrite a final or sent one when it saves). Throws RangeError on invalid input (an
 * error outcome for the caller).
 */
export function calculateStatement(input: StatementInput): StatementOutcome {
  assertValidInput(input);
  const selection = selectSorted(input);
  const mismatch = findCurrencyMismatch(input, selection.selected);
  if (mismatch !== null) return { kind: 'error', code: 'mixed_currency', message: mismatch };
  const statement = buildStatement(input, selection);
  // An override that changed something, or that is a warning, is activity: a person's decision
  // is never dropped with the statement that would show it.
  const empty =
    statement.lines.length === 0 &&
    statement.manualLines.length === 0 &&
    statement.expenses.length === 0 &&
    statement.adjustments.length === 0 &&
    !selection.changed &&
    selection.warnings.length === 0;
  if (empty && !input.keepEmpty) return { kind: 'skipped', reason: 'no_activity' };
  return { kind: 'generated', statement };
}
