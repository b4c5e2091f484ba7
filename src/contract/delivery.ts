/** Sending a period's final statements, the monthly schedule and the demo outbox (HTTP contract). */
import { z } from 'zod';
import { CALCULATION_TYPES, STATEMENT_STATUSES } from '../domain/types.js';
import { hostifyIdSchema, isoDateSchema } from './common.js';

const periodFields = {
  periodStart: isoDateSchema,
  periodEnd: isoDateSchema,
  /** Only this owner's statements; every owner's when absent. */
  ownerId: hostifyIdSchema.optional(),
};
const periodOrder = (p: { periodStart: string; periodEnd: string }) => p.periodStart <= p.periodEnd;
const periodOrderMessage = { message: 'periodEnd must not be before periodStart', path: ['periodEnd'] };

export const sendAllRequestSchema = z.strictObject(periodFields).refine(periodOrder, periodOrderMessage);
export type SendAllRequest = z.infer<typeof sendAllRequestSchema>;
export const sendAllPreviewQuerySchema = sendAllRequestSchema;

const previewStatementSchema = z.object({
  id: z.string(),
  propertyId: z.string(),
  propertyName: z.string().nullable(),
  ownerId: z.string().nullable(),
  status: z.enum(STATEMENT_STATUSES),
});

/**
 * What "send all" would e-mail now, per owner: a `combined` owner (the default) gets one e-mail
 * with all their statements of the period in one PDF, and only once none of them is a draft
 * (until then they are `notReady` and get nothing); a `per_property` owner gets one e-mail per
 * final statement. `count` and `statements`: the statements the e-mails mark sent.
 */
export const sendAllPreviewSchema = z.object({
  count: z.number().int(),
  statements: z.array(previewStatementSchema),
  /** E-mails that would go out. */
  emails: z.number().int(),
  /** Owners they go to. */
  owners: z.number().int(),
  /**
   * Each e-mail: `owner`, one combined e-mail (its statements: every section of the PDF, those
   * sent before included but not marked again); `statement`, one statement's e-mail.
   */
  mails: z.array(
    z.object({
      kind: z.enum(['owner', 'statement']),
      ownerId: z.string().nullable(),
      ownerName: z.string().nullable(),
      statements: z.array(previewStatementSchema),
    }),
  ),
  /** Combined owners with drafts left in the period: nothing of theirs is sent. */
  notReady: z.array(
    z.object({
      ownerId: z.string(),
      ownerName: z.string(),
      drafts: z.array(previewStatementSchema),
      finals: z.array(previewStatementSchema),
    }),
  ),
  /** Combined owners whose statements of the period were all sent already. */
  alreadySent: z.array(
    z.object({ ownerId: z.string(), ownerName: z.string(), statements: z.array(previewStatementSchema) }),
  ),
});
export type SendAllPreview = z.infer<typeof sendAllPreviewSchema>;

/** One attempt to e-mail a statement to its owner (failed ones too). */
export const deliverySchema = z.object({
  id: z.string(),
  statementId: z.string(),
  recipient: z.string(),
  status: z.enum(['sent', 'failed']),
  via: z.string().nullable(),
  messageId: z.string().nullable(),
  error: z.string().nullable(),
  resend: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type DeliveryDto = z.infer<typeof deliverySchema>;

export const scheduleSchema = z.object({
  enabled: z.boolean(),
  /** 5 fields (minute hour day month weekday), or 6 with seconds first. */
  cron: z.string(),
  /** IANA time zone the cron expression and "previous month" are read in. */
  timezone: z.string(),
  calculationType: z.enum(CALCULATION_TYPES),
  /** When it fires next (null when disabled). */
  nextRunAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type ScheduleDto = z.infer<typeof scheduleSchema>;

export const updateScheduleRequestSchema = z.strictObject({
  enabled: z.boolean(),
  cron: z.string().trim().min(1).max(100),
  timezone: z.string().trim().min(1).max(64).default('UTC'),
  calculationType: z.enum(CALCULATION_TYPES).default('checkout'),
});
export type UpdateScheduleRequest = z.infer<typeof updateScheduleRequestSchema>;

export const outboxMailSchema = z.object({
  /** The .eml file's name. */
  id: z.string(),
  date: z.string().nullable(),
  to: z.string().nullable(),
  subject: z.string().nullable(),
  size: z.number().int(),
});
export type OutboxMailDto = z.infer<typeof outboxMailSchema>;

export const outboxListSchema = z.object({
  /** False when mail goes out over SMTP_URL (the outbox is then not written). */
  active: z.boolean(),
  mails: z.array(outboxMailSchema),
});

export const outboxMailContentSchema = outboxMailSchema.extend({
  from: z.string().nullable(),
  text: z.string(),
  attachments: z.array(
    z.object({
      filename: z.string(),
      contentType: z.string(),
      /** The decoded attachment's size in bytes. */
      size: z.number().int(),
    }),
  ),
});
export type OutboxMailContentDto = z.infer<typeof outboxMailContentSchema>;

export const outboxIdParamsSchema = z.object({
  id: z
    .string()
    .max(120)
    .regex(/^[A-Za-z0-9_-]+\.eml$/, 'must be an outbox file name'),
});
