/**
 * Parameters of a "send all final statements of a period" job, as stored with the job. The
 * stored names are the API's (`periodStart`/`periodEnd`); inside the server the period travels
 * as a `Period`, converted here both ways.
 */
import { z } from 'zod';
import type { Period } from '../../domain/types.js';
import type { StatementDeliveryRequest } from '../../services/job-starter.js';

export const deliveryJobParamsSchema = z.object({
  periodStart: z.string(),
  periodEnd: z.string(),
  /** Only this owner's statements; every owner's when absent. */
  ownerId: z.string().optional(),
  /** Only these properties' statements (a retry of the failed ones). */
  propertyIds: z.array(z.string()).optional(),
});
export type DeliveryJobParams = z.infer<typeof deliveryJobParamsSchema>;

/** The stored params of a "send all" request. */
export function deliveryJobParams(request: StatementDeliveryRequest): DeliveryJobParams {
  return {
    periodStart: request.period.start,
    periodEnd: request.period.end,
    ...(request.ownerId === undefined ? {} : { ownerId: request.ownerId }),
  };
}

/** The period whose final statements a delivery job sends. */
export function deliveryJobPeriod(params: DeliveryJobParams): Period {
  return { start: params.periodStart, end: params.periodEnd };
}

/** Identical requests share one unfinished job. */
export function deliveryDedupeKey(params: DeliveryJobParams): string {
  const scope = params.propertyIds ? [...params.propertyIds].sort().join(',') : '*';
  return `delivery:${params.periodStart}:${params.periodEnd}:${params.ownerId ?? '*'}:${scope}`;
}
