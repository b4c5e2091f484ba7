/**
 * The simulator filters a query's rows once and pages from that (collections.ts): counted as
 * reads of the filtered field, so the test says "once" whatever the machine's speed.
 */
import { describe, expect, it } from 'vitest';
import { createCollections } from './collections.js';
import { generateSimData } from './generate.js';
import type { SimData, SimReservation } from './types.js';

/** The data with every reservation's `checkIn` reads counted. */
function countingCheckInReads(base: SimData) {
  const counter = { reads: 0 };
  const reservations = base.reservations.map(
    (r) =>
      new Proxy(r, {
        get(target, key, receiver) {
          if (key === 'checkIn') counter.reads += 1;
          return Reflect.get(target, key, receiver);
        },
      }) as SimReservation,
  );
  return { data: { ...base, reservations }, counter };
}

const period = (start: string, end: string) =>
  JSON.stringify([
    { field: 'checkIn', operator: '<=', value: end },
    { field: 'checkOut', operator: '>=', value: start },
  ]);
const page = (filters: string, n: number) =>
  new URLSearchParams({ filters, fees: '1', per_page: '20', page: String(n) });

describe('collections: one filter pass per query', () => {
  const { data, counter } = countingCheckInReads(generateSimData().data);
  // One simulator's collections, as one server holds them.
  const collections = createCollections();
  const reservations = (filters: string, n: number) =>
    collections.serve(data, '/reservations', page(filters, n), false) as {
      reservations: unknown[];
      total: number;
    };

  it('filters on the first page and pages the rest from that', () => {
    const october = period('2025-10-01', '2025-10-31');
    const first = reservations(october, 1);
    expect(first.total).toBeGreaterThan(40);
    const onePass = counter.reads;
    expect(onePass).toBeGreaterThanOrEqual(data.reservations.length);

    const pages = Math.ceil(first.total / 20);
    let served = first.reservations.length;
    for (let n = 2; n <= pages; n++) served += reservations(october, n).reservations.length;
    expect(served).toBe(first.total);
    expect(counter.reads).toBe(onePass);
  });

  it('filters again for another query, and after the cache is cleared', () => {
    const before = counter.reads;
    reservations(period('2025-09-01', '2025-09-30'), 1);
    const afterOther = counter.reads;
    expect(afterOther - before).toBeGreaterThanOrEqual(data.reservations.length);
    reservations(period('2025-09-01', '2025-09-30'), 2);
    expect(counter.reads).toBe(afterOther);
    collections.clearCache();
    reservations(period('2025-09-01', '2025-09-30'), 2);
    expect(counter.reads - afterOther).toBeGreaterThanOrEqual(data.reservations.length);
  });
});
