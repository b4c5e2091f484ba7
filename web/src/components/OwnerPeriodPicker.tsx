/**
 * Which period the owner statement is for: one of the periods the owner has statements of
 * (latest first), or other dates — an owner statement covers exactly one period, so the two dates
 * are the period's first and last day.
 */
import { useId, useState } from 'react';
import type { OwnerPeriod } from '../api.js';
import { formatPeriodShort } from '../format.js';

const OTHER = 'other';
const keyOf = (p: OwnerPeriod) => `${p.periodStart}/${p.periodEnd}`;

export function OwnerPeriodPicker({
  periods,
  value,
  onChange,
}: {
  periods: OwnerPeriod[];
  value: OwnerPeriod;
  onChange: (period: OwnerPeriod) => void;
}) {
  const id = useId();
  const known = periods.some((p) => keyOf(p) === keyOf(value));
  const [other, setOther] = useState(!known);
  const [from, setFrom] = useState(value.periodStart);
  const [to, setTo] = useState(value.periodEnd);
  const showDates = other || !known;

  function pick(choice: string) {
    if (choice === OTHER) {
      setOther(true);
      setFrom(value.periodStart);
      setTo(value.periodEnd);
      return;
    }
    const period = periods.find((p) => keyOf(p) === choice);
    if (!period) return;
    setOther(false);
    onChange(period);
  }

  function setDates(start: string, end: string) {
    setFrom(start);
    setTo(end);
    // Asked for once both dates are there and in order; the server says what else is wrong.
    if (start && end && start <= end) onChange({ periodStart: start, periodEnd: end });
  }

  return (
    <fieldset className="filters owner-period-picker">
      <legend>Period</legend>
      <div className="field">
        <label htmlFor={`${id}-period`}>Owner statement for</label>
        <select
          id={`${id}-period`}
          value={showDates ? OTHER : keyOf(value)}
          onChange={(e) => pick(e.target.value)}
        >
          {periods.map((p) => (
            <option key={keyOf(p)} value={keyOf(p)}>
              {formatPeriodShort(p.periodStart, p.periodEnd)}
            </option>
          ))}
          <option value={OTHER}>Other dates…</option>
        </select>
      </div>
      {showDates ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-from`}>Period from</label>
            <input
              id={`${id}-from`}
              type="date"
              value={from}
              onChange={(e) => setDates(e.target.value, to)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>Period to</label>
            <input id={`${id}-to`} type="date" value={to} onChange={(e) => setDates(from, e.target.value)} />
          </div>
          {from && to && from > to ? (
            <p className="form-error" role="alert">
              “Period to” must not be before “Period from”.
            </p>
          ) : null}
        </>
      ) : null}
    </fieldset>
  );
}
