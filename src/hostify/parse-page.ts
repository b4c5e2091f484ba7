/**
 * Turns one list response body into validated items plus its paging hints, or a
 * HostifyResponseError whose message names the bad field (`reservations[3].checkIn: expected
 * YYYY-MM-DD (got "31/10/2025")`), so whoever reads the log knows exactly what Hostify sent.
 */
import type { z } from 'zod';
import { HostifyResponseError } from './errors.js';
import { countSchema, nextPageSchema } from './schemas.js';

export interface Page<T> {
  items: T[];
  /** Records on the page as sent, the ones left out by `onInvalid` included (for paging). */
  count: number;
  /** `total` of the response, or null when absent. */
  total: number | null;
  /** `next_page` when the response has that key (null = no more); undefined when it has not. */
  nextPage: number | null | undefined;
}

export interface PageContext {
  /** E.g. `GET /reservations (page 3)`, for the message. */
  request: string;
  path: string;
  redact: (text: string) => string;
  /**
   * When set, a record that does not validate is handed here (with the field and message) and
   * left out, instead of failing the whole page: one bad reservation must not fail a fetch (§4).
   */
  onInvalid?: (raw: unknown, field: string, message: string) => void;
}

export function parsePage<T>(body: unknown, key: string, item: z.ZodType<T>, context: PageContext): Page<T> {
  const bad = (where: string, message: string, value: unknown): never => {
    const got = value === undefined ? 'missing' : `got ${context.redact(preview(value))}`;
    throw new HostifyResponseError(
      `Hostify sent a malformed response for ${context.request}: ${where}: ${message} (${got})`,
      { path: context.path },
    );
  };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return bad('(body)', 'expected a JSON object', body);
  }
  const record = body as Record<string, unknown>;
  const list = record[key];
  if (!Array.isArray(list)) return bad(key, 'expected an array', list);

  const items: T[] = [];
  for (let i = 0; i < list.length; i++) {
    const raw: unknown = list[i];
    const result = item.safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0];
      const path = issue?.path ?? [];
      if (context.onInvalid) {
        const got = valueAt(raw, path);
        const shown = got === undefined ? 'missing' : `got ${context.redact(preview(got))}`;
        context.onInvalid(
          raw,
          formatPath(path).replace(/^\./, '') || '(record)',
          `${issue?.message ?? 'invalid'} (${shown})`,
        );
        continue;
      }
      bad(`${key}[${i}]${formatPath(path)}`, issue?.message ?? 'invalid', valueAt(raw, path));
    } else {
      items.push(result.data);
    }
  }

  const total = countSchema.safeParse(record.total);
  if (!total.success) return bad('total', 'expected a non-negative integer', record.total);
  let nextPage: number | null | undefined;
  if ('next_page' in record) {
    const parsed = nextPageSchema.safeParse(record.next_page);
    if (!parsed.success) return bad('next_page', 'expected a page number or null', record.next_page);
    nextPage = parsed.data;
  }
  return { items, count: list.length, total: total.data, nextPage };
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
