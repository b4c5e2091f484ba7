/**
 * The OpenAPI document as a client reads it (GET /docs/json, no credentials): every answer of
 * every route says what it means, the main routes show examples with real dates that fit the
 * contract's schemas, and the docs page's security policy is the app's without inline styles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { errorResponseSchema } from '../../src/contract/common.js';
import { jobAcceptedSchema, jobSchema } from '../../src/contract/jobs.js';
import { ownerDetailsSchema, ownerStatementSchema } from '../../src/contract/owner-statements.js';
import {
  generateOneResponseSchema,
  generateOwnerResponseSchema,
  generateRequestSchema,
  listStatementsResponseSchema,
  statementSchema,
} from '../../src/contract/statements.js';
import { isValidIsoDate } from '../../src/domain/dates.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is arbitrary JSON
type Json = any;

let t: TestApp;
let doc: Json;

beforeAll(async () => {
  t = await startTestApp();
  const res = await t.request('GET', '/docs/json', undefined, { authorization: '' });
  expect(res.status).toBe(200);
  doc = res.body;
});
afterAll(async () => {
  await t?.close();
});

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function operations(): Array<{ name: string; path: string; method: string; op: Json }> {
  return Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({
      name: `${method.toUpperCase()} ${path}`,
      path,
      method,
      op: item[method],
    })),
  );
}

/** Every example a media object shows: `example`, or each named example's value. */
function examplesOf(media: Json): unknown[] {
  if (!media) return [];
  if (media.example !== undefined) return [media.example];
  return Object.values((media.examples ?? {}) as Record<string, { value: unknown }>).map((e) => e.value);
}

const json = (response: Json) => response?.content?.['application/json'];

/** Every string in a value that reads as a date or a timestamp. */
function datesIn(value: unknown): string[] {
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}(T|$)/.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(datesIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(datesIn);
  return [];
}

/** A date that exists (not 2025-02-30), a timestamp that parses to itself, and from this era. */
function isRealDate(s: string): boolean {
  if (!isValidIsoDate(s.slice(0, 10))) return false;
  if (s.length > 10 && new Date(s).toISOString() !== s) return false;
  return s >= '2020' && s < '2100';
}

/** The example as the schema reads it: unknown keys would be stripped, so equality means none. */
function expectFits(schema: z.ZodType, example: unknown, where: string) {
  const parsed = schema.safeParse(example);
  expect(parsed.error, `${where}: ${parsed.error?.message}`).toBeUndefined();
  expect(parsed.data, where).toEqual(example);
}

describe('the OpenAPI document', () => {
  it('describes every answer of every route, none as "Default Response"', () => {
    const ops = operations();
    // Every route the app has (the docs' and the web app's own files are hidden).
    const listed = new Set(ops.map((o) => o.name));
    for (const route of t.composition.app.apiRoutes) {
      if (route.url.startsWith('/docs') || !route.url.startsWith('/')) continue;
      const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      if (route.auth === 'public' && !/^\/(api|healthz|readyz|metrics)/.test(route.url)) continue;
      expect(listed, `${route.method} ${route.url} is in the document`).toContain(`${route.method} ${path}`);
    }
    const undescribed: string[] = [];
    for (const { name, op } of ops) {
      const statuses = Object.keys(op.responses ?? {});
      expect(
        statuses.some((s) => s.startsWith('2')),
        `${name} documents its success`,
      ).toBe(true);
      for (const status of statuses) {
        const d = op.responses[status].description;
        if (typeof d !== 'string' || d.trim() === '' || d === 'Default Response') {
          undescribed.push(`${name} ${status}`);
        }
      }
    }
    expect(undescribed).toEqual([]);
  });

  it('documents 401 on every route that needs a signed-in user, and no body on 204', () => {
    for (const { name, op } of operations()) {
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      if (name.includes(' /api/') && !isPublic) {
        expect(op.responses['401']?.description, name).toMatch(/unauthorized/);
        expect(json(op.responses['401'])?.example?.error?.code, name).toBe('unauthorized');
      }
      if (op.responses['204']) expect(op.responses['204'].content, name).toBeUndefined();
    }
    const generate = doc.paths['/api/statements/generate'].post;
    expect(generate.responses['403'].description).toContain('statements:generate');
    expect(json(generate.responses['403']).example.error).toEqual({
      code: 'forbidden',
      message: 'your role (viewer) may not do this (needs statements:generate)',
    });
  });

  it('shows examples with real dates that fit the schemas on the main routes', () => {
    const generate = doc.paths['/api/statements/generate'].post;
    // [where, schema, examples]; every one but the 202 (an id and a URL) carries dates.
    const shown: Array<[string, z.ZodType, unknown[]]> = [
      [
        'generate request',
        generateRequestSchema,
        examplesOf(generate.requestBody.content['application/json']),
      ],
      [
        'generate 201',
        // The 201 is one of two shapes: each example must be one of them exactly.
        generateOwnerResponseSchema.or(generateOneResponseSchema),
        examplesOf(json(generate.responses['201'])),
      ],
      ['generate 202', jobAcceptedSchema, examplesOf(json(generate.responses['202']))],
      [
        'job status',
        jobSchema,
        examplesOf(json(doc.paths['/api/statements/jobs/{jobId}'].get.responses['200'])),
      ],
      [
        'statement',
        statementSchema,
        examplesOf(json(doc.paths['/api/statements/{id}'].get.responses['200'])),
      ],
      [
        'statement list',
        listStatementsResponseSchema,
        examplesOf(json(doc.paths['/api/statements'].get.responses['200'])),
      ],
      [
        'owner statement',
        ownerStatementSchema,
        examplesOf(json(doc.paths['/api/owners/{id}/statement'].get.responses['200'])),
      ],
      ['owner', ownerDetailsSchema, examplesOf(json(doc.paths['/api/owners/{id}'].get.responses['200']))],
    ];
    for (const [where, schema, examples] of shown) {
      expect(examples.length, `${where} has examples`).toBeGreaterThan(0);
      for (const example of examples) {
        expectFits(schema, example, where);
        const dates = datesIn(example);
        if (where !== 'generate 202') expect(dates.length, `${where} shows dates`).toBeGreaterThan(0);
        expect(
          dates.filter((d) => !isRealDate(d)),
          `${where}: dates that are not real`,
        ).toEqual([]);
      }
    }
    // The request examples cover one property, one owner and Generate All, for October 2025.
    const requests = examplesOf(generate.requestBody.content['application/json']) as Json[];
    expect(requests.map((r) => [r.ownerId === 'all', r.propertyId !== undefined])).toEqual(
      expect.arrayContaining([
        [false, true],
        [false, false],
        [true, false],
      ]),
    );
    expect(requests.every((r) => r.startDate === '2025-10-01' && r.endDate === '2025-10-31')).toBe(true);
    // The job's examples show a running job and a finished one with its result.
    const jobs = examplesOf(json(doc.paths['/api/statements/jobs/{jobId}'].get.responses['200'])) as Json[];
    expect(jobs.map((j) => j.status)).toEqual(expect.arrayContaining(['processing', 'completed']));
  });

  it('shows an error example on every documented error of the main routes', () => {
    const main = [
      ['post', '/api/statements/generate'],
      ['get', '/api/statements'],
      ['get', '/api/statements/{id}'],
      ['put', '/api/statements/{id}/status'],
      ['delete', '/api/statements/{id}'],
      ['get', '/api/statements/jobs/{jobId}'],
      ['post', '/api/statements/jobs/{jobId}/cancel'],
      ['get', '/api/owners/{id}/statement'],
      ['get', '/api/owners/{id}/statement.pdf'],
    ] as const;
    for (const [method, path] of main) {
      const op = doc.paths[path][method];
      for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
        if (Number(status) < 400) continue;
        const examples = examplesOf(json(response));
        expect(examples.length, `${method} ${path} ${status} has an example`).toBeGreaterThan(0);
        for (const e of examples) expectFits(errorResponseSchema, e, `${method} ${path} ${status}`);
      }
    }
    const invalid = json(doc.paths['/api/statements/generate'].post.responses['400']).example;
    expect(invalid.error.code).toBe('validation_error');
    expect(invalid.error.details).toEqual([{ path: 'endDate', message: expect.any(String) }]);
  });

  it('documents the non-JSON answers with their media types', () => {
    const events = doc.paths['/api/statements/jobs/{jobId}/events'].get.responses['200'];
    const stream = events.content['text/event-stream'].schema.example as string;
    expect(stream).toMatch(/^event: item$/m);
    expect(stream).toMatch(/^event: completed$/m);
    // Each data line is the JSON the stream sends.
    for (const line of stream.split('\n').filter((l) => l.startsWith('data: '))) {
      expect(() => JSON.parse(line.slice(6))).not.toThrow();
    }
    expect(doc.paths['/api/statements/{id}/pdf'].get.responses['200'].content).toHaveProperty(
      'application/pdf',
    );
    const csv = doc.paths['/api/statements/{id}/csv'].get.responses['200'].content['text/csv'];
    expect(csv.schema.example).toContain('"2025-10-01..2025-10-31"');
  });
});

describe('the docs page security policy', () => {
  const directives = (header: string | null) =>
    new Map(
      (header ?? '')
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => {
          const [name = '', ...values] = d.split(/\s+/);
          return [name, values.join(' ')] as const;
        }),
    );

  it("is the app's policy with styles from files only", async () => {
    const page = await t.request('GET', '/docs', undefined, { authorization: '' });
    expect(page.status).toBe(200);
    const docs = directives(page.headers.get('content-security-policy'));
    const app = directives((await t.request('GET', '/api/auth/me')).headers.get('content-security-policy'));
    expect(docs.get('style-src')).toBe("'self'");
    expect(docs.get('script-src')).toBe("'self'");
    expect(app.get('script-src')).toBe("'self'");
    for (const [name, value] of app) if (name !== 'style-src') expect(docs.get(name), name).toBe(value);
    // The document and the page's files carry it too (they are the page's resources).
    const json = await t.request('GET', '/docs/json', undefined, { authorization: '' });
    expect(directives(json.headers.get('content-security-policy')).get('style-src')).toBe("'self'");
  });
});
