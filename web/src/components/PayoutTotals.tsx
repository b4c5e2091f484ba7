/**
 * The payout report's totals, one row per currency (never added across currencies): what to
 * transfer to owners, what owners owe, the net of the two, and money on statements without an
 * owner when there is any.
 */
import type { PayoutReportDto } from '../api.js';
import { formatMoney } from '../format.js';
import './Payouts.css';

export function PayoutTotals({ totals }: { totals: PayoutReportDto['totals'] }) {
  if (totals.length === 0) return null;
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
