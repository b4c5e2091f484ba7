/**
 * POST /api/statements/bulk: finalize, back to draft, send and delete many statements by id or
 * by the list's filters, over real HTTP, a real SMTP server in this process and the store of the
 * run (SQLite, or PostgreSQL with TEST_DB=postgres). Small selections answer at once with what
 * was done and what was refused and why; large ones run as a job. Every changed statement has
 * exactly one audit row of its action; a no-op and a refusal have none.
 *
 * The statements are stored straight through the repository (one per property and single-day
 * period, each test in a year of its own), so the only audit rows are the ones the bulk calls
 * leave.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BULK_IDS, MAX_BULK_MATCHING } from '../../src/contract/bulk-actions.js';
import type { AuditEntry } from '../../src/db/repositories/audit-repository.js';
import type { ComputedStatement, StatementStatus } from '../../src/domain/types.js';
import { SYNC_LIMITS } from '../../src/services/bulk-statement-actions.js';
import { knownData } from '../helpers/known-dataset.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { statementFixture } from '../helpers/statement-fixture.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { waitForJobEnd } from '../helpers/wait.js';

let smtp: TestSmtp;
let t: TestApp;

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp({
    sim: { data: knownData() },
    compose: { mail: { smtpUrl: smtp.url, from: 'statements@manager.test', outboxDir: '/nonexistent' } },
  });
  // Owners (and their e-mail addresses) are known before anything is sent.
  await t.composition.catalogService.sync();
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

/** Owner of each property in the known data set (103 is stored without one where asked). */
const OWNER: Record<string, string> = { '101': '1', '102': '1', '103': '1', '104': '2' };
const EMAIL: Record<string, string> = { '1': 'user1@example.com', '2': 'user2@example.com' };

/** The `n` days from January 1 of `year`, as single-day periods. */
function days(year: number, n: number, from = 0): string[] {
  return Array.from({ length: n }, (_, i) =>
    new Date(Date.UTC(year, 0, 1 + from + i)).toISOString().slice(0, 10),
  );
}

function computed(propertyId: string, day: string): ComputedStatement {
  const { propertyId: _p, period: _d, ...rest } = statementFixture();
  const {
    id: _id,
    ownerId: _o,
    propertyName: _n,
    status: _s,
    version: _v,
    createdAt: _c,
    updatedAt: _u,
    createdBy: _cb,
    updatedBy: _ub,
    sentAt: _sa,
    sentTo: _st,
    ...body
  } = rest;
  return { ...body, propertyId, period: { start: day, end: day } };
}

/** Stores statements of `propertyId` for these days in `status`, without audit rows; their ids. */
async function stored(
  propertyId: string,
  dayList: string[],
  status: StatementStatus = 'draft',
  ownerId: string | null = OWNER[propertyId] ?? null,
): Promise<string[]> {
  const repo = t.composition.statements;
  const now = new Date().toISOString();
  const ids: string[] = [];
  for (const day of dayList) {
    const saved = await repo.saveGeneratedMany(
      [{ statement: computed(propertyId, day), ownerId }],
      now,
      null,
    );
    const id = saved.get(propertyId)?.id;
    if (!id) throw new Error(`no statement stored for ${propertyId} ${day}`);
    if (status !== 'draft') expect(await repo.changeStatus(id, 'draft', 'final', now)).toBe(true);
    if (status === 'sent') {
      expect(await repo.markSent(id, 'final', EMAIL[ownerId ?? ''] ?? 'x@example.com', now, null)).toBe(true);
    }
    ids.push(id);
  }
  return ids;
}

/** Many drafts at once (one insert per 500), for the cap. */
async function storedMany(propertyId: string, dayList: string[]): Promise<void> {
  const now = new Date().toISOString();
  for (let i = 0; i < dayList.length; i += 500) {
    const chunk = dayList.slice(i, i + 500).map((day) => ({
      statement: computed(propertyId, day),
      ownerId: OWNER[propertyId] ?? null,
    }));
    await t.composition.statements.saveGeneratedMany(chunk, now, null);
  }
}

async function statusOf(id: string): Promise<string | null> {
  const res = await t.request('GET', `/api/statements/${id}`);
  if (res.status === 404) return null;
  expect(res.status).toBe(200);
  return res.body.status;
}

async function newestAuditId(): Promise<string | null> {
  const { entries } = await t.composition.auditLog.list({ limit: 1 });
  return entries[0]?.id ?? null;
}

/** The audit rows written after `after`, oldest first. */
async function auditSince(after: string | null): Promise<AuditEntry[]> {
  const rows: AuditEntry[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await t.composition.auditLog.list({ limit: 500, ...(cursor ? { after: cursor } : {}) });
    const fresh = page.entries.filter((e) => after === null || e.id > after);
    rows.push(...fresh);
    if (fresh.length < page.entries.length || page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  return rows.reverse();
}

/** Each target's number of rows of `action`. */
function rowsPerTarget(rows: AuditEntry[], action: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows.filter((e) => e.action === action)) {
    counts.set(r.targetId ?? '', (counts.get(r.targetId ?? '') ?? 0) + 1);
  }
  return counts;
}

const once = (ids: string[]) => new Map(ids.map((id) => [id, 1]));

/** Mails to owners received since `from` (the jobs' end notifications to their starters left out). */
const ownerMails = (from: number) =>
  smtp.received.slice(from).filter((m) => m.to.some((to) => Object.values(EMAIL).includes(to)));

const bulk = (body: unknown) => t.request('POST', '/api/statements/bulk', body);

describe('bulk actions within the request', () => {
  it('finalizes by ids: drafts done and audited once, a final one done without a change, a sent and a missing one refused', async () => {
    const drafts = await stored('101', days(2001, 3));
    const [final] = await stored('101', days(2001, 1, 10), 'final');
    const [sent] = await stored('101', days(2001, 1, 20), 'sent');
    const missing = 'stmt_does_not_exist';
    const before = await newestAuditId();

    const ids = [...drafts, final, sent, missing, drafts[0]] as string[];
    const res = await t.as('editor')('POST', '/api/statements/bulk', { action: 'finalize', ids });
    expect(res.status, res.text).toBe(200);
    expect(res.body.action).toBe('finalize');
    // Duplicates count once; the answer follows the order given.
    expect(res.body.done.map((d: { id: string }) => d.id)).toEqual([...drafts, final]);
    for (const d of res.body.done.slice(0, 3)) {
      expect(d).toMatchObject({
        propertyId: '101',
        propertyName: 'Seaside Loft',
        status: 'final',
        changed: true,
      });
      expect(d.periodStart).toMatch(/^2001-01-0[1-3]$/);
    }
    expect(res.body.done[3]).toMatchObject({ id: final, status: 'final', changed: false });
    expect(res.body.refused).toEqual([
      {
        id: sent,
        propertyId: '101',
        propertyName: 'Seaside Loft',
        periodStart: '2001-01-21',
        periodEnd: '2001-01-21',
        code: 'invalid_transition',
        message: 'a sent statement cannot become final',
      },
      {
        id: missing,
        propertyId: null,
        propertyName: null,
        periodStart: null,
        periodEnd: null,
        code: 'not_found',
        message: `statement ${missing} not found`,
      },
    ]);
    for (const id of drafts) expect(await statusOf(id)).toBe('final');
    expect(await statusOf(sent as string)).toBe('sent');

    const rows = await auditSince(before);
    expect(rows.map((r) => r.action)).toEqual(drafts.map(() => 'statement.status_changed'));
    expect(rowsPerTarget(rows, 'statement.status_changed')).toEqual(once(drafts));
    for (const r of rows) {
      expect(r).toMatchObject({ userEmail: 'editor@test.local', actor: 'user', ip: '127.0.0.1' });
      expect(r.details).toEqual({ from: 'draft', to: 'final' });
    }
  });

  it('moves back to draft by filter, touching only what the filter selects', async () => {
    const finals = await stored('101', days(2002, 2), 'final');
    const [draft] = await stored('101', days(2002, 1, 5));
    const [sent] = await stored('101', days(2002, 1, 9), 'sent');
    // Outside the filter's period: left alone.
    const [outside] = await stored('101', days(2003, 1), 'final');
    const before = await newestAuditId();

    const res = await bulk({
      action: 'draft',
      filter: { propertyId: '101', periodStart: '2002-01-01', periodEnd: '2002-12-31' },
    });
    expect(res.status, res.text).toBe(200);
    // The list's order: newest first.
    expect(res.body.done.map((d: { id: string }) => d.id).sort()).toEqual([...finals, draft].sort());
    expect(res.body.done.find((d: { id: string }) => d.id === draft)).toMatchObject({ changed: false });
    expect(res.body.refused).toEqual([expect.objectContaining({ id: sent, code: 'invalid_transition' })]);
    for (const id of finals) expect(await statusOf(id)).toBe('draft');
    expect(await statusOf(outside as string)).toBe('final');

    const rows = await auditSince(before);
    expect(rows).toHaveLength(2);
    expect(rowsPerTarget(rows, 'statement.status_changed')).toEqual(once(finals));
  });

  it('sends final statements once each; drafts, sent ones and owners without e-mail are refused, and a repeat mails nobody again', async () => {
    const finals = await stored('104', days(2003, 2), 'final');
    const [draft] = await stored('104', days(2003, 1, 4));
    const [sent] = await stored('104', days(2003, 1, 6), 'sent');
    const [ownerless] = await stored('103', days(2003, 1), 'final', null);
    const mailsBefore = smtp.received.length;
    const before = await newestAuditId();

    const ids = [...finals, draft, sent, ownerless] as string[];
    const res = await bulk({ action: 'send', ids });
    expect(res.status, res.text).toBe(200);
    expect(res.body.done).toEqual(
      finals.map((id) =>
        expect.objectContaining({ id, status: 'sent', changed: true, propertyName: 'Harbor View' }),
      ),
    );
    expect(res.body.refused.map((r: { id: string; code: string }) => [r.id, r.code])).toEqual([
      [draft, 'not_final'],
      [sent, 'already_sent'],
      [ownerless, 'no_recipient'],
    ]);
    const mails = ownerMails(mailsBefore);
    expect(mails).toHaveLength(2);
    for (const m of mails) expect(m.to).toEqual(['user2@example.com']);
    const rows = await auditSince(before);
    expect(rows).toHaveLength(2);
    expect(rowsPerTarget(rows, 'statement.sent')).toEqual(once(finals));

    // The same call again: nothing is mailed twice.
    const again = await bulk({ action: 'send', ids });
    expect(again.status).toBe(200);
    expect(again.body.done).toEqual([]);
    expect(again.body.refused.filter((r: { code: string }) => r.code === 'already_sent')).toHaveLength(3);
    expect(ownerMails(mailsBefore)).toHaveLength(2);
  });

  it('deletes only drafts, by filter and by ids', async () => {
    const drafts = await stored('103', days(2004, 2));
    const [final] = await stored('103', days(2004, 1, 3), 'final');
    const before = await newestAuditId();

    const res = await bulk({
      action: 'delete',
      filter: { propertyId: '103', periodStart: '2004-01-01', periodEnd: '2004-12-31' },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.done.map((d: { id: string }) => d.id).sort()).toEqual([...drafts].sort());
    for (const d of res.body.done)
      expect(d).toMatchObject({ status: null, changed: true, propertyId: '103' });
    expect(res.body.refused).toEqual([
      expect.objectContaining({
        id: final,
        code: 'not_a_draft',
        message: 'only drafts can be deleted; this statement is final',
      }),
    ]);
    for (const id of drafts) expect(await statusOf(id)).toBeNull();
    expect(await statusOf(final as string)).toBe('final');
    const rows = await auditSince(before);
    expect(rows).toHaveLength(2);
    expect(rowsPerTarget(rows, 'statement.deleted')).toEqual(once(drafts));

    // Deleting the same ids again: they are gone (refused not_found), and nothing is written.
    const mark = await newestAuditId();
    const again = await bulk({ action: 'delete', ids: drafts });
    expect(again.body.done).toEqual([]);
    expect(again.body.refused.map((r: { code: string }) => r.code)).toEqual(['not_found', 'not_found']);
    expect(await auditSince(mark)).toEqual([]);
  });

  it('answers an empty result for a filter that matches nothing', async () => {
    const res = await bulk({ action: 'finalize', filter: { propertyId: '101', periodStart: '2099-01-01' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ action: 'finalize', done: [], refused: [] });
  });
});

describe('bulk actions as a background job', () => {
  it('finalizes a large selection in a job whose items say per statement what was done and why not', async () => {
    const count = SYNC_LIMITS.finalize + 5;
    const drafts = await stored('104', days(2005, count));
    const sent = await stored('104', days(2005, 3, 200), 'sent');
    const missing = ['stmt_gone_1', 'stmt_gone_2'];
    const before = await newestAuditId();

    const ids = [...drafts, ...sent, ...missing];
    const res = await bulk({ action: 'finalize', ids });
    expect(res.status, res.text).toBe(202);
    expect(res.body).toMatchObject({
      status: 'processing',
      action: 'finalize',
      count: ids.length,
      statusUrl: `/api/statements/jobs/${res.body.jobId}`,
      message: `Finalizing ${ids.length} statement(s) in background`,
    });
    const ended = await waitForJobEnd(t.composition.jobService, res.body.jobId);
    expect(ended.status).toBe('completed');

    const job = (await t.request('GET', `/api/statements/jobs/${res.body.jobId}`)).body;
    expect(job).toMatchObject({
      type: 'bulk_statement_action',
      total: ids.length,
      progress: ids.length,
      params: { action: 'finalize', statementIds: ids },
      counts: { generated: count, skipped: 5, errors: 0 },
    });
    expect(job.result.summary).toEqual({ generated: count, skipped: 5, errors: 0 });
    expect(job.result.results.generated.map((g: { statementId: string }) => g.statementId).sort()).toEqual(
      [...drafts].sort(),
    );
    expect(job.result.results.generated[0].propertyName).toMatch(/^Harbor View, 2005-\d\d-\d\d to 2005-/);
    expect(
      job.result.results.skipped
        .map((s: { statementId: string; reason: string }) => [s.statementId, s.reason])
        .sort(),
    ).toEqual(
      [...sent.map((id) => [id, 'invalid_transition']), ...missing.map((id) => [id, 'not_found'])].sort(),
    );
    for (const id of drafts.slice(0, 3)) expect(await statusOf(id)).toBe('final');

    // One job.created row (the action and the selection's size, not the ids) and one row per change.
    const rows = await auditSince(before);
    expect(rows.filter((r) => r.action === 'job.created')).toEqual([
      expect.objectContaining({
        targetId: res.body.jobId,
        userEmail: 'admin@test.local',
        details: { action: 'finalize', count: ids.length },
      }),
    ]);
    expect(rows).toHaveLength(count + 1);
    expect(rowsPerTarget(rows, 'statement.status_changed')).toEqual(once(drafts));
    for (const r of rows) expect(r.userEmail).toBe('admin@test.local');

    // Again: a new job (the first one ended) that finds them final — done, and nothing written.
    const mark = await newestAuditId();
    const again = await bulk({ action: 'finalize', ids });
    expect(again.status).toBe(202);
    expect(again.body.jobId).not.toBe(res.body.jobId);
    const second = await waitForJobEnd(t.composition.jobService, again.body.jobId);
    expect(second.result?.summary).toEqual({ generated: count, skipped: 5, errors: 0 });
    expect((await auditSince(mark)).map((r) => r.action)).toEqual(['job.created']);
  });

  it('deletes the drafts a filter selects in a job, refusing the final one', async () => {
    const drafts = await stored('104', days(2006, SYNC_LIMITS.delete + 2));
    const [final] = await stored('104', days(2006, 1, 300), 'final');
    const before = await newestAuditId();
    const filter = { propertyId: '104', periodStart: '2006-01-01', periodEnd: '2006-12-31' };

    const res = await bulk({ action: 'delete', filter });
    expect(res.status, res.text).toBe(202);
    expect(res.body.count).toBe(drafts.length + 1);
    const job = await waitForJobEnd(t.composition.jobService, res.body.jobId);
    expect(job.params).toEqual({ action: 'delete', filter });
    expect(job.result?.summary).toEqual({ generated: drafts.length, skipped: 1, errors: 0 });
    expect(job.result?.results.skipped).toEqual([
      expect.objectContaining({ statementId: final, reason: 'not_a_draft' }),
    ]);
    for (const id of drafts.slice(0, 3)) expect(await statusOf(id)).toBeNull();
    expect(await statusOf(final as string)).toBe('final');
    const rows = await auditSince(before);
    expect(rows.filter((r) => r.action === 'job.created')).toEqual([
      expect.objectContaining({ details: { action: 'delete', filter } }),
    ]);
    expect(rowsPerTarget(rows, 'statement.deleted')).toEqual(once(drafts));
    expect(rows).toHaveLength(drafts.length + 1);
  });

  it('sends a large selection in a job, each once; a statement without recipient is an error that can be retried', async () => {
    const finals = await stored('104', days(2007, SYNC_LIMITS.send + 1), 'final');
    const [ownerless] = await stored('103', days(2007, 1), 'final', null);
    const mailsBefore = smtp.received.length;
    const before = await newestAuditId();

    const res = await t.as('editor')('POST', '/api/statements/bulk', {
      action: 'send',
      ids: [...finals, ownerless],
    });
    expect(res.status, res.text).toBe(202);
    const job = await waitForJobEnd(t.composition.jobService, res.body.jobId);
    expect(job.status).toBe('completed');
    expect(job.result?.summary).toEqual({ generated: finals.length, skipped: 0, errors: 1 });
    expect(job.result?.results.errors).toEqual([
      expect.objectContaining({ statementId: ownerless, code: 'no_recipient' }),
    ]);
    const mails = ownerMails(mailsBefore);
    expect(mails).toHaveLength(finals.length);
    for (const m of mails) expect(m.to).toEqual(['user2@example.com']);
    for (const id of finals) expect(await statusOf(id)).toBe('sent');
    const rows = await auditSince(before);
    expect(rowsPerTarget(rows, 'statement.sent')).toEqual(once(finals));
    expect(
      rows.filter((r) => r.action === 'statement.sent').every((r) => r.userEmail === 'editor@test.local'),
    ).toBe(true);

    // Retrying the failed items: a new bulk job for that statement only.
    const retry = await t.request('POST', `/api/statements/jobs/${res.body.jobId}/retry`);
    expect(retry.status, retry.text).toBe(202);
    const retried = await waitForJobEnd(t.composition.jobService, retry.body.jobId);
    expect(retried).toMatchObject({
      type: 'bulk_statement_action',
      retryOf: res.body.jobId,
      params: { action: 'send', statementIds: [ownerless] },
    });
    expect(retried.result?.summary).toEqual({ generated: 0, skipped: 0, errors: 1 });
    expect(ownerMails(mailsBefore)).toHaveLength(finals.length);
  });
});

describe('bulk request validation and permission', () => {
  const refusedWith = async (body: unknown, status: number, code: string, as = t.request) => {
    const before = await newestAuditId();
    const res = await as('POST', '/api/statements/bulk', body);
    expect(res.status, res.text).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(await auditSince(before)).toEqual([]);
    return res;
  };

  it('refuses malformed requests with 400 validation_error', async () => {
    const [id] = await stored('101', days(2008, 1));
    await refusedWith({ action: 'finalize', ids: [] }, 400, 'validation_error');
    const both = await refusedWith({ action: 'finalize', ids: [id], filter: {} }, 400, 'validation_error');
    expect(both.body.error.message).toContain('either ids or filter');
    await refusedWith({ action: 'finalize' }, 400, 'validation_error');
    await refusedWith({ action: 'archive', ids: [id] }, 400, 'validation_error');
    await refusedWith({ ids: [id] }, 400, 'validation_error');
    await refusedWith({ action: 'finalize', filter: { colour: 'red' } }, 400, 'validation_error');
    await refusedWith({ action: 'finalize', filter: { status: 'archived' } }, 400, 'validation_error');
    await refusedWith({ action: 'finalize', ids: [id], extra: true }, 400, 'validation_error');
    const tooMany = Array.from({ length: MAX_BULK_IDS + 1 }, (_, i) => `stmt_${i}`);
    await refusedWith({ action: 'finalize', ids: tooMany }, 400, 'validation_error');
    expect(await statusOf(id as string)).toBe('draft');
  });

  it('forbids viewers (403) and changes nothing', async () => {
    const [id] = await stored('101', days(2009, 1));
    await refusedWith({ action: 'finalize', ids: [id] }, 403, 'forbidden', t.as('viewer'));
    expect(await statusOf(id as string)).toBe('draft');
  });

  it(`refuses a filter that selects more than ${MAX_BULK_MATCHING} statements (422)`, async () => {
    // Single days from 1980 on: 5,001 drafts of property 102.
    await storedMany('102', days(1980, MAX_BULK_MATCHING + 1));
    const res = await refusedWith(
      { action: 'delete', filter: { propertyId: '102' } },
      422,
      'too_many_statements',
    );
    expect(res.body.error.message).toContain(String(MAX_BULK_MATCHING));
    // Exactly at the cap it is accepted (a job).
    const ok = await bulk({ action: 'finalize', filter: { propertyId: '102', periodStart: '1980-01-02' } });
    expect(ok.status, ok.text).toBe(202);
    expect(ok.body.count).toBe(MAX_BULK_MATCHING);
    await t.request('POST', `/api/statements/jobs/${ok.body.jobId}/cancel`);
    await waitForJobEnd(t.composition.jobService, ok.body.jobId);
  });
});
