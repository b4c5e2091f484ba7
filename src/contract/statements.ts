/** The statements part of the HTTP contract (DESIGN.md §6). Money: integer cents of `currency`. */
import { z } from 'zod';
import { MONEY_COLUMNS, type MoneyColumnKey } from '../domain/statement-columns.js';
import {
  CALCULATION_TYPES,
  COMMISSION_BASES,
  OVERRIDE_KINDS,
  STATEMENT_STATUSES,
  WARNING_CODES,
} from '../domain/types.js';
import { checkDateRange, cleanText, cursorQuery, hostifyIdSchema, isoDateSchema } from './common.js';

export const calculationTypeSchema = z.enum(CALCULATION_TYPES);
export const statementStatusSchema = z.enum(STATEMENT_STATUSES);

export const generateRequestSchema = z
  .strictObject({
    ownerId: z.union([z.literal('all'), hostifyIdSchema]),
    propertyId: hostifyIdSchema.optional(),
    startDate: isoDateSchema,
    endDate: isoDateSchema,
    calculationType: calculationTypeSchema.default('checkout'),
    /** Generate All: only the properties whose Hostify listing tags hold this tag (§6). */
    tag: cleanText().min(1).max(100).optional(),
  })
  .superRefine((body, ctx) => {
    checkDateRange(body, ctx);
    if (body.ownerId === 'all' && body.propertyId !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['propertyId'],
        message: 'propertyId cannot be combined with ownerId "all"',
      });
    }
    if (body.ownerId !== 'all' && body.tag !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['tag'], message: 'tag needs ownerId "all" (Generate All)' });
    }
  });
export type GenerateRequest = z.infer<typeof generateRequestSchema>;

const cents = z.number().int();

export const settingsSchema = z.object({
  commissionPercent: z.number(),
  commissionBasis: z.enum(COMMISSION_BASES),
  ownerRemitsTaxes: z.boolean(),
});

/** The amounts a line and the totals share, in cents: the one list of money columns. */
const moneyColumnFields = Object.fromEntries(MONEY_COLUMNS.map((c) => [c.key, cents])) as Record<
  MoneyColumnKey,
  typeof cents
>;

export const statementLineSchema = z.object({
  reservationId: z.string(),
  guestName: z.string(),
  source: z.string(),
  checkIn: z.string(),
  checkOut: z.string(),
  nights: z.number().int(),
  nightsInPeriod: z.number().int(),
  ...moneyColumnFields,
  /** Cancellation income: accommodation = Hostify's payout, every other amount 0 (§5). */
  cancellation: z.boolean().optional(),
  /** Counted because a person included it on review (its status is not counted): why, and that status. */
  included: z.object({ reason: z.string(), status: z.string() }).optional(),
});

/**
 * A line a person added on review: `amount` is in otherFees and grossRevenue, commission is the
 * property's percent of it when `countsTowardCommission` (whatever the basis), else 0.
 */
export const manualLineSchema = z.object({
  id: z.string(),
  description: z.string(),
  amount: cents,
  countsTowardCommission: z.boolean(),
  ...moneyColumnFields,
});

/** One line-review override; the fields of the other kinds are null. */
export const statementOverrideSchema = z.object({
  id: z.string(),
  kind: z.enum(OVERRIDE_KINDS),
  reservationId: z.string().nullable(),
  reason: z.string().nullable(),
  description: z.string().nullable(),
  amount: cents.nullable(),
  countsTowardCommission: z.boolean().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type StatementOverrideDto = z.infer<typeof statementOverrideSchema>;

/** A reservation the calculation type would have taken but the statement does not count (§5). */
export const excludedReservationSchema = z.object({
  reservationId: z.string(),
  guestName: z.string(),
  checkIn: z.string(),
  checkOut: z.string(),
  status: z.string(),
  payout: cents.nullable(),
  /** Left out on review although its status counts (an exclusion override): why. */
  overrideReason: z.string().optional(),
});

/** A reconciliation warning; it never changes an amount (§5). */
export const statementWarningSchema = z.object({
  code: z.enum(WARNING_CODES),
  reservationId: z.string(),
  message: z.string(),
});

export const ledgerEntrySchema = z.object({
  id: z.string(),
  propertyId: z.string(),
  date: z.string(),
  description: z.string(),
  amount: cents,
  type: z.enum(['expense', 'adjustment']),
});

export const totalsSchema = z.object({
  ...moneyColumnFields,
  expenses: cents,
  adjustments: cents,
  netPayout: cents,
});

const statementBase = {
  id: z.string(),
  propertyId: z.string(),
  propertyName: z.string().nullable(),
  ownerId: z.string().nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  calculationType: calculationTypeSchema,
  currency: z.string(),
  status: statementStatusSchema,
  version: z.number().int(),
  totals: totalsSchema,
  settings: settingsSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string().nullable(),
  updatedBy: z.string().nullable(),
  sentAt: z.string().nullable(),
  sentTo: z.string().nullable(),
};

export const statementSummarySchema = z.object({
  ...statementBase,
  lineCount: z.number().int(),
  warningCount: z.number().int(),
});
export const statementSchema = z.object({
  ...statementBase,
  lines: z.array(statementLineSchema),
  /** Lines added on review, counted in the totals (totals = Σ lines + Σ manualLines). */
  manualLines: z.array(manualLineSchema),
  expenses: z.array(ledgerEntrySchema),
  adjustments: z.array(ledgerEntrySchema),
  /** Not counted, with status and payout; empty on statements generated before they were recorded. */
  excluded: z.array(excludedReservationSchema),
  warnings: z.array(statementWarningSchema),
  /** The line-review overrides it was computed with, oldest first. */
  overrides: z.array(statementOverrideSchema),
});
export type StatementDto = z.infer<typeof statementSchema>;
export type StatementSummaryDto = z.infer<typeof statementSummarySchema>;

export const skippedPropertySchema = z.object({
  propertyId: z.string(),
  propertyName: z.string(),
  reason: z.string(),
});
export const erroredPropertySchema = z.object({
  propertyId: z.string(),
  propertyName: z.string(),
  code: z.string().optional(),
  error: z.string(),
});

export const generateOneResponseSchema = z.object({ message: z.string(), statement: statementSchema });
export const generateOwnerResponseSchema = z.object({
  message: z.string(),
  statements: z.array(statementSchema),
  skipped: z.array(skippedPropertySchema),
  errors: z.array(erroredPropertySchema),
});

export const listStatementsQuerySchema = z.strictObject({
  ownerId: hostifyIdSchema.optional(),
  propertyId: hostifyIdSchema.optional(),
  status: statementStatusSchema.optional(),
  periodStart: isoDateSchema.optional(),
  periodEnd: isoDateSchema.optional(),
  ...cursorQuery,
});
export const listStatementsResponseSchema = z.object({
  statements: z.array(statementSummarySchema),
  nextCursor: z.string().nullable(),
  /**
   * How many statements match the filters in all (every page). Answered with the first page
   * only (no `cursor`): a list shows "50 of 312" from it, and later pages skip the count.
   */
  total: z.number().int().optional(),
});

/** Statements per `POST /api/statements/pdf-zip`. */
export const MAX_PDF_ZIP_IDS = 200;

export const statementIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const setStatusRequestSchema = z.strictObject({ status: statementStatusSchema });

/** `GET /api/tags`: the owned properties' Hostify listing tags with how many properties carry each. */
export const tagsResponseSchema = z.object({
  tags: z.array(z.object({ tag: z.string(), propertyCount: z.number().int() })),
});
