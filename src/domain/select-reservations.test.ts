import { describe, expect, it } from 'vitest';
import { monthPeriod } from './dates.js';
import { classifyReservations, countedStatusSet, isCountedStatus } from './select-reservations.js';
import type { CalculationType, Reservation } from './types.js';

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
    accommodation: 40000,
    cleaning: 3000,
    otherFees: 0,
    taxes: 2000,
    channelFees: 4300,
    ...over,
  };
}

/** The reservations p1's February statement takes, with the default counted statuses. */
const select = (rs: readonly Reservation[], type: CalculationType) =>
  classifyReservations(rs, 'p1', FEB, type, countedStatusSet()).selected;
const ids = (rs: readonly Reservation[], type: CalculationType) =>
  select(rs, type).map((s) => s.reservation.id);

describe('isCountedStatus', () => {
  it('counts exactly accepted and confirmed, ignoring case and spaces', () => {
    for (const s of ['accepted', 'confirmed', 'Accepted', ' CONFIRMED '])
      expect(isCountedStatus(s), s).toBe(true);
    for (const s of [
      'cancelled',
      'canceled',
      'inquiry',
      'declined',
      'pending',
      'denied',
      'expired',
      '',
      'accept',
    ]) {
      expect(isCountedStatus(s), s).toBe(false);
    }
  });
});

describe('classifyReservations: selected', () => {
  it('leaves out cancelled and inquiry reservations in every mode', () => {
    const rs = [
      res({ id: 'ok' }),
      res({ id: 'c', status: 'cancelled' }),
      res({ id: 'i', status: 'inquiry' }),
    ];
    for (const t of ['checkout', 'checkin', 'calendar'] as const) expect(ids(rs, t)).toEqual(['ok']);
  });

  it("takes only the property's reservations, including a child listing's (attributed to the parent)", () => {
    const rs = [
      res({ id: 'own' }),
      // Booked on a channel (child) listing; the reader already set propertyId to the parent.
      res({ id: 'child', propertyId: 'p1' }),
      res({ id: 'other', propertyId: 'p2' }),
    ];
    expect(ids(rs, 'checkout')).toEqual(['own', 'child']);
  });

  it('checkout: periodStart ≤ checkOut ≤ periodEnd, taken whole', () => {
    const rs = [
      res({ id: 'out-on-start', checkIn: '2025-01-28', checkOut: '2025-02-01' }),
      res({ id: 'out-on-end', checkIn: '2025-02-25', checkOut: '2025-02-28' }),
      res({ id: 'out-after-end', checkIn: '2025-02-25', checkOut: '2025-03-01' }),
      res({ id: 'out-before-start', checkIn: '2025-01-25', checkOut: '2025-01-31' }),
    ];
    expect(ids(rs, 'checkout')).toEqual(['out-on-start', 'out-on-end']);
    const [first] = select(rs, 'checkout');
    // Whole: all 4 nights (all in January!) and all the money.
    expect(first?.nights).toBe(4);
    expect(first?.nightsInPeriod).toBe(4);
    expect(first?.amounts.accommodation).toBe(40000);
  });

  it('checkin: periodStart ≤ checkIn ≤ periodEnd, taken whole', () => {
    const rs = [
      res({ id: 'in-on-start', checkIn: '2025-02-01', checkOut: '2025-02-03' }),
      res({ id: 'in-on-end', checkIn: '2025-02-28', checkOut: '2025-03-05' }),
      res({ id: 'in-before', checkIn: '2025-01-31', checkOut: '2025-02-02' }),
      res({ id: 'in-after', checkIn: '2025-03-01', checkOut: '2025-03-02' }),
    ];
    expect(ids(rs, 'checkin')).toEqual(['in-on-start', 'in-on-end']);
    const last = select(rs, 'checkin')[1];
    expect(last?.nightsInPeriod).toBe(5); // all nights, even those in March
    expect(last?.amounts.cleaning).toBe(3000);
  });

  it('calendar: every reservation with a night in the period, prorated', () => {
    const rs = [
      res({
        id: 'across',
        checkIn: '2025-01-29',
        checkOut: '2025-02-03',
        accommodation: 100001,
        cleaning: 5000,
      }),
      res({ id: 'leaves-on-start', checkIn: '2025-01-28', checkOut: '2025-02-01' }),
      res({ id: 'arrives-last-day', checkIn: '2025-02-28', checkOut: '2025-03-02', accommodation: 30001 }),
      res({ id: 'zero-night', checkIn: '2025-02-15', checkOut: '2025-02-15' }),
      res({ id: 'march', checkIn: '2025-03-01', checkOut: '2025-03-02' }),
    ];
    const selected = select(rs, 'calendar');
    expect(selected.map((s) => s.reservation.id)).toEqual(['across', 'arrives-last-day', 'zero-night']);
    const [across, lastDay, zero] = selected;
    // across: Feb holds nights [3,5) of 5 → 100001 − floor(300003/5) = 40001, and the cleaning.
    expect(across).toMatchObject({ nights: 5, nightsInPeriod: 2 });
    expect(across?.amounts).toMatchObject({ accommodation: 40001, cleaning: 5000 });
    // arrives-last-day: Feb holds night [0,1) of 2 → floor(30001/2) = 15000; cleaning goes to March.
    expect(lastDay).toMatchObject({ nights: 2, nightsInPeriod: 1 });
    expect(lastDay?.amounts).toMatchObject({
      accommodation: 15000,
      cleaning: 0,
      taxes: 1000,
      channelFees: 2150,
    });
    // zero-night: one night on check-in, all of it.
    expect(zero).toMatchObject({ nights: 1, nightsInPeriod: 1 });
    expect(zero?.amounts).toMatchObject({ accommodation: 40000, cleaning: 3000 });
  });

  it('zero-night stays are selected by their dates in checkout and checkin modes', () => {
    const rs = [res({ id: 'z', checkIn: '2025-02-28', checkOut: '2025-02-28' })];
    expect(ids(rs, 'checkout')).toEqual(['z']);
    expect(ids(rs, 'checkin')).toEqual(['z']);
    expect(select(rs, 'checkout')[0]?.nights).toBe(1);
  });
});
