/**
 * The owner statement over real HTTP, on the store the suite runs on (SQLite, or PostgreSQL with
 * TEST_DB=postgres), with the Hostify simulator: an owner with four properties in two
 * currencies — one final, one sent, one draft, one with nothing to count — for October 2025.
 * Sections are the owner's statements of exactly that period (one of an overlapping period is
 * left out, and so is another owner's); totals are per currency, never summed across them; the
 * PDF is read back with pdftotext: the summary page first, then one section per property.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ownerDetailsSchema, ownerStatementSchema } from '../../src/contract/owner-statements.js';
import { hasPoppler, pdfWords } from '../helpers/pdf-tools.js';
import { simData, simListing, simReservation, simUser } from '../helpers/sim-fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const OCTOBER = { startDate: '2025-10-01', endDate: '2025-10-31' };
const OCT_QUERY = 'periodStart=2025-10-01&periodEnd=2025-10-31';

const data = () =>
  simData({
    listings: [
      simListing({ id: 201, name: 'Seaside Loft', currency: 'USD' }),
      simListing({ id: 202, name: 'Unit 10', currency: 'USD' }),
      simListing({ id: 203, name: 'Unit 2', currency: 'EUR' }),
      simListing({ id: 204, name: 'Annex', currency: 'USD' }),
      simListing({ id: 205, name: 'Harbor View', currency: 'USD' }),
    ],
    users: [
      simUser({
        id: 1,
        first_name: 'Olivia',
        last_name: 'Owner',
        username: 'olivia@example.com',
        listings: [{ id: 201 }, { id: 202 }, { id: 203 }, { id: 204 }],
      }),
      simUser({ id: 2, first_name: 'Omar', last_name: 'Owner', listings: [{ id: 205 }] }),
    ],
    reservations: [
      simReservation({ id: 1, listing_id: 201, checkIn: '2025-10-03', checkOut: '2025-10-06', nights: 3 }),
      // Also checks out inside 15 Oct – 14 Nov: on the overlapping period's statement too.
      simReservation({
        id: 2,
        listing_id: 201,
        checkIn: '2025-10-18',
        checkOut: '2025-10-20',
        base_price: 410,
      }),
      simReservation({
        id: 3,
        listing_id: 202,
        checkIn: '2025-10-10',
        checkOut: '2025-10-12',
        base_price: 333.33,
      }),
      simReservation({
        id: 4,
        listing_id: 203,
        currency: 'EUR',
        checkIn: '2025-10-05',
        checkOut: '2025-10-09',
        base_price: 720,
      }),
      simReservation({ id: 5, listing_id: 205, checkIn: '2025-10-01', checkOut: '2025-10-04' }),
    ],
  });

let t: TestApp;
/** Statement ids by property. */
const ids: Record<string, string> = {};
let overlappingId: string;

function fits<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  expect(parsed.error?.message).toBeUndefined();
  return parsed.data as z.output<S>;
}

async function get(path: string, role: 'viewer' | 'admin' = 'viewer') {
  return t.as(role)('GET', path);
}

async function download(path: string) {
  const res = await fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${t.tokens.viewer}` } });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

beforeAll(async () => {
  t = await startTestApp({ sim: { data: data() } });
  expect(
    (
      await t.request('POST', '/api/expenses', {
        propertyId: '201',
        date: '2025-10-14',
        description: 'New kettle',
        amount: 4599,
        type: 'expense',
      })
    ).status,
  ).toBe(201);
  const made = await t.request('POST', '/api/statements/generate', { ownerId: '1', ...OCTOBER });
  expect(made.status).toBe(201);
  for (const s of made.body.statements) ids[s.propertyId] = s.id;
  expect(Object.keys(ids).sort()).toEqual(['201', '202', '203']);
  expect(made.body.skipped.map((s: { propertyId: string }) => s.propertyId)).toEqual(['204']);
  for (const id of [ids['201'], ids['203']])
    expect((await t.request('PUT', `/api/statements/${id}/status`, { status: 'final' })).status).toBe(200);
  // Unit 2 goes out (sent); Unit 10 stays a draft.
  expect((await t.request('PUT', `/api/statements/${ids['203']}/status`, { status: 'sent' })).status).toBe(
    200,
  );
  const overlapping = await t.request('POST', '/api/statements/generate', {
    ownerId: '1',
    propertyId: '201',
    startDate: '2025-10-15',
    endDate: '2025-11-14',
  });
  expect(overlapping.status).toBe(201);
  overlappingId = overlapping.body.statement.id;
  expect((await t.request('POST', '/api/statements/generate', { ownerId: '2', ...OCTOBER })).status).toBe(
    201,
  );
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('GET /api/owners/:id/statement', () => {
  it("holds exactly the owner's statements of the period, by property name, with each property's state", async () => {
    const res = await get(`/api/owners/1/statement?${OCT_QUERY}`);
    expect(res.status).toBe(200);
    const body = fits(ownerStatementSchema, res.body);
    expect(body.owner).toEqual({ id: '1', name: 'Olivia Owner', email: 'olivia@example.com' });
    expect([body.periodStart, body.periodEnd]).toEqual(['2025-10-01', '2025-10-31']);
    // Natural order: "Unit 2" before "Unit 10". Neither the overlapping period's statement nor
    // Omar's Harbor View is a section.
    expect(body.sections.map((s) => s.propertyName)).toEqual(['Seaside Loft', 'Unit 2', 'Unit 10']);
    expect(body.sections.map((s) => s.id)).not.toContain(overlappingId);
    for (const s of body.sections) {
      expect([s.periodStart, s.periodEnd]).toEqual(['2025-10-01', '2025-10-31']);
      // Whole statements: the same as GET /api/statements/:id answers.
      expect(s).toEqual((await get(`/api/statements/${s.id}`)).body);
    }
    expect(body.properties.map((p) => [p.propertyName, p.state, p.statementId])).toEqual([
      ['Annex', 'missing', null],
      ['Seaside Loft', 'final', ids['201']],
      ['Unit 2', 'sent', ids['203']],
      ['Unit 10', 'draft', ids['202']],
    ]);
    expect(body.missing).toEqual([{ propertyId: '204', propertyName: 'Annex' }]);
    expect(body.drafts).toEqual([{ propertyId: '202', propertyName: 'Unit 10', statementId: ids['202'] }]);
    expect(body.ready).toBe(false);
  });

  it('adds up per currency and never across currencies', async () => {
    const body = fits(ownerStatementSchema, (await get(`/api/owners/1/statement?${OCT_QUERY}`)).body);
    const byId = new Map(body.sections.map((s) => [s.propertyId, s]));
    const s201 = byId.get('201');
    const s202 = byId.get('202');
    const s203 = byId.get('203');
    if (!s201 || !s202 || !s203) throw new Error('a section is missing');
    expect(s203.currency).toBe('EUR');
    expect(s201.totals.expenses).toBe(4599);
    expect(body.totals.map((t) => [t.currency, t.statementCount])).toEqual([
      ['EUR', 1],
      ['USD', 2],
    ]);
    const [eur, usd] = body.totals;
    expect(eur?.totals).toEqual(s203.totals);
    for (const key of Object.keys(s201.totals) as Array<keyof typeof s201.totals>)
      expect(usd?.totals[key], key).toBe(s201.totals[key] + s202.totals[key]);
    expect(usd?.totals.netPayout).not.toBe(
      s201.totals.netPayout + s202.totals.netPayout + s203.totals.netPayout,
    );
  });

  it('is ready once no section is a draft, though a property has no statement', async () => {
    expect((await t.request('PUT', `/api/statements/${ids['202']}/status`, { status: 'final' })).status).toBe(
      200,
    );
    try {
      const body = (await get(`/api/owners/1/statement?${OCT_QUERY}`)).body;
      expect(body.drafts).toEqual([]);
      expect(body.missing.map((m: { propertyId: string }) => m.propertyId)).toEqual(['204']);
      expect(body.ready).toBe(true);
    } finally {
      expect(
        (await t.request('PUT', `/api/statements/${ids['202']}/status`, { status: 'draft' })).status,
      ).toBe(200);
    }
  });

  it('is empty, not ready, for a period without statements', async () => {
    const body = (await get('/api/owners/1/statement?periodStart=2025-09-01&periodEnd=2025-09-30')).body;
    expect(body.sections).toEqual([]);
    expect(body.totals).toEqual([]);
    expect(body.missing).toHaveLength(4);
    expect(body.ready).toBe(false);
  });

  it('answers 404 for an unknown owner and 400 for a period that is not one', async () => {
    const unknown = await get(`/api/owners/777/statement?${OCT_QUERY}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'not_found', message: 'owner 777 not found' });
    for (const [query, message] of [
      ['periodStart=2025-10-31&periodEnd=2025-10-01', /periodEnd must not be before periodStart/],
      ['periodStart=2025-02-01&periodEnd=2025-02-30', /must be a date that exists/],
      ['periodStart=2025-01-01&periodEnd=2026-01-02', /at most 366 days \(it is 367\)/],
      ['periodStart=2025-10-01', /periodEnd/],
      ['periodStart=2025-10-01&periodEnd=2025-10-31&extra=1', /extra|unrecognized/i],
    ] as const) {
      for (const path of [`/api/owners/1/statement?${query}`, `/api/owners/1/statement.pdf?${query}`]) {
        const res = await get(path);
        expect(res.status, `${path}`).toBe(400);
        expect(res.body.error.code).toBe('validation_error');
        expect(res.body.error.message).toMatch(message);
      }
    }
    expect((await get(`/api/owners/${'x'.repeat(65)}/statement?${OCT_QUERY}`)).status).toBe(400);
    // The server is still there and nothing changed.
    expect((await get(`/api/owners/1/statement?${OCT_QUERY}`)).body.sections).toHaveLength(3);
  });

  it('needs a signed-in user', async () => {
    const res = await t.request('GET', `/api/owners/1/statement?${OCT_QUERY}`, undefined, {
      authorization: '',
    });
    expect(res.status).toBe(401);
  });
});

describe('GET /api/owners/:id/statement.pdf', () => {
  it('is one PDF: the summary page with every property and the totals, then a section per property', async () => {
    const { res, bytes } = await download(`/api/owners/1/statement.pdf?${OCT_QUERY}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Owner statement - Olivia Owner - October 2025.pdf"; filename*=UTF-8''Owner%20statement%20%E2%80%93%20Olivia%20Owner%20%E2%80%93%20October%202025.pdf`,
    );
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    if (!hasPoppler) return;
    const body = fits(ownerStatementSchema, (await get(`/api/owners/1/statement?${OCT_QUERY}`)).body);
    const money = (cents: number, currency: string) =>
      new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100).replace('-', '−');
    const pages = pdfWords(bytes).map((p) => p.words.map((w) => w.text).join(' '));
    expect(pages).toHaveLength(4);
    const [summary, ...sections] = pages;
    expect(summary).toContain('Owner statement');
    expect(summary).toContain('Olivia Owner');
    expect(summary).toContain('Period October 2025');
    expect(summary).toContain('Annex No statement for this period');
    for (const s of body.sections) {
      const name = s.status === 'draft' ? `${s.propertyName} (draft — not final)` : s.propertyName;
      expect(summary).toContain(`${name} ${s.propertyId}-2025-10`);
      expect(summary).toContain(money(s.totals.netPayout, s.currency));
    }
    for (const total of body.totals) {
      const row = `${total.currency} ${total.statementCount} statement${total.statementCount === 1 ? '' : 's'} ${money(total.totals.grossRevenue, total.currency)}`;
      expect(summary).toContain(row);
      expect(summary).toContain(money(total.totals.netPayout, total.currency));
    }
    expect(summary).toContain('Page 1 of 4');
    // One section per property statement, in the summary's order, each numbered on.
    expect(sections.map((p) => /Statement no\. (\S+)/.exec(p)?.[1])).toEqual([
      '201-2025-10',
      '203-2025-10',
      '202-2025-10',
    ]);
    sections.forEach((p, i) => {
      expect(p).toContain(`Page ${i + 2} of 4`);
    });
    // The draft, and only it, is marked.
    expect(sections[2]).toContain('Draft — not final');
    expect(sections[0]).not.toContain('Draft');
    expect(sections[1]).not.toContain('Draft');
    expect(sections[0]).toContain('New kettle');
  });

  it('answers 422 no_statements when the owner has no statement of the period, 404 for an unknown owner', async () => {
    const none = await get('/api/owners/1/statement.pdf?periodStart=2025-09-01&periodEnd=2025-09-30');
    expect(none.status).toBe(422);
    expect(none.body.error.code).toBe('no_statements');
    expect(none.body.error.message).toContain('Olivia Owner');
    const unknown = await get(`/api/owners/778/statement.pdf?${OCT_QUERY}`);
    expect(unknown.status).toBe(404);
  });
});

describe('GET /api/owners/:id', () => {
  it('gives the owner, the properties with their settings, and the statements by period, latest first', async () => {
    const res = await get('/api/owners/1');
    expect(res.status).toBe(200);
    const body = fits(ownerDetailsSchema, res.body);
    expect(body.owner).toMatchObject({
      id: '1',
      name: 'Olivia Owner',
      email: 'olivia@example.com',
      isActive: true,
    });
    expect(body.properties.map((p) => [p.id, p.currency, p.settings.commissionPercent]).sort()).toEqual([
      ['201', 'USD', 15],
      ['202', 'USD', 15],
      ['203', 'EUR', 15],
      ['204', 'USD', 15],
    ]);
    expect(body.periods.map((p) => [p.periodStart, p.periodEnd, p.statements.length])).toEqual([
      ['2025-10-15', '2025-11-14', 1],
      ['2025-10-01', '2025-10-31', 3],
    ]);
    const october = body.periods[1]?.statements ?? [];
    expect(october.map((s) => [s.propertyId, s.status, s.currency]).sort()).toEqual([
      ['201', 'final', 'USD'],
      ['202', 'draft', 'USD'],
      ['203', 'sent', 'EUR'],
    ]);
    const s201 = (await get(`/api/statements/${ids['201']}`)).body;
    expect(october.find((s) => s.id === ids['201'])?.netPayout).toBe(s201.totals.netPayout);
    expect((await get('/api/owners/779')).status).toBe(404);
  });
});

describe('a property that changed hands', () => {
  it("keeps its statement with the owner it was made for; the new owner sees it as another owner's", async () => {
    // Hostify now lists Seaside Loft under Omar.
    const [olivia, omar] = t.sim.data.users;
    if (!olivia || !omar) throw new Error('the simulator lost its users');
    olivia.listings = olivia.listings.filter((l) => String(l.id) !== '201');
    omar.listings = [...omar.listings, { id: 201 }];
    t.sim.setOptions({});
    expect((await t.request('POST', '/api/catalog/sync')).status).toBe(200);

    const hers = fits(ownerStatementSchema, (await get(`/api/owners/1/statement?${OCT_QUERY}`)).body);
    expect(hers.sections.map((s) => s.propertyId)).toContain('201');
    expect(hers.properties.find((p) => p.propertyId === '201')).toMatchObject({
      state: 'final',
      ownedNow: false,
      statementId: ids['201'],
    });
    const his = fits(ownerStatementSchema, (await get(`/api/owners/2/statement?${OCT_QUERY}`)).body);
    expect(his.sections.map((s) => s.propertyId)).toEqual(['205']);
    expect(his.properties.find((p) => p.propertyId === '201')).toMatchObject({
      state: 'other_owner',
      ownedNow: true,
      statementId: null,
    });
    expect(his.missing).toEqual([]);
    expect(his.totals.map((x) => x.statementCount)).toEqual([1]);
  });
});
