import { describe, expect, it } from 'vitest';
import { isLikelyDuplicate, normaliseDescription, similarDescriptions, tokenDice } from './duplicates.js';

describe('normaliseDescription', () => {
  it('lowers the case and removes accents and punctuation', () => {
    expect(normaliseDescription('  Plumber – Kitchen SINK!! ')).toBe('plumber kitchen sink');
    expect(normaliseDescription('Café “Le Nid”, 2× coffee')).toBe('cafe le nid 2 coffee');
    expect(normaliseDescription('---')).toBe('');
  });
});

describe('similarDescriptions', () => {
  it('holds for equal texts after normalising', () => {
    expect(similarDescriptions('Pool service.', 'pool SERVICE')).toBe(true);
  });
  it('holds when one contains the other as whole words', () => {
    expect(similarDescriptions('Plumber', 'Plumber - kitchen sink')).toBe(true);
    expect(similarDescriptions('gas', 'Gasket replacement')).toBe(false);
  });
  it('holds at a token Dice similarity of 0.6 or more', () => {
    // {replaced, hallway, light} vs {hallway, light, fixture, replaced}: 2·3/7 ≈ 0.86
    expect(similarDescriptions('Replaced hallway light', 'Hallway light fixture replaced')).toBe(true);
    // {pool, cleaning, october} vs {pool, cleaning, november}: 2·2/6 ≈ 0.67
    expect(similarDescriptions('Pool cleaning October', 'Pool cleaning November')).toBe(true);
    // {new, towels} vs {new, bed, sheets}: 2·1/5 = 0.4
    expect(similarDescriptions('New towels', 'New bed sheets')).toBe(false);
  });
  it('tokenDice is the set overlap 2|A∩B| / (|A|+|B|)', () => {
    expect(tokenDice('a b c', 'a b c')).toBe(1);
    expect(tokenDice('a b', 'c d')).toBe(0);
    expect(tokenDice('a b b', 'a')).toBeCloseTo(2 / 3);
    expect(tokenDice('', '')).toBe(1);
  });
});

describe('isLikelyDuplicate', () => {
  const base = { propertyId: '101', date: '2025-10-14', amount: 12_500, description: 'Plumber' };
  it('matches within a cent and a day, on the same property, with similar words', () => {
    expect(isLikelyDuplicate(base, { ...base })).toBe(true);
    expect(isLikelyDuplicate(base, { ...base, amount: 12_501, date: '2025-10-15' })).toBe(true);
    expect(isLikelyDuplicate(base, { ...base, amount: 12_499, date: '2025-10-13' })).toBe(true);
    expect(isLikelyDuplicate(base, { ...base, description: 'PLUMBER, kitchen' })).toBe(true);
  });
  it('does not match beyond any of the limits', () => {
    expect(isLikelyDuplicate(base, { ...base, propertyId: '102' })).toBe(false);
    expect(isLikelyDuplicate(base, { ...base, amount: 12_502 })).toBe(false);
    expect(isLikelyDuplicate(base, { ...base, date: '2025-10-16' })).toBe(false);
    expect(isLikelyDuplicate(base, { ...base, description: 'Electrician' })).toBe(false);
  });
  it('counts days across month ends', () => {
    const a = { ...base, date: '2025-10-31' };
    expect(isLikelyDuplicate(a, { ...base, date: '2025-11-01' })).toBe(true);
  });
});
