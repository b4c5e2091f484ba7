/**
 * "Send all final statements of a period" as a background job, through a real SMTP server in
 * this process: every final statement mailed exactly once to its owner with its PDF, drafts and
 * sent ones left alone, transient failures retried, permanent ones reported, cancel, retry.
 * These owners chose one e-mail per property (`per_property`); the default, one combined e-mail
 * per owner, is test/integration/owner-sending.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simData, simListing, simReservation, simUser } from '../helpers/sim-fixtures.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { pollUntil, waitForJobEnd } from '../helpers/wait.js';

const PERIOD = { startDate: '2025-10-01', endDate: '2025-10-31' } as const;
const SEND = { periodStart: PERIOD.startDate, periodEnd: PERIOD.endDate } as const;

/** Three owners (user<n>@example.com), two properties each, one October stay per property. */
const data = () =>
  simData({
    listings: [201, 202, 203, 204, 205, 206].map((id) => simListing({ id, name: `Villa ${id}` })),
    users: [1, 2, 3].map((n) =>
      simUser({ id: n, first_name: `Owner${n}`, listings: [{ id: 199 + 2 * n }, { id: 200 + 2 * n }] }),
    ),
    reservations: [201, 202, 203, 204, 205, 206].map((id) =>
      simReservation({ id, listing_id: id, checkIn: '2025-10-10', checkOut: '2025-10-12' }),
    ),
  });

const ownerOf = (propertyId: string) => `user${Math.ceil((Number(propertyId) - 200) / 2)}@example.com`;

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await smtp.close();
});

/** The app, with the three owners sent one e-mail per statement. */
async function startApp(extra: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> {
  const t = await startTestApp({
    sim: { data: data() },
    ...extra,
    compose: {
      mail: { smtpUrl: smtp.url, from: 'statements@manager.test', outboxDir: '/nonexistent' },
      ...extra.compose,
    },
  });
  for (const owner of ['1', '2', '3']) {
    const res = await t.request('PUT', `/api/owners/${owner}/delivery`, { delivery: 'per_property' });
    expect(res.status).toBe(200);
  }
  return t;
}

/** Generates October for everyone (a bulk job), then returns the statement ids by property. */
async function generateAll(t: TestApp): Promise<Map<string, string>> {
  const res = await t.request('POST', '/api/statements/generate', { ownerId: 'all', ...PERIOD });
  expect(res.status).toBe(202);
  const job = await waitForJobEnd(t.composition.jobService, res.body.jobId);
  expect(job.result?.summary.generated).toBe(6);
  const list = await t.request('GET', '/api/statements?limit=100');
  return new Map(list.body.statements.map((s: { propertyId: string; id: string }) => [s.propertyId, s.id]));
}

async function finalize(t: TestApp, ids: string[]): Promise<void> {
  for (const id of ids) {
    expect((await t.request('PUT', `/api/statements/${id}/status`, { status: 'final' })).status).toBe(200);
  }
}

const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));
/** Mails to owners (the user who started a job also gets an e-mail when it ends). */
const ownerMails = () => smtp.received.filter((m) => m.to.some((a) => /^user\d+@example\.com$/.test(a)));

describe('send all final statements of a period', () => {
  let t: TestApp;
  let ids: Map<string, string>;
  const id = (propertyId: string) => ids.get(propertyId) ?? '';

  beforeAll(async () => {
    smtp.received.length = 0;
    t = await startApp();
    ids = await generateAll(t);
    await finalize(t, ['201', '202', '203', '204', '205'].map(id)); // 206 stays a draft
    expect((await t.request('POST', `/api/statements/${id('204')}/send`, {})).status).toBe(200);
  });
  afterAll(async () => {
    smtp.refused.clear();
    smtp.tempFail.clear();
    await t.close();
  });

  it('says how many would be sent, and refuses viewers', async () => {
    const preview = await t.as('viewer')(
      'GET',
      '/api/statements/send/preview?periodStart=2025-10-01&periodEnd=2025-10-31',
    );
    expect(preview.status).toBe(200);
    expect(preview.body.count).toBe(4);
    const owner1 = await t.request(
      'GET',
      '/api/statements/send/preview?periodStart=2025-10-01&periodEnd=2025-10-31&ownerId=1',
    );
    expect(owner1.body.statements.map((s: { propertyId: string }) => s.propertyId)).toEqual(['201', '202']);
    const denied = await t.as('viewer')('POST', '/api/statements/send', SEND);
    expect(denied.status).toBe(403);
  });

  it('mails every final statement once with its PDF, retries a transient failure, reports a permanent one', async () => {
    smtp.received.length = 0;
    smtp.tempFail.set('user2@example.com', 2); // 203: two "451 try later", then accepted
    smtp.refused.add('user3@example.com'); // 205: refused for good
    const res = await t.as('editor')('POST', '/api/statements/send', SEND);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      status: 'processing',
      count: 4,
      statusUrl: `/api/statements/jobs/${res.body.jobId}`,
    });
    const job = await waitForJobEnd(t.composition.jobService, res.body.jobId);
    expect(job).toMatchObject({ type: 'statement_delivery', status: 'completed', total: 4, progress: 4 });
    expect(job.result?.summary).toEqual({ generated: 3, skipped: 0, errors: 1 });
    expect(job.result?.results.generated.map((g) => g.propertyId).sort()).toEqual(['201', '202', '203']);
    expect(job.result?.results.errors).toEqual([
      {
        propertyId: '205',
        propertyName: 'Villa 205',
        code: 'mail_failed',
        error: expect.stringContaining('user3@example.com'),
        // Delivery entries name the owner and the statement the e-mail covered.
        ownerId: '3',
        ownerName: 'Owner3 User 3',
        mail: 'statement',
        statements: [
          { statementId: id('205'), propertyId: '205', propertyName: 'Villa 205', status: 'final' },
        ],
      },
    ]);

    // Exactly one mail per sent statement, to its owner, with that property's PDF.
    expect(ownerMails()).toHaveLength(3);
    for (const p of ['201', '202', '203']) {
      const mails = ownerMails().filter((m) =>
        m.raw.includes(`Subject: Owner statement ${p}-2025-10: Villa ${p},`),
      );
      expect(mails).toHaveLength(1);
      expect(mails[0]?.to).toEqual([ownerOf(p)]);
      expect(mails[0]?.raw).toMatch(new RegExp(`name=statement-Villa-${p}-2025-10-01-2025-10-31\\.pdf`));
      const s = await t.request('GET', `/api/statements/${id(p)}`);
      expect(s.body).toMatchObject({ status: 'sent', sentTo: ownerOf(p) });
    }
    // The transient failure was retried: two failed attempts, then the mail that went out.
    const tries = await t.request('GET', `/api/statements/${id('203')}/deliveries`);
    expect(tries.body.deliveries.map((d: { status: string }) => d.status)).toEqual([
      'failed',
      'failed',
      'sent',
    ]);
    // The permanent failure stays final; the draft and the already sent statement were untouched.
    expect((await t.request('GET', `/api/statements/${id('205')}`)).body.status).toBe('final');
    expect((await t.request('GET', `/api/statements/${id('206')}`)).body.status).toBe('draft');
    expect(mailsTo('user2@example.com')).toHaveLength(1); // 203 only; 204 was sent before
    expect((await t.request('GET', `/api/statements/${id('204')}/deliveries`)).body.deliveries).toHaveLength(
      1,
    );

    // The job's history and event stream show it like any other job.
    const history = await t.as('viewer')('GET', '/api/statements/jobs?type=statement_delivery');
    expect(history.body.jobs.map((j: { id: string }) => j.id)).toEqual([job.id]);
    const all = await t.as('viewer')('GET', '/api/statements/jobs');
    expect(all.body.jobs.map((j: { type: string }) => j.type).sort()).toEqual([
      'bulk_statement_generation',
      'statement_delivery',
    ]);

    // Retry failed: a new sending job for 205 only, which now goes through.
    smtp.refused.clear();
    const retry = await t.request('POST', `/api/statements/jobs/${job.id}/retry`);
    expect(retry.status).toBe(202);
    expect(retry.body.message).toBe('Sending the final statements started in background');
    const retried = await waitForJobEnd(t.composition.jobService, retry.body.jobId);
    expect(retried).toMatchObject({
      type: 'statement_delivery',
      status: 'completed',
      total: 1,
      retryOf: job.id,
    });
    expect(retried.params).toMatchObject({ propertyIds: ['205'] });
    expect(mailsTo('user3@example.com')).toHaveLength(1);

    // Nothing left to send: 422 with a code.
    const none = await t.request('POST', '/api/statements/send', SEND);
    expect(none.status).toBe(422);
    expect(none.body.error.code).toBe('nothing_to_send');
  });

  it('validates the period', async () => {
    const bad = await t.request('POST', '/api/statements/send', {
      periodStart: '2025-10-31',
      periodEnd: '2025-10-01',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_error');
  });
});

describe('a statement claimed as sent by a process that stopped before mailing', () => {
  it('is reported as unconfirmed, not skipped as sent', async () => {
    smtp.received.length = 0;
    const t = await startApp({ compose: { engine: { concurrency: 1 } } });
    try {
      const ids = await generateAll(t);
      const [first, second] = [ids.get('201') ?? '', ids.get('203') ?? ''];
      await finalize(t, [first, second]);
      const release = smtp.hold();
      const res = await t.request('POST', '/api/statements/send', SEND);
      expect(res.status).toBe(202);
      // One mail is held at the server; the other statement is claimed meanwhile with no mail,
      // as a worker killed between its claim and the SMTP conversation leaves it.
      await pollUntil(async () => {
        const list = await t.request('GET', '/api/statements?status=sent');
        return list.body.statements.length === 1 ? true : undefined;
      }, 'the first statement to be claimed');
      const pending = (await t.request('GET', '/api/statements?status=final')).body.statements[0];
      expect(
        await t.composition.statements.markSent(
          pending.id,
          'final',
          ownerOf(pending.propertyId),
          new Date().toISOString(),
          null,
        ),
      ).toBe(true);
      release();
      const job = await waitForJobEnd(t.composition.jobService, res.body.jobId);
      expect(job.result?.summary).toEqual({ generated: 1, skipped: 0, errors: 1 });
      expect(job.result?.results.errors).toEqual([
        expect.objectContaining({ propertyId: pending.propertyId, code: 'delivery_unconfirmed' }),
      ]);
      expect(ownerMails()).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});

describe('cancelling a sending job', () => {
  it('stops before the next statement; what was mailed is marked sent, the rest stays final', async () => {
    smtp.received.length = 0;
    const t = await startApp({ compose: { engine: { concurrency: 1 } } });
    try {
      const ids = await generateAll(t);
      await finalize(t, [...ids.values()]);
      const release = smtp.hold();
      const res = await t.request('POST', '/api/statements/send', SEND);
      expect(res.status).toBe(202);
      // A second identical request while it runs: 409, pointing at the running job.
      const twice = await t.request('POST', '/api/statements/send', SEND);
      expect(twice.status).toBe(409);
      expect(twice.body.error).toMatchObject({ code: 'job_running', details: { jobId: res.body.jobId } });
      // The first mail is held at the SMTP server: cancel while it is in flight.
      await pollUntil(async () => {
        const list = await t.request('GET', '/api/statements?status=sent');
        return list.body.statements.length === 1 ? true : undefined;
      }, 'the first statement to be claimed');
      const cancelled = await t.as('editor')('POST', `/api/statements/jobs/${res.body.jobId}/cancel`);
      expect(cancelled.status).toBe(200);
      release();
      const job = await waitForJobEnd(t.composition.jobService, res.body.jobId);
      expect(job.status).toBe('cancelled');
      const sent = (await t.request('GET', '/api/statements?status=sent')).body.statements;
      const final = (await t.request('GET', '/api/statements?status=final')).body.statements;
      expect(sent.length).toBe(ownerMails().length);
      expect(sent.length).toBeLessThanOrEqual(1);
      expect(sent.length + final.length).toBe(6);
    } finally {
      await t.close();
    }
  });
});
