/**
 * The owner statement of one period, as the owner page shows it: each of the owner's properties
 * with its statement's status and amounts (a link to the statement; the net payout first, so a
 * phone shows it without scrolling the table), the totals per currency —
 * never added across currencies — notices for drafts and for properties without a statement,
 * and "Download owner PDF" (the summary page and one section per statement, in one file).
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, type OwnerPeriod, type OwnerStatementDto } from '../api.js';
import { formatMoney, formatPeriod } from '../format.js';
import { OWNER_PROPERTY_STATE_LABELS } from '../labels.js';
import { ownerStatementQuery } from '../ownerQueries.js';
import { ApiErrorText } from './ErrorExplanation.js';
import { LoadState } from './LoadState.js';
import { OwnerDelivery } from './OwnerDelivery.js';
import { saveBlob } from './useBulkActions.js';

type PropertyState = OwnerStatementDto['properties'][number];

/** A statement's status as a badge; a property without one of the owner's says so in grey. */
function StateBadge({ state }: { state: PropertyState['state'] }) {
  const tone = state === 'missing' || state === 'other_owner' ? 'none' : state;
  return <span className={`badge badge-${tone}`}>{OWNER_PROPERTY_STATE_LABELS[state]}</span>;
}

const names = (list: Array<{ propertyName: string }>) => list.map((p) => p.propertyName).join(', ');

function Notices({ statement }: { statement: OwnerStatementDto }) {
  const others = statement.properties.filter((p) => p.state === 'other_owner');
  return (
    <>
      {statement.drafts.length > 0 ? (
        <div className="notice notice-warning owner-notice" role="status">
          <p>
            <span className="notice-title">
              {statement.drafts.length === 1 ? '1 draft' : `${statement.drafts.length} drafts`}, not final
              yet:
            </span>{' '}
            {statement.drafts.map((d, i) => (
              <span key={d.statementId}>
                {i > 0 ? ', ' : ''}
                <Link href={`/statements/${d.statementId}`}>{d.propertyName}</Link>
              </span>
            ))}
            . The owner PDF marks {statement.drafts.length === 1 ? 'it' : 'them'} “Draft — not final”;
            finalize {statement.drafts.length === 1 ? 'it' : 'them'} before the owner statement goes out.
          </p>
        </div>
      ) : null}
      {statement.missing.length > 0 ? (
        <div className="notice owner-notice" role="status">
          <p>
            <span className="notice-title">No statement for this period:</span> {names(statement.missing)}.
            Nothing to count there (no reservation, expense or adjustment), not generated yet, or its
            generation failed (the job or the Generate answer names the error).
          </p>
        </div>
      ) : null}
      {others.length > 0 ? (
        <div className="notice owner-notice" role="status">
          <p>
            <span className="notice-title">Made for another owner:</span> {names(others)}. The statement of
            this period belongs to the owner the property had when it was made.
          </p>
        </div>
      ) : null}
    </>
  );
}

function PropertiesTable({ statement }: { statement: OwnerStatementDto }) {
  const sections = new Map(statement.sections.map((s) => [s.id, s]));
  return (
    <div className="table-wrap">
      <table aria-label="Properties of the owner statement" className="sticky-first">
        <thead>
          <tr>
            <th scope="col">Property</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Net payout
            </th>
            <th scope="col" className="num">
              Gross revenue
            </th>
            <th scope="col" className="num">
              Commission
            </th>
            <th scope="col" className="num">
              Expenses
            </th>
          </tr>
        </thead>
        <tbody>
          {statement.properties.map((p) => {
            const s = p.statementId ? sections.get(p.statementId) : undefined;
            const money = (cents: number | undefined) =>
              cents === undefined ? '—' : formatMoney(cents, p.currency);
            return (
              <tr key={p.propertyId}>
                <th scope="row">
                  {s ? <Link href={`/statements/${s.id}`}>{p.propertyName}</Link> : p.propertyName}
                  {p.ownedNow ? null : <span className="line-stay"> owned by someone else now</span>}
                </th>
                <td>
                  <StateBadge state={p.state} />
                </td>
                <td className="num strong">{money(s?.totals.netPayout)}</td>
                <td className="num">{money(s?.totals.grossRevenue)}</td>
                <td className="num">{money(s?.totals.commission)}</td>
                <td className="num">{money(s?.totals.expenses)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function TotalsTable({ statement }: { statement: OwnerStatementDto }) {
  return (
    <div className="table-wrap">
      <table aria-label="Totals per currency">
        <thead>
          <tr>
            <th scope="col">Currency</th>
            <th scope="col" className="num">
              Net payout
            </th>
            <th scope="col" className="num">
              Statements
            </th>
            <th scope="col" className="num">
              Gross revenue
            </th>
            <th scope="col" className="num">
              Channel fees
            </th>
            <th scope="col" className="num">
              Commission
            </th>
            <th scope="col" className="num">
              Expenses
            </th>
            <th scope="col" className="num">
              Adjustments
            </th>
          </tr>
        </thead>
        <tbody>
          {statement.totals.map(({ currency, statementCount, totals }) => {
            const money = (cents: number) => formatMoney(cents, currency);
            return (
              <tr key={currency}>
                <th scope="row">{currency}</th>
                <td className="num strong">{money(totals.netPayout)}</td>
                <td className="num">{statementCount}</td>
                <td className="num">{money(totals.grossRevenue)}</td>
                <td className="num">{money(totals.channelFees)}</td>
                <td className="num">{money(totals.commission)}</td>
                <td className="num">{money(totals.expenses)}</td>
                <td className="num">{money(totals.adjustments)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function OwnerStatementView({ ownerId, period }: { ownerId: string; period: OwnerPeriod }) {
  const query = useQuery(ownerStatementQuery(ownerId, period));
  const download = useMutation({
    mutationFn: async () => {
      const { blob, fileName } = await api.ownerStatementPdf(ownerId, period);
      saveBlob(blob, fileName);
    },
  });
  const statement = query.data;
  const words = formatPeriod(period.periodStart, period.periodEnd);

  return (
    <section aria-labelledby="owner-statement-heading" className="owner-statement">
      <h2 id="owner-statement-heading">Owner statement, {words}</h2>
      <LoadState
        loading={query.isPending}
        error={query.error && !statement ? query.error.message : null}
        what="the owner statement"
        onRetry={() => void query.refetch()}
      />
      {statement ? (
        <>
          <Notices statement={statement} />
          {statement.sections.length === 0 ? (
            <p className="empty">
              No statement of exactly this period. Generate the period's statements first, or pick another
              period.
            </p>
          ) : (
            <p className={statement.ready ? 'owner-ready' : 'owner-not-ready'}>
              {statement.ready
                ? 'Ready: every statement of this period is final or sent.'
                : 'Not ready: a statement of this period is still a draft.'}
            </p>
          )}
          <PropertiesTable statement={statement} />
          {statement.totals.length > 0 ? (
            <>
              <h3>Totals per currency</h3>
              <p className="hint">Amounts in different currencies are never added together.</p>
              <TotalsTable statement={statement} />
            </>
          ) : null}
          <div className="actions owner-actions">
            <button
              type="button"
              className="button-primary"
              disabled={statement.sections.length === 0 || download.isPending}
              onClick={() => download.mutate()}
            >
              {download.isPending ? 'Preparing PDF...' : 'Download owner PDF'}
            </button>
            {/* Sending the owner statement (delivery preference, "Send owner statement"). */}
            <OwnerDelivery ownerId={ownerId} statement={statement} />
          </div>
          {download.error ? (
            <div role="alert" className="form-error">
              <p>
                Could not download the owner PDF: <ApiErrorText error={download.error} />
              </p>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
