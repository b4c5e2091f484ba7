import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divFloorBig, percentOf, percentToHundredths } from './rounding.js';

/**
 * Reference for round(amount × hundredths / 10000) half away from zero, written differently from
 * the implementation: round(|p| / D) = floor((2|p| + D) / 2D), sign restored.
 */
function referencePercentOf(amount: number, hundredths: number): number {
  const p = BigInt(amount) * BigInt(hundredths);
  const abs = p < 0n ? -p : p;
  const rounded = (2n * abs + 10_000n) / 20_000n;
  return Number(p < 0n ? -rounded : rounded);
}

describe('percentToHundredths', () => {
  it('reads the decimal text, not percent * 100', () => {
    // The float pitfall this avoids: 0.29 * 100 = 28.999999999999996, 4.35 * 100 = 434.99999999999994.
    expect(0.29 * 100).not.toBe(29);
    expect(percentToHundredths(0.29)).toBe(29);
    expect(percentToHundredths(4.35)).toBe(435);
    expect(percentToHundredths(33.33)).toBe(3333);
    expect(percentToHundredths(12.5)).toBe(1250);
    expect(percentToHundredths(15)).toBe(1500);
    expect(percentToHundredths(0.01)).toBe(1);
    expect(percentToHundredths(0)).toBe(0);
    expect(percentToHundredths(100)).toBe(10000);
  });

  it('rejects more than 2 decimals, negative and non-finite percents', () => {
    expect(() => percentToHundredths(12.345)).toThrow(RangeError);
    expect(() => percentToHundredths(-1)).toThrow(RangeError);
    expect(() => percentToHundredths(Number.NaN)).toThrow(RangeError);
    expect(() => percentToHundredths(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('percentOf', () => {
  it('computes worked examples exactly', () => {
    expect(percentOf(100001, 15)).toBe(15000); // 15000.15
    expect(percentOf(91250, 15)).toBe(13688); // 13687.5 → half up
    expect(percentOf(100001, 12.5)).toBe(12500); // 12500.125
    expect(percentOf(100001, 33.33)).toBe(33330); // 100001 × 3333 / 10000 = 33330.3333
    expect(percentOf(10000, 33.33)).toBe(3333);
    expect(percentOf(150, 33.33)).toBe(50); // 49.995
    expect(percentOf(3, 33.33)).toBe(1); // 0.9999
    expect(percentOf(10000, 0.29)).toBe(29); // truncating 0.29 * 100 would give 28
    expect(percentOf(200, 4.35)).toBe(9); // 8.7
    expect(percentOf(12345, 0)).toBe(0);
    expect(percentOf(12345, 100)).toBe(12345);
  });

  it('rounds half away from zero, negative amounts included', () => {
    expect(percentOf(4, 12.5)).toBe(1); // 0.5 → 1
    expect(percentOf(-4, 12.5)).toBe(-1); // −0.5 → −1
    expect(percentOf(12, 12.5)).toBe(2); // 1.5 → 2
    expect(percentOf(-12, 12.5)).toBe(-2); // −1.5 → −2
    expect(percentOf(5, 10)).toBe(1); // 0.5
    expect(percentOf(-5, 10)).toBe(-1); // −0.5
    expect(percentOf(-150, 33.33)).toBe(-50); // −49.995
    expect(percentOf(-3, 15)).toBe(0); // −0.45 → 0
    expect(Object.is(percentOf(-3, 15), 0)).toBe(true); // not −0
  });

  it('is exact for amounts beyond what floats multiply exactly (~10^12 cents and more)', () => {
    // (10^12 + 1) × 3333 / 10000 = 333 300 000 000.3333 → 333 300 000 000
    expect(percentOf(1_000_000_000_001, 33.33)).toBe(333_300_000_000);
    // (10^12 + 5) × 1 / 10000 = 100 000 000.0005 → 100 000 000
    expect(percentOf(1_000_000_000_005, 0.01)).toBe(100_000_000);
    // 2^53 − 1 = 9007199254740991; × 5000 / 10000 = 4503599627370495.5 → …496
    expect(percentOf(Number.MAX_SAFE_INTEGER, 50)).toBe(4503599627370496);
    expect(percentOf(-Number.MAX_SAFE_INTEGER, 50)).toBe(-4503599627370496);
  });

  it('rejects non-integer amounts', () => {
    expect(() => percentOf(0.5, 10)).toThrow(RangeError);
    expect(() => percentOf(Number.NaN, 10)).toThrow(RangeError);
  });

  it('property: equals a BigInt reference for every safe amount and 2-decimal percent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 10_000 }),
        (amount, hundredths) => {
          // hundredths / 100 is the double nearest the 2-decimal percent, as a setting would be.
          expect(percentOf(amount, hundredths / 100)).toBe(referencePercentOf(amount, hundredths));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: commission of a sum never drifts more than one cent from the sum of commissions', () => {
    const amount = fc.integer({ min: -1e12, max: 1e12 });
    fc.assert(
      fc.property(amount, amount, fc.integer({ min: 0, max: 10_000 }), (a, b, hundredths) => {
        const p = hundredths / 100;
        expect(Math.abs(percentOf(a + b, p) - (percentOf(a, p) + percentOf(b, p)))).toBeLessThanOrEqual(1);
        // Symmetric around zero (half away from zero, not half up).
        expect(percentOf(-a, p)).toBe(-percentOf(a, p) || 0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('divFloorBig', () => {
  it('floors instead of truncating', () => {
    expect(divFloorBig(7n, 2n)).toBe(3n);
    expect(divFloorBig(-7n, 2n)).toBe(-4n);
    expect(divFloorBig(-6n, 2n)).toBe(-3n);
    expect(divFloorBig(7n, -2n)).toBe(-4n);
    expect(divFloorBig(-7n, -2n)).toBe(3n);
    expect(divFloorBig(-1n, 5n)).toBe(-1n);
    expect(divFloorBig(0n, 5n)).toBe(0n);
    expect(() => divFloorBig(1n, 0n)).toThrow(RangeError);
  });

  it('property: q = floor(a / b) satisfies b·q ≤ a < b·q + b for b > 0', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (a, b) => {
          const q = divFloorBig(a, b);
          expect(b * q <= a && a < b * q + b).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
