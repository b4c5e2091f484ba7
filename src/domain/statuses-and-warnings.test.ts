import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../test/helpers/domain-fixtures.js';
import { calculateStatement } from './calculate-statement.js';
import { reconciliationWarnings } from './reconciliation.js';
import { countedStatusSet, isCancellationIncome, isCountedStatus } from './select-reservations.js';
import type { ComputedStatement, Reservation, StatementInput } from './types.js';

function res(over: Partial<Reservation>): Reservation {
  return {
    id: 'r',
    propertyId: 'p1',
    checkIn: '2025-10-10',
    checkOut: '2025-10-12',
    status: 'accepted',
    source: 'Airbnb',
    currency: 'USD',
    guestName: 'Guest',
    accommodation: 20000,
    cleaning: 5000,
    otherFees: 0,
    taxes: 0,
    channelFees: 750,
    payout: 24250,
    subtotal: 25000,
    ...over,
  };
}

const OCT = { start: '2025-10-01', end: '2025-10-31' };

function statement(reservations: Reservation[], over: Partial<StatementInput> = {}): ComputedStatement {
  const outcome = calculateStatement({
    propertyId: 'p1',
    currency: 'USD',
    period: OCT,
    calculationType: 'checkout',
    settings: DEFAULT_SETTINGS,
    reservations,
    ledger: [],
    ...over,
  });
  if (outcome.kind !== 'generated') throw new Error(`expected generated, got ${outcome.kind}`);
  return outcome.statement;
}

describe('counted statuses (DESIGN §5)', () => {
  it('counts accepted, confirmed, checked_in and completed by default, trimmed and in any case', () => {
    for (const s of ['accepted', 'confirmed', 'checked_in', 'completed', ' Completed ', 'CHECKED_IN'])
      expect(isCountedStatus(s)).toBe(true);
    for (const s of ['pending', 'inquiry', 'moved', 'cancelled', 'new', 'awaiting_payment'])
      expect(isCountedStatus(s)).toBe(false);
  });

  it('COUNTED_STATUSES replaces the default', () => {
    const counted = countedStatusSet(['accepted', ' Pending ']);
    expect(isCountedStatus('pending', counted)).toBe(true);
    expect(isCountedStatus('confirmed', counted)).toBe(false);
    const s = statement([res({ id: 'a', status: 'pending' }), res({ id: 'b', status: 'confirmed' })], {
      countedStatuses: ['pending'],
    });
    expect(s.lines.map((l) => l.reservationId)).toEqual(['a']);
    expect(s.excluded.map((e) => e.reservationId)).toEqual(['b']);
  });
});

describe('cancellation income', () => {
  it('is a cancelled / by guest / by host / no-show reservation with a payout above 0', () => {
    for (const status of ['cancelled', 'cancelled_by_guest', 'cancelled_by_host', 'no_show'])
      expect(isCancellationIncome({ status, payout: 1 })).toBe(true);
    expect(isCancellationIncome({ status: 'cancelled', payout: 0 })).toBe(false);
    expect(isCancellationIncome({ status: 'cancelled', payout: null })).toBe(false);
    expect(isCancellationIncome({ status: 'declined_inq', payout: 500 })).toBe(false);
  });

  it('counts with accommodation = payout and every other amount 0, marked as a cancellation', () => {
    const s = statement([res({ id: 'c', status: 'cancelled_by_guest', payout: 12000, taxes: 900 })]);
    // 12000 gross, no channel fees; commission 15 % of 12000 = 1800; payout 10200.
    expect(s.lines).toEqual([
      expect.objectContaining({
        reservationId: 'c',
        accommodation: 12000,
        cleaning: 0,
        otherFees: 0,
        taxes: 0,
        channelFees: 0,
        grossRevenue: 12000,
        commission: 1800,
        ownerPayout: 10200,
        cancellation: true,
      }),
    ]);
    expect(s.warnings).toEqual([]); // a cancellation's payout is its income by definition
  });
});

describe('excluded reservations', () => {
  it('lists what the calculation type would have taken but is not counted, with status and payout', () => {
    const s = statement([
      res({ id: 'ok' }),
      res({ id: 'inq', status: 'inquiry', guestName: 'Ina', payout: null }),
      res({ id: 'cx', status: 'cancelled', payout: 0 }),
      res({ id: 'later', status: 'pending', checkIn: '2025-10-30', checkOut: '2025-11-02' }), // not taken by checkout
      res({ id: 'other', status: 'pending', propertyId: 'p2' }),
    ]);
    expect(s.lines.map((l) => l.reservationId)).toEqual(['ok']);
    expect(s.excluded).toEqual([
      {
        reservationId: 'cx',
        guestName: 'Guest',
        checkIn: '2025-10-10',
        checkOut: '2025-10-12',
        status: 'cancelled',
        payout: 0,
      },
      {
        reservationId: 'inq',
        guestName: 'Ina',
        checkIn: '2025-10-10',
        checkOut: '2025-10-12',
        status: 'inquiry',
        payout: null,
      },
    ]);
  });

  it('in calendar mode, takes every reservation with a night in the period', () => {
    const s = statement(
      [res({ id: 'ok' }), res({ id: 'p', status: 'pending', checkIn: '2025-10-30', checkOut: '2025-11-02' })],
      { calculationType: 'calendar' },
    );
    expect(s.excluded.map((e) => e.reservationId)).toEqual(['p']);
  });

  it('an excluded reservation alone is still no activity', () => {
    const outcome = calculateStatement({
      propertyId: 'p1',
      currency: 'USD',
      period: OCT,
      calculationType: 'checkout',
      settings: DEFAULT_SETTINGS,
      reservations: [res({ status: 'inquiry' })],
      ledger: [],
    });
    expect(outcome).toEqual({ kind: 'skipped', reason: 'no_activity' });
  });
});

describe('reconciliation warnings', () => {
  it('none when subtotal = base + fees and payout = gross − channel fees (or + taxes)', () => {
    expect(reconciliationWarnings(res({}))).toEqual([]);
    expect(reconciliationWarnings(res({ taxes: 1000, payout: 25250 }))).toEqual([]);
    expect(reconciliationWarnings(res({ payout: null, subtotal: null }))).toEqual([]);
  });

  it('subtotal_mismatch when subtotal differs from base + fees', () => {
    expect(reconciliationWarnings(res({ id: 'r9', subtotal: 32500 }))).toEqual([
      {
        code: 'subtotal_mismatch',
        reservationId: 'r9',
        message: expect.stringContaining('subtotal 325.00 differs from base price + fees 250.00'),
      },
    ]);
  });

  it('payout_mismatch when payout equals neither gross − channel nor that + taxes', () => {
    const [w] = reconciliationWarnings(res({ id: 'r8', taxes: 1000, payout: 24000 }));
    expect(w).toMatchObject({ code: 'payout_mismatch', reservationId: 'r8' });
    expect(w?.message).toContain('payout 240.00');
  });

  it('are on the statement and never change an amount', () => {
    const clean = statement([res({ id: 'a' })]);
    const warned = statement([res({ id: 'a', subtotal: 1, payout: 2 })]);
    expect(warned.warnings.map((w) => w.code)).toEqual(['subtotal_mismatch', 'payout_mismatch']);
    expect(warned.lines).toEqual(clean.lines);
    expect(warned.totals).toEqual(clean.totals);
  });
});
