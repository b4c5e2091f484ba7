/** The summary's lines add up to the net payout, whoever remits the taxes (DESIGN §5). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statementFixture } from '../../test/helpers/statement-fixture.js';
import { signedMoney, statementSummary } from './statement-summary.js';

const cents = fc.integer({ min: 0, max: 10_000_000_00 });

describe('statementSummary', () => {
  it('adds up to the net payout', () => {
    fc.assert(
      fc.property(
        cents,
        cents,
        cents,
        cents,
        cents,
        cents,
        fc.boolean(),
        (gross, fees, commission, taxes, expenses, adjustments, ownerRemitsTaxes) => {
          const ownerPayout = gross - fees - commission + (ownerRemitsTaxes ? taxes : 0);
          const s = statementFixture({
            settings: { commissionPercent: 15, commissionBasis: 'net', ownerRemitsTaxes },
            totals: {
              accommodation: gross,
              cleaning: 0,
              otherFees: 0,
              grossRevenue: gross,
              channelFees: fees,
              commission,
              taxes,
              ownerPayout,
              expenses,
              adjustments,
              netPayout: ownerPayout + adjustments - expenses,
            },
          });
          const { lines, taxNote } = statementSummary(s, 'Acme');
          const net = lines.at(-1);
          expect(net?.kind).toBe('net');
          const sum = lines.filter((l) => l.kind !== 'net').reduce((a, l) => a + l.cents, 0);
          expect(sum).toBe(net?.cents);
          expect(net?.cents).toBe(s.totals.netPayout);
          expect(lines.some((l) => l.label.startsWith('Taxes'))).toBe(ownerRemitsTaxes);
          expect(taxNote !== null).toBe(!ownerRemitsTaxes && taxes > 0);
        },
      ),
    );
  });

  it('signs what it adds and takes', () => {
    expect(signedMoney(-18_000, 'USD')).toBe('−$180.00');
    expect(signedMoney(2_500, 'USD')).toBe('+$25.00');
    expect(signedMoney(0, 'USD')).toBe('$0.00');
    expect(signedMoney(-4_200, 'EUR')).toBe('−€42.00');
  });
});
