/**
 * The statement's reconciliation warnings above its reservations: how many, and for each kind
 * what it means and what to do (web/src/errorText.ts). Each warning itself sits under its line.
 */
import { OVERRIDE_WARNING_CODES } from '../../../src/domain/types.js';
import type { StatementDto } from '../api.js';
import { explainError } from '../errorText.js';
import { plural } from '../plural.js';

type Warning = StatementDto['warnings'][number];

const TITLES: Record<Warning['code'], string> = {
  subtotal_mismatch: 'Subtotal mismatch',
  payout_mismatch: 'Payout mismatch',
  unattributed_reservation: 'Unattributed reservation',
  override_reservation_missing: 'Override without its reservation',
  override_cancelled_reservation: 'Cancelled reservation not included',
  override_inactive: 'Override without effect',
};

export function StatementWarnings({ warnings: all }: { warnings: readonly Warning[] }) {
  // Overrides that change nothing are not about Hostify's totals: LineReviewWarnings shows them.
  const warnings = all.filter((w) => !OVERRIDE_WARNING_CODES.includes(w.code));
  if (warnings.length === 0) return null;
  const codes = [...new Set(warnings.map((w) => w.code))];
  return (
    <div className="warning-summary statement-warnings" role="status">
      <p>
        {plural(warnings.length, 'reconciliation warning')}: Hostify's own totals disagree with a reservation
        below. The amounts are computed as usual.
      </p>
      <ul aria-label="What the warnings mean">
        {codes.map((code) => {
          const { what, next } = explainError(code);
          const count = warnings.filter((w) => w.code === code).length;
          return (
            <li key={code}>
              <strong>
                {TITLES[code]}
                {count > 1 ? ` (${count})` : ''}:
              </strong>{' '}
              {what} {next}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
