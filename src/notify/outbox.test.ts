/**
 * The outbox reader on .eml files: ones written by hand in the MIME shapes other mailers use
 * (encoded words, RFC 2231 file names, quoted-printable in two charsets), and one written by our
 * own mailer (nodemailer) and read back.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMailer } from './mailer.js';
import { Outbox } from './outbox.js';

let dir: string;
let outbox: Outbox;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'outbox-'));
  outbox = new Outbox({ dir, active: true });
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A small but whole PDF, so the decoded size can be compared byte for byte. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

function eml(lines: string[]): string {
  return `${lines.join('\r\n')}\r\n`;
}

const MULTIPART = eml([
  'From: "Statements" <statements@example.com>',
  'To: =?UTF-8?Q?Ren=C3=A9e_M=C3=BCller?= <renee@example.com>',
  // "Relevé du propriétaire : Café Loft" in base64 encoded words, split over two lines.
  'Subject: =?UTF-8?B?UmVsZXbDqSBkdSBwcm9wcmnDqXRhaXJlIDog?=',
  ' =?UTF-8?B?Q2Fmw6kgTG9mdA==?=',
  'Date: Sun, 02 Nov 2025 10:00:00 +0100',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="--b1"',
  '',
  '----b1',
  'Content-Type: multipart/alternative; boundary="--b2"',
  '',
  '----b2',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: 8bit',
  '',
  'Bonjour Renée,',
  'Net payout: 1 234,50 €',
  '----b2',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Bonjour <b>HTML</b></p>',
  '----b2--',
  '----b1',
  'Content-Type: application/pdf; name="releve.pdf"',
  'Content-Transfer-Encoding: base64',
  "Content-Disposition: attachment; filename*=UTF-8''relev%C3%A9-caf%C3%A9.pdf",
  '',
  PDF.toString('base64'),
  '----b1--',
]);

const QUOTED_PRINTABLE = eml([
  'From: statements@example.com',
  'To: ann@example.com, bob@example.com',
  'Subject: Owner statement',
  'Date: Sat, 01 Nov 2025 09:00:00 +0000',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=iso-8859-1',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Caf=E9 Loft: a line long enough that the mailer broke it with a soft line =',
  'break, and an equals sign =3D kept.',
]);

describe('Outbox.read', () => {
  it('reads a multipart mail: encoded-word subject and name, text part, PDF attachment', async () => {
    writeFileSync(join(dir, 'a.eml'), MULTIPART);
    const mail = await outbox.read('a.eml');
    expect(mail).toEqual({
      id: 'a.eml',
      date: '2025-11-02T09:00:00.000Z',
      to: '"Renée Müller" <renee@example.com>',
      from: '"Statements" <statements@example.com>',
      subject: 'Relevé du propriétaire : Café Loft',
      size: Buffer.byteLength(MULTIPART),
      text: 'Bonjour Renée,\nNet payout: 1 234,50 €',
      attachments: [{ filename: 'relevé-café.pdf', contentType: 'application/pdf', size: PDF.length }],
    });
  });

  it('decodes a quoted-printable body in its charset, soft line breaks joined', async () => {
    writeFileSync(join(dir, 'q.eml'), QUOTED_PRINTABLE);
    const mail = await outbox.read('q.eml');
    expect(mail?.text).toBe(
      // The body's last line break is part of the text.
      'Café Loft: a line long enough that the mailer broke it with a soft line break, and an equals sign = kept.\n',
    );
    expect(mail?.to).toBe('ann@example.com, bob@example.com');
    expect(mail?.attachments).toEqual([]);
  });

  it('reads back what our mailer wrote', async () => {
    const mailer = createMailer({ from: 'statements@test.local', outboxDir: dir });
    const sent = await mailer.send({
      to: 'owner@example.com',
      subject: 'Owner statement: Café Loft, Oct 2025',
      text: `Net payout: $1,234.50\n${'A long line that nodemailer folds. '.repeat(5)}`,
      attachments: [{ filename: 'statement-Café.pdf', content: PDF, contentType: 'application/pdf' }],
    });
    const id = sent.file?.split('/').pop() ?? '';
    const mail = await outbox.read(id);
    expect(mail).toMatchObject({
      to: 'owner@example.com',
      from: 'statements@test.local',
      subject: 'Owner statement: Café Loft, Oct 2025',
      text: `Net payout: $1,234.50\n${'A long line that nodemailer folds. '.repeat(5)}`,
      attachments: [{ filename: 'statement-Café.pdf', contentType: 'application/pdf', size: PDF.length }],
    });
    expect(Date.parse(mail?.date ?? '')).not.toBeNaN();
  });

  it('answers undefined for a missing file or a name that is not an outbox file', async () => {
    expect(await outbox.read('nope.eml')).toBeUndefined();
    expect(await outbox.read('../secret.eml')).toBeUndefined();
  });
});

describe('Outbox.list', () => {
  it('lists newest first with decoded headers and file sizes', async () => {
    writeFileSync(join(dir, '2025-11-01-q.eml'), QUOTED_PRINTABLE);
    writeFileSync(join(dir, '2025-11-02-a.eml'), MULTIPART);
    writeFileSync(join(dir, 'notes.txt'), 'not a mail');
    expect(await outbox.list()).toEqual([
      {
        id: '2025-11-02-a.eml',
        date: '2025-11-02T09:00:00.000Z',
        to: '"Renée Müller" <renee@example.com>',
        subject: 'Relevé du propriétaire : Café Loft',
        size: Buffer.byteLength(MULTIPART),
      },
      {
        id: '2025-11-01-q.eml',
        date: '2025-11-01T09:00:00.000Z',
        to: 'ann@example.com, bob@example.com',
        subject: 'Owner statement',
        size: Buffer.byteLength(QUOTED_PRINTABLE),
      },
    ]);
  });

  it('gives null for headers a mail does not have', async () => {
    writeFileSync(join(dir, 'bare.eml'), eml(['X-Note: nothing else', '', 'body']));
    expect(await outbox.list()).toEqual([
      {
        id: 'bare.eml',
        date: null,
        to: null,
        subject: null,
        size: Buffer.byteLength(eml(['X-Note: nothing else', '', 'body'])),
      },
    ]);
  });

  it('is empty when the outbox folder does not exist yet', async () => {
    expect(await new Outbox({ dir: join(dir, 'missing'), active: true }).list()).toEqual([]);
  });
});
