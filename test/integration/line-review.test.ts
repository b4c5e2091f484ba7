/**
 * Line review of a draft over real HTTP, the store of the run (SQLite, or PostgreSQL with
 * TEST_DB=postgres) and the Hostify simulator, with the hand-computed data set of
 * known-dataset.ts (property 101: lines R1, R12, R13, R2, R3; R4 and R5 left out).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementSchema } from '../../src/contract/statements.js';
import { OverrideRepository } from '../../src/db/repositories/override-repository.js';
import { EXPECTED_101_TOTALS, knownData, PERIOD } from '../helpers/known-dataset.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { waitForJobEnd } from '../helpers/wait.js';

let t: TestApp;
let adminId: string;

beforeAll(async () => {
  t = await startTestApp({ sim: { data: knownData() } });
  adminId = (await t.composition.users.findByEmail('admin@test.local'))?.id ?? '';
});
afterAll(async () => {
  await t.close();
});

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON
type Json = any;

async function generate(propertyId: string, ownerId = '1'): Promise<Json> {
  const res = await t.request('POST', '/api/statements/generate', { ownerId, propertyId, ...PERIOD });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.statement;
}

const review = (id: string, body: unknown, as = t.request) =>
  as('POST', `/api/statements/${id}/overrides`, body);
const unreview = (id: string, overrideId: string, as = t.request) =>
  as('DELETE', `/api/statements/${id}/overrides/${overrideId}`);

async function auditOf(statementId: string): Promise<Json[]> {
  const { entries } = await t.composition.auditLog.list({ limit: 1000, targetId: statementId });
  return entries.filter((e) => e.action.startsWith('statement.override_')).reverse();
}

const ids = (s: Json, key: 'lines' | 'excluded') => s[key].map((x: Json) => x.reservationId);

/** DESIGN §5 with line review: every money column of the totals is Σ lines + Σ manual lines. */
function expectTotalsAddUp(s: Json): void {
  for (const k of [
    'accommodation',
    'cleaning',
    'otherFees',
    'grossRevenue',
    'channelFees',
    'commission',
    'taxes',
    'ownerPayout',
  ]) {
    const sum = [...s.lines, ...s.manualLines].reduce((acc: number, l: Json) => acc + l[k], 0);
    expect(s.totals[k], k).toBe(sum);
  }
  expect(s.totals.netPayout).toBe(s.totals.ownerPayout + s.totals.adjustments - s.totals.expenses);
}

describe('line review of property 101', () => {
  let id: string;
  let exclusionId: string;

  it('excludes a counted reservation: the line goes, the totals change, an audit row is written', async () => {
    const draft = await generate('101');
    id = draft.id;
    expect(ids(draft, 'lines')).toEqual(['1', '12', '13', '2', '3']);
    const res = await review(id, { kind: 'exclude', reservationId: '13', reason: '  Owner stayed there  ' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const s = statementSchema.parse(res.body);
    expect(s.id).toBe(id);
    expect(s.version).toBe(draft.version + 1);
    expect(ids(s, 'lines')).toEqual(['1', '12', '2', '3']);
    // R13: gross 26000, commission 3810, payout 21590 (known-dataset.ts).
    expect(s.totals.grossRevenue).toBe(EXPECTED_101_TOTALS.grossRevenue - 26000);
    expect(s.totals.commission).toBe(EXPECTED_101_TOTALS.commission - 3810);
    expect(s.totals.ownerPayout).toBe(EXPECTED_101_TOTALS.ownerPayout - 21590);
    expectTotalsAddUp(s);
    expect(s.excluded.find((e) => e.reservationId === '13')).toEqual({
      reservationId: '13',
      guestName: 'Guest',
      checkIn: '2025-10-16',
      checkOut: '2025-10-18',
      status: 'completed',
      payout: 25400,
      overrideReason: 'Owner stayed there',
    });
    expect(s.overrides).toEqual([
      {
        id: expect.stringMatching(/^ovr_/),
        kind: 'exclude',
        reservationId: '13',
        reason: 'Owner stayed there',
        description: null,
        amount: null,
        countsTowardCommission: null,
        createdAt: expect.any(String),
        createdBy: adminId,
      },
    ]);
    exclusionId = s.overrides[0]?.id ?? '';
    // GET shows the same.
    const read = await t.request('GET', `/api/statements/${id}`);
    expect(read.body).toEqual(res.body);
    const audit = await auditOf(id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'statement.override_added',
      userEmail: 'admin@test.local',
      details: {
        override: { id: exclusionId, kind: 'exclude', reservationId: '13', reason: 'Owner stayed there' },
        propertyId: '101',
        version: s.version,
      },
    });
  });

  it('includes a reservation the rules left out, counted like a counted one and marked', async () => {
    const res = await review(id, { kind: 'include', reservationId: '5', reason: 'Owner was paid for it' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const s = res.body;
    // R5 (inquiry): base 200 + cleaning 50 = 25000, channel 750, commission round(3637.5) = 3638.
    expect(s.lines.find((l: Json) => l.reservationId === '5')).toMatchObject({
      grossRevenue: 25000,
      channelFees: 750,
      commission: 3638,
      ownerPayout: 20612,
      included: { reason: 'Owner was paid for it', status: 'inquiry' },
    });
    expect(ids(s, 'excluded')).toEqual(['4', '13']);
    expect(s.totals.ownerPayout).toBe(EXPECTED_101_TOTALS.ownerPayout - 21590 + 20612);
    expectTotalsAddUp(s);
  });

  it('adds a manual line counted in the totals, with commission when it counts toward it', async () => {
    const before = (await t.request('GET', `/api/statements/${id}`)).body;
    const res = await review(id, {
      kind: 'manual',
      description: 'Welcome basket refund',
      amount: 10001,
      countsTowardCommission: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const s = res.body;
    expect(s.manualLines).toEqual([
      {
        id: expect.stringMatching(/^ovr_/),
        description: 'Welcome basket refund',
        amount: 10001,
        countsTowardCommission: true,
        accommodation: 0,
        cleaning: 0,
        otherFees: 10001,
        grossRevenue: 10001,
        channelFees: 0,
        commission: 1500,
        taxes: 0,
        ownerPayout: 8501,
      },
    ]);
    expect(s.totals.ownerPayout).toBe(before.totals.ownerPayout + 8501);
    expect(s.lines).toEqual(before.lines);
    expectTotalsAddUp(s);
    expect(s.overrides.map((o: Json) => o.kind)).toEqual(['exclude', 'include', 'manual']);
  });

  it('keeps every override when the draft is regenerated, by a person or by a bulk job', async () => {
    const before = (await t.request('GET', `/api/statements/${id}`)).body;
    const again = await generate('101');
    expect(again.id).toBe(id);
    expect(again.version).toBe(before.version + 1);
    for (const key of ['lines', 'manualLines', 'excluded', 'totals', 'overrides']) {
      expect(again[key], key).toEqual(before[key]);
    }
    const job = await t.request('POST', '/api/statements/generate', { ownerId: 'all', ...PERIOD });
    expect(job.status).toBe(202);
    await waitForJobEnd(t.composition.jobService, job.body.jobId);
    const afterJob = (await t.request('GET', `/api/statements/${id}`)).body;
    expect(afterJob.version).toBe(again.version + 1);
    for (const key of ['lines', 'manualLines', 'excluded', 'totals', 'overrides']) {
      expect(afterJob[key], key).toEqual(before[key]);
    }
  });

  it('shows the overrides in the CSV', async () => {
    const res = await t.request('GET', `/api/statements/${id}/csv`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('"Welcome basket refund"');
    expect(res.text).toMatch(/"exclude","13","Owner stayed there"/);
    expect(res.text).toMatch(/"include","5","Owner was paid for it"/);
  });

  it('refuses what cannot be applied with a clear code, and changes nothing', async () => {
    const before = (await t.request('GET', `/api/statements/${id}`)).body;
    const cases: Array<[unknown, string]> = [
      [{ kind: 'exclude', reservationId: '4', reason: 'x' }, 'not_a_line'],
      [{ kind: 'exclude', reservationId: '999999', reason: 'x' }, 'not_a_line'],
      [{ kind: 'include', reservationId: '1', reason: 'x' }, 'not_excluded'],
      [{ kind: 'include', reservationId: '13', reason: 'x' }, 'excluded_by_override'],
      [{ kind: 'exclude', reservationId: '5', reason: 'x' }, 'included_by_override'],
    ];
    for (const [body, code] of cases) {
      const res = await review(id, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toMatch(/reservation \d+/);
    }
    const after = (await t.request('GET', `/api/statements/${id}`)).body;
    expect(after).toEqual(before);
  });

  it('refuses to include a cancelled reservation without payout (the guest paid nothing)', async () => {
    const before = (await t.request('GET', `/api/statements/${id}`)).body;
    // R4: cancelled, payout 0; its booked amounts would count as if the stay happened.
    const res = await review(id, { kind: 'include', reservationId: '4', reason: 'Owner was paid' });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.code).toBe('cancelled_reservation');
    expect(res.body.error.message).toMatch(/reservation 4 is cancelled/);
    expect(res.body.error.message).toMatch(/manual line for what the owner was actually paid/);
    expect((await t.request('GET', `/api/statements/${id}`)).body).toEqual(before);
  });

  it('does not count an inclusion of a cancelled reservation stored earlier: a warning, amounts unchanged', async () => {
    const before = (await t.request('GET', `/api/statements/${id}`)).body;
    // As stored before the service refused it (or written to the database directly).
    const overrides = new OverrideRepository(t.composition.db);
    const stored = await overrides.add(
      '101',
      { start: PERIOD.startDate, end: PERIOD.endDate },
      { kind: 'include', reservationId: '4', reason: 'Owner was paid' },
      new Date().toISOString(),
      adminId,
    );
    try {
      const s = await generate('101');
      expect(s.totals).toEqual(before.totals);
      expect(s.lines).toEqual(before.lines);
      expect(ids(s, 'excluded')).toEqual(ids(before, 'excluded'));
      expect(s.warnings.find((w: Json) => w.code === 'override_cancelled_reservation')).toEqual({
        code: 'override_cancelled_reservation',
        reservationId: '4',
        message: expect.stringMatching(/inclusion of reservation 4 .*cancelled.*manual line/),
      });
    } finally {
      await overrides.remove('101', { start: PERIOD.startDate, end: PERIOD.endDate }, stored.id);
    }
    const back = await generate('101');
    expect(back.warnings.map((w: Json) => w.code)).toEqual(before.warnings.map((w: Json) => w.code));
  });

  it('refuses a bad body with 400 and the field at fault', async () => {
    const bodies: unknown[] = [
      { kind: 'exclude', reservationId: '1', reason: '   ' },
      { kind: 'exclude', reservationId: '1' },
      { kind: 'include', reservationId: '', reason: 'x' },
      { kind: 'manual', description: 'x', amount: 0, countsTowardCommission: true },
      { kind: 'manual', description: 'x', amount: 12.5, countsTowardCommission: true },
      { kind: 'manual', description: 'x', amount: 2 ** 60, countsTowardCommission: true },
      { kind: 'manual', description: '', amount: 100, countsTowardCommission: true },
      { kind: 'manual', description: 'x', amount: 100 },
      { kind: 'manual', description: 'x', amount: 100, countsTowardCommission: true, extra: 1 },
      { kind: 'delete', reservationId: '1', reason: 'x' },
    ];
    for (const body of bodies) {
      const res = await review(id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_error');
      expect(res.body.error.message.length).toBeGreaterThan(0);
    }
    const notJson = await review(id, 'not json');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('invalid_json');
    expect((await unreview(id, 'ovr_nope')).status).toBe(404);
    expect((await review('stmt_nope', { kind: 'exclude', reservationId: '1', reason: 'x' })).status).toBe(
      404,
    );
  });

  it('lets a viewer see the overrides but not change them', async () => {
    const viewer = t.as('viewer');
    const read = await viewer('GET', `/api/statements/${id}`);
    expect(read.body.overrides).toHaveLength(3);
    const add = await review(id, { kind: 'exclude', reservationId: '1', reason: 'x' }, viewer);
    expect(add.status).toBe(403);
    expect((await unreview(id, exclusionId, viewer)).status).toBe(403);
    // An editor may.
    const editor = t.as('editor');
    const res = await review(
      id,
      { kind: 'manual', description: 'Pool heating', amount: -4500, countsTowardCommission: false },
      editor,
    );
    expect(res.status).toBe(201);
    const manual = res.body.overrides.find((o: Json) => o.description === 'Pool heating');
    expect(manual).toMatchObject({ kind: 'manual', amount: -4500, countsTowardCommission: false });
    const removed = await unreview(id, manual.id, editor);
    expect(removed.status).toBe(200);
    expect(removed.body.overrides).toHaveLength(3);
  });

  it('turns an override whose reservation disappeared from Hostify into a warning, amounts unchanged', async () => {
    const before = (await t.request('GET', `/api/statements/${id}`)).body;
    const data = knownData();
    t.sim.setOptions({ data: { ...data, reservations: data.reservations.filter((r) => r.id !== 13) } });
    try {
      const s = await generate('101');
      expect(s.totals).toEqual(before.totals);
      expect(s.lines).toEqual(before.lines);
      expect(ids(s, 'excluded')).toEqual(['4']);
      expect(s.overrides).toEqual(before.overrides);
      const warning = s.warnings.find((w: Json) => w.code === 'override_reservation_missing');
      expect(warning).toEqual({
        code: 'override_reservation_missing',
        reservationId: '13',
        message: expect.stringContaining('exclusion of reservation 13 (reason: "Owner stayed there")'),
      });
    } finally {
      t.sim.setOptions({ data: knownData() });
    }
    const back = await generate('101');
    expect(back.warnings.map((w: Json) => w.code)).toEqual(['payout_mismatch']);
  });

  it('removes an override: the draft is regenerated without it, with an audit row', async () => {
    const res = await unreview(id, exclusionId);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // In check-in order: R5 checks in on October 9.
    expect(ids(res.body, 'lines')).toEqual(['1', '5', '12', '13', '2', '3']);
    expect(res.body.overrides.map((o: Json) => o.kind)).toEqual(['include', 'manual']);
    expectTotalsAddUp(res.body);
    const audit = await auditOf(id);
    expect(audit.at(-1)).toMatchObject({
      action: 'statement.override_removed',
      details: { override: { id: exclusionId, kind: 'exclude', reservationId: '13' } },
    });
    expect((await unreview(id, exclusionId)).status).toBe(404);
  });

  it('changes nothing when Hostify cannot be reached (503)', async () => {
    const before = (await t.request('GET', `/api/statements/${id}`)).body;
    const auditBefore = await auditOf(id);
    t.sim.setOptions({ faultRate: 1 });
    try {
      const add = await review(id, { kind: 'exclude', reservationId: '1', reason: 'x' });
      expect(add.status).toBe(503);
      expect(add.body.error.code).toBe('hostify_unavailable');
      const remove = await unreview(id, before.overrides[0].id);
      expect(remove.status).toBe(503);
    } finally {
      t.sim.setOptions({ faultRate: 0 });
    }
    expect((await t.request('GET', `/api/statements/${id}`)).body).toEqual(before);
    expect(await auditOf(id)).toEqual(auditBefore);
  });

  it('refuses a final statement with 409, for adding and for removing', async () => {
    const before = (await t.request('GET', `/api/statements/${id}`)).body;
    expect((await t.request('PUT', `/api/statements/${id}/status`, { status: 'final' })).status).toBe(200);
    const add = await review(id, { kind: 'exclude', reservationId: '1', reason: 'x' });
    expect(add.status).toBe(409);
    expect(add.body.error.code).toBe('not_a_draft');
    const remove = await unreview(id, before.overrides[0].id);
    expect(remove.status).toBe(409);
    expect(remove.body.error.code).toBe('not_a_draft');
    expect((await t.request('PUT', `/api/statements/${id}/status`, { status: 'draft' })).status).toBe(200);
  });
});

describe('concurrent reviews of one draft', () => {
  it('keep every change: the stored draft applies all the overrides stored', async () => {
    const draft = await generate('104', '2');
    const add = (n: number) =>
      review(draft.id, {
        kind: 'manual',
        description: `Line ${n}`,
        amount: 100 * n,
        countsTowardCommission: false,
      });
    const answers = await Promise.all([1, 2, 3, 4].map(add));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    const s = (await t.request('GET', `/api/statements/${draft.id}`)).body;
    expect(s.manualLines.map((m: Json) => m.description).sort()).toEqual([
      'Line 1',
      'Line 2',
      'Line 3',
      'Line 4',
    ]);
    expect(s.totals.ownerPayout).toBe(draft.totals.ownerPayout + 1000);
    expect(s.version).toBe(draft.version + 4);
    for (const o of s.overrides) expect((await unreview(draft.id, o.id)).status).toBe(200);
  });
});

describe('line review of property 104 (one reservation)', () => {
  it('keeps a draft whose only line was excluded, and one with only a manual line', async () => {
    const draft = await generate('104', '2');
    const excluded = await review(draft.id, { kind: 'exclude', reservationId: '9', reason: 'Test booking' });
    expect(excluded.status).toBe(201);
    expect(excluded.body.lines).toEqual([]);
    expect(excluded.body.totals.netPayout).toBe(0);
    const manual = await review(draft.id, {
      kind: 'manual',
      description: 'Owner rebate',
      amount: 5000,
      countsTowardCommission: false,
    });
    expect(manual.body.totals).toMatchObject({
      grossRevenue: 5000,
      commission: 0,
      ownerPayout: 5000,
      netPayout: 5000,
    });
    // Regenerated with nothing counted but a manual line: generated, not skipped for no activity.
    const again = await generate('104', '2');
    expect(again.totals).toEqual(manual.body.totals);
    // Removing both leaves the reservation counted again.
    let s = manual.body;
    for (const o of [...s.overrides]) s = (await unreview(draft.id, o.id)).body;
    expect(s.overrides).toEqual([]);
    expect(s.manualLines).toEqual([]);
    expect(s.lines.map((l: Json) => l.reservationId)).toEqual(['9']);
  });
});
