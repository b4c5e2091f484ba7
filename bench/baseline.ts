/**
 * The baseline: bulk generation as the original worked — one property at a time, one paged
 * reservations query per property — with the same Hostify client, limits and statement rules.
 * Hostify cannot filter by listing (DESIGN.md §4), so each property's query reads the period's
 * pages and picks its listings locally: the naive way costs pages × properties calls.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { migrateToLatest, openSqlite } from '../src/db/database.js';
import { CatalogRepository } from '../src/db/repositories/catalog-repository.js';
import { LedgerRepository } from '../src/db/repositories/ledger-repository.js';
import { OverrideRepository } from '../src/db/repositories/override-repository.js';
import { StatementRepository } from '../src/db/repositories/statement-repository.js';
import { createHostifyClient } from '../src/hostify/index.js';
import { systemClock } from '../src/lib/clock.js';
import { CatalogService } from '../src/services/catalog-service.js';
import { attributeBatch } from '../src/services/reservation-fetch.js';
import { StatementGeneration } from '../src/services/statement-generation.js';

export async function runBaseline(options: {
  hostifyUrl: string;
  apiKey: string;
  maxConcurrency: number;
  maxRps: number;
  period: { start: string; end: string };
}): Promise<{ ms: number; calls: number; generated: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'owner-statements-baseline-'));
  const db = openSqlite({ filename: join(dir, 'baseline.sqlite') });
  try {
    await migrateToLatest(db);
    const logger = pino({ level: 'silent' });
    const hostify = createHostifyClient({
      baseUrl: options.hostifyUrl,
      apiKey: options.apiKey,
      maxConcurrency: options.maxConcurrency,
      maxRps: options.maxRps,
    });
    const catalog = new CatalogRepository(db);
    const catalogService = new CatalogService({ hostify, catalog, logger });
    const repos = {
      statements: new StatementRepository(db),
      ledger: new LedgerRepository(db),
      overrides: new OverrideRepository(db),
    };
    const generation = new StatementGeneration({
      hostify,
      catalogService,
      catalog,
      statements: repos.statements,
      clock: systemClock,
    });
    const started = performance.now();
    await catalogService.sync();
    let generated = 0;
    for (const property of await catalog.listProperties({ ownedOnly: true })) {
      const parents = new Map<string, string | null>([[property.id, null]]);
      for (const child of await catalog.childListingIds(property.id)) parents.set(child, property.id);
      const batch = await hostify.listReservations({
        from: options.period.start,
        to: options.period.end,
        listingIds: [...parents.keys()],
      });
      const attributed = await attributeBatch({ catalog, catalogService }, batch);
      const input = {
        reservations: attributed.byProperty.get(property.id) ?? [],
        invalid: attributed.invalidByProperty.get(property.id) ?? [],
      };
      const outcomes = await generation.saveIn(
        repos,
        [property],
        { period: options.period, calculationType: 'checkout' },
        new Map([[property.id, input]]),
        null,
      );
      if (outcomes.get(property.id)?.kind === 'generated') generated++;
    }
    return { ms: performance.now() - started, calls: hostify.requestCount, generated };
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
