/**
 * Sends e-mail through SMTP (nodemailer over SMTP_URL), or — without SMTP_URL, as in demo mode —
 * writes each message as an .eml file into DATA_DIR/outbox, so the whole flow can be seen
 * without a mail server.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';

export interface MailMessage {
  to: string;
  subject: string;
  /** The plain-text part (always sent: some owners read mail as text only). */
  text: string;
  /** The HTML part, when there is one (multipart/alternative with the text). */
  html?: string;
  /**
   * The sender's display name, put before MAIL_FROM's address when MAIL_FROM gives none
   * (`Acme Rentals <statements@acme.test>`).
   */
  fromName?: string;
  /** Where replies go (the company's own address rather than a statements robot's). */
  replyTo?: string;
  /** `cid`: an image the HTML shows inline (`<img src="cid:…">`) rather than a file to open. */
  attachments?: Array<{ filename: string; content: Buffer; contentType: string; cid?: string }>;
}

export interface SentMail {
  messageId: string;
  via: 'smtp' | 'outbox';
  /** The .eml file, in outbox mode. */
  file?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<SentMail>;
}

/** MAIL_FROM, with the message's display name when MAIL_FROM has none of its own. */
export function senderOf(from: string, name: string | undefined): Mail.Address | string {
  if (!name || from.includes('<')) return from;
  return { name, address: from };
}

function options(from: string, message: MailMessage): Mail.Options {
  const { fromName, attachments, ...rest } = message;
  return {
    ...rest,
    from: senderOf(from, fromName),
    ...(attachments
      ? {
          attachments: attachments.map((a) => ({
            ...a,
            ...(a.cid ? { contentDisposition: 'inline' as const } : {}),
          })),
        }
      : {}),
  };
}

export function createMailer(opts: { smtpUrl?: string; from: string; outboxDir: string }): Mailer {
  if (opts.smtpUrl) {
    const transport = nodemailer.createTransport(opts.smtpUrl);
    return {
      async send(message) {
        const info = await transport.sendMail(options(opts.from, message));
        return { messageId: String(info.messageId), via: 'smtp' };
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transport.sendMail(options(opts.from, message));
      await mkdir(opts.outboxDir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = join(opts.outboxDir, `${stamp}-${randomBytes(3).toString('hex')}.eml`);
      await writeFile(file, info.message as Buffer);
      return { messageId: String(info.messageId), via: 'outbox', file };
    },
  };
}
