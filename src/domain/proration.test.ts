import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromDayNumber } from '../../test/helpers/domain-fixtures.js';
import { monthPeriod, toDayNumber } from './dates.js';
import { parseMoney } from './money.js';
import { holdsLastNight, nightSlice, prorate, prorateAmounts, stayNights } from './proration.js';
import type { Period } from './types.js';

const JAN = monthPeriod(2025, 1);
const FEB = monthPeriod(2025, 2);
const MAR = monthPeriod(2025, 3);

describe('stayNights', () => {
  it('counts check-in inclusive, check-out exclusive; zero-night stays count as one', () => {
    expect(stayNights('2025-01-29', '2025-02-03')).toBe(5);
    expect(stayNights('2025-03-10', '2025-03-10')).toBe(1);
    expect(stayNights('2025-03-10', '2025-03-09')).toBe(1); // bad data: still one night on check-in
    expect(stayNights('2024-02-28', '2024-03-01')).toBe(2); // leap day
  });
});

describe('nightSlice', () => {
  it('splits a stay across a month boundary (Jan 29 → Feb 3: nights 29, 30, 31 | 1, 2)', () => {
    expect(nightSlice('2025-01-29', '2025-02-03', JAN)).toEqual({ a: 0, b: 3, n: 5 });
    expect(nightSlice('2025-01-29', '2025-02-03', FEB)).toEqual({ a: 3, b: 5, n: 5 });
    expect(nightSlice('2025-01-29', '2025-02-03', MAR)).toBeNull();
  });

  it('gives no night to the period that only holds the check-out day', () => {
    // Jan 28 → Feb 1: nights Jan 28..31, check-out morning Feb 1 is not a night.
    expect(nightSlice('2025-01-28', '2025-02-01', FEB)).toBeNull();
    expect(nightSlice('2025-01-28', '2025-02-01', JAN)).toEqual({ a: 0, b: 4, n: 4 });
  });

  it('puts a zero-night stay on its check-in day', () => {
    expect(nightSlice('2025-03-10', '2025-03-10', MAR)).toEqual({ a: 0, b: 1, n: 1 });
    expect(nightSlice('2025-03-31', '2025-03-31', MAR)).toEqual({ a: 0, b: 1, n: 1 });
    expect(nightSlice('2025-03-10', '2025-03-10', FEB)).toBeNull();
    expect(nightSlice('2025-04-01', '2025-04-01', MAR)).toBeNull();
  });

  it('slices a 60-night stay over three months (Jan 15 → Mar 16: 17 + 28 + 15 nights)', () => {
    expect(nightSlice('2025-01-15', '2025-03-16', JAN)).toEqual({ a: 0, b: 17, n: 60 });
    expect(nightSlice('2025-01-15', '2025-03-16', FEB)).toEqual({ a: 17, b: 45, n: 60 });
    expect(nightSlice('2025-01-15', '2025-03-16', MAR)).toEqual({ a: 45, b: 60, n: 60 });
  });
});

describe('prorate', () => {
  it('splits 1000.01 over Jan 29 → Feb 3 into 600.00 + 400.01', () => {
    const x = parseMoney('1000.01'); // 100001
    // January [0, 3): floor(100001·3/5) − 0 = floor(60000.6) = 60000
    expect(prorate(x, 0, 3, 5)).toBe(60000);
    // February [3, 5): floor(100001·5/5) − floor(100001·3/5) = 100001 − 60000 = 40001
    expect(prorate(x, 3, 5, 5)).toBe(40001);
  });

  it('splits a 60-night stay of 1000.01 into 283.33 + 466.67 + 250.01', () => {
    const x = 100001;
    // Jan [0,17): floor(1700017/60) = 28333 (60·28333 = 1699980)
    expect(prorate(x, 0, 17, 60)).toBe(28333);
    // Feb [17,45): floor(4500045/60) − 28333 = 75000 − 28333 = 46667
    expect(prorate(x, 17, 45, 60)).toBe(46667);
    // Mar [45,60): 100001 − 75000 = 25001
    expect(prorate(x, 45, 60, 60)).toBe(25001);
  });

  it('floors negative amounts (refunds) so the parts still add up', () => {
    // Jan: floor(−300003/5) = floor(−60000.6) = −60001; Feb: −100001 − (−60001) = −40000
    expect(prorate(-100001, 0, 3, 5)).toBe(-60001);
    expect(prorate(-100001, 3, 5, 5)).toBe(-40000);
  });

  it('is exact where x·b exceeds 2^53', () => {
    // x = 10^12 + 1, [0, 3) of 7: floor(3000000000003 / 7) = 428571428571 (7 · 428571428571 = 2999999999997)
    expect(prorate(1_000_000_000_001, 0, 3, 7)).toBe(428_571_428_571);
    const big = Number.MAX_SAFE_INTEGER;
    expect(prorate(big, 0, 1, 3) + prorate(big, 1, 3, 3)).toBe(big);
  });

  it('rejects ranges outside the stay and non-integer amounts', () => {
    expect(() => prorate(100, 2, 1, 5)).toThrow(RangeError);
    expect(() => prorate(100, 0, 6, 5)).toThrow(RangeError);
    expect(() => prorate(100, 0, 0, 0)).toThrow(RangeError);
    expect(() => prorate(1.5, 0, 1, 5)).toThrow(RangeError);
  });
});

describe('prorateAmounts', () => {
  const amounts = { accommodation: 100001, cleaning: 5000, otherFees: 1250, taxes: 8000, channelFees: 15001 };

  it('prorates nightly amounts and gives one-time amounts to the period of the last night', () => {
    // Jan 29 → Feb 3. Jan [0,3): taxes floor(24000/5) = 4800, channel floor(45003/5) = 9000.
    expect(prorateAmounts(amounts, { a: 0, b: 3, n: 5 })).toEqual({
      accommodation: 60000,
      cleaning: 0,
      otherFees: 0,
      taxes: 4800,
      channelFees: 9000,
    });
    // Feb [3,5) holds the last night (Feb 2): the rest, plus cleaning and other fees whole.
    expect(prorateAmounts(amounts, { a: 3, b: 5, n: 5 })).toEqual({
      accommodation: 40001,
      cleaning: 5000,
      otherFees: 1250,
      taxes: 3200,
      channelFees: 6001,
    });
  });

  it('gives a zero-night stay everything', () => {
    expect(prorateAmounts(amounts, { a: 0, b: 1, n: 1 })).toEqual(amounts);
  });

  it('knows which slice holds the last night', () => {
    expect(holdsLastNight({ a: 0, b: 3, n: 5 })).toBe(false);
    expect(holdsLastNight({ a: 3, b: 5, n: 5 })).toBe(true);
  });
});

describe('property: prorated parts over consecutive periods add up to the whole', () => {
  const dayMin = toDayNumber('2020-01-01');
  const dayMax = toDayNumber('2030-12-31');
  const cents = fc.integer({ min: -1e12, max: 1e12 });

  /** A stay, and consecutive periods covering it, cut at random nights (overhanging at both ends). */
  const scenario = fc
    .record({
      checkIn: fc.integer({ min: dayMin, max: dayMax }),
      nights: fc.integer({ min: 0, max: 400 }),
      before: fc.integer({ min: 0, max: 40 }),
      after: fc.integer({ min: 0, max: 40 }),
      cutSeeds: fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { maxLength: 12 }),
      amounts: fc.record({
        accommodation: cents,
        cleaning: cents,
        otherFees: cents,
        taxes: cents,
        channelFees: cents,
      }),
    })
    .map(({ checkIn, nights, before, after, cutSeeds, amounts }) => {
      const n = Math.max(nights, 1);
      // Cuts at distinct nights 1..n−1, so every period holds at least one night.
      const cuts = [...new Set(cutSeeds.filter(() => n > 1).map((s) => 1 + (s % (n - 1))))].sort(
        (x, y) => x - y,
      );
      const starts = [checkIn - before, ...cuts.map((c) => checkIn + c)];
      const periods: Period[] = starts.map((s, i) => ({
        start: fromDayNumber(s),
        end: fromDayNumber(i + 1 < starts.length ? (starts[i + 1] ?? 0) - 1 : checkIn + n - 1 + after),
      }));
      return {
        checkIn: fromDayNumber(checkIn),
        checkOut: fromDayNumber(checkIn + nights),
        n,
        periods,
        amounts,
      };
    });

  it('for every nightly amount, and one-time amounts land in exactly one period', () => {
    fc.assert(
      fc.property(scenario, ({ checkIn, checkOut, n, periods, amounts }) => {
        const slices = periods.map((p) => nightSlice(checkIn, checkOut, p));
        const shares = slices.map((s) => {
          if (!s) throw new Error('every period of the cover holds a night');
          return prorateAmounts(amounts, s);
        });
        const total = (k: keyof typeof amounts) => shares.reduce((acc, s) => acc + s[k], 0);
        expect(total('accommodation')).toBe(amounts.accommodation);
        expect(total('taxes')).toBe(amounts.taxes);
        expect(total('channelFees')).toBe(amounts.channelFees);
        expect(total('cleaning')).toBe(amounts.cleaning);
        expect(total('otherFees')).toBe(amounts.otherFees);
        expect(slices.filter((s) => s !== null && holdsLastNight(s))).toHaveLength(1);
        expect(slices.reduce((acc, s) => acc + (s ? s.b - s.a : 0), 0)).toBe(n);
      }),
      { numRuns: 400 },
    );
  });
});
