/**
 * Synchronous generation over real HTTP, a real SQLite file and the Hostify simulator, with the
 * hand-computed data set of known-dataset.ts.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateOneResponseSchema,
  generateOwnerResponseSchema,
  statementSchema,
} from '../../src/contract/statements.js';
import {
  EXPECTED_101_EXCLUDED,
  EXPECTED_101_LINES,
  EXPECTED_101_TOTALS,
  EXPECTED_104_DEFAULT,
  EXPECTED_104_GROSS_12_5,
  knownData,
  PERIOD,
} from '../helpers/known-dataset.js';
import { startTestApp, TEST_HOSTIFY_KEY, type TestApp } from '../helpers/test-app.js';
import { TEST_ENGINE } from '../helpers/test-engine.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ sim: { data: knownData() } });
});
afterAll(async () => {
  await t.close();
});

const generate = (body: Record<string, unknown>) =>
  t.request('POST', '/api/statements/generate', { ...PERIOD, calculationType: 'checkout', ...body });

async function countStatements(): Promise<number> {
  const res = await t.request('GET', '/api/statements?limit=500');
  return res.body.statements.length;
}

describe('one property', () => {
  it('returns 201 with the exact statement, lines and totals', async () => {
    const res = await generate({ ownerId: '1', propertyId: '101' });
    expect(res.status).toBe(201);
    const body = generateOneResponseSchema.parse(res.body);
    expect(body.message).toBe('Statement generated successfully');
    const s = body.statement;
    expect(s).toMatchObject({
      propertyId: '101',
      ownerId: '1',
      currency: 'USD',
      status: 'draft',
      version: 1,
    });
    expect(s.periodStart).toBe('2025-10-01');
    expect(s.lines.map((l) => l.reservationId)).toEqual(EXPECTED_101_LINES);
    expect(s.totals).toEqual(EXPECTED_101_TOTALS);
    expect(s.lines.find((l) => l.reservationId === '12')).toMatchObject({
      cancellation: true,
      accommodation: 12000,
      cleaning: 0,
      ownerPayout: 10200,
    });
    expect(s.excluded).toEqual(EXPECTED_101_EXCLUDED.map((e) => expect.objectContaining(e)));
    expect(s.warnings).toEqual([
      { code: 'payout_mismatch', reservationId: '3', message: expect.stringContaining('payout 550.00') },
    ]);
    expect(s.settings).toEqual({ commissionPercent: 15, commissionBasis: 'net', ownerRemitsTaxes: false });
    const r1 = s.lines[0];
    expect(r1).toMatchObject({
      accommodation: 100001,
      channelFees: 18000,
      commission: 13800,
      ownerPayout: 78201,
    });
  });

  it('regenerating a draft keeps its id and increments version, with expenses counted', async () => {
    const first = await t.request('GET', '/api/statements?propertyId=101');
    const id = first.body.statements[0].id;
    const add = (date: string, amount: number, type: string) =>
      t.request('POST', '/api/expenses', {
        propertyId: '101',
        date,
        description: `${type} ${date}`,
        amount,
        type,
      });
    expect((await add('2025-10-15', 12500, 'expense')).status).toBe(201);
    expect((await add('2025-10-31', 5000, 'adjustment')).status).toBe(201);
    expect((await add('2025-11-01', 999, 'expense')).status).toBe(201);

    const res = await generate({ ownerId: '1', propertyId: '101' });
    expect(res.status).toBe(201);
    expect(res.body.statement.id).toBe(id);
    expect(res.body.statement.version).toBe(2);
    expect(res.body.statement.totals).toEqual({
      ...EXPECTED_101_TOTALS,
      expenses: 12500,
      adjustments: 5000,
      netPayout: EXPECTED_101_TOTALS.ownerPayout + 5000 - 12500,
    });
    expect(res.body.statement.expenses).toHaveLength(1);
    expect(res.body.statement.adjustments).toHaveLength(1);
    expect(await countStatements()).toBe(1);
  });

  it('never overwrites a final statement: 422 finalized, statement unchanged', async () => {
    const list = await t.request('GET', '/api/statements?propertyId=101');
    const id = list.body.statements[0].id;
    const fin = await t.request('PUT', `/api/statements/${id}/status`, { status: 'final' });
    expect(fin.status).toBe(200);
    expect(fin.body.status).toBe('final');
    const before = await t.request('GET', `/api/statements/${id}`);

    const reservationCalls = () => t.sim.stats.byPath['/reservations'] ?? 0;
    const callsBefore = reservationCalls();
    const res = await generate({ ownerId: '1', propertyId: '101' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('finalized');
    const after = await t.request('GET', `/api/statements/${id}`);
    expect(after.body).toEqual(before.body);
    // Nothing could be generated, so Hostify was not asked for the period's reservations.
    expect(reservationCalls()).toBe(callsBefore);

    // Back to draft, so later tests can use it.
    expect((await t.request('PUT', `/api/statements/${id}/status`, { status: 'draft' })).status).toBe(200);
  });

  it('answers 422 mixed_currency for a property with a reservation in another currency', async () => {
    const res = await generate({ ownerId: '1', propertyId: '102' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('mixed_currency');
    expect(res.body.error.message).toMatch(/EUR/);
  });

  it('answers 422 no_activity for a property with nothing in the period', async () => {
    const res = await generate({ ownerId: '1', propertyId: '103' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('no_activity');
  });

  it('applies property settings set before generation', async () => {
    const plain = await generate({ ownerId: '2', propertyId: '104' });
    expect(plain.status).toBe(201);
    expect(plain.body.statement.totals).toMatchObject(EXPECTED_104_DEFAULT);

    const put = await t.request('PUT', '/api/properties/104/settings', {
      commissionPercent: 12.5,
      commissionBasis: 'gross',
      ownerRemitsTaxes: false,
    });
    expect(put.status).toBe(200);
    expect(put.body.settings).toEqual({
      commissionPercent: 12.5,
      commissionBasis: 'gross',
      ownerRemitsTaxes: false,
    });
    const res = await generate({ ownerId: '2', propertyId: '104' });
    expect(res.body.statement.totals).toMatchObject(EXPECTED_104_GROSS_12_5);
    expect(res.body.statement.settings.commissionBasis).toBe('gross');

    const taxes = await t.request('PUT', '/api/properties/104/settings', {
      commissionPercent: 12.5,
      commissionBasis: 'gross',
      ownerRemitsTaxes: true,
    });
    expect(taxes.status).toBe(200);
    const withTaxes = await generate({ ownerId: '2', propertyId: '104' });
    expect(withTaxes.body.statement.totals.ownerPayout).toBe(EXPECTED_104_GROSS_12_5.ownerPayout + 7000);
  });
});

describe('one owner', () => {
  it('returns generated statements, skipped and errored properties', async () => {
    const res = await generate({ ownerId: '1' });
    expect(res.status).toBe(201);
    const body = generateOwnerResponseSchema.parse(res.body);
    expect(body.statements.map((s) => s.propertyId)).toEqual(['101']);
    expect(body.skipped).toEqual([
      { propertyId: '103', propertyName: 'Quiet Chalet', reason: 'no_activity' },
    ]);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ propertyId: '102', code: 'mixed_currency' });
  });
});

describe('catalog', () => {
  it('lists active owners only, with their properties; the child listing is not a property', async () => {
    const owners = await t.request('GET', '/api/owners');
    expect(owners.body.owners.map((o: { id: string }) => o.id).sort()).toEqual(['1', '2']);
    const props = await t.request('GET', '/api/properties?ownerId=1');
    expect(props.body.properties.map((p: { id: string }) => p.id).sort()).toEqual(['101', '102', '103']);
    const all = await t.request('GET', '/api/properties');
    const ids = all.body.properties.map((p: { id: string }) => p.id);
    expect(ids).not.toContain('111');
    expect(all.body.properties.find((p: { id: string }) => p.id === '105').ownerId).toBeNull();
  });

  it('syncs on demand', async () => {
    const res = await t.request('POST', '/api/catalog/sync');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ owners: 2, properties: 6, ownedProperties: 4 });
  });
});

describe('statement lifecycle', () => {
  it('moves draft → final → sent and refuses other moves with 409', async () => {
    const res = await generate({ ownerId: '2', propertyId: '104' });
    const id = res.body.statement.id;
    expect(res.body.statement.status).toBe('draft');
    expect((await t.request('PUT', `/api/statements/${id}/status`, { status: 'sent' })).status).toBe(409);
    expect((await t.request('PUT', `/api/statements/${id}/status`, { status: 'final' })).body.status).toBe(
      'final',
    );
    const del = await t.request('DELETE', `/api/statements/${id}`);
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe('not_a_draft');
    expect((await t.request('PUT', `/api/statements/${id}/status`, { status: 'sent' })).body.status).toBe(
      'sent',
    );
    const back = await t.request('PUT', `/api/statements/${id}/status`, { status: 'draft' });
    expect(back.status).toBe(409);
    expect(back.body.error.code).toBe('invalid_transition');
    // A sent statement is never regenerated.
    expect((await generate({ ownerId: '2', propertyId: '104' })).body.error.code).toBe('finalized');
  });

  it('deletes drafts only', async () => {
    const list = await t.request('GET', '/api/statements?propertyId=101');
    const draftId = list.body.statements[0].id;
    expect((await t.request('DELETE', `/api/statements/${draftId}`)).status).toBe(204);
    expect((await t.request('GET', `/api/statements/${draftId}`)).status).toBe(404);
  });
});

describe('listing statements', () => {
  it('filters and paginates with an opaque cursor', async () => {
    await generate({ ownerId: '1', propertyId: '101' });
    const page1 = await t.request('GET', '/api/statements?limit=1');
    expect(page1.status).toBe(200);
    expect(page1.body.statements).toHaveLength(1);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await t.request('GET', `/api/statements?limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body.statements).toHaveLength(1);
    expect(page2.body.statements[0].id).not.toBe(page1.body.statements[0].id);
    expect(page2.body.nextCursor).toBeNull();

    const byOwner = await t.request('GET', '/api/statements?ownerId=2');
    expect(byOwner.body.statements.every((s: { ownerId: string }) => s.ownerId === '2')).toBe(true);
    const sent = await t.request('GET', '/api/statements?status=sent');
    expect(sent.body.statements.map((s: { propertyId: string }) => s.propertyId)).toEqual(['104']);
    const later = await t.request('GET', '/api/statements?periodStart=2025-11-01');
    expect(later.body.statements).toEqual([]);

    const one = await t.request('GET', `/api/statements/${page1.body.statements[0].id}`);
    expect(() => statementSchema.parse(one.body)).not.toThrow();
  });

  it('rejects a forged cursor and bad filters with 400', async () => {
    const forged = await t.request('GET', "/api/statements?cursor=' OR 1=1 --");
    expect(forged.status).toBe(400);
    expect((await t.request('GET', '/api/statements?limit=501')).status).toBe(400);
    expect((await t.request('GET', '/api/statements?status=paid')).status).toBe(400);
  });
});

describe('bad input', () => {
  const cases: Array<[string, Record<string, unknown> | string, number, string]> = [
    [
      'a date that does not exist',
      { ownerId: '1', propertyId: '101', startDate: '2025-02-30' },
      400,
      'startDate',
    ],
    ['a non-ISO date', { ownerId: '1', propertyId: '101', startDate: '10/01/2025' }, 400, 'startDate'],
    ['end before start', { ownerId: '1', startDate: '2025-10-31', endDate: '2025-10-01' }, 400, 'endDate'],
    [
      'a period over 366 days',
      { ownerId: '1', startDate: '2024-01-01', endDate: '2025-01-02' },
      400,
      'endDate',
    ],
    ['an unknown calculation type', { ownerId: '1', calculationType: 'monthly' }, 400, 'calculationType'],
    ['a missing ownerId', { propertyId: '101' }, 400, 'ownerId'],
    ['a number for ownerId', { ownerId: 1 }, 400, 'ownerId'],
    ['an over-long id', { ownerId: 'x'.repeat(65) }, 400, 'ownerId'],
    ['an SQL injection string', { ownerId: "1' OR '1'='1" }, 400, 'ownerId'],
    ['an unknown field', { ownerId: '1', foo: 'bar' }, 400, ''],
    ['propertyId with ownerId all', { ownerId: 'all', propertyId: '101' }, 400, 'propertyId'],
    ['an unknown owner', { ownerId: '999' }, 404, 'owner'],
    ['an unknown property', { ownerId: '1', propertyId: '999' }, 404, 'property'],
    ['a property of another owner', { ownerId: '1', propertyId: '104' }, 400, 'does not belong'],
  ];

  it.each(cases)('%s: the error is returned and nothing is stored', async (_name, body, status, mention) => {
    const before = await countStatements();
    const res = await generate(body as Record<string, unknown>);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toEqual(expect.any(String));
    expect(res.body.error.message).toContain(mention);
    expect(await countStatements()).toBe(before);
  });

  it('malformed JSON → 400 invalid_json', async () => {
    const res = await t.request('POST', '/api/statements/generate', '{"ownerId": "1",');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('an oversized body → 413', async () => {
    const res = await t.request('POST', '/api/statements/generate', {
      ownerId: '1',
      pad: 'x'.repeat(100_000),
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('bad settings and expenses → 400/404 with the field named', async () => {
    const s = (body: unknown) => t.request('PUT', '/api/properties/104/settings', body);
    expect(
      (await s({ commissionPercent: 12.345, commissionBasis: 'net', ownerRemitsTaxes: false })).status,
    ).toBe(400);
    expect(
      (await s({ commissionPercent: 101, commissionBasis: 'net', ownerRemitsTaxes: false })).status,
    ).toBe(400);
    expect(
      (await s({ commissionPercent: 10, commissionBasis: 'profit', ownerRemitsTaxes: false })).status,
    ).toBe(400);
    const unknown = await t.request('PUT', '/api/properties/999/settings', {
      commissionPercent: 10,
      commissionBasis: 'net',
      ownerRemitsTaxes: false,
    });
    expect(unknown.status).toBe(404);

    const e = (body: unknown) => t.request('POST', '/api/expenses', body);
    const base = { propertyId: '101', date: '2025-10-02', description: 'x', amount: 100, type: 'expense' };
    const fractional = await e({ ...base, amount: 10.5 });
    expect(fractional.status).toBe(400);
    expect(fractional.body.error.message).toContain('amount');
    expect((await e({ ...base, amount: -5 })).status).toBe(400);
    expect((await e({ ...base, date: '2025-02-29' })).status).toBe(400);
    expect((await e({ ...base, type: 'refund' })).status).toBe(400);
    expect((await e({ ...base, propertyId: '999' })).status).toBe(404);
  });

  it('unknown routes and statements → 404 in the error format', async () => {
    const route = await t.request('GET', '/api/nope');
    expect(route.status).toBe(404);
    expect(route.body.error.code).toBe('not_found');
    expect((await t.request('GET', '/api/statements/stmt_unknown')).status).toBe(404);
  });
});

describe('service endpoints and secrets', () => {
  it('serves /healthz, /readyz and the OpenAPI document', async () => {
    expect((await t.request('GET', '/healthz')).body.status).toBe('ok');
    // The queue server is checked too when the jobs run on BullMQ.
    expect((await t.request('GET', '/readyz')).body).toEqual({
      status: 'ready',
      checks: TEST_ENGINE === 'local' ? { database: 'ok' } : { database: 'ok', redis: 'ok' },
    });
    const doc = await t.request('GET', '/docs/json');
    expect(doc.status).toBe(200);
    expect(doc.body.paths['/api/statements/generate'].post).toBeDefined();
  });

  it('serves Prometheus metrics without credentials and without ids or money', async () => {
    const res = await t.request('GET', '/metrics', undefined, { authorization: '' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/^os_http_requests_total\{method="POST",status="2xx"\} [1-9]\d*$/m);
    expect(res.text).toMatch(/^os_hostify_requests_total [1-9]\d*$/m);
    expect(res.text).toMatch(/^os_jobs\{status="completed"\} \d+$/m);
    // The names and types scrapers know, as before prom-client.
    for (const [name, type] of [
      ['os_http_requests_total', 'counter'],
      ['os_jobs', 'gauge'],
      ['os_hostify_requests_total', 'counter'],
      ['os_event_loop_delay_seconds', 'gauge'],
      ['process_resident_memory_bytes', 'gauge'],
    ]) {
      expect(res.text).toContain(`# TYPE ${name} ${type}\n`);
    }
    expect(res.text).toMatch(/^os_event_loop_delay_seconds\{quantile="0\.99"\} [\d.e+-]+$/m);
    // prom-client's default process metrics.
    expect(res.text).toMatch(/^process_cpu_user_seconds_total [\d.e+-]+$/m);
    expect(res.text).toMatch(/^nodejs_heap_size_total_bytes [1-9]\d*$/m);
    expect(res.text).toMatch(/^process_resident_memory_bytes [1-9]\d*$/m);
    expect(res.text).not.toMatch(/stmt_|Seaside|@test\.local/);
  });

  it('never writes the Hostify key into the logs', () => {
    expect(t.logText().length).toBeGreaterThan(1000);
    expect(t.logText()).not.toContain(TEST_HOSTIFY_KEY);
  });
});

describe('Hostify failures', () => {
  it('a rejected key answers 502 hostify_auth_failed, without the key in logs or body', async () => {
    const bad = await startTestApp({ sim: { data: knownData() }, hostifyKey: 'wrong-key-123456' });
    try {
      const res = await bad.request('POST', '/api/statements/generate', {
        ownerId: '1',
        propertyId: '101',
        ...PERIOD,
      });
      expect(res.status).toBe(502);
      expect(res.body.error.code).toBe('hostify_auth_failed');
      expect(res.text).not.toContain('wrong-key-123456');
      expect(bad.logText()).not.toContain('wrong-key-123456');
      expect(bad.sim.stats.requests).toBeGreaterThan(0);
    } finally {
      await bad.close();
    }
  });
});
