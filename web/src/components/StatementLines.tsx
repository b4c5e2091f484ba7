/**
 * A statement's reservations with every money column (MONEY_COLUMNS, the PDF's and CSV's order):
 * a compact table whose guest-and-stay column stays in place when the table scrolls, with a
 * totals row; on phones a card per reservation instead, every amount on screen. Reconciliation
 * warnings sit right under the line they are about. Lines added on review follow the
 * reservations (the totals are the sum of both); with `lineAction`/`manualAction` (a draft being
 * reviewed) each row ends with its review action.
 */
import { Fragment, type ReactNode } from 'react';
import { MONEY_COLUMNS } from '../../../src/domain/statement-columns.js';
import type { StatementDto } from '../api.js';
import { formatDateRange, formatMoney } from '../format.js';

type Line = StatementDto['lines'][number];
type ManualLine = StatementDto['manualLines'][number];
type Warning = StatementDto['warnings'][number];

const WARNING_TITLES: Record<Warning['code'], string> = {
  subtotal_mismatch: 'Subtotal mismatch',
  payout_mismatch: 'Payout mismatch',
  unattributed_reservation: 'Unattributed reservation',
  override_reservation_missing: 'Override without its reservation',
  override_cancelled_reservation: 'Cancelled reservation not included',
  override_inactive: 'Override without effect',
};

/** The review actions of a draft's rows (LineReviewButtons.tsx). */
export interface LineActions {
  lineAction?: ((line: Line) => ReactNode) | undefined;
  manualAction?: ((line: ManualLine) => ReactNode) | undefined;
}

/** Guest and stay, nights, then the money columns. */
const LINE_COLUMNS = 2 + MONEY_COLUMNS.length;

const moneyClass = (key: string) => (key === 'ownerPayout' ? 'num strong' : 'num');

function warningsByLine(statement: StatementDto): (reservationId: string) => Warning[] {
  return (reservationId) => statement.warnings.filter((w) => w.reservationId === reservationId);
}

function WarningText({ warning }: { warning: Warning }) {
  return (
    <>
      <strong>⚠ {WARNING_TITLES[warning.code]}</strong> (reservation {warning.reservationId}):{' '}
      {warning.message}
    </>
  );
}

/** Guest (and the cancellation mark), then the stay in small print, with `more` after it. */
function GuestAndStay({ line, more }: { line: Line; more?: string }) {
  return (
    <>
      <span className="line-guest">{line.guestName || '—'}</span>
      {line.cancellation ? <span className="badge cancellation"> cancellation</span> : null}
      {line.included ? <span className="badge included"> included</span> : null}
      <span className="line-stay">
        {formatDateRange(line.checkIn, line.checkOut)} · {line.source}
        {more ? ` · ${more}` : ''}
      </span>
      {line.included ? (
        <span className="line-stay">
          Included on review (status {line.included.status}): {line.included.reason}
        </span>
      ) : null}
    </>
  );
}

/** A line added on review: its description, the mark, and whether commission applies. */
function ManualHead({ line }: { line: ManualLine }) {
  return (
    <>
      <span className="line-guest">{line.description}</span>
      <span className="badge manual"> manual line</span>
      <span className="line-stay">
        {line.countsTowardCommission ? 'Counts toward commission' : 'No commission'}
      </span>
    </>
  );
}

const nightsText = (l: Line) =>
  `${l.nights} night${l.nights === 1 ? '' : 's'}${l.nightsInPeriod !== l.nights ? `, ${l.nightsInPeriod} in period` : ''}`;

/** Nights of the stay; with the nights inside the period below when they differ. */
function Nights({ nights, inPeriod }: { nights: number; inPeriod: number }) {
  return (
    <>
      {nights}
      {inPeriod !== nights ? <span className="line-stay">{inPeriod} in period</span> : null}
    </>
  );
}

export function LinesTable({
  statement,
  lineAction,
  manualAction,
}: { statement: StatementDto } & LineActions) {
  const money = (cents: number) => formatMoney(cents, statement.currency);
  const warningsOf = warningsByLine(statement);
  const reviewing = lineAction !== undefined || manualAction !== undefined;
  const columns = LINE_COLUMNS + (reviewing ? 1 : 0);
  const nights = statement.lines.reduce((n, l) => n + l.nights, 0);
  const inPeriod = statement.lines.reduce((n, l) => n + l.nightsInPeriod, 0);
  return (
    <div className="table-wrap">
      <table aria-label="Lines" className="lines-table sticky-first">
        <thead>
          <tr>
            <th scope="col">Guest and stay</th>
            <th scope="col" className="num">
              Nights
            </th>
            {MONEY_COLUMNS.map((c) => (
              <th key={c.key} scope="col" className={moneyClass(c.key)}>
                {c.label}
              </th>
            ))}
            {reviewing ? (
              <th scope="col">
                <span className="visually-hidden">Review</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {statement.lines.map((l) => (
            <Fragment key={l.reservationId}>
              <tr className={warningsOf(l.reservationId).length > 0 ? 'has-warning' : undefined}>
                <th scope="row" title={`Reservation ${l.reservationId}`}>
                  <GuestAndStay line={l} />
                </th>
                <td className="num">
                  <Nights nights={l.nights} inPeriod={l.nightsInPeriod} />
                </td>
                {MONEY_COLUMNS.map((c) => (
                  <td key={c.key} className={moneyClass(c.key)}>
                    {money(l[c.key])}
                  </td>
                ))}
                {reviewing ? <td className="line-review-cell">{lineAction?.(l)}</td> : null}
              </tr>
              {warningsOf(l.reservationId).map((w) => (
                <tr key={`${w.code}-${w.reservationId}`} className="line-warning">
                  <td colSpan={columns} role="note" aria-label={`Warning for reservation ${w.reservationId}`}>
                    <WarningText warning={w} />
                  </td>
                </tr>
              ))}
            </Fragment>
          ))}
          {statement.manualLines.map((m) => (
            <tr key={m.id} className="manual-line">
              <th scope="row">
                <ManualHead line={m} />
              </th>
              <td className="num">—</td>
              {MONEY_COLUMNS.map((c) => (
                <td key={c.key} className={moneyClass(c.key)}>
                  {money(m[c.key])}
                </td>
              ))}
              {reviewing ? <td className="line-review-cell">{manualAction?.(m)}</td> : null}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Totals</th>
            <td className="num">
              <Nights nights={nights} inPeriod={inPeriod} />
            </td>
            {MONEY_COLUMNS.map((c) => (
              <td key={c.key} className="num">
                {money(statement.totals[c.key])}
              </td>
            ))}
            {reviewing ? <td /> : null}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** The phone layout: one card per reservation, its amounts two by two, the owner payout last. */
export function LineCards({
  statement,
  lineAction,
  manualAction,
}: { statement: StatementDto } & LineActions) {
  const money = (cents: number) => formatMoney(cents, statement.currency);
  const warningsOf = warningsByLine(statement);
  return (
    <ul aria-label="Lines" className="card-list">
      {statement.lines.map((l) => (
        <li key={l.reservationId} className="line-card" title={`Reservation ${l.reservationId}`}>
          <p className="line-card-head">
            <GuestAndStay line={l} more={nightsText(l)} />
          </p>
          <dl className="money-grid">
            {MONEY_COLUMNS.map((c) => (
              <div key={c.key} className={c.key === 'ownerPayout' ? 'money-grid-total' : undefined}>
                <dt>{c.label}</dt>
                <dd>{money(l[c.key])}</dd>
              </div>
            ))}
          </dl>
          {warningsOf(l.reservationId).map((w) => (
            <p
              key={`${w.code}-${w.reservationId}`}
              className="line-card-warning"
              role="note"
              aria-label={`Warning for reservation ${w.reservationId}`}
            >
              <WarningText warning={w} />
            </p>
          ))}
          {lineAction ? <p className="line-card-actions">{lineAction(l)}</p> : null}
        </li>
      ))}
      {statement.manualLines.map((m) => (
        <li key={m.id} className="line-card">
          <p className="line-card-head">
            <ManualHead line={m} />
          </p>
          <dl className="money-grid">
            {MONEY_COLUMNS.map((c) => (
              <div key={c.key} className={c.key === 'ownerPayout' ? 'money-grid-total' : undefined}>
                <dt>{c.label}</dt>
                <dd>{money(m[c.key])}</dd>
              </div>
            ))}
          </dl>
          {manualAction ? <p className="line-card-actions">{manualAction(m)}</p> : null}
        </li>
      ))}
    </ul>
  );
}
