/**
 * Reconciliation warnings (DESIGN.md §5): checks of Hostify's own totals against the amounts the
 * statement uses. They never change an amount; they tell an accountant which reservation to open
 * in Hostify.
 */
import { formatCents } from './money.js';
import type { Reservation, StatementWarning } from './types.js';

/** The warnings of one counted (non-cancellation) reservation, whole, before proration. */
export function reconciliationWarnings(r: Reservation): StatementWarning[] {
  const warnings: StatementWarning[] = [];
  const gross = r.accommodation + r.cleaning + r.otherFees;
  if (r.subtotal !== undefined && r.subtotal !== null && r.subtotal !== gross) {
    warnings.push({
      code: 'subtotal_mismatch',
      reservationId: r.id,
      message:
        `Hostify's subtotal ${formatCents(r.subtotal)} differs from base price + fees ` +
        `${formatCents(gross)}; check the reservation's fees in Hostify`,
    });
  }
  if (r.payout !== undefined && r.payout !== null) {
    const net = gross - r.channelFees;
    if (r.payout !== net && r.payout !== net + r.taxes) {
      warnings.push({
        code: 'payout_mismatch',
        reservationId: r.id,
        message:
          `Hostify's payout ${formatCents(r.payout)} equals neither gross − channel fees ` +
          `${formatCents(net)} nor that plus taxes ${formatCents(net + r.taxes)}; ` +
          'check the commission, fees and refunds of the reservation in Hostify',
      });
    }
  }
  return warnings;
}
