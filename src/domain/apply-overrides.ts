/**
 * Line review (issue §4): a person's overrides of one property and period, applied to what the
 * rules selected. Pure, like the rest of the calculator, so every regeneration applies them the
 * same way:
 *
 * - an exclusion takes a counted reservation off the statement; it is listed with the excluded
 *   ones, with the reason;
 * - an inclusion counts a reservation the rules left out (its status is not counted) as if its
 *   status were counted; the line says it was included, and why;
 * - an exclusion and an inclusion of the same reservation cancel out: the statement is as if
 *   neither existed;
 * - an override naming a reservation the statement does not take (gone from Hostify, moved out
 *   of the period, or not taken by this calculation type) changes nothing and is a warning, so it
 *   is never lost silently;
 * - an override that no longer does anything (the excluded reservation is not counted by its
 *   status any more, or the included one now is: its status changed in Hostify) is a warning too,
 *   so the list of overrides never claims a decision that has no effect;
 * - an inclusion of a cancelled reservation (a cancellation status without payout: the guest paid
 *   nothing) is never counted: counting it at its booked amounts would pay the owner for a stay
 *   that did not happen. The service refuses such an inclusion; one stored earlier (or written to
 *   the database directly) is a warning that changes nothing.
 */
import { percentOf } from './rounding.js';
import {
  isCancellationStatus,
  type SelectedReservation,
  type Selection,
  selectReservation,
} from './select-reservations.js';
import type {
  CalculationType,
  ExcludedReservation,
  ManualLine,
  ManualLineInput,
  Period,
  PropertySettings,
  Reservation,
  ReservationOverride,
  StatementOverride,
  StatementOverrides,
  StatementWarning,
} from './types.js';

/** The calculator's input from stored overrides (oldest first: manual lines keep that order). */
export function overridesInput(stored: readonly StatementOverride[]): StatementOverrides {
  const reservationOverrides = (kind: 'exclude' | 'include'): ReservationOverride[] =>
    stored
      .filter((o) => o.kind === kind && o.reservationId !== null)
      .map((o) => ({ reservationId: o.reservationId ?? '', reason: o.reason ?? '' }));
  return {
    exclusions: reservationOverrides('exclude'),
    inclusions: reservationOverrides('include'),
    manualLines: stored
      .filter((o) => o.kind === 'manual')
      .map((o) => ({
        id: o.id,
        description: o.description ?? '',
        amount: o.amount ?? 0,
        countsTowardCommission: o.countsTowardCommission === true,
      })),
  };
}

export interface ReviewedSelection extends Selection {
  /** Reservations counted by an inclusion: id → why, and the status Hostify gives them. */
  included: Map<string, { reason: string; status: string }>;
  /** Whether any override changed what is counted (an exclusion or inclusion took effect). */
  changed: boolean;
  /** One per override that changed nothing: its reservation is not taken, or cannot be included. */
  warnings: StatementWarning[];
}

/** First reason per reservation id (an id named twice keeps its first reason). */
function byReservation(overrides: readonly ReservationOverride[] = []): Map<string, string> {
  const map = new Map<string, string>();
  for (const o of overrides) if (!map.has(o.reservationId)) map.set(o.reservationId, o.reason);
  return map;
}

function missingWarning(
  kind: 'exclusion' | 'inclusion',
  o: { id: string; reason: string },
): StatementWarning {
  return {
    code: 'override_reservation_missing',
    reservationId: o.id,
    message:
      `The ${kind} of reservation ${o.id} (reason: ${JSON.stringify(o.reason)}) names a reservation ` +
      'this statement does not take: it is no longer in Hostify for this property, or its dates moved ' +
      'out of the period. Nothing was changed by it; remove the override if it is no longer needed.',
  };
}

function cancelledWarning(r: Reservation, reason: string): StatementWarning {
  return {
    code: 'override_cancelled_reservation',
    reservationId: r.id,
    message:
      `The inclusion of reservation ${r.id} (reason: ${JSON.stringify(reason)}) names a reservation ` +
      `that is ${r.status} in Hostify without a payout, so the guest paid nothing for the stay; it is ` +
      'not counted. Remove the override, and add a manual line for what the owner was actually paid.',
  };
}

function inactiveWarning(kind: 'exclusion' | 'inclusion', r: Reservation, reason: string): StatementWarning {
  const now =
    kind === 'exclusion'
      ? 'which the statement does not count, so it is left out without the exclusion'
      : 'which the statement counts, so it is counted without the inclusion';
  return {
    code: 'override_inactive',
    reservationId: r.id,
    message:
      `The ${kind} of reservation ${r.id} (reason: ${JSON.stringify(reason)}) no longer does anything: ` +
      `its status in Hostify is now ${JSON.stringify(r.status)}, ${now}. Nothing was changed by it; ` +
      'remove the override if it is no longer needed.',
  };
}

function asExcluded(s: SelectedReservation, reason: string): ExcludedReservation {
  const r = s.reservation;
  return {
    reservationId: r.id,
    guestName: r.guestName,
    checkIn: r.checkIn,
    checkOut: r.checkOut,
    status: r.status,
    payout: r.payout ?? null,
    overrideReason: reason,
  };
}

/**
 * `selection` (what the rules chose from `reservations` of `propertyId`) with the exclusions
 * and inclusions of `overrides` applied. Lines keep no particular order here; the caller sorts.
 */
export function applyReservationOverrides(
  selection: Selection,
  reservations: readonly Reservation[],
  propertyId: string,
  period: Period,
  calculationType: CalculationType,
  overrides: StatementOverrides | undefined,
): ReviewedSelection {
  const exclusions = byReservation(overrides?.exclusions);
  const inclusions = byReservation(overrides?.inclusions);
  const known = new Set([
    ...selection.selected.map((s) => s.reservation.id),
    ...selection.excluded.map((e) => e.reservationId),
  ]);
  const warnings: StatementWarning[] = [];
  for (const [id, reason] of exclusions)
    if (!known.has(id)) warnings.push(missingWarning('exclusion', { id, reason }));
  for (const [id, reason] of inclusions)
    if (!known.has(id)) warnings.push(missingWarning('inclusion', { id, reason }));
  // Both for one reservation: they cancel out.
  const excludes = (id: string) => exclusions.has(id) && !inclusions.has(id);
  const includes = (id: string) => inclusions.has(id) && !exclusions.has(id);

  const selected: SelectedReservation[] = [];
  const excluded: ExcludedReservation[] = [];
  const included = new Map<string, { reason: string; status: string }>();
  let changed = false;
  for (const s of selection.selected) {
    const id = s.reservation.id;
    if (excludes(id)) {
      excluded.push(asExcluded(s, exclusions.get(id) ?? ''));
      changed = true;
    } else {
      // Counted by its status (or as cancellation income): an inclusion adds nothing.
      if (includes(id)) warnings.push(inactiveWarning('inclusion', s.reservation, inclusions.get(id) ?? ''));
      selected.push(s);
    }
  }
  const mine = new Map(reservations.filter((r) => r.propertyId === propertyId).map((r) => [r.id, r]));
  for (const e of selection.excluded) {
    const r = mine.get(e.reservationId);
    // Left out by its status already: an exclusion takes nothing off.
    if (r && excludes(r.id)) warnings.push(inactiveWarning('exclusion', r, exclusions.get(r.id) ?? ''));
    if (r && includes(r.id) && isCancellationStatus(r.status)) {
      warnings.push(cancelledWarning(r, inclusions.get(r.id) ?? ''));
      excluded.push(e);
      continue;
    }
    const s = r && includes(e.reservationId) ? selectReservation(r, period, calculationType) : null;
    if (r && s) {
      selected.push(s);
      included.set(r.id, { reason: inclusions.get(r.id) ?? '', status: r.status });
      changed = true;
    } else excluded.push(e);
  }
  return { selected, excluded, included, changed, warnings };
}

/** A manual line's money (see ManualLine): the amount is other income, commission by its flag. */
export function manualLine(input: ManualLineInput, settings: PropertySettings): ManualLine {
  const commission = input.countsTowardCommission ? percentOf(input.amount, settings.commissionPercent) : 0;
  return {
    id: input.id,
    description: input.description,
    amount: input.amount,
    countsTowardCommission: input.countsTowardCommission,
    accommodation: 0,
    cleaning: 0,
    otherFees: input.amount,
    grossRevenue: input.amount,
    channelFees: 0,
    commission,
    taxes: 0,
    ownerPayout: input.amount - commission,
  };
}
