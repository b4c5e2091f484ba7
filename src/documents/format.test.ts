import { describe, expect, it } from 'vitest';
import { formatDate, formatPeriod } from './format.js';

describe('document dates', () => {
  it('writes day, short month and year', () => {
    expect(formatDate('2025-10-01')).toBe('1 Oct 2025');
    expect(formatDate('2024-02-29')).toBe('29 Feb 2024');
  });

  it('writes a period in words, saying what both ends share once', () => {
    expect(formatPeriod({ start: '2025-10-01', end: '2025-10-31' })).toBe('October 2025');
    expect(formatPeriod({ start: '2024-02-01', end: '2024-02-29' })).toBe('February 2024');
    expect(formatPeriod({ start: '2025-10-01', end: '2025-10-15' })).toBe('1–15 Oct 2025');
    expect(formatPeriod({ start: '2025-09-15', end: '2025-10-14' })).toBe('15 Sep – 14 Oct 2025');
    expect(formatPeriod({ start: '2025-12-15', end: '2026-01-14' })).toBe('15 Dec 2025 – 14 Jan 2026');
    expect(formatPeriod({ start: '2025-10-05', end: '2025-10-05' })).toBe('5 Oct 2025');
    expect(formatPeriod({ start: '2025-01-01', end: '2025-12-31' })).toBe('1 Jan – 31 Dec 2025');
  });
});
