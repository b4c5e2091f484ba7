/**
 * The payout report's period: a month, or one of the latest periods that have statements (a
 * period that is not a calendar month, say the first half, is reachable only from there).
 */
import { useId } from 'react';
import type { Period } from '../../../src/domain/types.js';
import type { PayoutPeriodsDto } from '../api.js';
import { formatPeriodShort } from '../format.js';
import { monthOf, monthToPeriod, periodKey } from '../pages/payoutPeriod.js';

export function PayoutPeriodPicker({
  period,
  periods,
  onChange,
}: {
  period: Period;
  /** The latest periods with statements; undefined while they load (or when they failed). */
  periods: PayoutPeriodsDto['periods'] | undefined;
  onChange: (period: Period) => void;
}) {
  const id = useId();
  const current = periodKey({ periodStart: period.start, periodEnd: period.end });
  const listed = periods?.some((p) => periodKey(p) === current) ?? false;
  return (
    <fieldset className="filters">
      <legend>Period</legend>
      <div className="field">
        <label htmlFor={`${id}-month`}>Month</label>
        <input
          id={`${id}-month`}
          type="month"
          value={monthOf(period)}
          onChange={(e) => {
            const month = monthToPeriod(e.target.value);
            if (month) onChange(month);
          }}
        />
      </div>
      {periods && periods.length > 0 ? (
        <div className="field">
          <label htmlFor={`${id}-recent`}>Periods with statements</label>
          <select
            id={`${id}-recent`}
            value={listed ? current : ''}
            onChange={(e) => {
              const chosen = periods.find((p) => periodKey(p) === e.target.value);
              if (chosen) onChange({ start: chosen.periodStart, end: chosen.periodEnd });
            }}
          >
            {listed ? null : <option value="">{formatPeriodShort(period.start, period.end)}</option>}
            {periods.map((p) => (
              <option key={periodKey(p)} value={periodKey(p)}>
                {`${formatPeriodShort(p.periodStart, p.periodEnd)} · ${p.statementCount} statement${p.statementCount === 1 ? '' : 's'}`}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </fieldset>
  );
}
