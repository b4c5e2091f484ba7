/**
 * Line review in the calculator (issue §4): exclusions, inclusions and manual lines, the warnings
 * of overrides whose reservation is gone, and the properties that keep them honest.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, fromDayNumber } from '../../test/helpers/domain-fixtures.js';
import { calculateStatement } from './calculate-statement.js';
import { monthPeriod, toDayNumber } from './dates.js';
import { MONEY_COLUMNS } from './statement-columns.js';
import type {
  ComputedStatement,
  ManualLineInput,
  Reservation,
  StatementInput,
  StatementOutcome,
  StatementOverrides,
} from './types.js';

const FEB = monthPeriod(2025, 2);

function res(over: Partial<Reservation>): Reservation {
  return {
    id: 'r',
    propertyId: 'p1',
    checkIn: '2025-02-10',
    checkOut: '2025-02-14',
    status: 'accepted',
    source: 'Airbnb',
    currency: 'EUR',
    guestName: 'Guest',
    accommodation: 0,
    cleaning: 0,
    otherFees: 0,
    taxes: 0,
    channelFees: 0,
    ...over,
  };
}

// A: counted, gross 50000, channel 5000 → commission round(45000 × 15 %) = 6750, payout 38250.
const A = res({
  id: 'a',
  guestName: 'Ann',
  accommodation: 45000,
  cleaning: 5000,
  channelFees: 5000,
  payout: 45000,
});
// B: counted, gross 20000 → commission 3000, payout 17000.
const B = res({ id: 'b', checkIn: '2025-02-01', checkOut: '2025-02-03', accommodation: 20000 });
// P: pending (not counted): gross 30000, channel 3000 → commission 4050, payout 22950.
const P = res({
  id: 'p',
  status: 'pending',
  checkIn: '2025-02-20',
  checkOut: '2025-02-22',
  guestName: 'Paid Directly',
  accommodation: 30000,
  channelFees: 3000,
  payout: 27000,
});

function input(over: Partial<StatementInput> = {}): StatementInput {
  return {
    propertyId: 'p1',
    currency: 'EUR',
    period: FEB,
    calculationType: 'checkout',
    settings: DEFAULT_SETTINGS,
    reservations: [A, B, P],
    ledger: [],
    ...over,
  };
}

function generated(outcome: StatementOutcome): ComputedStatement {
  if (outcome.kind !== 'generated') throw new Error(`expected generated, got ${JSON.stringify(outcome)}`);
  return outcome.statement;
}

const manual = (over: Partial<ManualLineInput> = {}): ManualLineInput => ({
  id: 'm1',
  description: 'Owner-approved deep clean',
  amount: 10000,
  countsTowardCommission: true,
  ...over,
});

describe('line review: exclusions', () => {
  const plain = generated(calculateStatement(input()));
  const s = generated(
    calculateStatement(input({ overrides: { exclusions: [{ reservationId: 'a', reason: 'owner stay' }] } })),
  );

  it('takes a counted reservation off the lines and lists it as excluded, with the reason', () => {
    expect(plain.lines.map((l) => l.reservationId)).toEqual(['b', 'a']);
    expect(s.lines.map((l) => l.reservationId)).toEqual(['b']);
    expect(s.excluded).toEqual([
      {
        reservationId: 'a',
        guestName: 'Ann',
        checkIn: '2025-02-10',
        checkOut: '2025-02-14',
        status: 'accepted',
        payout: 45000,
        overrideReason: 'owner stay',
      },
      expect.objectContaining({ reservationId: 'p', status: 'pending' }),
    ]);
    // The rules' own exclusions carry no override reason.
    expect(s.excluded[1]).not.toHaveProperty('overrideReason');
  });

  it('changes the totals by exactly the line it took away', () => {
    expect(plain.totals.ownerPayout).toBe(38250 + 17000);
    expect(s.totals.ownerPayout).toBe(17000);
    expect(s.totals.commission).toBe(3000);
    expect(s.totals.netPayout).toBe(17000);
  });

  it('keeps a statement whose only line was excluded (the decision shows), with totals 0', () => {
    const only = calculateStatement(
      input({ reservations: [A], overrides: { exclusions: [{ reservationId: 'a', reason: 'x' }] } }),
    );
    const st = generated(only);
    expect(st.lines).toEqual([]);
    expect(st.totals.netPayout).toBe(0);
    expect(st.excluded.map((e) => e.reservationId)).toEqual(['a']);
  });

  it('excluding a reservation in another currency lets the statement be computed', () => {
    const usd = res({ id: 'usd', currency: 'USD', accommodation: 1 });
    expect(calculateStatement(input({ reservations: [A, usd] })).kind).toBe('error');
    const s2 = generated(
      calculateStatement(
        input({
          reservations: [A, usd],
          overrides: { exclusions: [{ reservationId: 'usd', reason: 'wrong listing' }] },
        }),
      ),
    );
    expect(s2.lines.map((l) => l.reservationId)).toEqual(['a']);
  });
});

describe('line review: inclusions', () => {
  const s = generated(
    calculateStatement(
      input({ overrides: { inclusions: [{ reservationId: 'p', reason: 'owner was paid for it' }] } }),
    ),
  );

  it('counts a reservation the rules left out like a counted one, marked as included', () => {
    expect(s.lines.map((l) => l.reservationId)).toEqual(['b', 'a', 'p']);
    expect(s.lines[2]).toMatchObject({
      reservationId: 'p',
      guestName: 'Paid Directly',
      grossRevenue: 30000,
      channelFees: 3000,
      commission: 4050,
      ownerPayout: 22950,
      included: { reason: 'owner was paid for it', status: 'pending' },
    });
    expect(s.lines[0]).not.toHaveProperty('included');
    expect(s.excluded).toEqual([]);
    expect(s.totals.ownerPayout).toBe(38250 + 17000 + 22950);
  });

  it('prorates an included reservation in calendar mode like any other', () => {
    const long = res({
      id: 'long',
      status: 'inquiry',
      checkIn: '2025-01-30',
      checkOut: '2025-02-03',
      accommodation: 4000,
    });
    const cal = generated(
      calculateStatement(
        input({
          calculationType: 'calendar',
          reservations: [long],
          overrides: { inclusions: [{ reservationId: 'long', reason: 'r' }] },
        }),
      ),
    );
    // 4 nights, 2 of them in February: floor(4000 × 4/4) − floor(4000 × 2/4) = 2000.
    expect(cal.lines[0]).toMatchObject({ nights: 4, nightsInPeriod: 2, accommodation: 2000 });
  });

  it('gives the included reservation its reconciliation warnings, as a counted one has', () => {
    const odd = res({ id: 'odd', status: 'pending', accommodation: 1000, payout: 1 });
    const st = generated(
      calculateStatement(
        input({ reservations: [odd], overrides: { inclusions: [{ reservationId: 'odd', reason: 'r' }] } }),
      ),
    );
    expect(st.warnings.map((w) => w.code)).toEqual(['payout_mismatch']);
  });

  it('never counts a cancelled reservation without payout: the inclusion is a warning, amounts unchanged', () => {
    const plain = generated(calculateStatement(input({ reservations: [A, B, P] })));
    for (const [status, payout] of [
      ['cancelled', 0],
      ['Cancelled_By_Guest ', null],
      ['cancelled_by_host', undefined],
      ['no_show', 0],
    ] as const) {
      const c = res({ id: 'c', status, accommodation: 40000, cleaning: 5000, payout });
      const withC = generated(calculateStatement(input({ reservations: [A, B, P, c] })));
      const s = generated(
        calculateStatement(
          input({
            reservations: [A, B, P, c],
            overrides: { inclusions: [{ reservationId: 'c', reason: 'owner was paid' }] },
          }),
        ),
      );
      expect(s.lines, status).toEqual(plain.lines);
      expect(s.totals, status).toEqual(plain.totals);
      expect(s.excluded, status).toEqual(withC.excluded);
      expect(s.warnings, status).toEqual([
        {
          code: 'override_cancelled_reservation',
          reservationId: 'c',
          message: expect.stringMatching(
            /inclusion of reservation c \(reason: "owner was paid"\).*manual line/,
          ),
        },
      ]);
    }
  });

  it('keeps the statement whose only decision is a refused inclusion, so the warning is seen', () => {
    const c = res({ id: 'c', status: 'cancelled', accommodation: 40000, payout: 0 });
    const s = generated(
      calculateStatement(
        input({ reservations: [c], overrides: { inclusions: [{ reservationId: 'c', reason: 'x' }] } }),
      ),
    );
    expect(s.lines).toEqual([]);
    expect(s.totals.netPayout).toBe(0);
    expect(s.warnings.map((w) => w.code)).toEqual(['override_cancelled_reservation']);
  });

  it('an exclusion and an inclusion of the same reservation cancel out', () => {
    const plain = generated(calculateStatement(input()));
    const both: StatementOverrides = {
      exclusions: [
        { reservationId: 'a', reason: 'x' },
        { reservationId: 'p', reason: 'y' },
      ],
      inclusions: [
        { reservationId: 'a', reason: 'z' },
        { reservationId: 'p', reason: 'w' },
      ],
    };
    expect(generated(calculateStatement(input({ overrides: both })))).toEqual(plain);
  });
});

describe('line review: manual lines', () => {
  it('adds a line to the totals: other income, commission by its flag whatever the basis', () => {
    const s = generated(
      calculateStatement(
        input({
          settings: { ...DEFAULT_SETTINGS, commissionBasis: 'accommodation' },
          overrides: {
            manualLines: [
              manual({ id: 'm1', amount: 10001 }),
              manual({
                id: 'm2',
                description: 'Key replacement',
                amount: -2500,
                countsTowardCommission: false,
              }),
              manual({ id: 'm3', description: 'Refund', amount: -333, countsTowardCommission: true }),
            ],
          },
        }),
      ),
    );
    expect(s.manualLines).toEqual([
      {
        id: 'm1',
        description: 'Owner-approved deep clean',
        amount: 10001,
        countsTowardCommission: true,
        accommodation: 0,
        cleaning: 0,
        otherFees: 10001,
        grossRevenue: 10001,
        channelFees: 0,
        commission: 1500, // 1500.15
        taxes: 0,
        ownerPayout: 8501,
      },
      expect.objectContaining({ id: 'm2', commission: 0, ownerPayout: -2500, otherFees: -2500 }),
      // −49.95 rounds half away from zero to −50.
      expect.objectContaining({ id: 'm3', commission: -50, ownerPayout: -283 }),
    ]);
    const plain = generated(
      calculateStatement(input({ settings: { ...DEFAULT_SETTINGS, commissionBasis: 'accommodation' } })),
    );
    expect(s.totals.grossRevenue).toBe(plain.totals.grossRevenue + 10001 - 2500 - 333);
    expect(s.totals.otherFees).toBe(plain.totals.otherFees + 10001 - 2500 - 333);
    expect(s.totals.commission).toBe(plain.totals.commission + 1500 - 50);
    expect(s.totals.ownerPayout).toBe(plain.totals.ownerPayout + 8501 - 2500 - 283);
    expect(s.totals.netPayout).toBe(s.totals.ownerPayout);
  });

  it('generates a statement that has only manual lines', () => {
    const s = generated(
      calculateStatement(input({ reservations: [], overrides: { manualLines: [manual()] } })),
    );
    expect(s.lines).toEqual([]);
    expect(s.totals).toMatchObject({
      grossRevenue: 10000,
      commission: 1500,
      ownerPayout: 8500,
      netPayout: 8500,
    });
  });

  it('refuses an amount that is not a safe integer of cents', () => {
    expect(() =>
      calculateStatement(input({ overrides: { manualLines: [manual({ amount: 1.5 })] } })),
    ).toThrow(RangeError);
  });
});

describe('line review: overrides whose reservation is gone', () => {
  it('are a warning naming the reservation and the override, and change no amount', () => {
    const plain = generated(calculateStatement(input()));
    const s = generated(
      calculateStatement(
        input({
          overrides: {
            exclusions: [{ reservationId: 'gone', reason: 'owner stay' }],
            inclusions: [{ reservationId: 'march', reason: 'paid' }],
          },
          // Checks out in March: not taken by this February checkout statement.
          reservations: [
            A,
            B,
            P,
            res({ id: 'march', status: 'pending', checkIn: '2025-02-27', checkOut: '2025-03-02' }),
          ],
        }),
      ),
    );
    expect(s.totals).toEqual(plain.totals);
    expect(s.lines).toEqual(plain.lines);
    expect(s.warnings).toEqual([
      {
        code: 'override_reservation_missing',
        reservationId: 'gone',
        message: expect.stringMatching(/exclusion of reservation gone \(reason: "owner stay"\)/),
      },
      {
        code: 'override_reservation_missing',
        reservationId: 'march',
        message: expect.stringMatching(/inclusion of reservation march/),
      },
    ]);
  });

  it('keep a statement that has nothing else, so the warning is seen', () => {
    const s = calculateStatement(
      input({ reservations: [], overrides: { exclusions: [{ reservationId: 'gone', reason: 'x' }] } }),
    );
    expect(generated(s).warnings).toHaveLength(1);
  });

  it('an inclusion of a reservation that now counts by its status changes nothing, and is a warning', () => {
    const plain = generated(calculateStatement(input()));
    const s = generated(
      calculateStatement(input({ overrides: { inclusions: [{ reservationId: 'a', reason: 'paid' }] } })),
    );
    expect({ ...s, warnings: [] }).toEqual({ ...plain, warnings: [] });
    expect(s.warnings).toEqual([
      ...plain.warnings,
      {
        code: 'override_inactive',
        reservationId: 'a',
        message: expect.stringMatching(
          /^The inclusion of reservation a \(reason: "paid"\) no longer does anything: its status in Hostify is now "accepted", which the statement counts/,
        ),
      },
    ]);
  });

  it('an exclusion of a reservation that is no longer counted by its status changes nothing, and is a warning', () => {
    // P was counted when it was excluded; Hostify now says pending.
    const plain = generated(calculateStatement(input()));
    const s = generated(
      calculateStatement(
        input({ overrides: { exclusions: [{ reservationId: 'p', reason: 'owner stay' }] } }),
      ),
    );
    expect(s.lines).toEqual(plain.lines);
    expect(s.totals).toEqual(plain.totals);
    // Listed as the rules leave it out, without an override reason.
    expect(s.excluded).toEqual(plain.excluded);
    expect(s.warnings).toEqual([
      ...plain.warnings,
      {
        code: 'override_inactive',
        reservationId: 'p',
        message: expect.stringMatching(
          /^The exclusion of reservation p \(reason: "owner stay"\) no longer does anything: its status in Hostify is now "pending", which the statement does not count/,
        ),
      },
    ]);
  });

  it('an inactive override is kept visible even when the statement has nothing else', () => {
    const s = calculateStatement(
      input({ reservations: [P], overrides: { exclusions: [{ reservationId: 'p', reason: 'x' }] } }),
    );
    expect(generated(s).warnings.map((w) => w.code)).toEqual(['override_inactive']);
    expect(generated(s).totals.netPayout).toBe(0);
  });

  it('an inclusion of a reservation counted as cancellation income changes nothing, and is a warning', () => {
    const c = res({ id: 'c', status: 'cancelled', accommodation: 40000, payout: 10000 });
    const plain = generated(calculateStatement(input({ reservations: [c] })));
    expect(plain.lines[0]).toMatchObject({ cancellation: true, accommodation: 10000 });
    const s = generated(
      calculateStatement(
        input({ reservations: [c], overrides: { inclusions: [{ reservationId: 'c', reason: 'x' }] } }),
      ),
    );
    expect(s.lines).toEqual(plain.lines);
    expect(s.warnings.map((w) => w.code)).toEqual(['override_inactive']);
  });
});

describe('line review: nothing on the statement', () => {
  it('is skipped as before without overrides, and kept on request (a draft regenerated on purpose)', () => {
    expect(calculateStatement(input({ reservations: [] }))).toEqual({
      kind: 'skipped',
      reason: 'no_activity',
    });
    const kept = generated(calculateStatement(input({ reservations: [], keepEmpty: true })));
    expect(kept.lines).toEqual([]);
    expect(kept.totals.netPayout).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random data
// ---------------------------------------------------------------------------------------------

const LINE_KEYS = MONEY_COLUMNS.map((c) => c.key);
const start = toDayNumber(FEB.start);
const cents = fc.integer({ min: -1e9, max: 1e10 });

const reservationArb = fc
  .record({
    checkInDay: fc.integer({ min: start - 40, max: start + 35 }),
    nights: fc.integer({ min: 0, max: 40 }),
    status: fc.constantFrom(
      'accepted',
      'confirmed',
      'completed',
      'cancelled',
      'no_show',
      'inquiry',
      'pending',
    ),
    payout: fc.option(cents, { nil: null }),
    accommodation: cents,
    cleaning: cents,
    otherFees: cents,
    taxes: cents,
    channelFees: cents,
  })
  .map(({ checkInDay, nights, ...r }) => ({
    ...r,
    checkIn: fromDayNumber(checkInDay),
    checkOut: fromDayNumber(checkInDay + nights),
  }));

const manualArb = fc.record({
  description: fc.string({ minLength: 1, maxLength: 10 }),
  amount: fc.integer({ min: -1e9, max: 1e9 }).filter((n) => n !== 0),
  countsTowardCommission: fc.boolean(),
});

const caseArb = fc
  .record({
    calculationType: fc.constantFrom('checkout' as const, 'checkin' as const, 'calendar' as const),
    hundredths: fc.integer({ min: 0, max: 10_000 }),
    commissionBasis: fc.constantFrom('net' as const, 'gross' as const, 'accommodation' as const),
    ownerRemitsTaxes: fc.boolean(),
    reservations: fc.array(reservationArb, { minLength: 1, maxLength: 12 }),
    manualLines: fc.array(manualArb, { maxLength: 4 }),
    pick: fc.nat(),
    missing: fc.boolean(),
  })
  .map(({ hundredths, commissionBasis, ownerRemitsTaxes, reservations, manualLines, ...rest }) => ({
    ...rest,
    settings: { commissionPercent: hundredths / 100, commissionBasis, ownerRemitsTaxes },
    // Unique ids: an override names one reservation.
    reservations: reservations.map((r, i) => res({ ...r, id: `r${i}` })),
    manualLines: manualLines.map((m, i) => ({ ...m, id: `m${i}` })),
  }));

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function outcomeOf(c: Case, overrides?: StatementOverrides): StatementOutcome {
  return calculateStatement(
    input({
      calculationType: c.calculationType,
      settings: c.settings,
      reservations: c.reservations,
      ...(overrides ? { overrides } : {}),
    }),
  );
}

describe('line review: properties', () => {
  it('excluding then including a reservation gives back the original statement', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const original = outcomeOf(c);
        if (original.kind !== 'generated') return;
        const s = original.statement;
        const ids = [...s.lines.map((l) => l.reservationId), ...s.excluded.map((e) => e.reservationId)];
        const id = ids[c.pick % ids.length];
        if (id === undefined) return;
        const both = outcomeOf(c, {
          exclusions: [{ reservationId: id, reason: 'first thought' }],
          inclusions: [{ reservationId: id, reason: 'second thought' }],
        });
        expect(both).toEqual(original);
      }),
      { numRuns: 300 },
    );
  });

  it('adding then removing manual lines gives back the original statement; they add exactly their amounts', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const original = outcomeOf(c);
        const added = outcomeOf(c, { manualLines: c.manualLines });
        expect(outcomeOf(c, { manualLines: [] })).toEqual(original);
        if (original.kind === 'error' || c.manualLines.length === 0) {
          expect(added).toEqual(original);
          return;
        }
        // Manual lines alone are activity: the statement is generated.
        const s = generated(added);
        const before = original.kind === 'generated' ? original.statement : null;
        expect(s.lines).toEqual(before?.lines ?? []);
        const sum = (k: 'grossRevenue' | 'commission' | 'ownerPayout') =>
          s.manualLines.reduce((acc, m) => acc + m[k], 0);
        expect(s.totals.grossRevenue).toBe((before?.totals.grossRevenue ?? 0) + sum('grossRevenue'));
        expect(s.totals.commission).toBe((before?.totals.commission ?? 0) + sum('commission'));
        expect(s.totals.ownerPayout).toBe((before?.totals.ownerPayout ?? 0) + sum('ownerPayout'));
        expect(s.manualLines.map((m) => m.id)).toEqual(c.manualLines.map((m) => m.id));
      }),
      { numRuns: 200 },
    );
  });

  it('totals are exactly Σ lines + Σ manual lines, and netPayout = ownerPayout + adjustments − expenses', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const ids = c.reservations.map((r) => r.id);
        const some = (k: number) => ids.filter((_, i) => (i + c.pick + k) % 3 === 0);
        const overrides: StatementOverrides = {
          exclusions: some(0).map((reservationId) => ({ reservationId, reason: 'x' })),
          inclusions: some(1).map((reservationId) => ({ reservationId, reason: 'y' })),
          manualLines: c.manualLines,
        };
        const outcome = outcomeOf(c, overrides);
        if (outcome.kind !== 'generated') return;
        const s = outcome.statement;
        for (const k of LINE_KEYS) {
          const lines = s.lines.reduce((acc, l) => acc + l[k], 0);
          const manuals = s.manualLines.reduce((acc, m) => acc + m[k], 0);
          expect(s.totals[k]).toBe(lines + manuals);
        }
        for (const m of s.manualLines) {
          expect(m.grossRevenue).toBe(m.amount);
          expect(m.ownerPayout).toBe(m.amount - m.commission);
          if (!m.countsTowardCommission) expect(m.commission).toBe(0);
        }
        expect(s.totals.netPayout).toBe(s.totals.ownerPayout + s.totals.adjustments - s.totals.expenses);
        // Every excluded reservation is off the lines; every included line came from the left-out ones.
        const lineIds = new Set(s.lines.map((l) => l.reservationId));
        for (const e of s.excluded) expect(lineIds.has(e.reservationId)).toBe(false);
        for (const id of some(0)) if (!some(1).includes(id)) expect(lineIds.has(id)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('an override of a reservation not taken is a warning and changes no amount', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const original = outcomeOf(c);
        const kind = c.missing ? 'exclusions' : 'inclusions';
        const withMissing = outcomeOf(c, { [kind]: [{ reservationId: 'not-there', reason: 'x' }] });
        if (original.kind === 'error') {
          expect(withMissing.kind).toBe('error');
          return;
        }
        const s = generated(withMissing);
        expect(s.warnings.filter((w) => w.code === 'override_reservation_missing')).toEqual([
          expect.objectContaining({ reservationId: 'not-there' }),
        ]);
        if (original.kind === 'generated') {
          expect(s.totals).toEqual(original.statement.totals);
          expect(s.lines).toEqual(original.statement.lines);
        } else expect(s.lines).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
