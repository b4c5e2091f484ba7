/** The statements part of the HTTP contract (DESIGN.md §6). Money: integer cents of `currency`. */
import { z } from 'zod';
import { CALCULATION_TYPES, COMMISSION_BASES, STATEMENT_STATUSES } from '../domain/types.js';
import { checkDateRange, cursorQuery, hostifyIdSchema, isoDateSchema } from './common.js';

export const calculationTypeSchema = z.enum(CALCULATION_TYPES);
export const statementStatusSchema = z.enum(STATEMENT_STATUSES);

export const generateRequestSchema = z
  .strictObject({
    ownerId: z.union([z.literal('all'), hostifyIdSchema]),
    propertyId: hostifyIdSchema.optional(),
    startDate: isoDateSchema,
    endDate: isoDateSchema,
    calculationType: calculationTypeSchema.default('checkout'),
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
  });
export type GenerateRequest = z.infer<typeof generateRequestSchema>;

const cents = z.number().int();

export const settingsSchema = z.object({
  commissionPercent: z.number(),
  commissionBasis: z.enum(COMMISSION_BASES),
  ownerRemitsTaxes: z.boolean(),
});

export const statementLineSchema = z.object({
  reservationId: z.string(),
  guestName: z.string(),
  source: z.string(),
  checkIn: z.string(),
  checkOut: z.string(),
  nights: z.number().int(),
  nightsInPeriod: z.number().int(),
  accommodation: cents,
  cleaning: cents,
  otherFees: cents,
  grossRevenue: cents,
  channelFees: cents,
  commission: cents,
  taxes: cents,
  ownerPayout: cents,
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
  accommodation: cents,
  cleaning: cents,
  otherFees: cents,
  grossRevenue: cents,
  channelFees: cents,
  commission: cents,
  taxes: cents,
  ownerPayout: cents,
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

export const statementSummarySchema = z.object({ ...statementBase, lineCount: z.number().int() });
export const statementSchema = z.object({
  ...statementBase,
  lines: z.array(statementLineSchema),
  expenses: z.array(ledgerEntrySchema),
  adjustments: z.array(ledgerEntrySchema),
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
});

export const statementIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const setStatusRequestSchema = z.strictObject({ status: statementStatusSchema });
