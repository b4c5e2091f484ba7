import { describe, expect, it } from 'vitest';
import { previousMonth } from './previous-month.js';

describe('previousMonth', () => {
  it('is the month before, with its last day', () => {
    expect(previousMonth(new Date('2025-11-01T06:00:00Z'), 'UTC')).toEqual({
      start: '2025-10-01',
      end: '2025-10-31',
    });
    expect(previousMonth(new Date('2024-03-15T00:00:00Z'), 'UTC')).toEqual({
      start: '2024-02-01',
      end: '2024-02-29',
    });
  });
  it('crosses the year', () => {
    expect(previousMonth(new Date('2026-01-01T00:00:00Z'), 'UTC')).toEqual({
      start: '2025-12-01',
      end: '2025-12-31',
    });
  });
  it('reads the month in the time zone', () => {
    // 23:30 UTC on 31 October is already 1 November in Berlin, still October in New York.
    const at = new Date('2025-10-31T23:30:00Z');
    expect(previousMonth(at, 'Europe/Berlin')).toEqual({ start: '2025-10-01', end: '2025-10-31' });
    expect(previousMonth(at, 'America/New_York')).toEqual({ start: '2025-09-01', end: '2025-09-30' });
  });
});
