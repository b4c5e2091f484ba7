import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../test/helpers/domain-fixtures.js';
import { calculateLine, commissionBaseOf, lineMoney } from './calculate-line.js';
import { parseMoney } from './money.js';
import type { SelectedReservation } from './select-reservations.js';
import type { PropertySettings } from './types.js';

// accommodation 1000.01, cleaning 50, other fees 12.50, taxes 80, channel fees 120 + 30.01.
const amounts = {
  accommodation: parseMoney('1000.01'), // 100001
  cleaning: parseMoney(50), // 5000
  otherFees: parseMoney('12.50'), // 1250
  taxes: parseMoney('80.00'), // 8000
  channelFees: parseMoney('120.00') + parseMoney('30.01'), // 15001
};
// grossRevenue = 100001 + 5000 + 1250 = 106251

const settings = (over: Partial<PropertySettings>): PropertySettings => ({ ...DEFAULT_SETTINGS, ...over });

describe('commissionBaseOf', () => {
  it('uses the basis', () => {
    expect(commissionBaseOf(amounts, 'net')).toBe(91250); // 106251 − 15001
    expect(commissionBaseOf(amounts, 'gross')).toBe(106251);
    expect(commissionBaseOf(amounts, 'accommodation')).toBe(100001);
  });
});

describe('lineMoney', () => {
  it('net basis (default, 15%): commission 13687.5 → 13688 half away from zero', () => {
    expect(lineMoney(amounts, DEFAULT_SETTINGS)).toEqual({
      ...amounts,
      grossRevenue: 106251,
      commission: 13688,
      ownerPayout: 77562, // 106251 − 15001 − 13688
    });
  });

  it('gross basis: 15% of 106251 = 15937.65 → 15938', () => {
    const m = lineMoney(amounts, settings({ commissionBasis: 'gross' }));
    expect(m.commission).toBe(15938);
    expect(m.ownerPayout).toBe(75312); // 106251 − 15001 − 15938
  });

  it('accommodation basis: 15% of 100001 = 15000.15 → 15000', () => {
    const m = lineMoney(amounts, settings({ commissionBasis: 'accommodation' }));
    expect(m.commission).toBe(15000);
    expect(m.ownerPayout).toBe(76250); // 106251 − 15001 − 15000
  });

  it('2-decimal percents: 12.5% and 33.33% of the net base 91250', () => {
    // 91250 × 1250 / 10000 = 11406.25 → 11406
    expect(lineMoney(amounts, settings({ commissionPercent: 12.5 })).commission).toBe(11406);
    // 91250 × 3333 / 10000 = 30413.625 → 30414
    expect(lineMoney(amounts, settings({ commissionPercent: 33.33 })).commission).toBe(30414);
  });

  it('ownerRemitsTaxes adds the taxes to the payout', () => {
    expect(lineMoney(amounts, settings({ ownerRemitsTaxes: false })).ownerPayout).toBe(77562);
    expect(lineMoney(amounts, settings({ ownerRemitsTaxes: true })).ownerPayout).toBe(85562); // + 8000
  });

  it('negative amounts (a refund line) round half away from zero too', () => {
    // net base = −4 − 0 = −4; 12.5% = −0.5 → −1; payout = −4 − 0 − (−1) = −3
    const refund = { accommodation: -4, cleaning: 0, otherFees: 0, taxes: 0, channelFees: 0 };
    const m = lineMoney(refund, settings({ commissionPercent: 12.5 }));
    expect(m).toMatchObject({ grossRevenue: -4, commission: -1, ownerPayout: -3 });
  });
});

describe('calculateLine', () => {
  it('copies the reservation fields and the nights', () => {
    const selected: SelectedReservation = {
      reservation: {
        id: 'r1',
        propertyId: 'p1',
        checkIn: '2025-01-29',
        checkOut: '2025-02-03',
        status: 'accepted',
        source: 'Airbnb',
        currency: 'EUR',
        guestName: 'Ada',
        ...amounts,
      },
      nights: 5,
      nightsInPeriod: 5,
      amounts,
      cancellation: false,
    };
    expect(calculateLine(selected, DEFAULT_SETTINGS)).toEqual({
      reservationId: 'r1',
      guestName: 'Ada',
      source: 'Airbnb',
      checkIn: '2025-01-29',
      checkOut: '2025-02-03',
      nights: 5,
      nightsInPeriod: 5,
      ...amounts,
      grossRevenue: 106251,
      commission: 13688,
      ownerPayout: 77562,
    });
  });
});
