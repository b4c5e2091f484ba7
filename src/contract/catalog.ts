/** Owners, properties, settings and expenses (DESIGN.md §6). */
import { z } from 'zod';
import { OWNER_DELIVERIES } from '../domain/owner-sending-plan.js';
import { COMMISSION_BASES } from '../domain/types.js';
import { cleanText, hostifyIdSchema, isoDateSchema } from './common.js';
import { ledgerEntrySchema, settingsSchema } from './statements.js';

export const ownerSchema = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  name: z.string(),
  propertyCount: z.number().int(),
  /**
   * How "send all" e-mails the owner's statements of a period: `combined` (default) one e-mail
   * with one PDF for all their properties once none is a draft; `per_property` one per statement.
   */
  delivery: z.enum(OWNER_DELIVERIES),
});
export const ownersResponseSchema = z.object({ owners: z.array(ownerSchema) });
export const ownerIdParamsSchema = z.object({ id: hostifyIdSchema });
export const updateOwnerDeliveryRequestSchema = z.strictObject({ delivery: z.enum(OWNER_DELIVERIES) });
export type UpdateOwnerDeliveryRequest = z.infer<typeof updateOwnerDeliveryRequestSchema>;

export const propertySchema = z.object({
  id: z.string(),
  ownerId: z.string().nullable(),
  name: z.string(),
  nickname: z.string().nullable(),
  currency: z.string(),
  isListed: z.boolean(),
  /** The Hostify listing's tags (trimmed). */
  tags: z.array(z.string()),
  settings: settingsSchema,
});
export const propertiesQuerySchema = z.strictObject({ ownerId: hostifyIdSchema.optional() });
export const propertiesResponseSchema = z.object({ properties: z.array(propertySchema) });
export const propertyIdParamsSchema = z.object({ id: hostifyIdSchema });

/** A percent with at most two decimals, 0 to 100. */
const commissionPercentSchema = z
  .number()
  .min(0, 'must be at least 0')
  .max(100, 'must be at most 100')
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'must have at most 2 decimals');

export const updateSettingsRequestSchema = z.strictObject({
  commissionPercent: commissionPercentSchema,
  commissionBasis: z.enum(COMMISSION_BASES),
  ownerRemitsTaxes: z.boolean(),
});

/** Positive amounts in cents, at most 100 million currency units. */
export const createExpenseRequestSchema = z.strictObject({
  propertyId: hostifyIdSchema,
  date: isoDateSchema,
  description: cleanText().min(1, 'must not be empty').max(500),
  amount: z.number().int('must be whole cents').positive('must be positive').max(10_000_000_000),
  type: z.enum(['expense', 'adjustment']),
});
export const createExpenseResponseSchema = z.object({ entry: ledgerEntrySchema });

export const catalogSyncResponseSchema = z.object({
  owners: z.number().int(),
  properties: z.number().int(),
  ownedProperties: z.number().int(),
  syncedAt: z.string(),
});
