/**
 * The payout report's part of the HTTP contract: `GET /api/reports/payouts` (JSON),
 * `GET /api/reports/payouts.csv` and `GET /api/reports/payouts/periods`. Money: integer cents of
 * `currency`; a negative net payout is what the owner owes the manager.
 */
import { z } from 'zod';
import { checkPeriodRange, isoDateSchema } from './common.js';
import { statementStatusSchema } from './statements.js';

const cents = z.number().int();

/**
 * A period as `periodStart`/`periodEnd`, with the rules every period of the API follows
 * (checkPeriodRange): dates that exist, start ≤ end, at most MAX_PERIOD_DAYS days.
 */
export const payoutReportQuerySchema = z
  .strictObject({ periodStart: isoDateSchema, periodEnd: isoDateSchema })
  .superRefine(checkPeriodRange);
export type PayoutReportQuery = z.infer<typeof payoutReportQuerySchema>;

export const payoutStatementSchema = z.object({
  id: z.string(),
  /** The statement number printed for the owner (`101-2025-10`). */
  number: z.string(),
  propertyId: z.string(),
  propertyName: z.string().nullable(),
  status: statementStatusSchema,
  currency: z.string(),
  netPayout: cents,
});

const propertyRefSchema = z.object({ propertyId: z.string(), propertyName: z.string() });

export const payoutOwnerSchema = z.object({
  /** null: the statements of properties without an owner, grouped so no money is hidden. */
  ownerId: z.string().nullable(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  /** Net payout per currency of the final and sent statements; never summed across currencies. */
  payouts: z.array(z.object({ currency: z.string(), netPayout: cents, statementCount: z.number().int() })),
  /** The final and sent statements the payouts add up. */
  statements: z.array(payoutStatementSchema),
  /** Drafts of the period: not in the payouts (they may still change). */
  drafts: z.array(payoutStatementSchema),
  /** The owner's properties with no statement of the period (no activity, or not generated yet). */
  withoutStatement: z.array(propertyRefSchema),
});

export const payoutReportSchema = z.object({
  periodStart: z.string(),
  periodEnd: z.string(),
  /** By name (natural order); the no-owner group last. */
  owners: z.array(payoutOwnerSchema),
  /** Per currency: netPayout = toPay − owed + unassigned. */
  totals: z.array(
    z.object({
      currency: z.string(),
      netPayout: cents,
      /** Σ of the owners' positive net payouts: the transfers to make. */
      toPay: cents,
      /** Σ of what owners with a negative net payout owe (positive). */
      owed: cents,
      /** Net payout of statements without an owner. */
      unassigned: cents,
      ownerCount: z.number().int(),
      statementCount: z.number().int(),
    }),
  ),
  counts: z.object({
    owners: z.number().int(),
    statements: z.number().int(),
    drafts: z.number().int(),
    propertiesWithoutStatement: z.number().int(),
    ownersWithoutStatement: z.number().int(),
  }),
  /** Active owners with properties but no statement of the period. */
  ownersWithoutStatement: z.array(
    z.object({
      ownerId: z.string(),
      name: z.string(),
      email: z.string(),
      properties: z.array(propertyRefSchema),
    }),
  ),
});
export type PayoutReportDto = z.infer<typeof payoutReportSchema>;
export type PayoutOwnerDto = z.infer<typeof payoutOwnerSchema>;
export type PayoutStatementDto = z.infer<typeof payoutStatementSchema>;

export const payoutPeriodsSchema = z.object({
  /** Latest end first. */
  periods: z.array(
    z.object({ periodStart: z.string(), periodEnd: z.string(), statementCount: z.number().int() }),
  ),
});
export type PayoutPeriodsDto = z.infer<typeof payoutPeriodsSchema>;
