/**
 * "Generate All": one job for every owned property and one period.
 *
 * Planning makes the few Hostify calls the job needs — the catalog (listings, users) and the
 * period's reservations of every listing, paged in parallel under the global limiter — and
 * stores each property's reservations with its work item. Items then need no Hostify call, so
 * any worker can run any item, again and again, with the same result.
 */
import type { CatalogRepository } from '../../db/repositories/catalog-repository.js';
import type { JobRepository } from '../../db/repositories/job-repository.js';
import type { LedgerRepository } from '../../db/repositories/ledger-repository.js';
import type { Reservation } from '../../domain/types.js';
import type { HostifyClient } from '../../hostify/types.js';
import type { CatalogService } from '../../services/catalog-service.js';
import { attributeBatch } from '../../services/reservation-fetch.js';
import type { GenerationParams, StatementGenerator } from '../../services/statement-generator.js';
import { type HandlerContext, JobFailure, type JobHandler } from '../job-handler.js';
import type { ItemOutcome, JobItem, JobRecord, PlannedItem } from '../types.js';
import { type BulkJobParams, bulkJobParamsSchema } from './bulk-params.js';

interface ItemPayload {
  reservations: Reservation[];
  /** Malformed Hostify records of the property: the item is then an `invalid_data` error. */
  invalid?: string[];
}

export class BulkGenerationHandler implements JobHandler {
  readonly type = 'bulk_statement_generation' as const;

  constructor(
    private readonly deps: {
      hostify: HostifyClient;
      catalogService: CatalogService;
      catalog: CatalogRepository;
      ledger: LedgerRepository;
      generator: StatementGenerator;
      /** Where the job's unattributed reservations are kept for its result. */
      jobs: JobRepository;
    },
  ) {}

  async plan(job: JobRecord, ctx: HandlerContext): Promise<PlannedItem[]> {
    const params = this.params(job);
    const { catalogService, catalog, hostify } = this.deps;
    const callsBefore = hostify.requestCount;
    // The period's reservations do not depend on the catalog (they are fetched by dates only,
    // §4): fetch both at once, so the global rate budget is used while the users' and listings'
    // pages are followed one by one.
    const fetching = hostify.listReservations({ from: params.startDate, to: params.endDate });
    fetching.catch(() => undefined); // awaited below; avoid an unhandled rejection meanwhile
    await catalogService.sync();
    if (ctx.signal.aborted) return [];
    let properties = await catalog.listProperties({
      ownedOnly: true,
      ...(params.tag === undefined ? {} : { tag: params.tag }),
    });
    if (params.propertyIds) {
      const wanted = new Set(params.propertyIds);
      properties = properties.filter((p) => wanted.has(p.id));
    }
    const batch = await fetching;
    const { byProperty, invalidByProperty, unattributed } = await attributeBatch(
      { catalog, catalogService },
      batch,
    );
    // Reported, never dropped silently (§4): in the job result and here in the log.
    await this.deps.jobs.setUnattributed(job.id, unattributed);
    for (const u of unattributed) ctx.logger.warn({ ...u }, 'reservation belongs to no known property');
    ctx.logger.info(
      {
        properties: properties.length,
        reservations: batch.reservations.length,
        malformed: batch.invalid.length,
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

  async runItem(job: JobRecord, item: JobItem): Promise<ItemOutcome> {
    const params = this.params(job);
    const generation: GenerationParams = {
      period: { start: params.startDate, end: params.endDate },
      calculationType: params.calculationType,
    };
    const { catalog, ledger, generator } = this.deps;
    const property = await catalog.getProperty(item.propertyId);
    if (!property) {
      return {
        status: 'failed',
        code: 'not_found',
        error: `property ${item.propertyId} is no longer in the catalog`,
      };
    }
    if (await generator.isFinalized(property.id, generation.period))
      return { status: 'skipped', reason: 'finalized' };
    const payload = item.payload as ItemPayload;
    const entries = await ledger.forPeriod([property.id], generation.period);
    // Statements of a job are attributed to the user who started it.
    const outcome = await generator.generate(
      property,
      generation,
      payload.reservations,
      entries,
      job.createdBy,
      payload.invalid ?? [],
    );
    if (outcome.kind === 'generated') return { status: 'succeeded', statementId: outcome.statement.id };
    if (outcome.kind === 'skipped') return { status: 'skipped', reason: outcome.reason };
    return { status: 'failed', code: outcome.code, error: outcome.message };
  }

  private params(job: JobRecord): BulkJobParams {
    const parsed = bulkJobParamsSchema.safeParse(job.params);
    if (!parsed.success) throw new JobFailure(`the job's parameters are not valid: ${parsed.error.message}`);
    return parsed.data;
  }
}
