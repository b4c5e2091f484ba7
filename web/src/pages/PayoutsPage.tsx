/**
 * The payout report (what the manager's bank transfers are prepared from): per owner the net
 * payout per currency of the final and sent statements of exactly the chosen period, what is
 * not in it (drafts, properties without a statement), totals per currency, and the same as CSV.
 * The period is in the URL; without one, the latest period that has statements (or last month).
 */
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import type { Period } from '../../../src/domain/types.js';
import { api, type PayoutReportDto } from '../api.js';
import { ApiErrorText } from '../components/ErrorExplanation.js';
import { PayoutOwnerCards, PayoutOwnersTable } from '../components/PayoutOwners.js';
import { PayoutPeriodPicker } from '../components/PayoutPeriodPicker.js';
import { PayoutTotals } from '../components/PayoutTotals.js';
import { Spinner } from '../components/Spinner.js';
import { formatPeriod, monthRange } from '../format.js';
import { payoutPeriodsQuery, payoutReportQuery } from '../payoutQueries.js';
import { useUrlParams } from '../urlState.js';
import { usePhoneLayout } from '../useMediaQuery.js';
import { useTitle } from '../useTitle.js';
import { defaultPeriod, periodFromParams } from './payoutPeriod.js';
import '../components/Payouts.css';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Added up: 3 final or sent statements. Not included: 1 draft, 2 properties without a statement." */
function countsInWords(counts: PayoutReportDto['counts']): string {
  const left = [
    counts.drafts > 0 ? plural(counts.drafts, 'draft') : '',
    counts.propertiesWithoutStatement > 0
      ? `${plural(counts.propertiesWithoutStatement, 'property', 'properties')} without a statement`
      : '',
  ].filter(Boolean);
  const added = `Added up: ${plural(counts.statements, 'final or sent statement')}.`;
  return left.length > 0 ? `${added} Not included: ${left.join(', ')}.` : added;
}

/** What needs attention before transferring, in amber: unfinished or unassignable numbers. */
function Attention({ report }: { report: PayoutReportDto }) {
  const headingId = useId();
  const lines: string[] = [];
  const { drafts } = report.counts;
  if (drafts > 0) {
    lines.push(
      `${plural(drafts, 'draft statement')} ${drafts === 1 ? 'is' : 'are'} not included in the payouts below. Finalize ${drafts === 1 ? 'it' : 'them'} (or leave ${drafts === 1 ? 'it' : 'them'} for later) before preparing transfers.`,
    );
  }
  if (report.owners.some((o) => o.ownerId === null)) {
    lines.push(
      'Some statements have no owner: their payout has nobody to go to until the property gets an owner in Hostify.',
    );
  }
  const owing = report.owners.filter(
    (o) => o.ownerId !== null && o.payouts.some((p) => p.netPayout < 0),
  ).length;
  if (owing > 0) {
    lines.push(
      `${plural(owing, 'owner')} ${owing === 1 ? 'owes' : 'owe'} you money this period: no transfer to make, collect instead.`,
    );
  }
  const noEmail = report.owners.filter((o) => o.ownerId !== null && !o.email).length;
  if (noEmail > 0) lines.push(`${plural(noEmail, 'owner')} without an e-mail address in Hostify.`);
  if (lines.length === 0) return null;
  return (
    <section className="payout-attention" aria-labelledby={headingId}>
      <p className="strong" id={headingId}>
        Check before transferring
      </p>
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </section>
  );
}

function OwnersWithoutStatement({ report }: { report: PayoutReportDto }) {
  const owners = report.ownersWithoutStatement;
  if (owners.length === 0) return null;
  return (
    <details className="payout-missing">
      <summary>
        {plural(owners.length, 'owner')} with properties but no statement for this period (no activity, or not
        generated yet)
      </summary>
      <ul>
        {owners.map((o) => (
          <li key={o.ownerId}>
            <span className="strong">{o.name || o.ownerId}</span>
            {o.email ? ` (${o.email})` : ''}: {o.properties.map((p) => p.propertyName).join(', ')}
          </li>
        ))}
      </ul>
    </details>
  );
}

function Report({ period }: { period: Period }) {
  const phone = usePhoneLayout();
  const read = useQuery(payoutReportQuery({ periodStart: period.start, periodEnd: period.end }));
  if (read.isPending) {
    return (
      <p>
        <Spinner label="Loading the payout report..." />
      </p>
    );
  }
  if (read.isError) {
    return (
      <div role="alert" className="form-error">
        <p>
          Could not load the payout report: <ApiErrorText error={read.error} />
        </p>
        <button type="button" className="button-small" onClick={() => void read.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  const report = read.data;
  const { counts } = report;
  return (
    <>
      <p className="hint">{countsInWords(counts)} Amounts are never added across currencies.</p>
      <Attention report={report} />
      {report.owners.length === 0 ? (
        <p className="empty">
          No statements for this period. Generate statements first, or pick another period.
        </p>
      ) : (
        <>
          <h2>Totals per currency</h2>
          {report.totals.length > 0 ? (
            <PayoutTotals totals={report.totals} phone={phone} />
          ) : (
            <p className="empty">No final or sent statement yet: nothing to transfer.</p>
          )}
          <h2>By owner</h2>
          {phone ? (
            <PayoutOwnerCards owners={report.owners} period={period} />
          ) : (
            <PayoutOwnersTable owners={report.owners} period={period} />
          )}
        </>
      )}
      <OwnersWithoutStatement report={report} />
    </>
  );
}

export function PayoutsPage() {
  useTitle('Payouts');
  const [params, update] = useUrlParams();
  const chosen = periodFromParams(params);
  const periods = useQuery(payoutPeriodsQuery());
  // Without a period in the URL, the default waits for the periods (no report of a period
  // nobody chose); if they cannot be read, last month.
  const period =
    chosen ?? (periods.data ? defaultPeriod(periods.data.periods) : periods.isError ? monthRange(-1) : null);
  const choose = (p: Period) => update({ periodStart: p.start, periodEnd: p.end });

  return (
    <>
      <div className="page-head">
        <h1>Payouts</h1>
        {period ? (
          <a
            className="button-link"
            href={api.payoutReportCsvUrl({ periodStart: period.start, periodEnd: period.end })}
            download
          >
            Download CSV
          </a>
        ) : null}
      </div>
      {period ? (
        <>
          <PayoutPeriodPicker period={period} periods={periods.data?.periods} onChange={choose} />
          <p className="payout-period">
            Net payout per owner for <span className="strong">{formatPeriod(period.start, period.end)}</span>:
            final and sent statements of exactly this period.
          </p>
          <Report key={`${period.start}..${period.end}`} period={period} />
        </>
      ) : (
        <p>
          <Spinner label="Loading periods..." />
        </p>
      )}
    </>
  );
}
