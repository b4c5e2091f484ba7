/**
 * The work items of a "send all final statements" job, one per e-mail: a combined owner's one
 * e-mail (key `owner:<ownerId>`), or one statement's (key: its property, one statement per
 * property and period). Their payloads say what the e-mail covers, so the job's result can name
 * the owner and the statements of every entry (src/jobs/job-result.ts).
 */
import { z } from 'zod';
import type { PeriodStatement, SendingPlan } from '../../domain/owner-sending-plan.js';
import { STATEMENT_STATUSES } from '../../domain/types.js';
import type { CoveredStatement, DeliveryEntryDetails, PlannedItem } from '../../model/jobs.js';

const coveredSchema = z.object({
  statementId: z.string(),
  propertyId: z.string(),
  propertyName: z.string().nullable(),
  status: z.enum(STATEMENT_STATUSES),
});

/** All the owner's statements of the period as planned: the run sends the final ones. */
const ownerPayloadSchema = z.object({
  kind: z.literal('owner'),
  ownerId: z.string(),
  ownerName: z.string(),
  statements: z.array(coveredSchema),
});

/** One statement (items planned before owners were sent to as one carry only `statementId`). */
const statementPayloadSchema = z.object({
  kind: z.literal('statement').optional(),
  statementId: z.string(),
  propertyId: z.string().optional(),
  propertyName: z.string().nullable().optional(),
  ownerName: z.string().nullable().optional(),
});

export const deliveryItemPayloadSchema = z.union([ownerPayloadSchema, statementPayloadSchema]);
export type DeliveryItemPayload = z.infer<typeof deliveryItemPayloadSchema>;
export type OwnerItemPayload = z.infer<typeof ownerPayloadSchema>;

const OWNER_KEY = 'owner:';

/** The key of a combined owner's item (never a Hostify listing id, which is a number). */
export const ownerItemKey = (ownerId: string) => `${OWNER_KEY}${ownerId}`;

/** The owner an item key names, or null for a property's key. */
export const ownerOfItemKey = (key: string): string | null =>
  key.startsWith(OWNER_KEY) ? key.slice(OWNER_KEY.length) : null;

const covered = (s: PeriodStatement): CoveredStatement => ({
  statementId: s.id,
  propertyId: s.propertyId,
  propertyName: s.propertyName,
  status: s.status,
});

/**
 * The plan as work items: an item per e-mail, plus one per combined owner that gets none (not
 * ready, or all sent already), so the job's result lists them as skipped with their reason.
 */
export function deliveryItems(plan: SendingPlan): PlannedItem[] {
  const ownerItem = (ownerId: string, ownerName: string, sections: readonly PeriodStatement[]) => ({
    propertyId: ownerItemKey(ownerId),
    propertyName: ownerName,
    ownerId,
    payload: {
      kind: 'owner',
      ownerId,
      ownerName,
      statements: sections.map(covered),
    } satisfies OwnerItemPayload,
  });
  return [
    ...plan.mails.map((m) =>
      m.kind === 'owner'
        ? ownerItem(m.ownerId, m.ownerName, m.sections)
        : {
            propertyId: m.statement.propertyId,
            propertyName: m.statement.propertyName ?? m.statement.propertyId,
            ownerId: m.ownerId,
            payload: {
              kind: 'statement',
              statementId: m.statement.id,
              propertyId: m.statement.propertyId,
              propertyName: m.statement.propertyName,
              ownerName: m.ownerName,
            } satisfies DeliveryItemPayload,
          },
    ),
    ...plan.notReady.map((o) => ownerItem(o.ownerId, o.ownerName, o.sections)),
    ...plan.alreadySent.map((o) => ownerItem(o.ownerId, o.ownerName, o.sections)),
  ];
}

/**
 * Keeps the items a retry asks for (`keys`: the failed items of the earlier job): an owner's
 * item when its key or one of its properties is named (an owner is retried whole, never half),
 * a statement's when its property or its owner's key is named.
 */
export function itemsForRetry(items: readonly PlannedItem[], keys: readonly string[]): PlannedItem[] {
  const wanted = new Set(keys);
  const owners = new Set(keys.flatMap((k) => ownerOfItemKey(k) ?? []));
  return items.filter((item) => {
    if (wanted.has(item.propertyId)) return true;
    if (item.ownerId !== null && owners.has(item.ownerId)) return true;
    const payload = deliveryItemPayloadSchema.safeParse(item.payload);
    return (
      payload.success &&
      payload.data.kind === 'owner' &&
      payload.data.statements.some((s) => wanted.has(s.propertyId))
    );
  });
}

/** What a finished item's payload tells its result entry (nothing for a payload it cannot read). */
export function deliveryEntryDetails(payload: unknown): DeliveryEntryDetails {
  const parsed = deliveryItemPayloadSchema.safeParse(payload);
  if (!parsed.success) return {};
  const p = parsed.data;
  if (p.kind === 'owner') return { mail: 'owner', ownerName: p.ownerName, statements: p.statements };
  return {
    mail: 'statement',
    ownerName: p.ownerName ?? null,
    ...(p.propertyId !== undefined
      ? {
          statements: [
            {
              statementId: p.statementId,
              propertyId: p.propertyId,
              propertyName: p.propertyName ?? null,
              status: 'final' as const,
            },
          ],
        }
      : {}),
  };
}
