/**
 * "Generate All": one job for every owned property and one period.
 *
 * Planning makes the few Hostify calls the job needs — the catalog (listings, users) and the
 * period's reservations of every listing, paged in parallel under the global limiter — and
 * stores each property's reservations with its work item. Items then need no Hostify call, so
 * any worker can run any batch of items, again and again, with the same result.
 */
import type { CatalogRepository, Property } from '../../db/repositories/catalog-repository.js';
import { repositoriesOn } from '../../db/store.js';
import type { Reservation } from '../../domain/types.js';
import type { HostifyClient } from '../../hostify/types.js';
import type { JobRows } from '../../model/job-store.js';
import type { ItemOutcome, JobItem, JobRecord, PlannedItem } from '../../model/jobs.js';
import type { CatalogService } from '../../services/catalog-service.js';
import type {
  GenerationParams,
  PropertyInput,
  PropertyOutcome,
  StatementGeneration,
} from '../../services/statement-generation.js';
import { type BatchWork, type HandlerContext, JobFailure, type JobHandler } from '../job-handler.js';
import { type BulkJobParams, bulkJobParamsSchema, bulkJobPeriod } from './bulk-params.js';

interface ItemPayload {
  reservations: Reservation[];
  /** Malformed Hostify records of the property: the item is then an `invalid_data` error. */
  invalid?: string[];
}

function itemOutcome(outcome: PropertyOutcome): ItemOutcome {
  if (outcome.kind === 'generated') return { status: 'succeeded', statementId: outcome.statementId };
  if (outcome.kind === 'skipped') return { status: 'skipped', reason: outcome.reason };
  return { status: 'failed', code: outcome.code, error: outcome.message };
}

export class BulkGenerationHandler implements JobHandler {
  readonly type = 'bulk_statement_generation' as const;
  readonly replayableBatches = true;

  constructor(
    private readonly deps: {
      hostify: HostifyClient;
      catalogService: CatalogService;
      catalog: CatalogRepository;
      generation: StatementGeneration;
      /** Where the job's unattributed reservations are kept for its result. */
      jobs: Pick<JobRows, 'setUnattributed'>;
    },
  ) {}

  async plan(job: JobRecord, ctx: HandlerContext): Promise<PlannedItem[]> {
    const params = this.params(job);
    const { catalogService, catalog, hostify, generation } = this.deps;
    const callsBefore = hostify.requestCount;
    let properties: Property[] = [];
    const { attributed, fetched, malformed } = await generation.fetchReservations(
      bulkJobPeriod(params),
      async () => {
        await catalogService.sync();
        properties = await catalog.listProperties({
          ownedOnly: true,
          ...(params.tag === undefined ? {} : { tag: params.tag }),
        });
      },
      ctx.signal,
    );
    if (ctx.signal.aborted) return [];
    if (params.propertyIds) {
      const wanted = new Set(params.propertyIds);
      properties = properties.filter((p) => wanted.has(p.id));
    }
    const { byProperty, invalidByProperty, unattributed } = attributed;
    // Reported, never dropped silently (§4): in the job result and here in the log.
    await this.deps.jobs.setUnattributed(job.id, unattributed);
    for (const u of unattributed) ctx.logger.warn({ ...u }, 'reservation belongs to no known property');
    ctx.logger.info(
      {
        properties: properties.length,
        reservations: fetched,
        malformed,
        unattributed: unattributed.length,
        hostifyCalls: hostify.requestCount - callsBefore,
      },
      'fetched catalog and reservations from Hostify',
    );
    return properties.map((p) => {
      const invalid = invalidByProperty.get(p.id);
      return {
        propertyId: p.id,
        propertyName: p.name,
        ownerId: p.ownerId,
        payload: {
          reservations: byProperty.get(p.id) ?? [],
          ...(invalid ? { invalid } : {}),
        } satisfies ItemPayload,
      };
    });
  }

  /**
   * A batch: its properties read, then — inside the batch's transaction, with the items'
   * outcomes — the use case checks, computes and saves their statements (statement-generation.ts,
   * the same as the immediate generation). Running it again leaves one statement per property.
   */
  async runBatch(job: JobRecord, items: readonly JobItem[]): Promise<BatchWork> {
    const params = this.params(job);
    const generation: GenerationParams = {
      period: bulkJobPeriod(params),
      calculationType: params.calculationType,
    };
    const properties = await this.deps.catalog.getProperties(items.map((i) => i.propertyId));
    const inputs = new Map<string, PropertyInput>();
    for (const item of items) inputs.set(item.propertyId, item.payload as ItemPayload);
    return {
      commit: async (tx, claimed) => {
        const outcomes = new Map<string, ItemOutcome>();
        const mine: Property[] = [];
        for (const propertyId of claimed) {
          const property = properties.get(propertyId);
          if (property) mine.push(property);
          else
            outcomes.set(propertyId, {
              status: 'failed',
              code: 'not_found',
              error: `property ${propertyId} is no longer in the catalog`,
            });
        }
        // Statements of a job are attributed to the user who started it.
        const saved = await this.deps.generation.saveIn(
          repositoriesOn(tx),
          mine,
          generation,
          inputs,
          job.createdBy,
        );
        for (const [propertyId, outcome] of saved) outcomes.set(propertyId, itemOutcome(outcome));
        return outcomes;
      },
    };
  }

  private params(job: JobRecord): BulkJobParams {
    const parsed = bulkJobParamsSchema.safeParse(job.params);
    if (!parsed.success) throw new JobFailure(`the job's parameters are not valid: ${parsed.error.message}`);
    return parsed.data;
  }
}
