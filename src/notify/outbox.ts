/**
 * The demo outbox (DATA_DIR/outbox, written when there is no SMTP_URL): lists the .eml files,
 * newest first, with their date, recipient and subject, and reads one mail's text and
 * attachments. The MIME is mailparser's to read (encoded words, quoted-printable, base64,
 * nested multiparts), not ours.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type AddressObject, type Headers, type HeaderValue, MailParser, simpleParser } from 'mailparser';

export interface OutboxMail {
  id: string;
  date: string | null;
  to: string | null;
  subject: string | null;
  size: number;
}

export interface OutboxMailContent extends OutboxMail {
  from: string | null;
  text: string;
  /** size: the decoded attachment's bytes. */
  attachments: Array<{ filename: string; contentType: string; size: number }>;
}

/**
 * The outbox shows the plain-text part only (statement mails have an HTML part too): no HTML
 * built from the text, no links made in it.
 */
const PARSE_OPTIONS = { skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true } as const;

/** An address header as mailparser renders it ("Name" <address>, …); several headers joined. */
function addressText(value: HeaderValue | undefined): string | null {
  if (!value || typeof value !== 'object' || value instanceof Date) return null;
  const list = (Array.isArray(value) ? value : [value]) as AddressObject[];
  const text = list.map((a) => a.text).filter(Boolean);
  return text.length ? text.join(', ') : null;
}

function headerSummary(id: string, headers: Headers, size: number): OutboxMail {
  const date = headers.get('date');
  const subject = headers.get('subject');
  return {
    id,
    date: date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : null,
    to: addressText(headers.get('to')),
    subject: typeof subject === 'string' ? subject : null,
    size,
  };
}

/**
 * The root headers only: the parser is stopped as soon as it has them, so a listing does not
 * decode every attached PDF.
 */
async function readHeaders(path: string): Promise<Headers> {
  const file = createReadStream(path);
  const parser = new MailParser(PARSE_OPTIONS);
  try {
    return await new Promise<Headers>((resolve, reject) => {
      parser.once('headers', resolve);
      // A file that ends before its header block does: what was read is all there is.
      parser.once('end', () => resolve(new Map()));
      parser.on('error', reject);
      file.on('error', reject);
      // Drain what the parser emits, so it never waits on a reader.
      parser.on('data', (part) => {
        if (part.type === 'attachment') part.release?.();
      });
      file.pipe(parser);
    });
  } finally {
    file.destroy();
    parser.destroy();
  }
}

export class Outbox {
  constructor(
    private readonly options: {
      dir: string;
      /** False when mail goes over SMTP (then nothing new lands here). */
      active: boolean;
    },
  ) {}

  get active(): boolean {
    return this.options.active;
  }

  /** Newest first (the file names start with the time they were written). */
  async list(limit = 200): Promise<OutboxMail[]> {
    let names: string[];
    try {
      names = (await readdir(this.options.dir)).filter((n) => n.endsWith('.eml'));
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return [];
      throw error;
    }
    names.sort().reverse();
    return Promise.all(names.slice(0, limit).map((name) => this.summary(name)));
  }

  /** One mail, or undefined when there is no such file. */
  async read(id: string): Promise<OutboxMailContent | undefined> {
    if (!/^[A-Za-z0-9_-]+\.eml$/.test(id)) return undefined; // never a path outside the outbox
    let raw: Buffer;
    try {
      raw = await readFile(join(this.options.dir, id));
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return undefined;
      throw error;
    }
    const mail = await simpleParser(raw, PARSE_OPTIONS);
    return {
      ...headerSummary(id, mail.headers, raw.length),
      from: addressText(mail.headers.get('from')),
      text: mail.text ?? '',
      // Images the HTML part shows inline (the company logo) are part of the text, not files.
      attachments: mail.attachments
        .filter((a) => !a.related)
        .map((a) => ({
          filename: a.filename ?? 'attachment',
          contentType: a.contentType,
          size: a.size,
        })),
    };
  }

  private async summary(name: string): Promise<OutboxMail> {
    const path = join(this.options.dir, name);
    const [{ size }, headers] = await Promise.all([stat(path), readHeaders(path)]);
    return headerSummary(name, headers, size);
  }
}
