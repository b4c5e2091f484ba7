/**
 * The checks forms run before they submit, with the same limits as the API's contract (so the
 * server's refusal is the exception, not the way to learn the rules) and the same wording as
 * fieldErrors.ts uses for the server's answers.
 */
import { MAX_PERIOD_DAYS } from '../../src/contract/common.js';
import { daysBetween, isValidIsoDate, toDayNumber } from '../../src/domain/dates.js';

/** Problems of a start/end date pair, under the field each concerns. */
export function checkPeriod(
  start: string,
  end: string,
  labels = { start: 'Start date', end: 'End date' },
): { startDate?: string; endDate?: string } {
  const errors: { startDate?: string; endDate?: string } = {};
  const startError = checkDate(start, labels.start);
  const endError = checkDate(end, labels.end);
  if (startError) errors.startDate = startError;
  if (endError) errors.endDate = endError;
  if (startError || endError) return errors;
  const days = daysBetween(start, end) + 1;
  if (days < 1) errors.endDate = `${labels.end} must be on or after the ${labels.start.toLowerCase()}.`;
  else if (days > MAX_PERIOD_DAYS) {
    errors.endDate = `The period can be at most ${MAX_PERIOD_DAYS} days; this one has ${days}.`;
  }
  return errors;
}

/** A required date: empty, or a day that does not exist (typed "2025-02-30"). */
export function checkDate(value: string, label: string): string | undefined {
  if (!value) return `Enter the ${label.toLowerCase()}.`;
  if (!isValidIsoDate(value)) return `${label} must be a date that exists.`;
  return undefined;
}

/**
 * `min`/`max` of the end date's picker: from the start to the longest period, so the calendar
 * offers no impossible end. The start stays free (moving the whole period must stay easy); an
 * end left behind is reported under the end date.
 */
export function endDateBounds(start: string): { min?: string; max?: string } {
  if (!isValidIsoDate(start)) return {};
  return { min: start, max: addDays(start, MAX_PERIOD_DAYS - 1) };
}

/** `YYYY-MM-DD` plus `days`. */
export function addDays(iso: string, days: number): string {
  const date = new Date((toDayNumber(iso) + days) * 86_400_000);
  return date.toISOString().slice(0, 10);
}

/** The shape of an address (the server has the last word): something@something.tld. */
export function checkEmail(value: string, label = 'E-mail'): string | undefined {
  const email = value.trim();
  if (!email) return `Enter the ${label.toLowerCase()}.`;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    return `${label} must be an e-mail address, such as name@example.com.`;
  }
  return undefined;
}

/** The contract's password length (12 to 200); the rest of the policy is the server's. */
export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 200;

export function checkNewPassword(value: string, label = 'New password'): string | undefined {
  if (!value) return `Enter the ${label.toLowerCase()}.`;
  if (value.length < MIN_PASSWORD_LENGTH) {
    return `${label} must be at least ${MIN_PASSWORD_LENGTH} characters (it has ${value.length}).`;
  }
  if (value.length > MAX_PASSWORD_LENGTH) return `${label} can be at most ${MAX_PASSWORD_LENGTH} characters.`;
  return undefined;
}

export function checkRequired(value: string, label: string): string | undefined {
  return value.trim() ? undefined : `Enter the ${label.toLowerCase()}.`;
}

/** Only the fields with a message: `{}` means the form may be sent. */
export function onlyErrors<T extends Record<string, string | undefined>>(errors: T): Partial<T> {
  return Object.fromEntries(Object.entries(errors).filter(([, v]) => v)) as Partial<T>;
}
