/** The demo outbox over HTTP: what the mailer wrote to DATA_DIR/outbox, newest first. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownData, PERIOD } from '../helpers/known-dataset.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ sim: { data: knownData() } });
});
afterAll(async () => {
  await t.close();
});

async function sendOne(propertyId: string, ownerId: string): Promise<void> {
  const made = await t.request('POST', '/api/statements/generate', { ownerId, propertyId, ...PERIOD });
  const id = made.body.statement.id;
  await t.request('PUT', `/api/statements/${id}/status`, { status: 'final' });
  expect((await t.request('POST', `/api/statements/${id}/send`, {})).status).toBe(200);
}

describe('GET /api/outbox', () => {
  it('is empty before any mail, and for editors and admins only', async () => {
    const empty = await t.as('editor')('GET', '/api/outbox');
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ active: true, mails: [] });
    expect((await t.as('viewer')('GET', '/api/outbox')).status).toBe(403);
  });

  it('lists the mails newest first and reads one', async () => {
    await sendOne('101', '1');
    await sendOne('104', '2');
    const list = await t.as('editor')('GET', '/api/outbox');
    expect(list.body.mails.map((m: { to: string }) => m.to)).toEqual([
      'user2@example.com',
      'user1@example.com',
    ]);
    const [newest] = list.body.mails;
    expect(newest.subject).toBe('Owner statement 104-2025-10: Harbor View, October 2025');
    expect(Date.parse(newest.date)).not.toBeNaN();

    const mail = await t.as('editor')('GET', `/api/outbox/${newest.id}`);
    expect(mail.status).toBe(200);
    expect(mail.body).toMatchObject({
      to: 'user2@example.com',
      // MAIL_FROM's address, under the company's name (COMPANY_NAME until details are saved).
      from: '"Owner Statements" <statements@test.local>',
    });
    // The plain-text part (the mail also has an HTML one).
    expect(mail.body.text).toMatch(/^Dear Omar Owner,\n/);
    expect(mail.body.text).toContain('Net payout:');
    expect(mail.body.text).not.toContain('<');
    expect(mail.body.attachments).toEqual([
      {
        filename: 'statement-Harbor-View-2025-10-01-2025-10-31.pdf',
        contentType: 'application/pdf',
        size: expect.any(Number),
      },
    ]);
    // The decoded PDF: smaller than the mail that carries it in base64, and a real document.
    expect(mail.body.attachments[0].size).toBeGreaterThan(1000);
    expect(mail.body.attachments[0].size).toBeLessThan(newest.size);
    expect((await t.as('viewer')('GET', `/api/outbox/${newest.id}`)).status).toBe(403);
    expect((await t.request('GET', '/api/outbox/nope.eml')).status).toBe(404);
    expect((await t.request('GET', '/api/outbox/..%2Fsecret.eml')).status).toBe(400);
  });
});
