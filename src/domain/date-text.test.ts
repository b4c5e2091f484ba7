import { describe, expect, it } from 'vitest';
import { detectDateFormat, readDateText, shiftDate } from './date-text.js';

const date = (text: string, format?: Parameters<typeof readDateText>[1]) => {
  const read = readDateText(text, format);
  if (!read.ok) throw new Error(`${text}: ${read.message}`);
  return read.date;
};
const refusal = (text: string, format?: Parameters<typeof readDateText>[1]) => {
  const read = readDateText(text, format);
  if (read.ok) throw new Error(`${text} was read as ${read.date}`);
  return read;
};

describe('readDateText', () => {
  it('reads year-first dates in every format, with or without a time', () => {
    for (const format of ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const) {
      expect(date('2025-10-14', format)).toBe('2025-10-14');
      expect(date(' 2025/10/4 ', format)).toBe('2025-10-04');
      expect(date('2025.10.14', format)).toBe('2025-10-14');
      expect(date('2025-10-14 09:30', format)).toBe('2025-10-14');
      expect(date('2025-10-14T09:30:00Z', format)).toBe('2025-10-14');
    }
  });

  it('reads day-first and month-first dates as the format says', () => {
    expect(date('03/04/2025', 'DD/MM/YYYY')).toBe('2025-04-03');
    expect(date('03/04/2025', 'MM/DD/YYYY')).toBe('2025-03-04');
    expect(date('3.4.2025', 'DD/MM/YYYY')).toBe('2025-04-03');
    expect(date('12-31-2025', 'MM/DD/YYYY')).toBe('2025-12-31');
  });

  it('by default reads a day/month date only when it reads one way', () => {
    expect(date('25/10/2025')).toBe('2025-10-25');
    expect(date('10/25/2025')).toBe('2025-10-25');
    expect(date('05/05/2025')).toBe('2025-05-05');
    const twoWays = refusal('03/04/2025');
    expect(twoWays.ambiguous).toBe(true);
    expect(twoWays.message).toBe(
      'could be 3 April 2025 or 4 March 2025; choose the date format (DD/MM/YYYY or MM/DD/YYYY)',
    );
  });

  it('refuses dates that do not exist, two-digit years and anything else', () => {
    expect(refusal('2025-02-30').message).toMatch(/not a date that exists/);
    expect(refusal('2025-13-01').message).toMatch(/not a date that exists/);
    expect(refusal('31/02/2025', 'DD/MM/YYYY').message).toMatch(/not a date that exists \(as DD\/MM\/YYYY\)/);
    expect(refusal('25/10/2025', 'MM/DD/YYYY').message).toMatch(/not a date that exists/);
    expect(refusal('14/10/25').message).toMatch(/two-digit year/);
    expect(refusal('14 Oct 2025').message).toMatch(/not a date \(write it as YYYY-MM-DD\)/);
    expect(refusal('14/10-2025').message).toMatch(/not a date/);
    expect(refusal('').message).toBe('is empty');
  });
});

describe('detectDateFormat', () => {
  it('names the order the dates agree on', () => {
    expect(detectDateFormat(['03/04/2025', '25/10/2025'])).toBe('DD/MM/YYYY');
    expect(detectDateFormat(['03/04/2025', '10/25/2025', '2025-01-01'])).toBe('MM/DD/YYYY');
  });
  it('is null when none shows it or they disagree', () => {
    expect(detectDateFormat(['03/04/2025', '2025-10-25'])).toBeNull();
    expect(detectDateFormat(['25/10/2025', '10/25/2025'])).toBeNull();
  });
});

describe('shiftDate', () => {
  it('moves across month and year ends and leap days', () => {
    expect(shiftDate('2025-10-31', 1)).toBe('2025-11-01');
    expect(shiftDate('2025-01-01', -1)).toBe('2024-12-31');
    expect(shiftDate('2024-02-28', 1)).toBe('2024-02-29');
    expect(shiftDate('2025-02-28', 1)).toBe('2025-03-01');
  });
});
