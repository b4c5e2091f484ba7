/**
 * The owner statement and the owner page (HTTP contract): an owner's property statements of one
 * period, one section each, with the owner's totals per currency. Money: integer cents of the
 * currency beside it; totals are per currency and never summed across currencies.
 */
import { z } from 'zod';
import { OWNER_DELIVERIES } from '../domain/owner-sending-plan.js';
import { OWNER_PROPERTY_STATES } from '../domain/owner-statement.js';
import { propertySchema } from './catalog.js';
import { checkPeriodRange, hostifyIdSchema, isoDateSchema } from './common.js';
import { statementSchema, statementStatusSchema, totalsSchema } from './statements.js';

export const ownerIdParamsSchema = z.object({ id: hostifyIdSchema });

/** Exactly this period: statements of an overlapping but different period are not the owner's statement. */
export const ownerStatementQuerySchema = z
  .strictObject({ periodStart: isoDateSchema, periodEnd: isoDateSchema })
  .superRefine(checkPeriodRange);
export type OwnerStatementQuery = z.infer<typeof ownerStatementQuerySchema>;

export const ownerPropertyStateSchema = z.enum(OWNER_PROPERTY_STATES);
export type OwnerPropertyStateDto = z.infer<typeof ownerPropertyStateSchema>;

/** One currency's sums over the owner's statements of the period. */
export const currencyTotalsSchema = z.object({
  currency: z.string(),
  statementCount: z.number().int(),
  totals: totalsSchema,
});

/**
 * A property of the owner and its statement of the period: `final`, `sent` or `draft` (the
 * owner's statement, a section), `missing` (none: nothing to count, or not generated yet), or
 * `other_owner` (the statement of the period was made for the property's earlier owner).
 */
export const ownerPropertyStatusSchema = z.object({
  propertyId: z.string(),
  propertyName: z.string(),
  currency: z.string(),
  state: ownerPropertyStateSchema,
  statementId: z.string().nullable(),
  netPayout: z.number().int().nullable(),
  /** False for a property the owner no longer owns but has a statement of this period for. */
  ownedNow: z.boolean(),
});

const propertyRef = { propertyId: z.string(), propertyName: z.string() };

export const ownerStatementSchema = z.object({
  owner: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  periodStart: z.string(),
  periodEnd: z.string(),
  /** The owner's statements of exactly the period, whole, by property name in natural order. */
  sections: z.array(statementSchema),
  /** Per currency, alphabetically; never summed across currencies. */
  totals: z.array(currencyTotalsSchema),
  /** Every property of the owner (and of each section), by name in natural order. */
  properties: z.array(ownerPropertyStatusSchema),
  /** The owner's properties with no statement of the period. */
  missing: z.array(z.object(propertyRef)),
  /** Sections that are still drafts. */
  drafts: z.array(z.object({ ...propertyRef, statementId: z.string() })),
  /** No draft, and at least one final or sent section: the owner statement can go out. */
  ready: z.boolean(),
});
export type OwnerStatementDto = z.infer<typeof ownerStatementSchema>;

/** One of the owner's statements in the owner page's list by period. */
export const ownerPeriodStatementSchema = z.object({
  id: z.string(),
  propertyId: z.string(),
  propertyName: z.string().nullable(),
  status: statementStatusSchema,
  currency: z.string(),
  netPayout: z.number().int(),
});

export const ownerDetailsSchema = z.object({
  owner: z.object({
    id: z.string(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    name: z.string(),
    /** False once Hostify no longer lists the owner (their statements stay). */
    isActive: z.boolean(),
    /** How "send all" e-mails their statements: `combined` (default) or `per_property`. */
    delivery: z.enum(OWNER_DELIVERIES),
  }),
  /** The properties the owner owns now, with their statement settings. */
  properties: z.array(propertySchema),
  /** Every period the owner has statements of, latest first. */
  periods: z.array(
    z.object({
      periodStart: z.string(),
      periodEnd: z.string(),
      statements: z.array(ownerPeriodStatementSchema),
    }),
  ),
});
export type OwnerDetailsDto = z.infer<typeof ownerDetailsSchema>;
