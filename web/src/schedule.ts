/**
 * The monthly schedule in words: "Day 1 of every month at 06:00 in Europe/Berlin" and back. The
 * server stores a cron expression and an IANA time zone; the simple form covers exactly the
 * expressions `M H D * *` (D 1–28) and anything else is edited as cron ("Advanced"). Pure.
 */
import { Cron } from 'croner';

/** The last day the simple form offers: every month has it, so a run is never skipped. */
export const LAST_SIMPLE_DAY = 28;

export interface SimpleSchedule {
  /** 1–28. */
  day: number;
  /** `HH:MM`, 24-hour (what `<input type="time">` holds). */
  time: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `{day: 1, time: '06:00'}` → `0 6 1 * *`; null when the time or day is not usable. */
export function simpleCron({ day, time }: SimpleSchedule): string | null {
  const match = TIME.exec(time);
  if (!match || !Number.isInteger(day) || day < 1 || day > LAST_SIMPLE_DAY) return null;
  return `${Number(match[2])} ${Number(match[1])} ${day} * *`;
}

/**
 * The simple form of a cron expression, or null when it has another shape. Only the exact text
 * simpleCron writes is taken, so opening and saving unchanged never rewrites what is stored.
 */
export function parseSimpleCron(cron: string): SimpleSchedule | null {
  const match = /^(\d{1,2}) (\d{1,2}) (\d{1,2}) \* \*$/.exec(cron);
  if (!match) return null;
  const [minute, hour, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (minute > 59 || hour > 23) return null;
  const parsed = { day, time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` };
  return simpleCron(parsed) === cron ? parsed : null;
}

export interface TimeZoneOption {
  value: string;
  /** The name with spaces for underscores: "America/New York". */
  label: string;
}

/**
 * The browser's time zones (Intl.supportedValuesOf), UTC first and the rest in order. UTC is
 * added (browsers list only named zones), and so is `current` when the browser does not know it,
 * so a stored zone is never silently lost.
 */
export function timeZoneOptions(current: string): TimeZoneOption[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.delete('UTC');
  zones.delete(current);
  const named = [...zones, ...(current && current !== 'UTC' ? [current] : [])].sort();
  return ['UTC', ...named].map((value) => ({ value, label: value.replaceAll('_', ' ') }));
}

/** The zone the browser shows times in. */
export const browserTimeZone = () => new Intl.DateTimeFormat().resolvedOptions().timeZone;

/** An instant as the wall-clock time of `timeZone`, in the browser's locale, zone named. */
export function formatInZone(iso: string, timeZone: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/**
 * When a schedule not yet saved would fire next, for the preview while editing. croner is the
 * library (and version) the server computes nextRunAt with, so the preview is what saving shows.
 */
export function previewNextRun(
  cron: string,
  timezone: string,
  now = new Date(),
): { at: string } | { problem: string } {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    return { problem: `Unknown time zone "${timezone}".` };
  }
  try {
    const next = new Cron(cron, { timezone, paused: true }).nextRun(now);
    return next ? { at: next.toISOString() } : { problem: 'This expression never fires.' };
  } catch (error) {
    return { problem: `Not a valid cron expression: ${error instanceof Error ? error.message : error}` };
  }
}
