/** Parameters of a "send all final statements of a period" job, as stored with the job. */
import { z } from 'zod';

export const deliveryJobParamsSchema = z.object({
  periodStart: z.string(),
  periodEnd: z.string(),
  /** Only this owner's statements; every owner's when absent. */
  ownerId: z.string().optional(),
  /** Only these properties' statements (a retry of the failed ones). */
  propertyIds: z.array(z.string()).optional(),
});
export type DeliveryJobParams = z.infer<typeof deliveryJobParamsSchema>;

/** Identical requests share one unfinished job. */
export function deliveryDedupeKey(params: DeliveryJobParams): string {
  const scope = params.propertyIds ? [...params.propertyIds].sort().join(',') : '*';
  return `delivery:${params.periodStart}:${params.periodEnd}:${params.ownerId ?? '*'}:${scope}`;
}
