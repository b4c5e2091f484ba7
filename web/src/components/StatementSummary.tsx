/**
 * A statement's money as one calculation, top to bottom with signed steps (DESIGN §5): gross
 * revenue − channel fees − commission (+ taxes when the owner remits them) = owner payout,
 * − expenses + adjustments = net payout. Taxes the manager remits are not part of the payout, so
 * they are not a step; a note says how much was collected.
 */
import type { StatementDto } from '../api.js';
import { formatMoney, formatSignedMoney } from '../format.js';

function Step({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <div className={className ? `summary-step ${className}` : 'summary-step'}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export function StatementSummary({ statement }: { statement: StatementDto }) {
  const { totals: t, currency } = statement;
  const remits = statement.settings.ownerRemitsTaxes;
  const money = (cents: number) => formatMoney(cents, currency);
  const signed = (cents: number) => formatSignedMoney(cents, currency);
  return (
    <section aria-labelledby="summary-heading" className="card summary">
      <h2 id="summary-heading">Summary</h2>
      <dl className="summary-steps">
        <Step label="Gross revenue" value={money(t.grossRevenue)} />
        <Step label="Channel fees" value={signed(-t.channelFees)} />
        <Step label="Commission" value={signed(-t.commission)} />
        {remits ? <Step label="Taxes" value={signed(t.taxes)} /> : null}
        <Step label="Owner payout" value={money(t.ownerPayout)} className="summary-subtotal" />
        <Step label="Expenses" value={signed(-t.expenses)} />
        <Step label="Adjustments" value={signed(t.adjustments)} />
        <Step label="Net payout" value={money(t.netPayout)} className="summary-total" />
      </dl>
      {remits ? (
        <p className="hint">The owner remits the taxes, so they are paid out with the payout.</p>
      ) : t.taxes !== 0 ? (
        <p className="hint">
          Taxes of {money(t.taxes)} were collected with the bookings; the manager remits them, so they are not
          part of the payout.
        </p>
      ) : null}
    </section>
  );
}
