/**
 * Line review of a draft statement (issue §4): the request bodies of
 * `POST /api/statements/:id/overrides` and the parameters of its DELETE. The statement's own
 * shape (its `overrides`, `manualLines`, included lines) is in statements.ts.
 */
import { z } from 'zod';
import { cleanText, hostifyIdSchema } from './common.js';

const MAX_TEXT = 500;
/** The same ceiling as an expense's: 100 million currency units, either way. */
export const MAX_MANUAL_AMOUNT = 10_000_000_000;

const reason = cleanText().min(1, 'must not be empty').max(MAX_TEXT);

export const addOverrideRequestSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('exclude'), reservationId: hostifyIdSchema, reason }),
  z.strictObject({ kind: z.literal('include'), reservationId: hostifyIdSchema, reason }),
  z.strictObject({
    kind: z.literal('manual'),
    description: cleanText().min(1, 'must not be empty').max(MAX_TEXT),
    /** Signed cents: positive adds to the owner's income, negative deducts. */
    amount: z
      .number()
      .int('must be whole cents')
      .min(-MAX_MANUAL_AMOUNT)
      .max(MAX_MANUAL_AMOUNT)
      .refine((n) => n !== 0, 'must not be 0'),
    countsTowardCommission: z.boolean(),
  }),
]);
export type AddOverrideRequest = z.infer<typeof addOverrideRequestSchema>;

export const overrideParamsSchema = z.object({
  id: z.string().min(1).max(64),
  overrideId: z.string().min(1).max(64),
});
