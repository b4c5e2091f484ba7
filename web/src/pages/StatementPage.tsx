/**
 * One statement: the owner by name, a summary from gross revenue to the net payout, every line
 * with all money columns (a table that fits 1366 px, or cards on phones), expenses and
 * adjustments, the settings it was computed with, and the lifecycle actions the status and role
 * allow (StatementActions: each change asks or confirms what happened).
 */
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link } from 'wouter';
import { errorMessage, type LedgerEntry, type StatementDto } from '../api.js';
import { useAuth } from '../auth.js';
import { AddLedgerEntryForm } from '../components/AddLedgerEntryForm.js';
import {
  LineReviewExcludedAction,
  LineReviewLineAction,
  LineReviewManualAction,
} from '../components/LineReviewButtons.js';
import { LineReviewSection, LineReviewWarnings } from '../components/LineReviewSection.js';
import { BASIS_LABELS, taxesText } from '../components/SettingsText.js';
import { Spinner } from '../components/Spinner.js';
import { StatementActions } from '../components/StatementActions.js';
import { LineCards, LinesTable } from '../components/StatementLines.js';
import { StatementSummary } from '../components/StatementSummary.js';
import { StatementWarnings } from '../components/StatementWarnings.js';
import { useOwner } from '../components/useOwner.js';
import { useUserNames } from '../components/useUserNames.js';
import {
  formatDate,
  formatDateRange,
  formatDateTime,
  formatMoney,
  formatPercent,
  formatPeriod,
  formatPeriodShort,
} from '../format.js';
import { calculationTypeLabel, statusLabel } from '../labels.js';
import { statementQuery } from '../queries.js';
import { usePhoneLayout } from '../useMediaQuery.js';
import { useTitle } from '../useTitle.js';

function LedgerTable({
  label,
  entries,
  currency,
}: {
  label: string;
  entries: LedgerEntry[];
  currency: string;
}) {
  if (entries.length === 0) return <p className="empty">None.</p>;
  return (
    <div className="table-wrap">
      <table aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Description</th>
            <th scope="col" className="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td className="nowrap">{formatDate(e.date)}</td>
              <td>{e.description}</td>
              <td className="num">{formatMoney(e.amount, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type Excluded = StatementDto['excluded'][number];
/** The review action of a reservation left out, on a draft being reviewed. */
type ExcludedAction = ((e: Excluded) => ReactNode) | undefined;

/** Why it is left out: its status, or a person's exclusion on review. */
const whyLeftOut = (e: Excluded) =>
  e.overrideReason === undefined ? e.status : `${e.status} · excluded on review: ${e.overrideReason}`;

/** Reservations the period would have taken but that are not counted, with why (§5). */
function ExcludedTable({ statement, action }: { statement: StatementDto; action: ExcludedAction }) {
  const money = (cents: number | null) => (cents === null ? '—' : formatMoney(cents, statement.currency));
  return (
    <div className="table-wrap">
      <table aria-label="Not counted" className="sticky-first">
        <thead>
          <tr>
            <th scope="col">Guest and reservation</th>
            <th scope="col">Stay</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Payout
            </th>
            {action ? (
              <th scope="col">
                <span className="visually-hidden">Review</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {statement.excluded.map((e) => (
            <tr key={e.reservationId}>
              <th scope="row">
                <span className="line-guest">{e.guestName || '—'}</span>
                <span className="line-stay">{e.reservationId}</span>
              </th>
              <td>{formatDateRange(e.checkIn, e.checkOut)}</td>
              <td>{whyLeftOut(e)}</td>
              <td className="num">{money(e.payout)}</td>
              {action ? <td className="line-review-cell">{action(e)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The phone layout of the not-counted reservations: a card each, the payout on screen. */
function ExcludedCards({ statement, action }: { statement: StatementDto; action: ExcludedAction }) {
  return (
    <ul aria-label="Not counted" className="card-list">
      {statement.excluded.map((e) => (
        <li key={e.reservationId} className="line-card">
          <p className="line-card-head">
            <span className="line-guest">{e.guestName || '—'}</span>
            <span className="line-stay">
              {formatDateRange(e.checkIn, e.checkOut)} · reservation {e.reservationId} · {whyLeftOut(e)}
            </span>
          </p>
          <dl className="money-grid">
            <div className="money-grid-row">
              <dt>Payout</dt>
              <dd>{e.payout === null ? '—' : formatMoney(e.payout, statement.currency)}</dd>
            </div>
          </dl>
          {action ? <p className="line-card-actions">{action(e)}</p> : null}
        </li>
      ))}
    </ul>
  );
}

export function StatementPage({ id }: { id: string }) {
  const { can } = useAuth();
  const userName = useUserNames();
  const query = useQuery(statementQuery(id));
  const statement = query.data;
  const loading = query.isPending;
  const error = query.error ? errorMessage(query.error) : null;
  /** Entries recorded here but not yet in the statement (until it is regenerated). */
  const [pending, setPending] = useState<LedgerEntry[]>([]);
  const owner = useOwner(statement?.ownerId ?? null);
  const phone = usePhoneLayout();
  useTitle(statement ? (statement.propertyName ?? statement.propertyId) : 'Statement');

  if (loading && !statement) {
    return (
      <p>
        <Spinner label="Loading statement..." />
      </p>
    );
  }
  if (!statement) {
    return (
      <>
        <h1>Statement</h1>
        <p role="alert" className="form-error">
          Could not load the statement: {error ?? 'not found'}
        </p>
        <p>
          <Link href="/">Back to statements</Link>
        </p>
      </>
    );
  }
  const s = statement;
  const money = (cents: number) => formatMoney(cents, s.currency);
  const mayEdit = can('statements:edit');
  // Line review (LineReviewButtons): drafts only, for people who may edit.
  const reviewing = mayEdit && s.status === 'draft';
  const review = reviewing
    ? {
        lineAction: (l: StatementDto['lines'][number]) => <LineReviewLineAction statement={s} line={l} />,
        manualAction: (m: StatementDto['manualLines'][number]) => (
          <LineReviewManualAction statement={s} line={m} />
        ),
      }
    : {};
  const excludedAction: ExcludedAction = reviewing
    ? (e) => <LineReviewExcludedAction statement={s} excluded={e} />
    : undefined;
  const rows = s.lines.length + s.manualLines.length;

  return (
    <>
      <p className="breadcrumb">
        <Link href="/">Statements</Link> / {s.propertyName ?? s.propertyId}
      </p>
      <div className="page-head">
        <div>
          <h1>{s.propertyName ?? s.propertyId}</h1>
          <p className="statement-meta">
            <span>
              Owner:{' '}
              <strong>
                {s.ownerId === null ? (
                  'none'
                ) : (
                  <Link href={`/owners/${encodeURIComponent(s.ownerId)}`}>
                    {owner ? owner.name || owner.email : s.ownerId}
                  </Link>
                )}
              </strong>
              {owner?.name && owner.email ? <span className="statement-email"> · {owner.email}</span> : null}
            </span>
            <span>{formatPeriodShort(s.periodStart, s.periodEnd)}</span>
          </p>
        </div>
      </div>
      <p className={`status-line status-${s.status}`}>{`Status: ${statusLabel(s.status)}`}</p>
      {s.sentAt ? (
        <p className="sent-line">
          E-mailed to {s.sentTo} on {formatDateTime(s.sentAt)}
        </p>
      ) : null}
      <p className="downloads">
        {/* Same-origin links: the session cookie authenticates the download. */}
        <a href={`/api/statements/${encodeURIComponent(s.id)}/pdf`} download>
          Download PDF
        </a>
        <a href={`/api/statements/${encodeURIComponent(s.id)}/csv`} download>
          Download CSV
        </a>
      </p>

      <StatementActions statement={s} ownerEmail={owner?.email} onRegenerated={() => setPending([])} />

      <div className="statement-overview">
        <StatementSummary statement={s} />
        <section aria-labelledby="details-heading" className="statement-details">
          <h2 id="details-heading">Details</h2>
          <dl className="facts">
            <dt>Period</dt>
            <dd>{formatPeriod(s.periodStart, s.periodEnd)}</dd>
            <dt>Calculation type</dt>
            <dd>{calculationTypeLabel(s.calculationType)}</dd>
            <dt>Currency</dt>
            <dd>{s.currency}</dd>
            <dt>Version</dt>
            <dd>{s.version}</dd>
            <dt>Created</dt>
            <dd>
              {formatDateTime(s.createdAt)} by {userName(s.createdBy)}
            </dd>
            <dt>Updated</dt>
            <dd>
              {formatDateTime(s.updatedAt)}
              {s.updatedBy ? ` by ${userName(s.updatedBy)}` : ''}
            </dd>
          </dl>
        </section>
      </div>

      <section aria-labelledby="lines-heading">
        <h2 id="lines-heading">
          Reservations ({s.lines.length})
          {s.manualLines.length > 0 ? ` and manual lines (${s.manualLines.length})` : ''}
        </h2>
        {s.lines.length === 0 ? <p className="empty">No reservations in this period.</p> : null}
        <StatementWarnings warnings={s.warnings} />
        <LineReviewWarnings warnings={s.warnings} />
        {rows === 0 ? null : phone ? (
          <LineCards statement={s} {...review} />
        ) : (
          <LinesTable statement={s} {...review} />
        )}
      </section>

      {s.excluded.length > 0 ? (
        <section aria-labelledby="excluded-heading">
          <h2 id="excluded-heading">Not counted ({s.excluded.length})</h2>
          <p className="hint">
            Reservations of this period whose status is not counted (cancelled without payout, inquiries,
            pending, …), and those excluded on review. They are not in the owner's PDF.
          </p>
          {phone ? (
            <ExcludedCards statement={s} action={excludedAction} />
          ) : (
            <ExcludedTable statement={s} action={excludedAction} />
          )}
        </section>
      ) : null}

      <LineReviewSection statement={s} />

      <section aria-labelledby="ledger-heading">
        <h2 id="ledger-heading">Expenses and adjustments</h2>
        <h3>Expenses</h3>
        <LedgerTable label="Expenses" entries={s.expenses} currency={s.currency} />
        <h3>Adjustments</h3>
        <LedgerTable label="Adjustments" entries={s.adjustments} currency={s.currency} />
        {pending.length > 0 ? (
          <div className="pending">
            <h3>Recorded, not yet in this statement</h3>
            <ul>
              {pending.map((e) => (
                <li key={e.id}>
                  {formatDate(e.date)} · {e.type} · {e.description} · {money(e.amount)}
                </li>
              ))}
            </ul>
            <p className="hint">Regenerate this draft to include them.</p>
          </div>
        ) : null}
        {mayEdit && s.status === 'draft' ? (
          <AddLedgerEntryForm
            propertyId={s.propertyId}
            currency={s.currency}
            defaultDate={s.periodEnd}
            onAdded={(entry) => setPending((p) => [...p, entry])}
          />
        ) : null}
        {s.status !== 'draft' ? (
          <p className="hint">Expenses and adjustments can be added while the statement is a draft.</p>
        ) : null}
      </section>

      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">Settings used</h2>
        <dl className="facts">
          <dt>Commission</dt>
          <dd>{formatPercent(s.settings.commissionPercent)}</dd>
          <dt>Commission basis</dt>
          <dd>{BASIS_LABELS[s.settings.commissionBasis] ?? s.settings.commissionBasis}</dd>
          <dt>Taxes</dt>
          <dd>{taxesText(s.settings.ownerRemitsTaxes)}</dd>
        </dl>
      </section>
    </>
  );
}
