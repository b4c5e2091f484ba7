import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../test/helpers/domain-fixtures.js';
import { calculateStatement } from './calculate-statement.js';
import { guestFeesOf, splitGuestPaid } from './guest-fees.js';
import { parseMoney } from './money.js';
import type { Reservation } from './types.js';

describe('guest-paid fees (DESIGN §5)', () => {
  it("Hostify's documented reservation 9876: accommodation 360.00, cleaning 75.00, other fees 0.00", () => {
    // base_price 360, cleaning_fee 75, extras_price 75 (cleaning included), subtotal 435.
    const split = splitGuestPaid({
      basePrice: parseMoney(360),
      cleaningFee: parseMoney(75),
      extrasPrice: parseMoney(75),
      subtotal: parseMoney(435),
    });
    expect(split).toEqual({ accommodation: 36000, cleaning: 7500, otherFees: 0 });
  });

  it('9876 as a statement line: gross 435.00, channel fees 13.05, no warning', () => {
    const r: Reservation = {
      id: '9876',
      propertyId: 'p',
      checkIn: '2025-10-10',
      checkOut: '2025-10-14',
      status: 'accepted',
      source: 'Airbnb',
      currency: 'USD',
      guestName: 'Guest',
      ...splitGuestPaid({ basePrice: 36000, cleaningFee: 7500, extrasPrice: 7500, subtotal: 43500 }),
      taxes: 0,
      channelFees: parseMoney(13.05) + 0,
      payout: parseMoney(421.95),
      subtotal: 43500,
    };
    const outcome = calculateStatement({
      propertyId: 'p',
      currency: 'USD',
      period: { start: '2025-10-01', end: '2025-10-31' },
      calculationType: 'checkout',
      settings: DEFAULT_SETTINGS,
      reservations: [r],
      ledger: [],
    });
    if (outcome.kind !== 'generated') throw new Error(outcome.kind);
    expect(outcome.statement.lines[0]).toMatchObject({
      accommodation: 36000,
      cleaning: 7500,
      otherFees: 0,
      grossRevenue: 43500,
      channelFees: 1305,
    });
    expect(outcome.statement.warnings).toEqual([]);
  });

  it('takes the fees from extras_price, else subtotal − base_price, else cleaning_fee', () => {
    expect(guestFeesOf({ basePrice: 100, cleaningFee: 30, extrasPrice: 50, subtotal: 999 })).toBe(50);
    expect(guestFeesOf({ basePrice: 100, cleaningFee: 30, extrasPrice: null, subtotal: 145 })).toBe(45);
    expect(guestFeesOf({ basePrice: 100, cleaningFee: 30, extrasPrice: null, subtotal: null })).toBe(30);
    // An explicit 0 is present: no fees at all, whatever cleaning_fee says.
    expect(guestFeesOf({ basePrice: 100, cleaningFee: 30, extrasPrice: 0, subtotal: null })).toBe(0);
  });

  it('cleaning is min(cleaning_fee, fees), never below 0; the rest is other fees', () => {
    expect(splitGuestPaid({ basePrice: 0, cleaningFee: 75, extrasPrice: 100, subtotal: null })).toEqual({
      accommodation: 0,
      cleaning: 75,
      otherFees: 25,
    });
    expect(splitGuestPaid({ basePrice: 0, cleaningFee: 75, extrasPrice: 40, subtotal: null })).toMatchObject({
      cleaning: 40,
      otherFees: 0,
    });
    expect(splitGuestPaid({ basePrice: 0, cleaningFee: 75, extrasPrice: -10, subtotal: null })).toMatchObject(
      {
        cleaning: 0,
        otherFees: -10,
      },
    );
    expect(splitGuestPaid({ basePrice: 0, cleaningFee: -5, extrasPrice: 20, subtotal: null })).toMatchObject({
      cleaning: 0,
      otherFees: 20,
    });
  });

  it('cleaning + other fees always equal the fees (property)', () => {
    const c = fc.integer({ min: -1e8, max: 1e8 });
    fc.assert(
      fc.property(
        c,
        c,
        fc.option(c, { nil: null }),
        fc.option(c, { nil: null }),
        (base, clean, extras, sub) => {
          const m = { basePrice: base, cleaningFee: clean, extrasPrice: extras, subtotal: sub };
          const split = splitGuestPaid(m);
          expect(split.cleaning + split.otherFees).toBe(guestFeesOf(m));
          expect(split.cleaning).toBeGreaterThanOrEqual(0);
          expect(split.accommodation).toBe(base);
        },
      ),
    );
  });
});
