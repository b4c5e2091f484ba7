import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, fromDayNumber } from '../../test/helpers/domain-fixtures.js';
import { calculateStatement } from './calculate-statement.js';
import { monthPeriod, toDayNumber } from './dates.js';
import { parseMoney } from './money.js';
import { MONEY_COLUMNS } from './statement-columns.js';
import type {
  ComputedStatement,
  LedgerEntry,
  Reservation,
  StatementInput,
  StatementOutcome,
} from './types.js';

const FEB = monthPeriod(2025, 2); // 2025-02-01 .. 2025-02-28

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

function entry(over: Partial<LedgerEntry>): LedgerEntry {
  return {
    id: 'e',
    propertyId: 'p1',
    date: '2025-02-10',
    description: 'x',
    amount: 0,
    type: 'expense',
    ...over,
  };
}

// R1 crosses January/February; amounts arrive as Hostify strings/numbers.
const R1 = res({
  id: 'r1',
  checkIn: '2025-01-29',
  checkOut: '2025-02-03',
  guestName: 'Ada',
  accommodation: parseMoney('1000.01'), // 100001
  cleaning: parseMoney(50), // 5000
  otherFees: parseMoney('12.50'), // 1250
  taxes: parseMoney('80.00'), // 8000
  channelFees: parseMoney('120.00') + parseMoney('30.01'), // 15001
});
const R2 = res({
  id: 'r2',
  status: ' Confirmed ',
  checkIn: '2025-02-10',
  checkOut: '2025-02-14',
  accommodation: 40000,
  cleaning: 3000,
  taxes: 2000,
  channelFees: 4300,
});
const NOISE: Reservation[] = [
  res({
    id: 'x-cancelled',
    status: 'cancelled',
    checkOut: '2025-02-12',
    accommodation: 99999,
    currency: 'USD',
  }),
  res({ id: 'x-inquiry', status: 'inquiry', accommodation: 99999 }),
  res({ id: 'x-other-property', propertyId: 'p2', accommodation: 99999 }),
  res({
    id: 'x-march',
    checkIn: '2025-03-02',
    checkOut: '2025-03-05',
    accommodation: 99999,
    currency: 'USD',
  }),
];
const LEDGER: LedgerEntry[] = [
  entry({ id: 'e1', date: '2025-02-01', amount: 2500 }), // in (start)
  entry({ id: 'e2', date: '2025-02-28', amount: 1000 }), // in (end)
  entry({ id: 'e3', date: '2025-01-31', amount: 9999 }), // out
  entry({ id: 'e4', date: '2025-02-10', amount: 4444, propertyId: 'p2' }), // other property
  entry({ id: 'a1', date: '2025-02-15', amount: 500, type: 'adjustment' }), // in
  entry({ id: 'a2', date: '2025-03-01', amount: 7777, type: 'adjustment' }), // out
];

function input(over: Partial<StatementInput>): StatementInput {
  return {
    propertyId: 'p1',
    currency: 'EUR',
    period: FEB,
    calculationType: 'checkout',
    settings: DEFAULT_SETTINGS,
    // Reversed on purpose: lines must come out sorted by check-in.
    reservations: [...NOISE, R2, R1],
    ledger: LEDGER,
    ...over,
  };
}

function generated(outcome: StatementOutcome): ComputedStatement {
  if (outcome.kind !== 'generated') throw new Error(`expected generated, got ${JSON.stringify(outcome)}`);
  return outcome.statement;
}

describe('calculateStatement: checkout mode (default 15%, net, owner does not remit taxes)', () => {
  // R1: gross 106251, base 91250, commission 13687.5 → 13688, payout 106251 − 15001 − 13688 = 77562
  // R2: gross 43000, base 38700, commission 5805, payout 43000 − 4300 − 5805 = 32895
  const s = generated(calculateStatement(input({})));

  it('takes R1 and R2 whole, sorted by check-in, and leaves the rest out', () => {
    expect(s.lines.map((l) => l.reservationId)).toEqual(['r1', 'r2']);
    expect(s.lines[0]).toMatchObject({ nights: 5, nightsInPeriod: 5, commission: 13688, ownerPayout: 77562 });
    expect(s.lines[1]).toMatchObject({ nights: 4, nightsInPeriod: 4, commission: 5805, ownerPayout: 32895 });
  });

  it('totals the lines and the ledger of the period (boundaries inclusive)', () => {
    expect(s.totals).toEqual({
      accommodation: 140001,
      cleaning: 8000,
      otherFees: 1250,
      grossRevenue: 149251,
      channelFees: 19301,
      commission: 19493,
      taxes: 10000,
      ownerPayout: 110457,
      expenses: 3500, // e1 + e2
      adjustments: 500, // a1
      netPayout: 107457, // 110457 + 500 − 3500
    });
    expect(s.expenses.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(s.adjustments.map((e) => e.id)).toEqual(['a1']);
  });

  it('keeps a copy of the settings and the statement identity', () => {
    expect(s.settings).toEqual(DEFAULT_SETTINGS);
    expect(s.settings).not.toBe(DEFAULT_SETTINGS);
    expect(s).toMatchObject({ propertyId: 'p1', currency: 'EUR', period: FEB, calculationType: 'checkout' });
  });

  it('adds the taxes to the payout when the owner remits them', () => {
    const t = generated(
      calculateStatement(input({ settings: { ...DEFAULT_SETTINGS, ownerRemitsTaxes: true } })),
    );
    expect(t.totals.ownerPayout).toBe(120457); // 110457 + 8000 + 2000
    expect(t.totals.netPayout).toBe(117457); // 120457 + 500 − 3500
  });
});

describe('calculateStatement: calendar mode', () => {
  it('prorates R1 into February and takes R2 whole', () => {
    const s = generated(calculateStatement(input({ calculationType: 'calendar' })));
    // R1 Feb [3,5) of 5: accommodation 100001 − 60000 = 40001, taxes 8000 − 4800 = 3200,
    // channel 15001 − floor(45003/5) = 15001 − 9000 = 6001; cleaning and other fees whole (last
    // night Feb 2). gross 46251, base 40250, commission 6037.5 → 6038, payout 46251 − 6001 − 6038.
    expect(s.lines[0]).toMatchObject({
      reservationId: 'r1',
      nights: 5,
      nightsInPeriod: 2,
      accommodation: 40001,
      cleaning: 5000,
      otherFees: 1250,
      taxes: 3200,
      channelFees: 6001,
      grossRevenue: 46251,
      commission: 6038,
      ownerPayout: 34212,
    });
    expect(s.totals).toMatchObject({
      accommodation: 80001,
      grossRevenue: 89251,
      channelFees: 10301,
      commission: 11843, // 6038 + 5805
      taxes: 5200,
      ownerPayout: 67107, // 34212 + 32895
      netPayout: 64107, // 67107 + 500 − 3500
    });
  });

  it('gives January the rest of R1 (the parts add up to 1000.01)', () => {
    const s = generated(
      calculateStatement(input({ calculationType: 'calendar', period: monthPeriod(2025, 1) })),
    );
    // Jan [0,3): 60000, taxes 4800, channel 9000, no cleaning. base 51000, commission 7650.
    expect(s.lines).toHaveLength(1);
    expect(s.lines[0]).toMatchObject({
      reservationId: 'r1',
      nightsInPeriod: 3,
      accommodation: 60000,
      cleaning: 0,
      otherFees: 0,
      taxes: 4800,
      channelFees: 9000,
      commission: 7650,
      ownerPayout: 43350, // 60000 − 9000 − 7650
    });
    expect(60000 + 40001).toBe(parseMoney('1000.01'));
  });

  it('prorates a 60-night stay over three months to the cent', () => {
    const long = res({
      id: 'long',
      checkIn: '2025-01-15',
      checkOut: '2025-03-16',
      accommodation: 100001,
      cleaning: 7000,
    });
    const acc = [1, 2, 3].map((m) => {
      const s = generated(
        calculateStatement(
          input({
            calculationType: 'calendar',
            period: monthPeriod(2025, m),
            reservations: [long],
            ledger: [],
          }),
        ),
      );
      return s.lines[0];
    });
    // Jan 17 nights: 28333; Feb 28 nights: 75000 − 28333 = 46667; Mar 15 nights: 100001 − 75000 = 25001
    expect(acc.map((l) => l?.accommodation)).toEqual([28333, 46667, 25001]);
    expect(acc.map((l) => l?.nightsInPeriod)).toEqual([17, 28, 15]);
    expect(acc.map((l) => l?.cleaning)).toEqual([0, 0, 7000]); // last night Mar 15
  });

  it('puts a zero-night stay wholly in the period of its check-in', () => {
    const zero = res({
      id: 'z',
      checkIn: '2025-02-28',
      checkOut: '2025-02-28',
      accommodation: 10001,
      cleaning: 500,
    });
    const s = generated(
      calculateStatement(input({ calculationType: 'calendar', reservations: [zero], ledger: [] })),
    );
    expect(s.lines[0]).toMatchObject({ nights: 1, nightsInPeriod: 1, accommodation: 10001, cleaning: 500 });
    const march = calculateStatement(
      input({ calculationType: 'calendar', period: monthPeriod(2025, 3), reservations: [zero], ledger: [] }),
    );
    expect(march).toEqual({ kind: 'skipped', reason: 'no_activity' });
  });
});

describe('calculateStatement: checkin mode', () => {
  it('takes reservations checking in during the period, whole', () => {
    const s = generated(calculateStatement(input({ calculationType: 'checkin' })));
    expect(s.lines.map((l) => l.reservationId)).toEqual(['r2']); // R1 checked in Jan 29
  });
});

describe('calculateStatement: ordering', () => {
  it('sorts lines by check-in, then reservation id', () => {
    const rs = [
      res({ id: 'b', checkIn: '2025-02-05', checkOut: '2025-02-07' }),
      res({ id: 'c', checkIn: '2025-02-01', checkOut: '2025-02-07' }),
      res({ id: 'a', checkIn: '2025-02-05', checkOut: '2025-02-06' }),
    ];
    const s = generated(calculateStatement(input({ reservations: rs, ledger: [] })));
    expect(s.lines.map((l) => l.reservationId)).toEqual(['c', 'a', 'b']);
  });
});

describe('calculateStatement: classification', () => {
  it('is a mixed_currency error when a taken reservation is in another currency, naming both', () => {
    const out = calculateStatement(input({ reservations: [R1, res({ id: 'r-usd', currency: 'usd' })] }));
    expect(out.kind).toBe('error');
    if (out.kind !== 'error') return;
    expect(out.code).toBe('mixed_currency');
    expect(out.message).toContain('r-usd');
    expect(out.message).toContain('usd');
    expect(out.message).toContain('EUR');
  });

  it('compares currencies case-insensitively and ignores reservations it does not take', () => {
    // NOISE holds USD reservations, but cancelled or outside the period.
    const out = calculateStatement(
      input({ reservations: [...NOISE, res({ id: 'lower', currency: 'eur' })] }),
    );
    expect(out.kind).toBe('generated');
  });

  it('skips with no_activity when there is no counted line and no ledger entry in the period', () => {
    expect(calculateStatement(input({ reservations: NOISE, ledger: [LEDGER[2] as LedgerEntry] }))).toEqual({
      kind: 'skipped',
      reason: 'no_activity',
    });
    expect(calculateStatement(input({ reservations: [], ledger: [] }))).toEqual({
      kind: 'skipped',
      reason: 'no_activity',
    });
  });

  it('is not skipped when only an expense (or adjustment) is in the period', () => {
    const s = generated(
      calculateStatement(input({ reservations: NOISE, ledger: [entry({ id: 'e', amount: 1234 })] })),
    );
    expect(s.lines).toEqual([]);
    expect(s.totals).toMatchObject({ ownerPayout: 0, expenses: 1234, adjustments: 0, netPayout: -1234 });
    const adj = calculateStatement(
      input({ reservations: [], ledger: [entry({ type: 'adjustment', amount: 1 })] }),
    );
    expect(adj.kind).toBe('generated');
  });

  it('rejects an invalid period or settings with a RangeError', () => {
    expect(() => calculateStatement(input({ period: { start: '2025-02-01', end: '2025-02-30' } }))).toThrow(
      RangeError,
    );
    expect(() => calculateStatement(input({ period: { start: '2025-03-01', end: '2025-02-01' } }))).toThrow(
      RangeError,
    );
    expect(() =>
      calculateStatement(input({ settings: { ...DEFAULT_SETTINGS, commissionPercent: 12.345 } })),
    ).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random data
// ---------------------------------------------------------------------------------------------

/** DESIGN §5's `totals.X = Σ lines.X` amounts (statement-columns.test.ts pins the list). */
const LINE_KEYS = MONEY_COLUMNS.map((c) => c.key);

const periodStart = toDayNumber(FEB.start);
const cents = fc.integer({ min: -1e9, max: 1e10 });
const date = (from: number, span: number) => fc.integer({ min: from, max: from + span }).map(fromDayNumber);

const reservationArb = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 6 }),
    propertyId: fc.constantFrom('p1', 'p1', 'p1', 'p2'),
    checkInDay: fc.integer({ min: periodStart - 70, max: periodStart + 40 }),
    nights: fc.integer({ min: 0, max: 60 }),
    status: fc.constantFrom(
      'accepted',
      'confirmed',
      'Confirmed',
      'checked_in',
      'completed',
      'cancelled',
      'cancelled_by_guest',
      'no_show',
      'inquiry',
      'declined_inq',
      'pending',
    ),
    payout: fc.option(cents, { nil: null }),
    accommodation: cents,
    cleaning: cents,
    otherFees: cents,
    taxes: cents,
    channelFees: cents,
  })
  .map(({ checkInDay, nights, ...r }) =>
    res({ ...r, checkIn: fromDayNumber(checkInDay), checkOut: fromDayNumber(checkInDay + nights) }),
  );

const ledgerArb = fc.record({
  id: fc.string({ maxLength: 4 }),
  propertyId: fc.constantFrom('p1', 'p1', 'p2'),
  date: date(periodStart - 5, 38),
  amount: fc.integer({ min: 0, max: 1e9 }),
  type: fc.constantFrom('expense' as const, 'adjustment' as const),
});

const inputArb = fc
  .record({
    calculationType: fc.constantFrom('checkout' as const, 'checkin' as const, 'calendar' as const),
    hundredths: fc.integer({ min: 0, max: 10_000 }),
    commissionBasis: fc.constantFrom('net' as const, 'gross' as const, 'accommodation' as const),
    ownerRemitsTaxes: fc.boolean(),
    reservations: fc.array(reservationArb, { maxLength: 15 }),
    ledger: fc.array(
      ledgerArb.map((e) => entry(e)),
      { maxLength: 8 },
    ),
  })
  .map(({ hundredths, commissionBasis, ownerRemitsTaxes, ...rest }) =>
    input({ ...rest, settings: { commissionPercent: hundredths / 100, commissionBasis, ownerRemitsTaxes } }),
  );

/**
 * The statement `calculateStatement` generates, or null when it skips the property for having no
 * activity (no line, expense or adjustment). The random data is all in EUR, so it never errs.
 */
function statementOrNull(inp: StatementInput): ComputedStatement | null {
  const outcome = calculateStatement(inp);
  if (outcome.kind === 'skipped' && outcome.reason === 'no_activity') return null;
  if (outcome.kind !== 'generated') throw new Error(`unexpected outcome ${JSON.stringify(outcome)}`);
  return outcome.statement;
}

describe('properties', () => {
  it('(b) totals equal the sum of the lines, and each line obeys the line rules', () => {
    fc.assert(
      fc.property(inputArb, (inp) => {
        const s = statementOrNull(inp);
        if (s === null) return; // no line to check
        for (const k of LINE_KEYS) expect(s.totals[k]).toBe(s.lines.reduce((acc, l) => acc + l[k], 0));
        for (const l of s.lines) {
          expect(l.grossRevenue).toBe(l.accommodation + l.cleaning + l.otherFees);
          expect(l.ownerPayout).toBe(
            l.grossRevenue - l.channelFees - l.commission + (inp.settings.ownerRemitsTaxes ? l.taxes : 0),
          );
          expect(l.nightsInPeriod).toBeGreaterThanOrEqual(1);
          expect(l.nightsInPeriod).toBeLessThanOrEqual(l.nights);
        }
        // Sorted by check-in, then id.
        const keys = s.lines.map((l) => [l.checkIn, l.reservationId] as const);
        const sorted = [...keys].sort((x, y) =>
          x[0] !== y[0] ? (x[0] < y[0] ? -1 : 1) : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0,
        );
        expect(keys).toEqual(sorted);
      }),
      { numRuns: 300 },
    );
  });

  it('(c) netPayout = ownerPayout + adjustments − expenses, over the ledger of the period', () => {
    fc.assert(
      fc.property(inputArb, (inp) => {
        const s = statementOrNull(inp);
        const inPeriod = inp.ledger.filter(
          (e) => e.propertyId === 'p1' && FEB.start <= e.date && e.date <= FEB.end,
        );
        // Skipped for no activity: then the period has no ledger entry either.
        if (s === null) {
          expect(inPeriod).toEqual([]);
          return;
        }
        const sumOf = (t: string) =>
          inPeriod.filter((e) => e.type === t).reduce((acc, e) => acc + e.amount, 0);
        expect(s.totals.expenses).toBe(sumOf('expense'));
        expect(s.totals.adjustments).toBe(sumOf('adjustment'));
        expect(s.totals.netPayout).toBe(s.totals.ownerPayout + s.totals.adjustments - s.totals.expenses);
      }),
      { numRuns: 300 },
    );
  });

  it('calendar statements of consecutive months add up to the whole amounts of the counted reservations', () => {
    // Every counted p1 reservation lies within Nov 2024 .. May 2025, so the months cover all nights.
    fc.assert(
      fc.property(fc.array(reservationArb, { maxLength: 10 }), (reservations) => {
        const months = [
          monthPeriod(2024, 11),
          monthPeriod(2024, 12),
          ...[1, 2, 3, 4, 5].map((m) => monthPeriod(2025, m)),
        ];
        // A month with no activity is skipped: its totals count as zero.
        const totals = months.map(
          (period) =>
            statementOrNull(input({ calculationType: 'calendar', period, reservations, ledger: [] }))?.totals,
        );
        const countedStatuses = ['accepted', 'confirmed', 'checked_in', 'completed'];
        const cancelledStatuses = ['cancelled', 'cancelled_by_guest', 'cancelled_by_host', 'no_show'];
        const mine = reservations.filter((r) => r.propertyId === 'p1');
        const counted = mine.filter((r) => countedStatuses.includes(r.status.toLowerCase()));
        // Cancellation income counts its payout as accommodation, and nothing else.
        const cancellations = mine.filter(
          (r) => cancelledStatuses.includes(r.status.toLowerCase()) && (r.payout ?? 0) > 0,
        );
        for (const k of ['accommodation', 'cleaning', 'otherFees', 'taxes', 'channelFees'] as const) {
          const extra =
            k === 'accommodation' ? cancellations.reduce((acc, r) => acc + (r.payout ?? 0), 0) : 0;
          expect(totals.reduce((acc, t) => acc + (t?.[k] ?? 0), 0)).toBe(
            counted.reduce((acc, r) => acc + r[k], 0) + extra,
          );
        }
      }),
      { numRuns: 200 },
    );
  });
});
