/**
 * Synchronous generation for one property or one owner (the spec's "Single Statement
 * Generation"). Fetches the catalog and then only the reservations of the listings involved,
 * in one paged query.
 */

import type { Logger } from 'pino';
import type { CatalogRepository, Owner, Property } from '../db/repositories/catalog-repository.js';
import type { LedgerRepository } from '../db/repositories/ledger-repository.js';
import type { StoredStatement } from '../db/repositories/statement-repository.js';
import type { HostifyClient } from '../hostify/types.js';
import type { CatalogService } from './catalog-service.js';
import { AppError, badRequest, notFound } from './errors.js';
import type { OnDemandCatalog } from './on-demand-sync.js';
import { attributeBatch } from './reservation-fetch.js';
import type { GenerationParams, PropertyOutcome, StatementGenerator } from './statement-generator.js';

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

export class SyncGenerationService {
  constructor(
    private readonly deps: {
      hostify: HostifyClient;
      catalogService: CatalogService;
      catalog: CatalogRepository;
      ledger: LedgerRepository;
      generator: StatementGenerator;
      logger: Logger;
      /** Owners not known locally are looked for through it (bounded Hostify syncs). */
      onDemandCatalog: Pick<OnDemandCatalog, 'requireOwner'>;
    },
  ) {}

  /** One property's statement; 422 with the property's own reason when none can be made. */
  async generateProperty(
    ownerId: string,
    propertyId: string,
    params: GenerationParams,
    actorId: string | null = null,
  ): Promise<{ statement: StoredStatement; replaced: boolean }> {
    const { owner, properties } = await this.loadOwner(ownerId);
    const property = properties.find((p) => p.id === propertyId);
    if (!property) {
      const known = await this.deps.catalog.getProperty(propertyId);
      if (!known) throw notFound('property', propertyId);
      throw badRequest(`property ${propertyId} does not belong to owner ${owner.id}`);
    }
    const outcome = await this.generateAll([property], params, actorId).then((r) => r[0]);
    if (!outcome) throw new Error('no outcome for the property');
    if (outcome.kind === 'generated') return { statement: outcome.statement, replaced: outcome.replaced };
    if (outcome.kind === 'skipped') {
      throw new AppError(
        422,
        outcome.reason,
        `${property.name}: ${SKIP_MESSAGES[outcome.reason] ?? outcome.reason}`,
      );
    }
    throw new AppError(422, outcome.code, outcome.message);
  }

  /** Every property of one owner; properties that cannot be generated are listed, not fatal. */
  async generateOwner(
    ownerId: string,
    params: GenerationParams,
    actorId: string | null = null,
  ): Promise<OwnerGenerationResult> {
    const { properties } = await this.loadOwner(ownerId);
    const outcomes = await this.generateAll(properties, params, actorId);
    const result: OwnerGenerationResult = { statements: [], skipped: [], errors: [] };
    properties.forEach((property, i) => {
      const outcome = outcomes[i];
      if (!outcome) return;
      const who = { propertyId: property.id, propertyName: property.name };
      if (outcome.kind === 'generated') result.statements.push(outcome.statement);
      else if (outcome.kind === 'skipped') result.skipped.push({ ...who, reason: outcome.reason });
      else result.errors.push({ ...who, code: outcome.code, error: outcome.message });
    });
    return result;
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

  private async generateAll(
    properties: Property[],
    params: GenerationParams,
    actorId: string | null,
  ): Promise<PropertyOutcome[]> {
    const { generator, catalog, ledger, hostify } = this.deps;
    const finalized = await Promise.all(properties.map((p) => generator.isFinalized(p.id, params.period)));
    const open = properties.filter((_, i) => !finalized[i]);
    let attributed: Awaited<ReturnType<typeof attributeBatch>> | null = null;
    if (open.length > 0) {
      // Reservations are fetched by dates only (DESIGN.md §4) — one paged list — and picked
      // locally; listings the catalog has not seen are looked up once each and remembered.
      const batch = await hostify.listReservations({ from: params.period.start, to: params.period.end });
      attributed = await attributeBatch({ catalog, catalogService: this.deps.catalogService }, batch);
      if (attributed.unattributed.length > 0) {
        this.deps.logger.warn(
          { unattributed: attributed.unattributed.slice(0, 20), count: attributed.unattributed.length },
          'reservations that belong to no known property',
        );
      }
    }
    const entries = await ledger.forPeriod(
      open.map((p) => p.id),
      params.period,
    );
    const outcomes: PropertyOutcome[] = [];
    for (const [i, property] of properties.entries()) {
      if (finalized[i]) {
        outcomes.push({ kind: 'skipped', reason: 'finalized' });
        continue;
      }
      outcomes.push(
        await generator.generate(
          property,
          params,
          attributed?.byProperty.get(property.id) ?? [],
          entries,
          actorId,
          attributed?.invalidByProperty.get(property.id) ?? [],
        ),
      );
    }
    return outcomes;
  }
}
