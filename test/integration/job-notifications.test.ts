/**
 * The user who started a bulk job gets one e-mail when it completes, fails or is cancelled —
 * unless they turned it off — through a real SMTP server in this process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownData, PERIOD } from '../helpers/known-dataset.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { startTestApp } from '../helpers/test-app.js';
import { pollUntil, waitForJobEnd, waitForProgress } from '../helpers/wait.js';

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await smtp.close();
});

const app = (options: Parameters<typeof startTestApp>[0] = {}) =>
  startTestApp({
    ...options,
    compose: {
      ...options.compose,
      mail: { smtpUrl: smtp.url, from: 'jobs@manager.test', outboxDir: '/nonexistent' },
      appUrl: 'https://statements.example.com',
    },
  });

const mailsTo = (email: string, jobId: string) =>
  smtp.received.filter(
    (m) => m.to.includes(email) && m.raw.replace(/=\r?\n/g, '').includes(`/jobs/${jobId}`),
  );

async function mailFor(email: string, jobId: string) {
  return pollUntil(async () => mailsTo(email, jobId)[0], `the notification of ${jobId} to ${email}`, 20_000);
}

describe('job notifications', () => {
  it('e-mails the summary and a link when the job completes', async () => {
    const t = await app({ sim: { data: knownData() } });
    try {
      const res = await t.as('editor')('POST', '/api/statements/generate', { ownerId: 'all', ...PERIOD });
      await waitForJobEnd(t.composition.jobService, res.body.jobId);
      const mail = await mailFor('editor@test.local', res.body.jobId);
      expect(mail.from).toBe('jobs@manager.test');
      // Long headers are folded onto several lines, so words may be separated by a line break.
      expect(mail.raw.replace(/\r?\n\s+/g, ' ')).toMatch(
        /^Subject: Statement generation completed \(2025-10-01 to 2025-10-31\): 2 generated, 1 skipped, 1 with errors/m,
      );
      // The body is quoted-printable: undo its soft line breaks before reading the link.
      expect(mail.raw.replace(/=\r?\n/g, '')).toContain(
        `https://statements.example.com/jobs/${res.body.jobId}`,
      );
    } finally {
      await t.close();
    }
  });

  it('e-mails once when the job fails, with the reason', async () => {
    const t = await app({ sim: { data: knownData() }, hostifyKey: 'not-the-key' });
    try {
      const res = await t.as('editor')('POST', '/api/statements/generate', { ownerId: 'all', ...PERIOD });
      const job = await waitForJobEnd(t.composition.jobService, res.body.jobId);
      expect(job.status).toBe('failed');
      const mail = await mailFor('editor@test.local', res.body.jobId);
      expect(mail.raw).toMatch(/^Subject: Statement generation failed/m);
      expect(mail.raw).toContain('Hostify refused our API key');
    } finally {
      await t.close();
    }
  });

  it('e-mails once when the job is cancelled', async () => {
    const t = await app({
      sim: { owners: 60, propertiesPerOwner: 10, reservationsPerProperty: 4 },
      compose: { engine: { concurrency: 1 } },
    });
    try {
      const res = await t.as('editor')('POST', '/api/statements/generate', { ownerId: 'all', ...PERIOD });
      await waitForProgress(t.composition.jobService, res.body.jobId, 3);
      await t.as('editor')('POST', `/api/statements/jobs/${res.body.jobId}/cancel`);
      await waitForJobEnd(t.composition.jobService, res.body.jobId);
      const mail = await mailFor('editor@test.local', res.body.jobId);
      expect(mail.raw).toMatch(/^Subject: Statement generation was cancelled/m);
      // Another job's mail arriving proves the cancelled job's events were all handled.
      const next = await t.as('editor')('POST', '/api/statements/generate', {
        ownerId: 'all',
        startDate: '2025-09-01',
        endDate: '2025-09-30',
      });
      await waitForJobEnd(t.composition.jobService, next.body.jobId);
      await mailFor('editor@test.local', next.body.jobId);
      expect(mailsTo('editor@test.local', res.body.jobId)).toHaveLength(1);
    } finally {
      await t.close();
    }
  });

  it('sends nothing to a user who turned notifications off', async () => {
    const t = await app({ sim: { data: knownData() } });
    try {
      const off = await t.as('admin')('PUT', '/api/auth/me/preferences', { notifyOnJobEnd: false });
      expect(off.status).toBe(200);
      expect(off.body.notifyOnJobEnd).toBe(false);
      const quiet = await t.as('admin')('POST', '/api/statements/generate', { ownerId: 'all', ...PERIOD });
      await waitForJobEnd(t.composition.jobService, quiet.body.jobId);
      const loud = await t.as('editor')('POST', '/api/statements/generate', {
        ownerId: 'all',
        ...PERIOD,
        calculationType: 'calendar',
      });
      await waitForJobEnd(t.composition.jobService, loud.body.jobId);
      await mailFor('editor@test.local', loud.body.jobId);
      expect(mailsTo('admin@test.local', quiet.body.jobId)).toHaveLength(0);
    } finally {
      await t.close();
    }
  });
});
