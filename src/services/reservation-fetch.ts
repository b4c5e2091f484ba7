/**
 * One period's reservations, attributed to their properties: the paged list by dates (§4), then
 * one `GET /listings/{id}` per listing the catalog has not seen before (remembered), then the
 * attribution. Shared by the synchronous generation and the bulk job's planning.
 */
import type { CatalogRepository } from '../db/repositories/catalog-repository.js';
import type { ReservationBatch } from '../hostify/types.js';
import type { CatalogService } from './catalog-service.js';
import { type Attributed, attributeReservations, unknownListingIds } from './reservations.js';

export async function attributeBatch(
  deps: { catalog: CatalogRepository; catalogService: Pick<CatalogService, 'resolveListings'> },
  batch: ReservationBatch,
): Promise<Attributed> {
  const properties = await deps.catalog.allPropertyIds();
  let children = await deps.catalog.allChildListings();
  const unknown = unknownListingIds([...batch.reservations, ...batch.invalid], { properties, children });
  if (unknown.length > 0) children = await deps.catalogService.resolveListings(unknown);
  return attributeReservations(batch.reservations, batch.invalid, { properties, children });
}
