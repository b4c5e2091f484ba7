/**
 * The payout report of a period over the real HTTP app and the Hostify simulator (on SQLite, and
 * on PostgreSQL with TEST_DB=postgres): several owners, final and sent statements added up per
 * currency, drafts listed but not added, a statement of an overlapping period left out, two
 * currencies never summed, an owner who owes the manager, and the CSV read back cell by cell.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCents } from '../../src/domain/money.js';
import { csvRecords } from '../helpers/parse-csv.js';
import { simData, simListing, simReservation, simUser } from '../helpers/sim-fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { waitForJobEnd } from '../helpers/wait.js';

const OCTOBER = { startDate: '2025-10-01', endDate: '2025-10-31' } as const;
const REPORT = '/api/reports/payouts?periodStart=2025-10-01&periodEnd=2025-10-31';
const CSV = '/api/reports/payouts.csv?periodStart=2025-10-01&periodEnd=2025-10-31';
const HOSTILE_OWNER = '=HYPERLINK("http://evil.test","pay")';
const HOSTILE_PROPERTY = '+Cmd|calc';

/**
 * Owner 1 "Owner 10": 201, 202 (USD) and 203 (EUR). Owner 2 "owner 9": 204 (a repair larger
 * than its income: negative) and 205 (stays a draft). Owner 3 (a formula for a name): 206, and
 * 207 without reservations. Owner 4: 208 without reservations.
 */
const data = () =>
  simData({
    listings: [
      simListing({ id: 201, name: 'Villa 201' }),
      simListing({ id: 202, name: 'Villa 202' }),
      simListing({ id: 203, name: 'Appartement 203', currency: 'EUR' }),
      simListing({ id: 204, name: 'Villa 204' }),
      simListing({ id: 205, name: 'Villa 205' }),
      simListing({ id: 206, name: HOSTILE_PROPERTY }),
      simListing({ id: 207, name: 'Empty 207' }),
      simListing({ id: 208, name: 'Empty 208' }),
    ],
    users: [
      simUser({
        id: 1,
        first_name: 'Owner',
        last_name: '10',
        listings: [{ id: 201 }, { id: 202 }, { id: 203 }],
      }),
      simUser({ id: 2, first_name: 'owner', last_name: '9', listings: [{ id: 204 }, { id: 205 }] }),
      simUser({ id: 3, first_name: HOSTILE_OWNER, last_name: '', listings: [{ id: 206 }, { id: 207 }] }),
      simUser({ id: 4, first_name: 'Quiet', last_name: 'Owner', listings: [{ id: 208 }] }),
    ],
    reservations: [201, 202, 203, 204, 205, 206].map((id) =>
      simReservation({
        id,
        listing_id: id,
        checkIn: '2025-10-10',
        checkOut: '2025-10-12',
        currency: id === 203 ? 'EUR' : 'USD',
      }),
    ),
  });

describe('payout report', () => {
  let t: TestApp;
  /** October's statement of each property. */
  const ids = new Map<string, string>();
  const net = new Map<string, number>();
  let halfMonthId = '';

  beforeAll(async () => {
    t = await startTestApp({ sim: { data: data() } });
    const expense = await t.request('POST', '/api/expenses', {
      propertyId: '204',
      date: '2025-10-20',
      description: 'Roof repair',
      amount: 1000_00,
      type: 'expense',
    });
    expect(expense.status).toBe(201);
    const job = await t.request('POST', '/api/statements/generate', { ownerId: 'all', ...OCTOBER });
    expect(job.status).toBe(202);
    const done = await waitForJobEnd(t.composition.jobService, job.body.jobId);
    expect(done.result?.summary).toMatchObject({ generated: 6, skipped: 2, errors: 0 });
    const list = await t.request('GET', '/api/statements?limit=100');
    for (const s of list.body.statements as Array<{
      id: string;
      propertyId: string;
      totals: { netPayout: number };
    }>) {
      ids.set(s.propertyId, s.id);
      net.set(s.propertyId, s.totals.netPayout);
    }
    for (const p of ['201', '202', '203', '204', '206']) {
      const res = await t.request('PUT', `/api/statements/${ids.get(p)}/status`, { status: 'final' });
      expect(res.status).toBe(200);
    }
    expect((await t.request('POST', `/api/statements/${ids.get('202')}/send`, {})).status).toBe(200);
    // A statement of an overlapping period (the first half of October), final: not October's.
    const half = await t.request('POST', '/api/statements/generate', {
      ownerId: '1',
      propertyId: '201',
      startDate: '2025-10-01',
      endDate: '2025-10-15',
    });
    expect(half.status).toBe(201);
    halfMonthId = half.body.statement.id;
    expect(
      (await t.request('PUT', `/api/statements/${halfMonthId}/status`, { status: 'final' })).status,
    ).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const n = (propertyId: string) => net.get(propertyId) ?? Number.NaN;

  it('adds up final and sent statements per owner and currency; drafts are listed, not added', async () => {
    expect(n('204')).toBeLessThan(0);
    const res = await t.as('viewer')('GET', REPORT);
    expect(res.status).toBe(200);
    const report = res.body;
    expect(report).toMatchObject({ periodStart: '2025-10-01', periodEnd: '2025-10-31' });
    // By name, in natural order and any letter case: "owner 9" before "Owner 10".
    expect(report.owners.map((o: { name: string }) => o.name)).toEqual([
      HOSTILE_OWNER,
      'owner 9',
      'Owner 10',
    ]);
    const [hostile, owner9, owner10] = report.owners;

    expect(owner10).toMatchObject({
      ownerId: '1',
      email: 'user1@example.com',
      drafts: [],
      withoutStatement: [],
    });
    // Two currencies, two sums: never added together.
    expect(owner10.payouts).toEqual([
      { currency: 'EUR', netPayout: n('203'), statementCount: 1 },
      { currency: 'USD', netPayout: n('201') + n('202'), statementCount: 2 },
    ]);
    expect(
      owner10.statements.map((s: { id: string; status: string; number: string }) => [
        s.id,
        s.status,
        s.number,
      ]),
    ).toEqual([
      [ids.get('203'), 'final', '203-2025-10'],
      [ids.get('201'), 'final', '201-2025-10'],
      [ids.get('202'), 'sent', '202-2025-10'],
    ]);

    // The owner who owes: negative, with the draft beside it and not in it.
    expect(owner9.payouts).toEqual([{ currency: 'USD', netPayout: n('204'), statementCount: 1 }]);
    expect(owner9.drafts).toEqual([
      {
        id: ids.get('205'),
        number: '205-2025-10',
        propertyId: '205',
        propertyName: 'Villa 205',
        status: 'draft',
        currency: 'USD',
        netPayout: n('205'),
      },
    ]);

    expect(hostile.payouts).toEqual([{ currency: 'USD', netPayout: n('206'), statementCount: 1 }]);
    expect(hostile.withoutStatement).toEqual([{ propertyId: '207', propertyName: 'Empty 207' }]);
    expect(report.ownersWithoutStatement).toEqual([
      {
        ownerId: '4',
        name: 'Quiet Owner',
        email: 'user4@example.com',
        properties: [{ propertyId: '208', propertyName: 'Empty 208' }],
      },
    ]);

    expect(report.totals).toEqual([
      {
        currency: 'EUR',
        netPayout: n('203'),
        toPay: n('203'),
        owed: 0,
        unassigned: 0,
        ownerCount: 1,
        statementCount: 1,
      },
      {
        currency: 'USD',
        netPayout: n('201') + n('202') + n('204') + n('206'),
        toPay: n('201') + n('202') + n('206'),
        owed: -n('204'),
        unassigned: 0,
        ownerCount: 3,
        statementCount: 4,
      },
    ]);
    expect(report.counts).toEqual({
      owners: 3,
      statements: 5,
      drafts: 1,
      propertiesWithoutStatement: 2,
      ownersWithoutStatement: 1,
    });
    // The first half of October is another period: in neither the lists nor the sums.
    expect(JSON.stringify(report)).not.toContain(halfMonthId);
  });

  it('reports only the statements of exactly the period asked', async () => {
    const res = await t.request('GET', '/api/reports/payouts?periodStart=2025-10-01&periodEnd=2025-10-15');
    expect(res.status).toBe(200);
    expect(res.body.owners).toHaveLength(1);
    expect(res.body.owners[0].statements.map((s: { id: string }) => s.id)).toEqual([halfMonthId]);
    const none = await t.request('GET', '/api/reports/payouts?periodStart=2025-09-01&periodEnd=2025-09-30');
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ owners: [], totals: [], counts: { owners: 0, statements: 0 } });
  });

  it('lists the periods that have statements, latest first', async () => {
    const res = await t.as('viewer')('GET', '/api/reports/payouts/periods');
    expect(res.status).toBe(200);
    expect(res.body.periods).toEqual([
      { periodStart: '2025-10-01', periodEnd: '2025-10-31', statementCount: 6 },
      { periodStart: '2025-10-01', periodEnd: '2025-10-15', statementCount: 1 },
    ]);
  });

  it('serves the CSV: one row per owner and currency, amounts as decimals, formulas neutralised', async () => {
    const res = await t.as('viewer')('GET', CSV);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="payouts-2025-10-01-2025-10-31.csv"',
    );
    expect(res.text.charCodeAt(0)).not.toBe(0xfeff);
    const rows = csvRecords(res.text);
    const cells = (key: string) => rows.map((r) => r[key]?.text);
    expect(cells('owner')).toEqual([`'${HOSTILE_OWNER}`, 'owner 9', 'Owner 10', 'Owner 10']);
    expect(cells('ownerId')).toEqual(['3', '2', '1', '1']);
    expect(cells('currency')).toEqual(['USD', 'USD', 'EUR', 'USD']);
    expect(cells('netPayout')).toEqual([
      formatCents(n('206')),
      formatCents(n('204')),
      formatCents(n('203')),
      formatCents(n('201') + n('202')),
    ]);
    expect(rows[1]?.netPayout?.text.startsWith('-')).toBe(true);
    expect(rows.every((r) => r.netPayout?.quoted === false && r.statements?.quoted === false)).toBe(true);
    expect(cells('statements')).toEqual(['1', '1', '1', '2']);
    expect(cells('covered')).toEqual([
      `'${HOSTILE_PROPERTY} (206-2025-10)`,
      'Villa 204 (204-2025-10)',
      'Appartement 203 (203-2025-10)',
      'Villa 201 (201-2025-10); Villa 202 (202-2025-10)',
    ]);
    expect(cells('draftsNotIncluded')).toEqual(['', 'Villa 205 (205-2025-10)', '', '']);
    expect(cells('email')).toEqual([
      'user3@example.com',
      'user2@example.com',
      'user1@example.com',
      'user1@example.com',
    ]);
  });

  it('refuses a period that is not one (400 validation_error), and callers without a session', async () => {
    for (const [path, field] of [
      ['/api/reports/payouts?periodStart=2025-10-31&periodEnd=2025-10-01', 'periodEnd'],
      ['/api/reports/payouts?periodStart=2025-02-30&periodEnd=2025-03-31', 'periodStart'],
      ['/api/reports/payouts?periodStart=2024-01-01&periodEnd=2025-01-31', 'periodEnd'],
      ['/api/reports/payouts?periodStart=2025-10-01', 'periodEnd'],
      ['/api/reports/payouts.csv?periodStart=2025-10-31&periodEnd=2025-10-01', 'periodEnd'],
      ['/api/reports/payouts.csv?periodStart=10/01/2025&periodEnd=2025-10-31', 'periodStart'],
    ] as const) {
      const res = await t.request('GET', path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code, path).toBe('validation_error');
      expect(res.body.error.message, path).toContain(field);
    }
    expect((await t.request('GET', REPORT, undefined, { authorization: '' })).status).toBe(401);
    expect((await t.request('GET', CSV, undefined, { authorization: '' })).status).toBe(401);
    // The server still answers after the refusals.
    expect((await t.as('editor')('GET', REPORT)).status).toBe(200);
  });
});
