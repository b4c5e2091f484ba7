import { describe, expect, it } from 'vitest';
import { matchesQuery, naturalCompare, naturalSortBy } from './naturalSort.js';

describe('natural sort', () => {
  it('puts "2" before "10" and ignores letter case', () => {
    const names = ['Unit 10', 'unit 2', 'Unit 1', 'Apartment 3B', 'apartment 3a', 'Unit 02b'];
    expect([...names].sort(naturalCompare)).toEqual([
      'apartment 3a',
      'Apartment 3B',
      'Unit 1',
      'unit 2',
      'Unit 02b',
      'Unit 10',
    ]);
  });

  it('sorts by a key with a tie-break, without changing the input', () => {
    const owners = [
      { name: 'Sam Lee', email: 'z@example.com' },
      { name: 'Ann', email: 'a@example.com' },
      { name: 'Sam Lee', email: 'b@example.com' },
    ];
    const sorted = naturalSortBy(
      owners,
      (o) => o.name,
      (o) => o.email,
    );
    expect(sorted.map((o) => o.email)).toEqual(['a@example.com', 'b@example.com', 'z@example.com']);
    expect(owners[0]?.email).toBe('z@example.com');
  });
});

describe('matchesQuery', () => {
  it('needs every word somewhere, without case or accents', () => {
    expect(matchesQuery('jose nunez', ['José Núñez', 'jn@example.com'])).toBe(true);
    expect(matchesQuery('NUÑEZ example', ['José Núñez', 'jn@example.com'])).toBe(true);
    expect(matchesQuery('jose smith', ['José Núñez', 'jn@example.com'])).toBe(false);
    expect(matchesQuery('  ', ['anything'])).toBe(true);
    expect(matchesQuery('x', [null, undefined])).toBe(false);
  });
});
