/**
 * The payout report's owners: a table on wide screens, cards on phones (one layout rendered, as
 * the dashboard does). Per owner: who (name, e-mail), the net payout per currency (a negative one
 * says the owner owes), the statements it adds up, and what is not in it — drafts in amber, and
 * properties without a statement. Every statement links to its page.
 */
import { Link } from 'wouter';
import type { PayoutOwnerDto, PayoutStatementDto } from '../api.js';
import { formatMoney } from '../format.js';
import { StatusBadge } from './StatusBadge.js';
import './Payouts.css';

const NO_OWNER = 'No owner';

export const ownerLabel = (o: PayoutOwnerDto) => (o.ownerId === null ? NO_OWNER : (o.name ?? o.ownerId));

/** An amount the manager pays, or — negative — one the owner owes, said in words too. */
export function PayoutAmount({ cents, currency }: { cents: number; currency: string }) {
  if (cents >= 0) return <span className="payout-amount">{formatMoney(cents, currency)}</span>;
  return (
    <span className="payout-amount payout-owed">
      {formatMoney(cents, currency)} <span className="payout-owed-note">owner owes</span>
    </span>
  );
}

function OwnerCell({ owner, period }: { owner: PayoutOwnerDto; period: { start: string; end: string } }) {
  if (owner.ownerId === null) {
    return (
      <>
        <span className="strong">{NO_OWNER}</span>
        <span className="payout-note">
          Properties without an owner in Hostify: nobody to transfer to yet.
        </span>
      </>
    );
  }
  // The Owner page of the same period: the owner statement behind the transfer.
  const page = `/owners/${encodeURIComponent(owner.ownerId)}?periodStart=${period.start}&periodEnd=${period.end}`;
  return (
    <>
      <Link href={page} className="strong" title="This owner's statement of the period">
        {ownerLabel(owner)}
      </Link>
      {owner.email ? (
        <span className="payout-email">{owner.email}</span>
      ) : (
        <span className="payout-note payout-warning-text">No e-mail address in Hostify</span>
      )}
    </>
  );
}

function Payouts({ owner }: { owner: PayoutOwnerDto }) {
  if (owner.payouts.length === 0) return <span className="payout-note">Nothing final yet</span>;
  return (
    <ul className="payout-list">
      {owner.payouts.map((p) => (
        <li key={p.currency}>
          <PayoutAmount cents={p.netPayout} currency={p.currency} />
        </li>
      ))}
    </ul>
  );
}

const statementName = (s: PayoutStatementDto) => s.propertyName ?? s.propertyId;

function Covered({ owner }: { owner: PayoutOwnerDto }) {
  if (owner.statements.length === 0) return <span className="payout-note">—</span>;
  return (
    <ul className="payout-list">
      {owner.statements.map((s) => (
        <li key={s.id}>
          <Link href={`/statements/${s.id}`}>{statementName(s)}</Link> <StatusBadge status={s.status} />{' '}
          <span className="payout-statement-amount">{formatMoney(s.netPayout, s.currency)}</span>
        </li>
      ))}
    </ul>
  );
}

function NotIncluded({ owner }: { owner: PayoutOwnerDto }) {
  if (owner.drafts.length === 0 && owner.withoutStatement.length === 0) return null;
  return (
    <>
      {owner.drafts.length > 0 ? (
        <div className="payout-drafts">
          <p className="payout-drafts-head">
            {owner.drafts.length === 1 ? 'Draft not included' : `${owner.drafts.length} drafts not included`}
          </p>
          <ul className="payout-list">
            {owner.drafts.map((s) => (
              <li key={s.id}>
                <Link href={`/statements/${s.id}`}>{statementName(s)}</Link>{' '}
                <span className="payout-statement-amount">{formatMoney(s.netPayout, s.currency)}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {owner.withoutStatement.length > 0 ? (
        <p className="payout-note">
          No statement: {owner.withoutStatement.map((p) => p.propertyName).join(', ')}
        </p>
      ) : null}
    </>
  );
}

export function PayoutOwnersTable({
  owners,
  period,
}: {
  owners: PayoutOwnerDto[];
  period: { start: string; end: string };
}) {
  return (
    <div className="table-wrap">
      <table aria-label="Payouts by owner" className="payouts-table">
        <thead>
          <tr>
            <th scope="col">Owner</th>
            <th scope="col" className="num">
              Net payout
            </th>
            <th scope="col">Statements included</th>
            <th scope="col">Not included</th>
          </tr>
        </thead>
        <tbody>
          {owners.map((o) => (
            <tr key={o.ownerId ?? 'no-owner'} className={o.drafts.length > 0 ? 'has-drafts' : undefined}>
              <th scope="row">
                <div className="payout-owner">
                  <OwnerCell owner={o} period={period} />
                </div>
              </th>
              <td className="num">
                <Payouts owner={o} />
              </td>
              <td>
                <Covered owner={o} />
              </td>
              <td>
                <NotIncluded owner={o} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PayoutOwnerCards({
  owners,
  period,
}: {
  owners: PayoutOwnerDto[];
  period: { start: string; end: string };
}) {
  return (
    <ul aria-label="Payouts by owner" className="card-list">
      {owners.map((o) => (
        <li key={o.ownerId ?? 'no-owner'} className="statement-card payout-card">
          <div className="payout-owner">
            <OwnerCell owner={o} period={period} />
          </div>
          <div className="payout-card-amounts">
            <Payouts owner={o} />
          </div>
          {o.statements.length > 0 ? <Covered owner={o} /> : null}
          <NotIncluded owner={o} />
        </li>
      ))}
    </ul>
  );
}
