/**
 * The payout report's totals, one row per currency (never added across currencies): what to
 * transfer to owners, what owners owe, the net of the two, and money on statements without an
 * owner when there is any.
 */
import type { PayoutReportDto } from '../api.js';
import { formatMoney } from '../format.js';
import './Payouts.css';

type Totals = PayoutReportDto['totals'];

/** Phones: one card per currency instead of a table wider than the screen. */
function TotalCards({ totals }: { totals: Totals }) {
  return (
    <ul aria-label="Totals per currency" className="card-list">
      {totals.map((t) => (
        <li key={t.currency} className="statement-card">
          <p className="statement-card-head">
            {t.currency}
            <span className="payout-note">
              {t.ownerCount} owner{t.ownerCount === 1 ? '' : 's'} · {t.statementCount} statement
              {t.statementCount === 1 ? '' : 's'}
            </span>
          </p>
          <dl className="money-grid">
            <div>
              <dt>To pay owners</dt>
              <dd>{formatMoney(t.toPay, t.currency)}</dd>
            </div>
            <div>
              <dt>Owed by owners</dt>
              <dd className={t.owed > 0 ? 'payout-owed' : undefined}>{formatMoney(t.owed, t.currency)}</dd>
            </div>
            {t.unassigned !== 0 ? (
              <div>
                <dt>No owner</dt>
                <dd>{formatMoney(t.unassigned, t.currency)}</dd>
              </div>
            ) : null}
            <div className="money-grid-total">
              <dt>Net payout</dt>
              <dd>{formatMoney(t.netPayout, t.currency)}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}

export function PayoutTotals({ totals, phone = false }: { totals: Totals; phone?: boolean }) {
  if (totals.length === 0) return null;
  if (phone) return <TotalCards totals={totals} />;
  const unassigned = totals.some((t) => t.unassigned !== 0);
  return (
    <div className="table-wrap payout-totals">
      <table aria-label="Totals per currency">
        <thead>
          <tr>
            <th scope="col">Currency</th>
            <th scope="col" className="num">
              To pay owners
            </th>
            <th scope="col" className="num">
              Owed by owners
            </th>
            {unassigned ? (
              <th scope="col" className="num">
                No owner
              </th>
            ) : null}
            <th scope="col" className="num">
              Net payout
            </th>
            <th scope="col" className="num">
              Owners
            </th>
            <th scope="col" className="num">
              Statements
            </th>
          </tr>
        </thead>
        <tbody>
          {totals.map((t) => (
            <tr key={t.currency}>
              <th scope="row">{t.currency}</th>
              <td className="num">{formatMoney(t.toPay, t.currency)}</td>
              <td className={t.owed > 0 ? 'num payout-owed' : 'num'}>{formatMoney(t.owed, t.currency)}</td>
              {unassigned ? <td className="num">{formatMoney(t.unassigned, t.currency)}</td> : null}
              <td className="num strong">{formatMoney(t.netPayout, t.currency)}</td>
              <td className="num">{t.ownerCount}</td>
              <td className="num">{t.statementCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
