import { describe, expect, it } from 'vitest';
import { CALCULATION_TYPES, STATEMENT_STATUSES } from '../../src/domain/types.js';
import { JOB_STATUSES as SERVER_JOB_STATUSES } from '../../src/model/jobs.js';
import { calculationTypeLabel, JOB_STATUSES, plural, statusLabel } from './labels.js';

describe('labels', () => {
  it('put every calculation type and status the server knows into words', () => {
    for (const value of [...CALCULATION_TYPES, ...STATEMENT_STATUSES, ...SERVER_JOB_STATUSES]) {
      const words = [calculationTypeLabel(value), calculationTypeLabel(value, 'short'), statusLabel(value)];
      // Exactly one of the two sets knows it, and says it with a capital.
      expect(words.filter((w) => w !== value).length, value).toBeGreaterThan(0);
      expect(
        words.every((w) => w === value || /^[A-Z]/.test(w)),
        value,
      ).toBe(true);
    }
    expect(JOB_STATUSES).toEqual([...SERVER_JOB_STATUSES]);
    expect(calculationTypeLabel('checkout')).toBe('By check-out date');
    expect(calculationTypeLabel('calendar')).toBe('Nights in the period (prorated)');
    expect(calculationTypeLabel('checkin')).toBe('By check-in date');
    expect(STATEMENT_STATUSES.map(statusLabel)).toEqual(['Draft', 'Final', 'Sent']);
  });

  it('show an unknown value as it came', () => {
    expect(statusLabel('archived')).toBe('archived');
    expect(calculationTypeLabel('weekly', 'short')).toBe('weekly');
  });

  it('pluralise counts', () => {
    expect(plural(1, 'error')).toBe('1 error');
    expect(plural(0, 'error')).toBe('0 errors');
    expect(plural(2, 'property', 'properties')).toBe('2 properties');
  });
});
