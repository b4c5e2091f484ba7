import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_BULK_IDS as SERVER_MAX_BULK_IDS } from '../../src/contract/bulk-actions.js';
import { MAX_PDF_ZIP_IDS } from '../../src/contract/statements.js';
import { ApiError, api, MAX_BULK_IDS, MAX_ZIP_IDS, onUnauthorized } from './api.js';
import { errorResponse, jsonResponse, statement, stubFetch } from './test/helpers.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const body = { ownerId: 'all', startDate: '2025-10-01', endDate: '2025-10-31' } as const;

describe('api', () => {
  it('tells the 202 job answer from the 201 statement answers', async () => {
    stubFetch(() =>
      jsonResponse(202, {
        message: 'Bulk statement generation started in background',
        jobId: 'job_01a',
        status: 'processing',
        note: 'n',
        statusUrl: '/api/statements/jobs/job_01a',
      }),
    );
    expect(await api.generate(body)).toMatchObject({ kind: 'job', jobId: 'job_01a' });

    vi.restoreAllMocks();
    stubFetch(() => jsonResponse(201, { message: 'ok', statement: statement() }));
    expect(await api.generate({ ...body, ownerId: '1001', propertyId: '10001' })).toMatchObject({
      kind: 'statement',
      statement: { id: 'stm_1' },
    });

    vi.restoreAllMocks();
    stubFetch(() => jsonResponse(201, { message: 'ok', statements: [], skipped: [], errors: [] }));
    expect(await api.generate({ ...body, ownerId: '1001' })).toMatchObject({ kind: 'owner', statements: [] });
  });

  it('throws an ApiError with status, code and message on non-2xx', async () => {
    stubFetch(() => errorResponse(409, 'invalid_transition', 'a sent statement cannot become draft'));
    const error = await api.setStatementStatus('stm_1', 'draft').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 409,
      code: 'invalid_transition',
      message: 'a sent statement cannot become draft',
    });
  });

  it('sends JSON with the same-origin cookie on writes, `{}` when there is no body', async () => {
    const { requests, spy } = stubFetch(() => new Response(null, { status: 204 }));
    await api.deleteStatement('stm_1');
    expect(requests[0]).toMatchObject({ method: 'DELETE', path: '/api/statements/stm_1', body: {} });
    expect(requests[0]?.headers.get('content-type')).toBe('application/json');
    expect(spy.mock.calls[0]?.[1]).toMatchObject({ credentials: 'same-origin' });
  });

  it('builds list queries without empty filters', async () => {
    const { requests } = stubFetch(() => jsonResponse(200, { statements: [], nextCursor: null }));
    await api.listStatements({ ownerId: '1001', status: undefined, limit: 50 });
    expect(requests[0]?.path).toBe('/api/statements?ownerId=1001&limit=50');
  });

  it('reports a 401 (session ended) to the listeners, but not a failed sign-in', async () => {
    const listener = vi.fn();
    const stop = onUnauthorized(listener);
    stubFetch(() => errorResponse(401, 'unauthorized', 'sign in first'));
    await expect(api.login('a@b.c', 'wrong')).rejects.toMatchObject({ status: 401 });
    expect(listener).not.toHaveBeenCalled();
    await expect(api.owners()).rejects.toMatchObject({ status: 401 });
    expect(listener).toHaveBeenCalledTimes(1);
    stop();
  });

  it('tells the bulk route’s 202 job from its 200 result', async () => {
    const result = { action: 'finalize', done: [], refused: [] };
    stubFetch(({ body }) =>
      (body as { ids?: string[] }).ids?.length === 1
        ? jsonResponse(200, result)
        : jsonResponse(202, {
            jobId: 'job_b',
            action: 'finalize',
            count: 60,
            statusUrl: '/x',
            message: 'm',
            note: 'n',
            status: 'processing',
          }),
    );
    expect(await api.bulk({ action: 'finalize', ids: ['s1'] })).toEqual({ kind: 'result', ...result });
    expect(await api.bulk({ action: 'finalize', filter: {} })).toMatchObject({
      kind: 'job',
      jobId: 'job_b',
      count: 60,
    });
  });

  it('holds the server’s limits (repeated to keep zod out of the bundle)', () => {
    expect(MAX_ZIP_IDS).toBe(MAX_PDF_ZIP_IDS);
    expect(MAX_BULK_IDS).toBe(SERVER_MAX_BULK_IDS);
  });
});
