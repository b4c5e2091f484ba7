import { describe, expect, it } from 'vitest';
import { compileFilters, FilterError, parseFilters } from './filters.js';

const records = [
  { id: 1, listing_id: 10, checkIn: '2025-10-01', base_price: '100.50', status: 'accepted' },
  { id: 2, listing_id: '20', checkIn: '2025-10-15', base_price: 99, status: 'cancelled' },
  { id: 3, listing_id: 30, checkIn: '2025-11-01', base_price: null, status: 'accepted' },
];
const fields = new Set(Object.keys(records[0] ?? {}));
const ids = (filters: unknown) =>
  records.filter(compileFilters(parseFilters(JSON.stringify(filters)), fields)).map((r) => r.id);

describe('sim filters', () => {
  it('supports all ten documented operators', () => {
    expect(ids([{ field: 'status', operator: '=', value: 'accepted' }])).toEqual([1, 3]);
    expect(ids([{ field: 'status', operator: '<>', value: 'accepted' }])).toEqual([2]);
    expect(ids([{ field: 'checkIn', operator: '<', value: '2025-10-15' }])).toEqual([1]);
    expect(ids([{ field: 'checkIn', operator: '>', value: '2025-10-15' }])).toEqual([3]);
    expect(ids([{ field: 'checkIn', operator: '<=', value: '2025-10-15' }])).toEqual([1, 2]);
    expect(ids([{ field: 'checkIn', operator: '>=', value: '2025-10-15' }])).toEqual([2, 3]);
    // Reference: in/not_in/between/not_between take comma-separated values (at least 2).
    expect(ids([{ field: 'listing_id', operator: 'in', value: '10,20' }])).toEqual([1, 2]);
    expect(ids([{ field: 'status', operator: 'in', value: 'accepted , pending' }])).toEqual([1, 3]);
    expect(ids([{ field: 'listing_id', operator: 'not_in', value: '10,20' }])).toEqual([3]);
    expect(ids([{ field: 'checkIn', operator: 'between', value: '2025-10-01,2025-10-31' }])).toEqual([1, 2]);
    expect(ids([{ field: 'checkIn', operator: 'not_between', value: '2025-10-01,2025-10-31' }])).toEqual([3]);
  });

  it('compares numbers numerically (numeric strings too) and never matches null', () => {
    expect(ids([{ field: 'base_price', operator: '>', value: 99.5 }])).toEqual([1]);
    expect(ids([{ field: 'base_price', operator: '<>', value: 1 }])).toEqual([1, 2]);
    expect(ids([{ field: 'id', operator: '=', value: '2' }])).toEqual([2]);
  });

  it('combines filters with AND; no filters match everything', () => {
    expect(
      ids([
        { field: 'status', operator: '=', value: 'accepted' },
        { field: 'checkIn', operator: '<=', value: '2025-10-31' },
      ]),
    ).toEqual([1]);
    expect(records.filter(compileFilters(parseFilters(null), fields))).toHaveLength(3);
  });

  it('rejects malformed filters', () => {
    expect(() => parseFilters('{')).toThrow(FilterError);
    expect(() => parseFilters('{"field":"id"}')).toThrow('must be a JSON array');
    expect(() => parseFilters('[{"field":"id","operator":"~","value":1}]')).toThrow('operator');
    expect(() => parseFilters('[{"field":"id","operator":"in","value":1}]')).toThrow(
      'comma-separated string',
    );
    // A JSON array is not what the reference documents.
    expect(() => parseFilters('[{"field":"id","operator":"in","value":[1,2]}]')).toThrow(
      'comma-separated string',
    );
    expect(() => parseFilters('[{"field":"id","operator":"in","value":"1"}]')).toThrow('at least 2');
    expect(() => parseFilters('[{"field":"id","operator":"between","value":"1,2,3"}]')).toThrow('"low,high"');
    expect(() => parseFilters('[{"field":"id","operator":"=","value":{}}]')).toThrow('string or a number');
    expect(() => compileFilters(parseFilters('[{"field":"nope","operator":"=","value":1}]'), fields)).toThrow(
      'unknown filter field',
    );
  });
});
