/**
 * Sending per owner, through the real HTTP app, the Hostify simulator and an SMTP server in this
 * process (TEST_DB=postgres runs it on PostgreSQL): a combined owner gets exactly ONE e-mail with
 * ONE PDF holding all their statements of the period, and only when none is a draft; an owner
 * with a draft left gets nothing and is listed not ready; a per-property owner gets one e-mail per
 * statement; a re-run mails nobody twice; a failed e-mail puts all of the owner's statements back
 * to final; a batch run twice (a crash after the mail) mails once. And the preference route.
 */
import { simpleParser } from 'mailparser';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/db/store.js';
import { companyNamed } from '../../src/documents/company.js';
import { DEFAULT_RETRY_POLICY } from '../../src/jobs/retry-policy.js';
import { systemClock } from '../../src/lib/clock.js';
import type { JobItem, JobRecord } from '../../src/model/jobs.js';
import { AuditService } from '../../src/services/audit-service.js';
import { Changes } from '../../src/services/changes.js';
import { ConcurrentChangeError } from '../../src/services/errors.js';
import { OwnerDelivery } from '../../src/services/owner-delivery.js';
import { OwnerStatementService } from '../../src/services/owner-statements.js';
import { hasPoppler, pdfText } from '../helpers/pdf-tools.js';
import { simData, simListing, simReservation, simUser } from '../helpers/sim-fixtures.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { waitForJobEnd } from '../helpers/wait.js';

const PERIOD = { startDate: '2025-10-01', endDate: '2025-10-31' } as const;
const SEND = { periodStart: PERIOD.startDate, periodEnd: PERIOD.endDate } as const;

/** Owner 1: 201–203 (combined); owner 2: 204–205 (combined); owner 3: 206–207 (per property). */
const OWNED: Record<string, number[]> = { '1': [201, 202, 203], '2': [204, 205], '3': [206, 207] };
const LISTINGS = Object.values(OWNED).flat();

const data = () =>
  simData({
    listings: LISTINGS.map((id) => simListing({ id, name: `Villa ${id}` })),
    users: Object.entries(OWNED).map(([id, listings]) =>
      simUser({ id: Number(id), first_name: `Owner${id}`, listings: listings.map((l) => ({ id: l })) }),
    ),
    reservations: LISTINGS.map((id) =>
      simReservation({ id, listing_id: id, checkIn: '2025-10-10', checkOut: '2025-10-12' }),
    ),
  });

const ownerName = (id: string) => `Owner${id} User ${id}`;
const emailOf = (id: string) => `user${id}@example.com`;

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await smtp.close();
});

const mailsTo = (owner: string) => smtp.received.filter((m) => m.to.includes(emailOf(owner)));
const ownerMails = () => smtp.received.filter((m) => m.to.some((a) => /^user\d+@example\.com$/.test(a)));

function startApp(extra: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> {
  return startTestApp({
    sim: { data: data() },
    ...extra,
    compose: {
      mail: { smtpUrl: smtp.url, from: 'statements@manager.test', outboxDir: '/nonexistent' },
      ...extra.compose,
    },
  });
}

/** Generates the owner's October statements (synchronously), returning their ids by property. */
async function generate(t: TestApp, owner: string): Promise<Map<string, string>> {
  const res = await t.request('POST', '/api/statements/generate', { ownerId: owner, ...PERIOD });
  expect(res.status).toBe(201);
  return new Map(
    res.body.statements.map((s: { propertyId: string; id: string }) => [s.propertyId, s.id] as const),
  );
}

async function finalize(t: TestApp, ids: Iterable<string>): Promise<void> {
  for (const id of ids) {
    expect((await t.request('PUT', `/api/statements/${id}/status`, { status: 'final' })).status).toBe(200);
  }
}

const statusOf = async (t: TestApp, id: string) =>
  (await t.request('GET', `/api/statements/${id}`)).body.status;

async function deliveriesOf(t: TestApp, id: string) {
  const res = await t.as('viewer')('GET', `/api/statements/${id}/deliveries`);
  expect(res.status).toBe(200);
  return res.body.deliveries as Array<{ status: string; messageId: string | null; recipient: string }>;
}

describe('send all, per owner', () => {
  let t: TestApp;
  const ids = new Map<string, string>();
  const id = (propertyId: number) => ids.get(String(propertyId)) ?? '';

  beforeAll(async () => {
    smtp.received.length = 0;
    t = await startApp();
    for (const owner of Object.keys(OWNED)) for (const [p, s] of await generate(t, owner)) ids.set(p, s);
    expect(ids.size).toBe(LISTINGS.length);
    // Everything final but 205: owner 2 is not ready.
    await finalize(
      t,
      LISTINGS.filter((p) => p !== 205).map((p) => id(p)),
    );
    const per = await t.as('editor')('PUT', '/api/owners/3/delivery', { delivery: 'per_property' });
    expect(per.status).toBe(200);
  });
  afterAll(async () => {
    smtp.refused.clear();
    smtp.tempFail.clear();
    await t.close();
  });

  it('previews one e-mail per combined owner, per statement for per-property owners, and who is not ready', async () => {
    const preview = await t.as('viewer')(
      'GET',
      `/api/statements/send/preview?periodStart=${SEND.periodStart}&periodEnd=${SEND.periodEnd}`,
    );
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ count: 5, emails: 3, owners: 2 });
    expect(preview.body.statements.map((s: { propertyId: string }) => s.propertyId).sort()).toEqual([
      '201',
      '202',
      '203',
      '206',
      '207',
    ]);
    expect(
      preview.body.mails.map((m: { kind: string; ownerId: string; statements: unknown[] }) => [
        m.kind,
        m.ownerId,
        m.statements.length,
      ]),
    ).toEqual([
      ['owner', '1', 3],
      ['statement', '3', 1],
      ['statement', '3', 1],
    ]);
    expect(preview.body.notReady).toEqual([
      {
        ownerId: '2',
        ownerName: ownerName('2'),
        drafts: [expect.objectContaining({ id: id(205), propertyId: '205', status: 'draft' })],
        finals: [expect.objectContaining({ id: id(204), propertyId: '204', status: 'final' })],
      },
    ]);

    // The owner of the per-owner send follows the same rule: owner 2 has nothing to send.
    const owner2 = await t.request('POST', '/api/statements/send', { ...SEND, ownerId: '2' });
    expect(owner2.status).toBe(422);
    expect(owner2.body.error.code).toBe('nothing_to_send');
    expect(owner2.body.error.message).toMatch(/draft/);
    expect(ownerMails()).toHaveLength(0);
  });

  it('mails a combined owner once with one PDF of all three properties; never half of an owner', async () => {
    const res = await t.as('editor')('POST', '/api/statements/send', SEND);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'processing', count: 5, emails: 3, owners: 2 });
    const job = await waitForJobEnd(t.composition.jobService, res.body.jobId);
    expect(job).toMatchObject({ type: 'statement_delivery', status: 'completed', total: 4, progress: 4 });
    // generated = e-mails sent; owner 2 is skipped, not ready.
    expect(job.result?.summary).toEqual({ generated: 3, skipped: 1, errors: 0 });

    // Owner 1: exactly one e-mail with exactly one PDF holding the three properties.
    const [mail, ...more] = mailsTo('1');
    expect(more).toHaveLength(0);
    const parsed = await simpleParser(mail?.raw ?? '');
    expect(parsed.subject).toBe('Owner statement October 2025: Villa 201, Villa 202 and Villa 203');
    expect(parsed.text).toMatch(/^Dear Owner1 User 1,\n/);
    expect(parsed.text).toContain('for your 3 properties: Villa 201, Villa 202 and Villa 203');
    const pdfs = parsed.attachments.filter((a) => a.contentType === 'application/pdf');
    expect(pdfs.map((a) => a.filename)).toEqual(['owner-statement-Owner1-User-1-2025-10-01-2025-10-31.pdf']);
    if (hasPoppler) {
      const text = pdfText(pdfs[0]?.content ?? Buffer.alloc(0));
      for (const p of ['Villa 201', 'Villa 202', 'Villa 203']) expect(text).toContain(p);
      expect(text).not.toMatch(/Villa 20[4-7]/);
    }
    // All three sent, each with the same e-mail on record and its own audit row.
    const messageIds = new Set<string | null>();
    for (const p of [201, 202, 203]) {
      expect(await statusOf(t, id(p))).toBe('sent');
      const deliveries = await deliveriesOf(t, id(p));
      expect(deliveries).toEqual([expect.objectContaining({ status: 'sent', recipient: emailOf('1') })]);
      messageIds.add(deliveries[0]?.messageId ?? null);
    }
    expect(messageIds.size).toBe(1);
    expect([...messageIds][0]).toBeTruthy();
    const audit = await t.request('GET', '/api/audit?action=statement.sent&limit=100');
    const combined = audit.body.entries.filter(
      (e: { details: { combined?: boolean } | null }) => e.details?.combined === true,
    );
    expect(combined.map((e: { targetId: string }) => e.targetId).sort()).toEqual(
      [id(201), id(202), id(203)].sort(),
    );

    // Owner 2: no e-mail; nothing of theirs changed.
    expect(mailsTo('2')).toHaveLength(0);
    expect(await statusOf(t, id(204))).toBe('final');
    expect(await statusOf(t, id(205))).toBe('draft');
    expect(await deliveriesOf(t, id(204))).toEqual([]);

    // Owner 3 (per property): one e-mail per statement, each with its property's PDF.
    expect(mailsTo('3')).toHaveLength(2);
    for (const p of [206, 207]) {
      expect(mailsTo('3').filter((m) => m.raw.includes(`Villa ${p},`))).toHaveLength(1);
      expect(await statusOf(t, id(p))).toBe('sent');
    }

    // The result, per owner: who, which e-mail, which statements.
    const { generated, skipped } = job.result?.results ?? { generated: [], skipped: [] };
    expect(generated.find((g) => g.propertyId === 'owner:1')).toEqual({
      propertyId: 'owner:1',
      propertyName: ownerName('1'),
      ownerId: '1',
      ownerName: ownerName('1'),
      statementId: null,
      mail: 'owner',
      statements: [201, 202, 203].map((p) => ({
        statementId: id(p),
        propertyId: String(p),
        propertyName: `Villa ${p}`,
        status: 'final',
      })),
    });
    // In the order they finished (batches run side by side): sorted here.
    expect(
      generated
        .filter((g) => g.mail === 'statement')
        .map((g) => [g.propertyId, g.ownerName])
        .sort(),
    ).toEqual([
      ['206', ownerName('3')],
      ['207', ownerName('3')],
    ]);
    expect(skipped).toEqual([
      expect.objectContaining({
        propertyId: 'owner:2',
        ownerId: '2',
        reason: 'not_ready',
        mail: 'owner',
        statements: [
          expect.objectContaining({ propertyId: '204', status: 'final' }),
          expect.objectContaining({ propertyId: '205', status: 'draft' }),
        ],
      }),
    ]);
  });

  it('puts all of an owner’s statements back to final when the e-mail fails, and mails them once on the retry', async () => {
    await finalize(t, [id(205)]);
    smtp.received.length = 0;
    smtp.refused.add(emailOf('2'));
    const res = await t.request('POST', '/api/statements/send', SEND);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ count: 2, emails: 1, owners: 1 });
    const job = await waitForJobEnd(t.composition.jobService, res.body.jobId);
    // Owner 1 was sent everything already: skipped, not mailed again; owner 2's e-mail failed.
    expect(job.result?.summary).toEqual({ generated: 0, skipped: 1, errors: 1 });
    expect(job.result?.results.skipped).toEqual([
      expect.objectContaining({ propertyId: 'owner:1', reason: 'already_sent' }),
    ]);
    expect(job.result?.results.errors).toEqual([
      expect.objectContaining({
        propertyId: 'owner:2',
        ownerId: '2',
        code: 'mail_failed',
        error: expect.stringContaining(emailOf('2')),
      }),
    ]);
    expect(ownerMails()).toHaveLength(0);
    for (const p of [204, 205]) {
      expect(await statusOf(t, id(p))).toBe('final');
      expect((await deliveriesOf(t, id(p))).map((d) => d.status)).toEqual(['failed']);
    }

    // The retry sends the owner whole; two "try later" answers are retried, then it goes out once.
    smtp.refused.clear();
    smtp.tempFail.set(emailOf('2'), 2);
    const retry = await t.request('POST', `/api/statements/jobs/${job.id}/retry`);
    expect(retry.status).toBe(202);
    const retried = await waitForJobEnd(t.composition.jobService, retry.body.jobId);
    expect(retried.params).toMatchObject({ propertyIds: ['owner:2'] });
    expect(retried.result?.summary).toEqual({ generated: 1, skipped: 0, errors: 0 });
    expect(mailsTo('2')).toHaveLength(1);
    const sentIds = new Set<string | null>();
    for (const p of [204, 205]) {
      expect(await statusOf(t, id(p))).toBe('sent');
      const tries = await deliveriesOf(t, id(p));
      expect(tries.map((d) => d.status)).toEqual(['failed', 'failed', 'failed', 'sent']);
      sentIds.add(tries.at(-1)?.messageId ?? null);
    }
    expect(sentIds.size).toBe(1);
  });

  it('sends nobody anything twice when send all runs again', async () => {
    const before = ownerMails().length;
    const again = await t.request('POST', '/api/statements/send', SEND);
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('nothing_to_send');
    const preview = await t.request(
      'GET',
      `/api/statements/send/preview?periodStart=${SEND.periodStart}&periodEnd=${SEND.periodEnd}`,
    );
    expect(preview.body).toMatchObject({ count: 0, emails: 0, notReady: [] });
    expect(preview.body.alreadySent.map((o: { ownerId: string }) => o.ownerId)).toEqual(['1', '2']);
    expect(ownerMails()).toHaveLength(before);
    // A single statement's Send stays per property and explicit: a sent one needs `resend`.
    const single = await t.request('POST', `/api/statements/${id(201)}/send`, {});
    expect(single.status).toBe(409);
    expect(single.body.error.code).toBe('already_sent');
  });
});

describe('an owner item run twice (a crash after the e-mail, before its outcome was recorded)', () => {
  let t: TestApp;
  beforeAll(async () => {
    smtp.received.length = 0;
    // No engine: the test runs the handler's batches itself.
    t = await startApp({ startEngine: false });
  });
  afterAll(async () => {
    await t.close();
  });

  async function plannedOwnerItem(owner: string): Promise<{ job: JobRecord; item: JobItem }> {
    const handler = t.composition.jobHandlers.get('statement_delivery');
    if (!handler) throw new Error('no delivery handler');
    const { jobs, items } = t.composition.jobStore;
    const now = new Date().toISOString();
    const { job } = await jobs.create(
      {
        type: 'statement_delivery',
        params: { ...SEND, ownerId: owner },
        dedupeKey: null,
        retryOf: null,
        createdBy: null,
      },
      now,
    );
    const planned = await handler.plan(job, context());
    expect(planned.map((p) => p.propertyId)).toEqual([`owner:${owner}`]);
    expect(await items.savePlan(job.id, planned, 1, now)).toBe(true);
    const [item] = await items.pendingInBatch(job.id, 0);
    if (!item) throw new Error('no item');
    return { job, item };
  }

  const context = () => ({
    logger: pino({ level: 'silent' }),
    signal: new AbortController().signal,
    retry: { ...DEFAULT_RETRY_POLICY, baseMs: 1, maxMs: 5 },
    recordAttempt: async () => {},
  });

  async function runBatch(job: JobRecord, item: JobItem) {
    const handler = t.composition.jobHandlers.get('statement_delivery');
    const work = await handler?.runBatch(job, [item], context());
    return (await work?.commit(t.composition.db, new Set([item.propertyId])))?.get(item.propertyId);
  }

  it('mails once: the second run finds the statements sent and skips them', async () => {
    const ids = await generate(t, '1');
    await finalize(t, ids.values());
    const { job, item } = await plannedOwnerItem('1');
    expect(await runBatch(job, item)).toEqual({ status: 'succeeded', statementId: null });
    // Its outcome was never recorded (the process died): the engine runs the batch again.
    expect(await runBatch(job, item)).toEqual({ status: 'skipped', reason: 'already_sent' });
    expect(mailsTo('1')).toHaveLength(1);
    for (const s of ids.values()) expect(await deliveriesOf(t, s)).toHaveLength(1);
  });

  it('reports an owner claimed but never mailed as unconfirmed, and mails nothing', async () => {
    const ids = await generate(t, '2');
    await finalize(t, ids.values());
    const { job, item } = await plannedOwnerItem('2');
    // As a worker killed between the claim and the SMTP conversation leaves them.
    expect(
      await t.composition.statements.markAllSent(
        [...ids.values()],
        emailOf('2'),
        new Date().toISOString(),
        null,
      ),
    ).toBe(2);
    expect(await runBatch(job, item)).toMatchObject({ status: 'failed', code: 'delivery_unconfirmed' });
    expect(mailsTo('2')).toHaveLength(0);
  });
});

describe('claiming an owner’s statements, all or none', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ startEngine: false });
  });
  afterAll(async () => {
    await t.close();
  });

  /** OwnerDelivery on this app's store, reading the owner statement `stale` (as read a moment ago). */
  function deliveryReading(stale: Awaited<ReturnType<OwnerStatementService['forOwner']>>) {
    const { db, statements, catalog } = t.composition;
    const store = new Store(db);
    const mailed: string[] = [];
    const service = new OwnerDelivery({
      statements,
      catalog,
      deliveries: store.repos.deliveries,
      mailer: {
        send: async (m) => {
          mailed.push(m.to);
          return { messageId: '<m@test>', via: 'smtp' };
        },
      },
      changes: new Changes({ store, audit: new AuditService({ store, clock: systemClock }) }),
      clock: systemClock,
      company: { profile: async () => companyNamed('Acme') },
      ownerStatements: { forOwner: async () => stale },
      pdf: { ownerPdf: async () => Buffer.from('%PDF-') },
    });
    return { service, mailed };
  }

  const ownerStatement = (ids: Map<string, string>) =>
    new OwnerStatementService({
      statements: t.composition.statements,
      catalog: t.composition.catalog,
      onDemandCatalog: { requireOwner: async () => Promise.reject(new Error('unknown')) },
      company: { profile: async () => companyNamed('Acme') },
      deliveryPreferences: new Store(t.composition.db).repos.deliveryPreferences,
    })
      .forOwner('3', { start: SEND.periodStart, end: SEND.periodEnd })
      .then((s) => {
        expect(s.sections.map((x) => x.id).sort()).toEqual([...ids.values()].sort());
        return s;
      });

  it('claims none and mails nothing when a statement was sent meanwhile', async () => {
    const ids = await generate(t, '3');
    await finalize(t, ids.values());
    const stale = await ownerStatement(ids);
    const [first, second] = [...ids.values()];
    // Someone pressed Send on one of them after the read.
    expect(
      await t.composition.statements.markSent(
        first ?? '',
        'final',
        emailOf('3'),
        new Date().toISOString(),
        null,
      ),
    ).toBe(true);
    const { service, mailed } = deliveryReading(stale);
    await expect(
      service.sendCombined('3', { start: SEND.periodStart, end: SEND.periodEnd }, null),
    ).rejects.toThrow(ConcurrentChangeError);
    expect(mailed).toEqual([]);
    expect(await statusOf(t, second ?? '')).toBe('final');
    expect(await deliveriesOf(t, second ?? '')).toEqual([]);

    // A statement of the owner that the read did not see (made final since) is not left behind either.
    await t.composition.statements.undoMarkSent(
      first ?? '',
      { status: 'final', sentAt: null, sentTo: null },
      new Date().toISOString(),
    );
    const partial = { ...stale, sections: stale.sections.filter((x) => x.id === second) };
    const again = deliveryReading(partial);
    await expect(
      again.service.sendCombined('3', { start: SEND.periodStart, end: SEND.periodEnd }, null),
    ).rejects.toThrow(ConcurrentChangeError);
    expect(again.mailed).toEqual([]);
    for (const s of ids.values()) expect(await statusOf(t, s)).toBe('final');

    // Read afresh, it goes: one e-mail, both sent.
    const fresh = deliveryReading(await ownerStatement(ids));
    const sent = await fresh.service.sendCombined(
      '3',
      { start: SEND.periodStart, end: SEND.periodEnd },
      null,
    );
    expect(sent.sent.map((x) => x.status)).toEqual(['sent', 'sent']);
    expect(fresh.mailed).toEqual([emailOf('3')]);
  });
});

describe('an owner’s delivery preference', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
    await t.composition.catalogService.sync();
  });
  afterAll(async () => {
    await t.close();
  });

  it('defaults to combined, is changed by editors with an audit row, and survives a catalog sync', async () => {
    const owners = await t.as('viewer')('GET', '/api/owners');
    expect(owners.body.owners.map((o: { id: string; delivery: string }) => [o.id, o.delivery])).toEqual([
      ['1', 'combined'],
      ['2', 'combined'],
      ['3', 'combined'],
    ]);
    const changed = await t.as('editor')('PUT', '/api/owners/2/delivery', { delivery: 'per_property' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      id: '2',
      name: ownerName('2'),
      propertyCount: 2,
      delivery: 'per_property',
    });
    const audit = await t.request('GET', '/api/audit?action=owner.delivery_changed');
    expect(audit.body.entries).toEqual([
      expect.objectContaining({
        action: 'owner.delivery_changed',
        targetType: 'owner',
        targetId: '2',
        userEmail: 'editor@test.local',
        details: { before: 'combined', after: 'per_property' },
      }),
    ]);
    // Saving it again changes nothing and is not recorded.
    expect((await t.request('PUT', '/api/owners/2/delivery', { delivery: 'per_property' })).status).toBe(200);
    expect((await t.request('GET', '/api/audit?action=owner.delivery_changed')).body.entries).toHaveLength(1);

    expect((await t.request('POST', '/api/catalog/sync')).status).toBe(200);
    const after = await t.request('GET', '/api/owners');
    expect(after.body.owners.find((o: { id: string }) => o.id === '2')?.delivery).toBe('per_property');
    // The owner page's read model says it too.
    const page = await t.as('viewer')('GET', '/api/owners/2');
    expect(page.status).toBe(200);
    expect(page.body.owner).toMatchObject({ id: '2', delivery: 'per_property' });
    expect((await t.request('GET', '/api/owners/1')).body.owner.delivery).toBe('combined');
  });

  it('refuses unknown owners, bad values and viewers', async () => {
    const unknown = await t.request('PUT', '/api/owners/999999/delivery', { delivery: 'combined' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    for (const body of [{ delivery: 'weekly' }, {}, { delivery: 'combined', extra: 1 }]) {
      const bad = await t.request('PUT', '/api/owners/1/delivery', body);
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('validation_error');
    }
    const viewer = await t.as('viewer')('PUT', '/api/owners/1/delivery', { delivery: 'per_property' });
    expect(viewer.status).toBe(403);
    const owners = await t.request('GET', '/api/owners');
    expect(owners.body.owners.find((o: { id: string }) => o.id === '1')?.delivery).toBe('combined');
  });
});
