import { describe, expect, it } from 'vitest';
import { statementNumber } from './statement-number.js';

describe('statementNumber', () => {
  it('names a calendar month by year and month', () => {
    expect(statementNumber('101', { start: '2025-10-01', end: '2025-10-31' })).toBe('101-2025-10');
    expect(statementNumber('7', { start: '2024-02-01', end: '2024-02-29' })).toBe('7-2024-02');
  });

  it('names both dates of any other period', () => {
    expect(statementNumber('101', { start: '2025-10-01', end: '2025-10-15' })).toBe('101-20251001-20251015');
    expect(statementNumber('101', { start: '2025-02-01', end: '2025-02-28' })).toBe('101-2025-02');
    expect(statementNumber('101', { start: '2024-02-01', end: '2024-02-28' })).toBe('101-20240201-20240228');
  });

  it('differs between properties and between periods', () => {
    const a = statementNumber('10', { start: '2025-11-01', end: '2025-11-30' });
    const b = statementNumber('101', { start: '2025-01-01', end: '2025-01-31' });
    expect(a).not.toBe(b);
  });
});
