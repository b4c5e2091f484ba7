/**
 * The demo outbox (DATA_DIR/outbox, written when there is no SMTP_URL): lists the .eml files,
 * newest first, with their date, recipient and subject, and reads one mail's text. A small
 * reader for what our own mailer writes (nodemailer's MIME), not a general MIME parser.
 */
import { open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const HEAD_BYTES = 16 * 1024;

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
  attachments: Array<{ filename: string; contentType: string }>;
}

/** Splits a header block into lower-cased names and unfolded values. */
function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=), as nodemailer writes non-ASCII headers. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, data: string) => {
      if (enc.toUpperCase() === 'B') return Buffer.from(data, 'base64').toString('utf8');
      const bytes = data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => `%${h}`);
      try {
        return decodeURIComponent(bytes);
      } catch {
        return data;
      }
    });
}

function decodeBody(body: string, encoding: string | undefined): string {
  const enc = (encoding ?? '').toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    const joined = body.replace(/=\r?\n/g, '');
    return Buffer.from(
      joined.replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  }
  return body;
}

function splitHead(raw: string): { head: string; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  if (at < 0) return { head: raw, body: '' };
  const sep = raw.slice(at).match(/^\r?\n\r?\n/)?.[0].length ?? 2;
  return { head: raw.slice(0, at), body: raw.slice(at + sep) };
}

/** The first text/plain part and the attachments' names. */
function readParts(raw: string): { text: string; attachments: OutboxMailContent['attachments'] } {
  const { head, body } = splitHead(raw);
  const headers = parseHeaders(head);
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.toLowerCase().startsWith('multipart/') || !boundary) {
    return { text: decodeBody(body, headers.get('content-transfer-encoding')), attachments: [] };
  }
  let text = '';
  const attachments: OutboxMailContent['attachments'] = [];
  for (const part of body.split(`--${boundary}`).slice(1)) {
    if (part.startsWith('--')) break;
    const inner = readParts(part.replace(/^\r?\n/, ''));
    const partHeaders = parseHeaders(splitHead(part.replace(/^\r?\n/, '')).head);
    const partType = partHeaders.get('content-type') ?? 'text/plain';
    const disposition = partHeaders.get('content-disposition') ?? '';
    const filename =
      /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? /name="?([^";]+)"?/i.exec(partType)?.[1];
    if (/attachment/i.test(disposition) || (filename && !partType.startsWith('text/'))) {
      attachments.push({
        filename: decodeHeader(filename ?? 'attachment'),
        contentType: partType.split(';')[0] ?? '',
      });
    } else {
      if (!text && inner.text && !partType.toLowerCase().startsWith('text/html')) text = inner.text;
      attachments.push(...inner.attachments);
    }
  }
  return { text, attachments };
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
    let raw: string;
    try {
      raw = await readFile(join(this.options.dir, id), 'utf8');
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return undefined;
      throw error;
    }
    const headers = parseHeaders(splitHead(raw).head);
    return {
      ...this.fromHeaders(id, headers, Buffer.byteLength(raw)),
      from: headers.has('from') ? decodeHeader(headers.get('from') ?? '') : null,
      ...readParts(raw),
    };
  }

  /** Reads only the start of the file: the headers, not the attached PDF. */
  private async summary(name: string): Promise<OutboxMail> {
    const handle = await open(join(this.options.dir, name), 'r');
    try {
      const { size } = await handle.stat();
      const buffer = Buffer.alloc(Math.min(size, HEAD_BYTES));
      await handle.read(buffer, 0, buffer.length, 0);
      return this.fromHeaders(name, parseHeaders(splitHead(buffer.toString('utf8')).head), size);
    } finally {
      await handle.close();
    }
  }

  private fromHeaders(id: string, headers: Map<string, string>, size: number): OutboxMail {
    const date = headers.get('date');
    const parsed = date ? new Date(date) : null;
    return {
      id,
      date: parsed && !Number.isNaN(parsed.getTime()) ? parsed.toISOString() : null,
      to: headers.has('to') ? decodeHeader(headers.get('to') ?? '') : null,
      subject: headers.has('subject') ? decodeHeader(headers.get('subject') ?? '') : null,
      size,
    };
  }
}
