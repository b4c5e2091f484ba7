/**
 * E-mailing statements to owners through a real SMTP server running in this process
 * (smtp-server), and into the outbox when no SMTP_URL is set.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logoPng } from '../helpers/images.js';
import { knownData, PERIOD } from '../helpers/known-dataset.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let smtp: TestSmtp;
let t: TestApp;
let received: TestSmtp['received'];
let refused: TestSmtp['refused'];

beforeAll(async () => {
  smtp = await startTestSmtp();
  received = smtp.received;
  refused = smtp.refused;
  t = await startTestApp({
    sim: { data: knownData() },
    compose: { mail: { smtpUrl: smtp.url, from: 'statements@manager.test', outboxDir: '/nonexistent' } },
  });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

async function finalStatement(app: TestApp, ownerId: string, propertyId: string): Promise<string> {
  const made = await app.request('POST', '/api/statements/generate', { ownerId, propertyId, ...PERIOD });
  expect(made.status).toBe(201);
  const id = made.body.statement.id;
  expect((await app.request('PUT', `/api/statements/${id}/status`, { status: 'final' })).status).toBe(200);
  return id;
}

describe('sending a statement', () => {
  it('refuses drafts, sends a final one with its PDF to the owner, and marks it sent', async () => {
    const draft = await t.request('POST', '/api/statements/generate', {
      ownerId: '1',
      propertyId: '101',
      ...PERIOD,
    });
    const early = await t.request('POST', `/api/statements/${draft.body.statement.id}/send`, {});
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('not_final');
    expect(received).toHaveLength(0);

    const id = await finalStatement(t, '1', '101');
    const res = await t.as('editor')('POST', `/api/statements/${id}/send`, {});
    expect(res.status).toBe(200);
    expect(res.body.statement).toMatchObject({ status: 'sent', sentTo: 'user1@example.com' });
    expect(res.body.delivery).toMatchObject({
      status: 'sent',
      via: 'smtp',
      recipient: 'user1@example.com',
      resend: false,
    });
    expect(received).toHaveLength(1);
    const mail = received[0];
    expect(mail?.to).toEqual(['user1@example.com']);
    expect(mail?.from).toBe('statements@manager.test');
    expect(mail?.raw).toMatch(
      /Content-Type: application\/pdf;\s+name=statement-Seaside-Loft-2025-10-01-2025-10-31\.pdf/,
    );
    const parsed = await simpleParser(mail?.raw ?? '');
    expect(parsed.subject).toBe('Owner statement 101-2025-10: Seaside Loft, October 2025');
    // MAIL_FROM under the company's name (COMPANY_NAME: no details saved in this test).
    expect(parsed.from?.text).toBe('"Owner Statements" <statements@manager.test>');
    expect(parsed.replyTo).toBeUndefined();
    // An HTML part and a plain-text part with the same words.
    expect(parsed.text).toMatch(/^Dear Olivia Owner,\n/);
    expect(parsed.text).toContain('Net payout: $1,878.08'); // EXPECTED_101_TOTALS.netPayout
    expect(parsed.text).toMatch(/Kind regards,\n\nOwner Statements\n/);
    expect(parsed.html).toContain('Dear Olivia Owner,');
    expect(parsed.html).toContain('$1,878.08');
    expect(parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['statement-Seaside-Loft-2025-10-01-2025-10-31.pdf', 'application/pdf'],
    ]);
  });

  it('never sends twice by accident; a resend is explicit and recorded', async () => {
    const id = (await t.request('GET', '/api/statements?propertyId=101')).body.statements[0].id;
    const again = await t.request('POST', `/api/statements/${id}/send`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_sent');
    expect(received).toHaveLength(1);

    const resend = await t.request('POST', `/api/statements/${id}/send`, { resend: true });
    expect(resend.status).toBe(200);
    expect(resend.body.delivery.resend).toBe(true);
    expect(received).toHaveLength(2);
    const history = await t.as('viewer')('GET', `/api/statements/${id}/deliveries`);
    expect(history.body.deliveries.map((d: { resend: boolean }) => d.resend)).toEqual([false, true]);
    const audit = await t.request('GET', '/api/audit?action=statement.sent');
    expect(audit.body.entries).toHaveLength(2);
  });

  it('sends exactly once when two people press Send at the same time', async () => {
    const id = await finalStatement(t, '2', '104');
    const before = received.length;
    const results = await Promise.all([
      t.as('editor')('POST', `/api/statements/${id}/send`, {}),
      t.as('admin')('POST', `/api/statements/${id}/send`, {}),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(received.length - before).toBe(1);
  });

  it('reports a refused delivery, keeps the statement final, and lets it be sent later', async () => {
    const fresh = await startTestApp({
      sim: { data: knownData() },
      compose: { mail: { smtpUrl: smtp.url, outboxDir: '/nonexistent' } },
    });
    try {
      refused.add('user2@example.com');
      const id = await finalStatement(fresh, '2', '104');
      const res = await fresh.request('POST', `/api/statements/${id}/send`, {});
      expect(res.status).toBe(502);
      expect(res.body.error.code).toBe('mail_failed');
      expect(res.body.error.message).toContain('user2@example.com');
      const after = await fresh.request('GET', `/api/statements/${id}`);
      expect(after.body).toMatchObject({ status: 'final', sentAt: null });
      const history = await fresh.request('GET', `/api/statements/${id}/deliveries`);
      expect(history.body.deliveries).toMatchObject([{ status: 'failed' }]);

      refused.delete('user2@example.com');
      expect((await fresh.request('POST', `/api/statements/${id}/send`, {})).status).toBe(200);
    } finally {
      refused.clear();
      await fresh.close();
    }
  });

  it('is not allowed to viewers', async () => {
    const id = (await t.request('GET', '/api/statements?propertyId=104')).body.statements[0].id;
    expect((await t.as('viewer')('POST', `/api/statements/${id}/send`, { resend: true })).status).toBe(403);
  });
});

describe('with company details saved', () => {
  it('comes from the company once its details are saved: name, reply address, signature, inline logo', async () => {
    const app = await startTestApp({
      sim: { data: knownData() },
      compose: { mail: { smtpUrl: smtp.url, from: 'statements@manager.test', outboxDir: '/nonexistent' } },
    });
    try {
      const details = {
        name: 'Acme Rentals',
        addressLines: ['12 Harbour Street', 'Portsmouth PO1 2AB'],
        email: 'office@acme.test',
        phone: '+44 23 9200 0000',
      };
      expect((await app.request('PUT', '/api/settings/company', details)).status).toBe(200);
      const logo = logoPng();
      const uploaded = await app.request('PUT', '/api/settings/company/logo', {
        image: logo.toString('base64'),
      });
      expect(uploaded.status).toBe(200);
      const before = received.length;
      const id = await finalStatement(app, '2', '104');
      expect((await app.request('POST', `/api/statements/${id}/send`, {})).status).toBe(200);
      expect(received.length - before).toBe(1);
      // keepCidLinks: the HTML as sent, pointing at the inline part (not made into a data: URL).
      const parsed = await simpleParser(received.at(-1)?.raw ?? '', { keepCidLinks: true });
      expect(parsed.from?.text).toBe('"Acme Rentals" <statements@manager.test>');
      expect(parsed.replyTo?.text).toBe('office@acme.test');
      expect(parsed.text).toMatch(
        /Kind regards,\n\nAcme Rentals\n12 Harbour Street\nPortsmouth PO1 2AB\noffice@acme.test · \+44 23 9200 0000\n/,
      );
      const inline = parsed.attachments.find((a) => a.contentType === 'image/png');
      expect(inline?.contentDisposition).toBe('inline');
      expect(inline?.content.equals(logo)).toBe(true);
      expect(parsed.html).toContain(`cid:${inline?.cid}`);
      const pdf = parsed.attachments.find((a) => a.contentType === 'application/pdf');
      expect(pdf?.content.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await app.close();
    }
  });
});

describe('without SMTP_URL', () => {
  it('writes the e-mail with its PDF as an .eml file into the outbox', async () => {
    const demo = await startTestApp({ sim: { data: knownData() } });
    try {
      const id = await finalStatement(demo, '1', '101');
      const res = await demo.request('POST', `/api/statements/${id}/send`, {});
      expect(res.status).toBe(200);
      expect(res.body.delivery.via).toBe('outbox');
      const outbox = join(demo.dataDir, 'outbox');
      const files = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
      expect(files).toHaveLength(1);
      const eml = readFileSync(join(outbox, files[0] ?? ''), 'utf8');
      expect(eml).toMatch(/^To: user1@example\.com$/m);
      expect(eml).toContain('application/pdf');
    } finally {
      await demo.close();
    }
  });
});
