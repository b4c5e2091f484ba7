/**
 * The app against the simulator serving Hostify's documented shapes (DESIGN.md §4–§6, issue 12):
 * owners past capped user pages, child listings resolved with one look-up, null currencies,
 * malformed records, tags, and statements stored before migration 007.
 */
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationProvider } from '../../src/db/migrations/index.js';
import { knownData, PERIOD } from '../helpers/known-dataset.js';
import { simReservation } from '../helpers/sim-fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createTestDatabase } from '../helpers/test-database.js';
import { waitForJobEnd } from '../helpers/wait.js';

const bulk = (t: TestApp, body: Record<string, unknown> = {}) =>
  t.request('POST', '/api/statements/generate', {
    ownerId: 'all',
    ...PERIOD,
    calculationType: 'checkout',
    ...body,
  });

describe('owners (users capped at 50 a page, "Listing Owner" roles)', () => {
  it('finds every owner of 120, although the server answers at most 50 users a page', async () => {
    const t = await startTestApp({ sim: { owners: 120, propertiesPerOwner: 1, reservationsPerProperty: 1 } });
    try {
      const facts = t.sim.facts;
      if (!facts) throw new Error('generated data');
      await t.request('POST', '/api/catalog/sync');
      const owners = await t.request('GET', '/api/owners');
      expect(owners.body.owners.map((o: { id: string }) => o.id).sort()).toEqual(
        [...facts.activeOwnerIds].sort(),
      );
      expect(owners.body.owners).toHaveLength(120);
      // The staff (Manager, Cleaner, Accountant) and the inactive owner are not owners.
      for (const id of [...facts.staffUserIds, facts.inactiveOwnerId])
        expect(owners.body.owners.map((o: { id: string }) => o.id)).not.toContain(id);
      const pages = t.sim.stats.log.filter((e) => e.path === '/users').map((e) => e.page);
      expect(Math.max(...pages.map(Number))).toBeGreaterThanOrEqual(3);
    } finally {
      await t.close();
    }
  });

  it("looks up each child listing in an owner's listings once; the owner owns its parent", async () => {
    const t = await startTestApp({ sim: {} });
    try {
      const facts = t.sim.facts;
      if (!facts) throw new Error('generated data');
      const listed = new Set(t.sim.data.users.flatMap((u) => u.listings.map((l) => String(l.id))));
      const listedChildren = facts.childListings.filter((c) => listed.has(c.childId));
      expect(listedChildren.length).toBeGreaterThan(0);
      await t.request('POST', '/api/catalog/sync');
      await t.request('POST', '/api/catalog/sync');
      for (const c of listedChildren) expect(t.sim.stats.byPath[`/listings/${c.childId}`]).toBe(1);
      const properties = await t.request('GET', '/api/properties');
      const ownerOf = new Map(
        properties.body.properties.map((p: { id: string; ownerId: string | null }) => [p.id, p.ownerId]),
      );
      for (const [propertyId, ownerId] of Object.entries(facts.ownerOfProperty))
        expect(ownerOf.get(propertyId)).toBe(ownerId);
      for (const c of facts.childListings) expect(ownerOf.has(c.childId)).toBe(false);
    } finally {
      await t.close();
    }
  });

  it('HOSTIFY_OWNER_ROLES replaces the rule', async () => {
    const t = await startTestApp({ sim: { data: knownData() }, compose: { ownerRoles: ['manager'] } });
    try {
      await t.request('POST', '/api/catalog/sync');
      const owners = await t.request('GET', '/api/owners');
      expect(owners.body.owners.map((o: { id: string }) => o.id)).toEqual(['3']);
    } finally {
      await t.close();
    }
  });
});

describe('the known data set in its documented shape', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ sim: { data: knownData() } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('resolves the unknown child listing with exactly one GET /listings/{id}, and remembers it', async () => {
    const first = await t.request('POST', '/api/statements/generate', {
      ownerId: '1',
      propertyId: '101',
      ...PERIOD,
    });
    expect(first.status).toBe(201);
    // R3 is on child 111 without parent_listing_id, and nulls its currency: still 101's, in USD.
    expect(first.body.statement.lines.map((l: { reservationId: string }) => l.reservationId)).toContain('3');
    expect(first.body.statement.currency).toBe('USD');
    expect(t.sim.stats.byPath['/listings/111']).toBe(1);
    const again = await t.request('POST', '/api/statements/generate', {
      ownerId: '1',
      propertyId: '101',
      ...PERIOD,
    });
    expect(again.status).toBe(201);
    const job = await bulk(t);
    await waitForJobEnd(t.composition.jobService, job.body.jobId);
    expect(t.sim.stats.byPath['/listings/111']).toBe(1);
    // Listing 999 (R14) is unknown to Hostify: looked up once too, then not again by this process.
    expect(t.sim.stats.byPath['/listings/999']).toBe(1);
  });

  it('reports the reservation that belongs to no known property in the job result and the log', async () => {
    const res = await bulk(t, { startDate: '2025-10-02' });
    const job = await waitForJobEnd(t.composition.jobService, res.body.jobId);
    expect(job.result?.unattributed).toEqual([
      expect.objectContaining({ reservationId: '14', listingId: '999' }),
    ]);
    expect(
      t.logs.some((l) => l.msg === 'reservation belongs to no known property' && l.reservationId === '14'),
    ).toBe(true);
  });

  it('lists the tags with property counts, and Generate All by tag takes only those properties', async () => {
    const tags = await t.request('GET', '/api/tags');
    expect(tags.status).toBe(200);
    expect(tags.body.tags).toEqual([
      { tag: '15%', propertyCount: 1 },
      { tag: 'Beach', propertyCount: 1 },
      { tag: 'pm', propertyCount: 2 },
    ]);
    const res = await bulk(t, { tag: ' PM ', startDate: '2025-10-03' });
    expect(res.status).toBe(202);
    expect(res.body.message).toBe('Tag-based statement generation started for "PM"');
    const job = await waitForJobEnd(t.composition.jobService, res.body.jobId);
    expect(job.total).toBe(2);
    expect(job.params.tag).toBe('PM');
    const unknown = await bulk(t, { tag: 'castle' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('unknown_tag');
    // tag is for Generate All only.
    expect(
      (await t.request('POST', '/api/statements/generate', { ownerId: '1', tag: 'pm', ...PERIOD })).status,
    ).toBe(400);
    expect((await t.as('viewer')('GET', '/api/tags')).status).toBe(200);
  });
});

describe('demo data', () => {
  it('still yields many statements, a few warnings and excluded reservations to look at', async () => {
    // The demo's default size (DEMO_OWNERS 8 × DEMO_PROPERTIES_PER_OWNER 4), focus month October 2025.
    const t = await startTestApp({ sim: { owners: 8, propertiesPerOwner: 4 } });
    try {
      const res = await bulk(t);
      const job = await waitForJobEnd(t.composition.jobService, res.body.jobId);
      const summary = job.result?.summary;
      expect(job.status).toBe('completed');
      expect(summary?.generated).toBeGreaterThanOrEqual(25);
      expect(summary?.warnings).toBeGreaterThanOrEqual(1);
      expect(summary?.warnings).toBeLessThanOrEqual(10);
      const list = await t.request('GET', '/api/statements?limit=500');
      let excluded = 0;
      let cancellations = 0;
      for (const s of list.body.statements) {
        const full = await t.request('GET', `/api/statements/${s.id}`);
        excluded += full.body.excluded.length;
        cancellations += full.body.lines.filter((l: { cancellation?: boolean }) => l.cancellation).length;
      }
      expect(excluded).toBeGreaterThanOrEqual(3);
      expect(cancellations).toBeGreaterThanOrEqual(1);
    } finally {
      await t.close();
    }
  });
});

describe('tolerance (one malformed record)', () => {
  it('makes its property an invalid_data error naming the reservation and field; the others generate', async () => {
    const data = knownData();
    data.reservations = data.reservations.map((r) =>
      r.id === 9 ? simReservation({ ...r, id: 9, base_price: 'seven hundred' }) : r,
    );
    const t = await startTestApp({ sim: { data } });
    try {
      const res = await bulk(t);
      const job = await waitForJobEnd(t.composition.jobService, res.body.jobId);
      expect(job.status).toBe('completed');
      expect(job.result?.results.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            propertyId: '104',
            code: 'invalid_data',
            error: expect.stringMatching(/reservation 9: base_price: expected an amount of money/),
          }),
        ]),
      );
      expect(job.result?.results.generated.map((g) => g.propertyId)).toEqual(['101']);
      const one = await t.request('POST', '/api/statements/generate', {
        ownerId: '2',
        propertyId: '104',
        ...PERIOD,
      });
      expect(one.status).toBe(422);
      expect(one.body.error.code).toBe('invalid_data');
    } finally {
      await t.close();
    }
  });
});

describe('statements stored before migration 007', () => {
  it('keep every row and what it had; regenerating a draft applies the new rules', async () => {
    const t = await startTestApp({ sim: { data: knownData() }, startEngine: false });
    const { db } = t.composition;
    try {
      const made = await t.request('POST', '/api/statements/generate', {
        ownerId: '2',
        propertyId: '104',
        ...PERIOD,
      });
      const id = made.body.statement.id;
      // As a statement written before 007: no excluded list, no warnings, other totals.
      const oldTotals = { ...made.body.statement.totals, grossRevenue: 86000 };
      await db
        .updateTable('statements')
        .set({ excluded: null, warnings: null, warning_count: 0, totals: JSON.stringify(oldTotals) })
        .where('id', '=', id)
        .execute();
      const stored = await t.request('GET', `/api/statements/${id}`);
      expect(stored.body).toMatchObject({ excluded: [], warnings: [], totals: oldTotals, version: 1 });
      const regenerated = await t.request('POST', '/api/statements/generate', {
        ownerId: '2',
        propertyId: '104',
        ...PERIOD,
      });
      expect(regenerated.body.statement).toMatchObject({ id, version: 2, totals: { grossRevenue: 78000 } });
    } finally {
      await t.close();
    }
  });

  it('migration 007 adds its columns without losing a row', async () => {
    const dir = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/os-mig-`);
    const test = await createTestDatabase(dir);
    try {
      const migrator = new Migrator({ db: test.db, provider: migrationProvider });
      const to006 = await migrator.migrateTo('006-schedule');
      expect(to006.error).toBeUndefined();
      const now = '2025-11-01T00:00:00.000Z';
      await test.db
        .insertInto('properties')
        .values({
          id: 'p1',
          owner_id: null,
          name: 'Old',
          nickname: null,
          currency: 'USD',
          is_listed: 1,
          synced_at: now,
        })
        .execute();
      const row = {
        id: 'stmt_old',
        property_id: 'p1',
        owner_id: null,
        period_start: '2025-09-01',
        period_end: '2025-09-30',
        calculation_type: 'checkout',
        currency: 'USD',
        status: 'final',
        version: 3,
        net_payout: 1234,
        lines: '[]',
        expenses: '[]',
        adjustments: '[]',
        totals: '{"netPayout":1234}',
        settings: '{}',
        created_at: now,
        updated_at: now,
        created_by: null,
        updated_by: null,
        sent_at: null,
        sent_to: null,
      };
      // biome-ignore lint/suspicious/noExplicitAny: the table as it was before 007
      await (test.db as any).insertInto('statements').values(row).execute();
      const latest = await migrator.migrateToLatest();
      expect(latest.error).toBeUndefined();
      const after = await test.db.selectFrom('statements').selectAll().execute();
      // Later migrations' columns are null too (015: the line review it was computed with).
      expect(after).toEqual([
        { ...row, excluded: null, warnings: null, warning_count: 0, overrides: null, manual_lines: null },
      ]);
      const property = await test.db.selectFrom('properties').select(['id', 'tags']).execute();
      expect(property).toEqual([{ id: 'p1', tags: '[]' }]);
    } finally {
      await test.db.destroy();
      await test.drop();
    }
  });
});
