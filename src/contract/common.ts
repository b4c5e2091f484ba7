/**
 * Schemas shared by several parts of the HTTP contract. Pure zod: the web app imports these too.
 */
import { z } from 'zod';
import { daysBetween, isValidIsoDate } from '../domain/dates.js';
import { stripBidiControls } from '../lib/text.js';

export const MAX_PERIOD_DAYS = 366;

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date YYYY-MM-DD')
  .refine(isValidIsoDate, 'must be a date that exists');

/** Hostify user and listing ids, as strings. */
export const hostifyIdSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'must contain only letters, digits, _ and -');

/**
 * Free text people type (names, descriptions): bidirectional control characters are removed
 * (they can make stored text display as something else, see lib/text.ts), then it is trimmed.
 * Chain `.min()`/`.max()` after it; the limits apply to the cleaned text.
 */
export const cleanText = () => z.string().overwrite(stripBidiControls).trim();

/** Checks a `startDate`/`endDate` pair: order and maximum length. */
export function checkDateRange(
  range: { startDate: string; endDate: string },
  ctx: z.core.$RefinementCtx,
): void {
  checkRange(range.startDate, range.endDate, ['startDate', 'endDate'], ctx);
}

/** The same checks for a `periodStart`/`periodEnd` pair (a query naming a period). */
export function checkPeriodRange(
  range: { periodStart: string; periodEnd: string },
  ctx: z.core.$RefinementCtx,
): void {
  checkRange(range.periodStart, range.periodEnd, ['periodStart', 'periodEnd'], ctx);
}

function checkRange(
  start: string,
  end: string,
  [startName, endName]: readonly [string, string],
  ctx: z.core.$RefinementCtx,
): void {
  if (!isValidIsoDate(start) || !isValidIsoDate(end)) return;
  const days = daysBetween(start, end) + 1;
  if (days < 1) {
    ctx.addIssue({ code: 'custom', path: [endName], message: `${endName} must not be before ${startName}` });
  } else if (days > MAX_PERIOD_DAYS) {
    ctx.addIssue({
      code: 'custom',
      path: [endName],
      message: `the period must be at most ${MAX_PERIOD_DAYS} days (it is ${days})`,
    });
  }
}

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const cursorQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
};
