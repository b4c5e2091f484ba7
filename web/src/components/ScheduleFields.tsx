/**
 * Pieces of the schedule form on the Settings page: the time-zone picker and the "Next run" line,
 * which shows the run in the schedule's own zone (and the viewer's, when that differs).
 */
import { useMemo } from 'react';
import { browserTimeZone, formatInZone, timeZoneOptions } from '../schedule.js';

export function TimeZoneSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (zone: string) => void;
}) {
  // ~420 zones: built once per stored value, not on every keystroke elsewhere in the form.
  const zones = useMemo(() => timeZoneOptions(value), [value]);
  return (
    <select id={id} aria-label="Time zone" value={value} onChange={(e) => onChange(e.target.value)}>
      {zones.map((z) => (
        <option key={z.value} value={z.value}>
          {z.label}
        </option>
      ))}
    </select>
  );
}

export type NextRunState =
  | { kind: 'off' }
  | { kind: 'saved'; at: string | null }
  | { kind: 'preview'; at: string }
  | { kind: 'problem'; message: string };

export function NextRun({ state, timeZone }: { state: NextRunState; timeZone: string }) {
  const local = browserTimeZone();
  return (
    <p className="next-run" aria-live="polite" data-testid="next-run">
      {state.kind === 'off' ? (
        <>
          Next run: <strong>none</strong> — the schedule is off.
        </>
      ) : state.kind === 'problem' ? (
        <span className="form-error">{state.message}</span>
      ) : state.at === null ? (
        <>
          Next run: <strong>none</strong>
        </>
      ) : (
        <>
          {state.kind === 'preview' ? 'Next run once saved' : 'Next run'}:{' '}
          <strong>
            <time dateTime={state.at}>{formatInZone(state.at, timeZone)}</time>
          </strong>{' '}
          ({timeZone})
          {local !== timeZone ? (
            <span className="hint">
              {' '}
              · {formatInZone(state.at, local)} in your time zone ({local})
            </span>
          ) : null}
        </>
      )}
    </p>
  );
}
