/**
 * The owner's statements by period: a row per period (latest first), a column per property, each
 * cell the statement's status linking to it ("—" where the property has none). A period's
 * "Show" button picks it for the owner statement above.
 */
import { Link } from 'wouter';
import type { OwnerDetailsDto, OwnerPeriod } from '../api.js';
import { formatMoney, formatPeriod, formatPeriodShort } from '../format.js';
import { statusLabel } from '../labels.js';
import { naturalSortBy } from '../naturalSort.js';
import { StatusBadge } from './StatusBadge.js';

type Period = OwnerDetailsDto['periods'][number];

/** The properties the columns are for: the owner's now, then any others their statements name. */
function columnsOf(details: OwnerDetailsDto): Array<{ id: string; name: string }> {
  const columns = new Map(details.properties.map((p) => [p.id, p.name]));
  for (const period of details.periods)
    for (const s of period.statements)
      if (!columns.has(s.propertyId)) columns.set(s.propertyId, s.propertyName ?? s.propertyId);
  return naturalSortBy(
    [...columns].map(([id, name]) => ({ id, name })),
    (c) => c.name,
    (c) => c.id,
  );
}

const same = (a: Period, b: OwnerPeriod | null) =>
  b !== null && a.periodStart === b.periodStart && a.periodEnd === b.periodEnd;

export function OwnerPeriodsTable({
  details,
  selected,
  onSelect,
}: {
  details: OwnerDetailsDto;
  selected: OwnerPeriod | null;
  onSelect: (period: OwnerPeriod) => void;
}) {
  if (details.periods.length === 0) return <p className="empty">No statements yet.</p>;
  const columns = columnsOf(details);
  return (
    <div className="table-wrap">
      <table aria-label="Statements by period" className="sticky-first owner-periods">
        <thead>
          <tr>
            <th scope="col">Period</th>
            {columns.map((c) => (
              <th key={c.id} scope="col">
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {details.periods.map((period) => {
            const byProperty = new Map(period.statements.map((s) => [s.propertyId, s]));
            const current = same(period, selected);
            const label = formatPeriodShort(period.periodStart, period.periodEnd);
            return (
              <tr
                key={`${period.periodStart}/${period.periodEnd}`}
                className={current ? 'selected' : undefined}
              >
                <th scope="row" className="nowrap">
                  <span title={formatPeriod(period.periodStart, period.periodEnd)}>{label}</span>{' '}
                  {current ? (
                    <span className="line-stay">(shown)</span>
                  ) : (
                    <button
                      type="button"
                      className="button-small"
                      aria-label={`Show the owner statement of ${label}`}
                      onClick={() =>
                        onSelect({ periodStart: period.periodStart, periodEnd: period.periodEnd })
                      }
                    >
                      Show
                    </button>
                  )}
                </th>
                {columns.map((c) => {
                  const s = byProperty.get(c.id);
                  return (
                    <td key={c.id}>
                      {s ? (
                        <Link
                          href={`/statements/${s.id}`}
                          aria-label={`${c.name}, ${label}: ${statusLabel(s.status)}, ${formatMoney(s.netPayout, s.currency)}`}
                          className="owner-period-cell"
                        >
                          <StatusBadge status={s.status} />
                          <span className="owner-period-money">{formatMoney(s.netPayout, s.currency)}</span>
                        </Link>
                      ) : (
                        <span className="line-stay">—</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
