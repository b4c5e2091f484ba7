import { Cron } from 'croner';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextRunOf } from '../../src/scheduling/croner-scheduler.js';
import { formatInZone, parseSimpleCron, previewNextRun, simpleCron, timeZoneOptions } from './schedule.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('simpleCron / parseSimpleCron', () => {
  it('writes minute hour day and reads it back', () => {
    expect(simpleCron({ day: 1, time: '06:00' })).toBe('0 6 1 * *');
    expect(simpleCron({ day: 28, time: '23:59' })).toBe('59 23 28 * *');
    expect(parseSimpleCron('30 7 15 * *')).toEqual({ day: 15, time: '07:30' });
  });

  it('round-trips every day and a spread of times', () => {
    for (let day = 1; day <= 28; day++) {
      for (const time of ['00:00', '06:05', '12:30', '23:59']) {
        const cron = simpleCron({ day, time });
        expect(cron).not.toBeNull();
        expect(parseSimpleCron(cron as string)).toEqual({ day, time });
      }
    }
  });

  it('fires at that wall-clock time on that day, as croner reads it', () => {
    const cron = simpleCron({ day: 3, time: '21:15' }) as string;
    const next = new Cron(cron, { timezone: 'Asia/Tokyo', paused: true }).nextRun(
      new Date('2025-11-10T00:00:00Z'),
    );
    expect(next?.toISOString()).toBe('2025-12-03T12:15:00.000Z'); // 21:15 in Tokyo (UTC+9)
  });

  it('refuses what the sentence cannot say', () => {
    expect(simpleCron({ day: 29, time: '06:00' })).toBeNull();
    expect(simpleCron({ day: 0, time: '06:00' })).toBeNull();
    expect(simpleCron({ day: 1, time: '' })).toBeNull();
    expect(simpleCron({ day: 1, time: '24:00' })).toBeNull();
    for (const cron of [
      '0 6 L * *',
      '0 6 29 * *',
      '0 6 1 1 *',
      '0 6 * * 1',
      '0 6 1,15 * *',
      '0 0 6 1 * *',
      '00 06 1 * *',
      '0  6 1 * *',
      '60 6 1 * *',
      '0 24 1 * *',
      'nonsense',
    ]) {
      expect(parseSimpleCron(cron), cron).toBeNull();
    }
  });
});

describe('timeZoneOptions', () => {
  it("lists the browser's zones from Intl, UTC first", () => {
    vi.spyOn(Intl, 'supportedValuesOf').mockReturnValue(['Europe/Berlin', 'America/New_York', 'Asia/Tokyo']);
    expect(timeZoneOptions('UTC')).toEqual([
      { value: 'UTC', label: 'UTC' },
      { value: 'America/New_York', label: 'America/New York' },
      { value: 'Asia/Tokyo', label: 'Asia/Tokyo' },
      { value: 'Europe/Berlin', label: 'Europe/Berlin' },
    ]);
  });

  it('keeps a stored zone the browser does not list', () => {
    vi.spyOn(Intl, 'supportedValuesOf').mockReturnValue(['Europe/Berlin']);
    expect(timeZoneOptions('Europe/Kiev').map((z) => z.value)).toEqual([
      'UTC',
      'Europe/Berlin',
      'Europe/Kiev',
    ]);
  });

  it('holds every zone Intl knows, once', () => {
    const values = timeZoneOptions('Europe/Berlin').map((z) => z.value);
    expect(values.length).toBe(new Set(values).size);
    expect(new Set(values)).toEqual(new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']));
  });
});

describe('formatInZone', () => {
  it("shows the instant as the zone's wall clock", () => {
    const at = '2025-12-01T05:00:00.000Z';
    expect(formatInZone(at, 'Europe/Berlin', 'en-GB')).toMatch(/Mon, 1 Dec 2025, 06:00 CET/);
    expect(formatInZone(at, 'America/New_York', 'en-GB')).toMatch(/Mon, 1 Dec 2025, 00:00 GMT-5/);
    expect(formatInZone('2025-07-01T04:00:00.000Z', 'Europe/Berlin', 'en-GB')).toMatch(/06:00 CEST/);
  });
});

describe('previewNextRun', () => {
  it('equals the server’s nextRunOf for the same schedule and moment', () => {
    const now = new Date('2025-10-26T00:30:00Z'); // the night Berlin leaves summer time
    for (const [cron, timezone] of [
      ['0 6 1 * *', 'Europe/Berlin'],
      ['30 2 26 * *', 'Europe/Berlin'],
      ['0 0 L * *', 'America/New_York'],
      ['15 9 * * 1', 'Asia/Kolkata'],
    ] as const) {
      expect(previewNextRun(cron, timezone, now)).toEqual({
        at: nextRunOf({ cron, timezone }, now)?.toISOString(),
      });
    }
  });

  it('names a bad expression or zone', () => {
    expect(previewNextRun('nonsense', 'UTC')).toEqual({
      problem: expect.stringMatching(/^Not a valid cron/),
    });
    expect(previewNextRun('0 6 1 * *', 'Mars/Olympus')).toEqual({
      problem: 'Unknown time zone "Mars/Olympus".',
    });
  });
});
