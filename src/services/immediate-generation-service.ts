/**
 * Generation answered at once, for one property or one owner (the spec's "Single Statement
 * Generation"): the catalog is refreshed, the period's reservations fetched in one paged query,
 * and the statements saved with their audit row in one transaction. Each property goes through
 * the same use case as a bulk job's items (statement-generation.ts).
 */

import type { Logger } from 'pino';
import { type Actor, userIdOf } from '../auth/principal.js';
import type { CatalogRepository, Owner, Property } from '../db/repositories/catalog-repository.js';
import type { StoredStatement } from '../db/repositories/statement-repository.js';
import type { CatalogService } from './catalog-service.js';
import type { Changes } from './changes.js';
import { badRequest, notFound, unprocessable } from './errors.js';
import type { OnDemandCatalog } from './on-demand-sync.js';
import type {
  GenerationParams,
  PropertyInput,
  PropertyOutcome,
  StatementGeneration,
} from './statement-generation.js';

export interface SkippedProperty {
  propertyId: string;
  propertyName: string;
  reason: string;
}

export interface ErroredProperty {
  propertyId: string;
  propertyName: string;
  code: string;
  error: string;
}

export interface OwnerGenerationResult {
  statements: StoredStatement[];
  skipped: SkippedProperty[];
  errors: ErroredProperty[];
}

const SKIP_MESSAGES: Record<string, string> = {
  no_activity: 'no counted reservation, expense or adjustment in the period',
  finalized: 'a final or sent statement already exists for this property and period; it is never overwritten',
};

export class ImmediateGenerationService {
  constructor(
    private readonly deps: {
      generation: StatementGeneration;
      catalogService: CatalogService;
      catalog: CatalogRepository;
      changes: Changes;
      logger: Logger;
      /** Owners not known locally are looked for through it (bounded Hostify syncs). */
      onDemandCatalog: Pick<OnDemandCatalog, 'requireOwner'>;
    },
  ) {}

  /** One property's statement; unprocessable, with the property's own reason, when none can be made. */
  async generateProperty(
    ownerId: string,
    propertyId: string,
    params: GenerationParams,
    actor: Actor,
  ): Promise<{ statement: StoredStatement; replaced: boolean }> {
    const { owner, properties } = await this.loadOwner(ownerId);
    const property = properties.find((p) => p.id === propertyId);
    if (!property) {
      const known = await this.deps.catalog.getProperty(propertyId);
      if (!known) throw notFound('property', propertyId);
      throw badRequest(`property ${propertyId} does not belong to owner ${owner.id}`);
    }
    const inputs = await this.inputs([property], params);
    return this.deps.changes.apply(actor, async (tx) => {
      const outcomes = await this.deps.generation.saveIn(tx, [property], params, inputs, userIdOf(actor));
      const outcome = outcomes.get(property.id);
      if (!outcome) throw new Error('no outcome for the property');
      if (outcome.kind === 'skipped') {
        throw unprocessable(
          outcome.reason,
          `${property.name}: ${SKIP_MESSAGES[outcome.reason] ?? outcome.reason}`,
        );
      }
      if (outcome.kind === 'error') throw unprocessable(outcome.code, outcome.message);
      const statement = await tx.statements.get(outcome.statementId);
      if (!statement) throw new Error(`statement ${outcome.statementId} vanished while it was saved`);
      return {
        value: { statement, replaced: outcome.replaced },
        audit: {
          action: outcome.replaced ? 'statement.regenerated' : 'statement.generated',
          target: { type: 'statement', id: statement.id },
          details: { propertyId: statement.propertyId, period: statement.period, version: statement.version },
        },
      };
    });
  }

  /** Every property of one owner; properties that cannot be generated are listed, not fatal. */
  async generateOwner(
    ownerId: string,
    params: GenerationParams,
    actor: Actor,
  ): Promise<OwnerGenerationResult> {
    const { properties } = await this.loadOwner(ownerId);
    const inputs = await this.inputs(properties, params);
    return this.deps.changes.apply(actor, async (tx) => {
      const outcomes = await this.deps.generation.saveIn(tx, properties, params, inputs, userIdOf(actor));
      const result: OwnerGenerationResult = { statements: [], skipped: [], errors: [] };
      for (const property of properties) {
        const outcome: PropertyOutcome | undefined = outcomes.get(property.id);
        const who = { propertyId: property.id, propertyName: property.name };
        if (outcome?.kind === 'generated') {
          const statement = await tx.statements.get(outcome.statementId);
          if (statement) result.statements.push(statement);
        } else if (outcome?.kind === 'skipped') result.skipped.push({ ...who, reason: outcome.reason });
        else if (outcome) result.errors.push({ ...who, code: outcome.code, error: outcome.message });
      }
      return {
        value: result,
        audit: {
          action: 'owner.generated',
          target: { type: 'owner', id: ownerId },
          details: {
            period: params.period,
            statements: result.statements.map((s) => s.id),
            skipped: result.skipped.length,
            errors: result.errors.length,
          },
        },
      };
    });
  }

  /**
   * Each property's reservations of the period, fetched once for all of them — and not at all
   * when every one of them is finalized (the save then reports them so).
   */
  private async inputs(
    properties: readonly Property[],
    params: GenerationParams,
  ): Promise<Map<string, PropertyInput>> {
    const inputs = new Map<string, PropertyInput>();
    const ids = properties.map((p) => p.id);
    if (!(await this.deps.generation.anyOpen(ids, params.period))) return inputs;
    const { attributed } = await this.deps.generation.fetchReservations(params.period);
    if (attributed.unattributed.length > 0) {
      this.deps.logger.warn(
        { unattributed: attributed.unattributed.slice(0, 20), count: attributed.unattributed.length },
        'reservations that belong to no known property',
      );
    }
    for (const [propertyId, reservations] of attributed.byProperty) inputs.set(propertyId, { reservations });
    for (const [propertyId, invalid] of attributed.invalidByProperty) {
      inputs.set(propertyId, { reservations: inputs.get(propertyId)?.reservations ?? [], invalid });
    }
    return inputs;
  }

  private async loadOwner(ownerId: string): Promise<{ owner: Owner; properties: Property[] }> {
    // The catalog is refreshed before each generation so new owners, listings and ownership
    // changes in Hostify are seen. An owner not known locally is looked for through the
    // on-demand path instead, so requests naming made-up owners cannot each sync the catalog.
    // The sync is awaited in every case: an owner seen while a sync (the start-up one) is still
    // writing may not have all its properties stored yet.
    const known = await this.deps.catalog.getOwner(ownerId);
    if (!known?.isActive) await this.deps.onDemandCatalog.requireOwner(ownerId);
    await this.deps.catalogService.sync();
    const owner = await this.deps.catalog.getOwner(ownerId);
    if (!owner?.isActive) throw notFound('owner', ownerId);
    const properties = await this.deps.catalog.listProperties({ ownerId });
    return { owner, properties };
  }
}
