/**
 * "Generate All": one job for every owned property and one period.
 *
 * Planning makes the few Hostify calls the job needs — the catalog (listings, users) and the
 * period's reservations of every listing, paged in parallel under the global limiter — and
 * stores each property's reservations with its work item. Items then need no Hostify call, so
 * any worker can run any batch of items, again and again, with the same result.
 */
import type { CatalogRepository } from '../../db/repositories/catalog-repository.js';
import type { LedgerRepository } from '../../db/repositories/ledger-repository.js';
import { StatementRepository } from '../../db/repositories/statement-repository.js';
import type { ComputedStatement, Reservation } from '../../domain/types.js';
import type { HostifyClient } from '../../hostify/types.js';
import { type Clock, isoNow } from '../../lib/clock.js';
import type { JobRows } from '../../model/job-store.js';
import type { ItemOutcome, JobItem, JobRecord, PlannedItem } from '../../model/jobs.js';
import type { CatalogService } from '../../services/catalog-service.js';
import { attributeBatch } from '../../services/reservation-fetch.js';
import type { GenerationParams, StatementGenerator } from '../../services/statement-generator.js';
import { type BatchWork, type HandlerContext, JobFailure, type JobHandler } from '../job-handler.js';
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
      /** Read for the statuses of a batch's statements; writes go through the batch's transaction. */
      statements: StatementRepository;
      clock: Clock;
      /** Where the job's unattributed reservations are kept for its result. */
      jobs: Pick<JobRows, 'setUnattributed'>;
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

  /**
   * A batch: its properties, statuses of its statements and ledger entries in one query each,
   * the statements computed in memory, then written in one statement inside the batch's
   * transaction (with the items' outcomes). Running it again leaves one statement per property.
   */
  async runBatch(job: JobRecord, items: readonly JobItem[]): Promise<BatchWork> {
    const params = this.params(job);
    const generation: GenerationParams = {
      period: { start: params.startDate, end: params.endDate },
      calculationType: params.calculationType,
    };
    const { catalog, ledger, generator, statements, clock } = this.deps;
    const ids = items.map((i) => i.propertyId);
    const properties = await catalog.getProperties(ids);
    const statuses = await statements.statusesForPeriod(ids, params.startDate, params.endDate);
    const entries = await ledger.forPeriod(ids, generation.period);
    const outcomes = new Map<string, ItemOutcome>();
    const computed: Array<{ statement: ComputedStatement; ownerId: string | null }> = [];
    for (const item of items) {
      const property = properties.get(item.propertyId);
      if (!property) {
        outcomes.set(item.propertyId, {
          status: 'failed',
          code: 'not_found',
          error: `property ${item.propertyId} is no longer in the catalog`,
        });
        continue;
      }
      const status = statuses.get(property.id);
      if (status !== undefined && status !== 'draft') {
        outcomes.set(property.id, { status: 'skipped', reason: 'finalized' });
        continue;
      }
      const payload = item.payload as ItemPayload;
      const outcome = generator.compute(
        property,
        generation,
        payload.reservations,
        entries,
        payload.invalid ?? [],
      );
      if (outcome.kind === 'generated')
        computed.push({ statement: outcome.statement, ownerId: property.ownerId });
      else if (outcome.kind === 'skipped')
        outcomes.set(property.id, { status: 'skipped', reason: outcome.reason });
      else outcomes.set(property.id, { status: 'failed', code: outcome.code, error: outcome.message });
    }
    return {
      commit: async (tx, claimed) => {
        const mine = computed.filter((c) => claimed.has(c.statement.propertyId));
        // Statements of a job are attributed to the user who started it.
        const saved = await new StatementRepository(tx).saveGeneratedMany(mine, isoNow(clock), job.createdBy);
        for (const { statement } of mine) {
          const id = saved.get(statement.propertyId);
          // Not written: someone finalized it since the batch read its status.
          outcomes.set(
            statement.propertyId,
            id === undefined
              ? { status: 'skipped', reason: 'finalized' }
              : { status: 'succeeded', statementId: id },
          );
        }
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
