/**
 * `POST /api/statements/bulk`: one action on many statements, named by id or by the list's
 * filters. Small selections answer 200 with what was done and what was refused; large ones run
 * as a background job (202, like the other job starts).
 */
import { z } from 'zod';
import { jobAcceptedSchema } from './jobs.js';
import { listStatementsQuerySchema, statementIdParamsSchema, statementStatusSchema } from './statements.js';

/** finalize: draft → final; draft: final → draft; send: e-mail to the owner; delete: drafts only. */
export const BULK_ACTIONS = ['finalize', 'draft', 'send', 'delete'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const bulkActionSchema = z.enum(BULK_ACTIONS);

/** Ids per request: what the request body limit (64 KiB) holds with room to spare. */
export const MAX_BULK_IDS = 1000;
/** Statements a filter may select; more is a 422 `too_many_statements`. */
export const MAX_BULK_MATCHING = 5000;

/** The filters of `GET /api/statements`, without its page. */
export const statementFilterSchema = listStatementsQuerySchema.omit({ cursor: true, limit: true });
export type StatementFilterDto = z.infer<typeof statementFilterSchema>;

export const bulkRequestSchema = z
  .strictObject({
    action: bulkActionSchema,
    /** These statements (duplicates count once). */
    ids: z.array(statementIdParamsSchema.shape.id).min(1).max(MAX_BULK_IDS).optional(),
    /** Every statement `GET /api/statements` lists with these filters (`{}`: all). */
    filter: statementFilterSchema.optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.ids === undefined) === (body.filter === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: body.ids === undefined ? ['ids'] : ['filter'],
        message: 'give either ids or filter (exactly one of them)',
      });
    }
  });
export type BulkRequest = z.infer<typeof bulkRequestSchema>;

const labelFields = {
  id: z.string(),
  propertyId: z.string().nullable(),
  propertyName: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
};

/** A statement the action was carried out on (or that already was as asked: `changed: false`). */
export const bulkDoneSchema = z.object({
  ...labelFields,
  /** Its status now; null once deleted. */
  status: statementStatusSchema.nullable(),
  changed: z.boolean(),
});

/**
 * A statement the action was refused for, with the refusal's error code (`invalid_transition`,
 * `not_a_draft`, `not_final`, `already_sent`, `no_recipient`, `mail_failed`, `not_found`,
 * `concurrent_change`) and message. The label fields are null for a statement that does not exist.
 */
export const bulkRefusedSchema = z.object({ ...labelFields, code: z.string(), message: z.string() });

export const bulkResultSchema = z.object({
  action: bulkActionSchema,
  done: z.array(bulkDoneSchema),
  refused: z.array(bulkRefusedSchema),
});
export type BulkResultDto = z.infer<typeof bulkResultSchema>;

/** A large selection: the job that carries it out, and how many statements it was given. */
export const bulkAcceptedSchema = jobAcceptedSchema.extend({
  action: bulkActionSchema,
  count: z.number().int(),
});
