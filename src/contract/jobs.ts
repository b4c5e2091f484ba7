/** Background jobs in the HTTP contract (the spec's shapes, DESIGN.md §6–7). */
import { z } from 'zod';
import { STATEMENT_STATUSES } from '../domain/types.js';
import { JOB_STATUSES, JOB_TYPES } from '../model/jobs.js';
import { cursorQuery } from './common.js';

export const jobStatusSchema = z.enum(JOB_STATUSES);
export const jobTypeSchema = z.enum(JOB_TYPES);

/**
 * A job's `result`. The entries name a property (`propertyId`, `propertyName`); a bulk action
 * job's name a statement: `propertyId` and `statementId` are then its id and `propertyName` says
 * "<property>, <periodStart> to <periodEnd>"; `skipped[].reason` is the refusal's code. A
 * delivery job's entries are e-mails: one per combined owner (`propertyId` `owner:<ownerId>`,
 * `propertyName` the owner's name) or one per statement, each with `mail`, the owner and the
 * statements it covers.
 */
const deliveryEntryFields = {
  /** Delivery jobs: `owner`, one combined e-mail for the owner's statements; `statement`, one statement's. */
  mail: z.enum(['owner', 'statement']).optional(),
  /** Delivery jobs: the owner's name. */
  ownerName: z.string().nullable().optional(),
  /** Delivery jobs: the statements the entry covers, with their status when the job planned. */
  statements: z
    .array(
      z.object({
        statementId: z.string(),
        propertyId: z.string(),
        propertyName: z.string().nullable(),
        status: z.enum(STATEMENT_STATUSES),
      }),
    )
    .optional(),
};

export const jobResultSchema = z.object({
  summary: z.object({
    generated: z.number().int(),
    skipped: z.number().int(),
    errors: z.number().int(),
    /** Reconciliation warnings of the generated statements + unattributed reservations (§5). */
    warnings: z.number().int().optional(),
  }),
  results: z.object({
    generated: z.array(
      z.object({
        propertyId: z.string(),
        propertyName: z.string(),
        ownerId: z.string().nullable(),
        statementId: z.string().nullable(),
        warnings: z.number().int().optional(),
        ...deliveryEntryFields,
      }),
    ),
    skipped: z.array(
      z.object({
        propertyId: z.string(),
        propertyName: z.string(),
        reason: z.string(),
        /** A bulk action's statement. */
        statementId: z.string().optional(),
        ownerId: z.string().nullable().optional(),
        ...deliveryEntryFields,
      }),
    ),
    errors: z.array(
      z.object({
        propertyId: z.string(),
        propertyName: z.string(),
        code: z.string().nullable(),
        error: z.string(),
        /** A bulk action's statement. */
        statementId: z.string().optional(),
        ownerId: z.string().nullable().optional(),
        ...deliveryEntryFields,
      }),
    ),
  }),
  /** Reservations that belong to no known property (`unattributed_reservation`, §4). */
  unattributed: z
    .array(
      z.object({
        reservationId: z.string().nullable(),
        listingId: z.string().nullable(),
        message: z.string(),
      }),
    )
    .optional(),
});

export const jobSchema = z.object({
  id: z.string(),
  type: jobTypeSchema,
  status: jobStatusSchema,
  /** Items finished (generated + skipped + errors). */
  progress: z.number().int(),
  /** Items to process; null until the job has listed its properties. */
  total: z.number().int().nullable(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  /** Set when the job has ended (completed, cancelled, or failed after some items). */
  result: jobResultSchema.nullable(),
  error: z.string().nullable(),
  params: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  /** Live counters, also while processing. */
  counts: z.object({ generated: z.number().int(), skipped: z.number().int(), errors: z.number().int() }),
  retryOf: z.string().nullable(),
  /** The user who started the job. */
  createdBy: z.string().nullable(),
});
export type JobDto = z.infer<typeof jobSchema>;

/**
 * The data of a job event stream's final `completed` | `failed` | `cancelled` event: the job
 * with its summary and counts but without the result lists (which may hold thousands of
 * properties, once per open stream); clients GET the job for the lists.
 */
export const jobFinishedEventSchema = jobSchema.omit({ result: true }).extend({
  summary: jobResultSchema.shape.summary.nullable(),
});
export type JobFinishedEventDto = z.infer<typeof jobFinishedEventSchema>;

/**
 * The data of an `item` event: one property finished (the event's `id:` is its `seq`). What
 * src/model/jobs.ts calls FinishedItemView, numbered.
 */
export const jobItemEventSchema = z.object({
  seq: z.number().int().min(1),
  propertyId: z.string(),
  propertyName: z.string(),
  status: z.enum(['succeeded', 'skipped', 'failed']),
  /** Why it was skipped (a code such as `no_activity`). */
  reason: z.string().nullable(),
  /** The error's code and message when it failed. */
  code: z.string().nullable(),
  error: z.string().nullable(),
  /** The statement generated (or sent). */
  statementId: z.string().nullable(),
});
export type JobItemEventDto = z.infer<typeof jobItemEventSchema>;

/**
 * The data of a `progress` event: never counts items the stream has not sent yet. `total` is
 * null until the job has listed its properties.
 */
export const jobProgressEventSchema = jobSchema.pick({ progress: true, total: true, counts: true });
export type JobProgressEventDto = z.infer<typeof jobProgressEventSchema>;

/** The spec's 202 body. */
export const jobAcceptedSchema = z.object({
  message: z.string(),
  jobId: z.string(),
  status: z.literal('processing'),
  note: z.string(),
  statusUrl: z.string(),
});
export type JobAccepted = z.infer<typeof jobAcceptedSchema>;

/**
 * No format check: an id that names no job is a 404 `not_found` on every job route, whatever it
 * looks like (issue 13 §7; the routes answer it, see src/http/job-id.ts).
 */
export const jobIdParamsSchema = z.object({
  jobId: z.string().describe('The job id (`job_…`); an id that names no job answers 404 not_found'),
});

export const listJobsQuerySchema = z.strictObject({
  status: jobStatusSchema.optional(),
  type: jobTypeSchema.optional(),
  ...cursorQuery,
});
export const listJobsResponseSchema = z.object({
  jobs: z.array(jobSchema),
  nextCursor: z.string().nullable(),
});

export const jobStatsSchema = z.object({
  byStatus: z.record(jobStatusSchema, z.number().int()),
  finished: z.number().int(),
  averageDurationMs: z.number().nullable(),
  maxDurationMs: z.number().nullable(),
  itemsPerSecond: z.number().nullable(),
});

export const jobEventsQuerySchema = z.object({
  /** For clients that cannot set the Last-Event-ID header. */
  lastEventId: z.coerce.number().int().min(0).optional(),
});
