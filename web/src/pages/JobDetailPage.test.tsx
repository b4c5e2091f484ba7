import { act, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunningJobs } from '../components/RunningJobs.js';
import {
  FakeEventSource,
  Follow,
  finishedEvent,
  job,
  jsonResponse,
  renderWithApp,
  stubFetch,
} from '../test/helpers.js';
import { JobDetailPage } from './JobDetailPage.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const finished = job({
  id: 'job_01done',
  status: 'completed',
  progress: 3,
  total: 3,
  completedAt: '2025-11-01T10:02:05.000Z',
  counts: { generated: 1, skipped: 1, errors: 1 },
  result: {
    summary: { generated: 1, skipped: 1, errors: 1 },
    results: {
      generated: [
        { propertyId: '10001', propertyName: 'Beach House', ownerId: '1001', statementId: 'stm_1' },
      ],
      skipped: [{ propertyId: '10002', propertyName: 'City Loft', reason: 'no activity in the period' }],
      errors: [
        { propertyId: '10003', propertyName: 'Barn', code: 'hostify_error', error: 'Hostify timed out' },
      ],
    },
  },
});

describe('JobDetailPage', () => {
  it("shows each generated property's warnings and the reservations on no known property", async () => {
    const warned = job({
      ...finished,
      id: 'job_01warn',
      result: {
        summary: { generated: 2, skipped: 0, errors: 0, warnings: 2 },
        results: {
          generated: [
            {
              propertyId: '10001',
              propertyName: 'Beach House',
              ownerId: '1001',
              statementId: 'stm_1',
              warnings: 1,
            },
            {
              propertyId: '10002',
              propertyName: 'City Loft',
              ownerId: '1001',
              statementId: 'stm_2',
              warnings: 0,
            },
          ],
          skipped: [],
          errors: [],
        },
        unattributed: [
          {
            reservationId: '14',
            listingId: '999',
            message: 'reservation 14 on listing 999 belongs to no known property',
          },
        ],
      },
    });
    stubFetch(({ method, path }) =>
      method === 'GET' && path === '/api/statements/jobs/job_01warn' ? jsonResponse(200, warned) : undefined,
    );
    renderWithApp(<JobDetailPage id="job_01warn" />, { role: 'viewer', path: '/jobs/job_01warn' });
    const table = await screen.findByRole('table', { name: /generated/i });
    expect(within(table).getByRole('columnheader', { name: 'Warnings' })).toBeInTheDocument();
    const beach = within(table).getByText('Beach House').closest('tr');
    expect(beach).toHaveTextContent('⚠ 1');
    expect(
      screen.getByRole('heading', { name: 'Reservations on no known property (1)' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Unattributed reservations' })).toHaveTextContent(
      'reservation 14 on listing 999',
    );
  });

  it('lists generated, skipped and errored properties, and retries the failed ones', async () => {
    const { requests, location } = (() => {
      const stub = stubFetch(({ method, path }) => {
        if (method === 'GET' && path === '/api/statements/jobs/job_01done')
          return jsonResponse(200, finished);
        if (method === 'POST' && path === '/api/statements/jobs/job_01done/retry') {
          return jsonResponse(202, {
            message: 'Bulk statement generation started in background',
            jobId: 'job_01retry',
            status: 'processing',
            note: 'n',
            statusUrl: '/api/statements/jobs/job_01retry',
          });
        }
        return undefined;
      });
      const rendered = renderWithApp(<JobDetailPage id="job_01done" />, {
        role: 'editor',
        path: '/jobs/job_01done',
      });
      return { ...stub, ...rendered };
    })();

    // Titled in words; the id is only a detail.
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Generate All · October 2025' }),
    ).toBeInTheDocument();
    expect(document.title).toBe('Generate All · October 2025 · Owner Statements');
    expect(screen.getByText('Status: Completed with errors')).toHaveClass('job-status-warning');
    expect(screen.getByText('job_01done')).toBeInTheDocument();
    const section = (name: string) => {
      const heading = screen.getByRole('heading', { name });
      const parent = heading.parentElement;
      if (!parent) throw new Error('no section');
      return parent;
    };
    expect(within(section('Generated')).getByRole('link', { name: 'View statement' })).toHaveAttribute(
      'href',
      '/statements/stm_1',
    );
    expect(section('Skipped')).toHaveTextContent('City Loft');
    expect(section('Skipped')).toHaveTextContent('no activity in the period');
    expect(section('Errors')).toHaveTextContent('Barn');
    expect(section('Errors')).toHaveTextContent('Hostify timed out');
    // In words, with the next step (errorText.ts), not the bare code.
    expect(section('Errors')).toHaveTextContent('Hostify answered with an error.');
    expect(section('Errors')).toHaveTextContent('Try again later');

    await userEvent.click(screen.getByRole('button', { name: 'Retry failed' }));
    await waitFor(() => expect(location.history.at(-1)).toBe('/jobs/job_01retry'));
    expect(requests.some((r) => r.method === 'POST' && r.path.endsWith('/retry'))).toBe(true);
  });

  it('has no "Retry failed" for viewers or when nothing failed', async () => {
    stubFetch(({ path }) =>
      path === '/api/statements/jobs/job_01done' ? jsonResponse(200, finished) : undefined,
    );
    renderWithApp(<JobDetailPage id="job_01done" />, { role: 'viewer' });
    expect(await screen.findByRole('heading', { name: 'Errors' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry failed' })).not.toBeInTheDocument();
  });

  it('reads the job again for its lists when the stream says it ended (the final event has none)', async () => {
    FakeEventSource.instances = [];
    const running = job({ id: 'job_01done', status: 'processing', progress: 2, total: 3 });
    let ended = false;
    const { requests } = stubFetch(({ method, path }) =>
      method === 'GET' && path === '/api/statements/jobs/job_01done'
        ? jsonResponse(200, ended ? finished : running)
        : undefined,
    );
    renderWithApp(
      <>
        <Follow job={running} />
        <RunningJobs />
        <JobDetailPage id="job_01done" />
      </>,
      { path: '/jobs/job_01done' },
    );
    expect(await screen.findByText('Status: Running')).toBeInTheDocument();
    const reads = () => requests.filter((r) => r.path === '/api/statements/jobs/job_01done').length;
    const before = reads();

    ended = true;
    act(() =>
      FakeEventSource.latest().emit(
        'completed',
        finishedEvent({
          id: 'job_01done',
          progress: 3,
          total: 3,
          counts: { generated: 1, skipped: 1, errors: 1 },
          summary: { generated: 1, skipped: 1, errors: 1 },
        }),
      ),
    );
    expect(await screen.findByText('Status: Completed with errors')).toBeInTheDocument();
    expect(reads()).toBeGreaterThan(before);
    expect(await screen.findByText('Hostify timed out')).toBeInTheDocument();
    expect(screen.getByText('City Loft')).toBeInTheDocument();
  });

  it('offers "Retry failed" only when a failed item can pass on a retry, and says why not', async () => {
    const failedWith = (...codes: string[]) =>
      job({
        ...finished,
        id: 'job_01codes',
        counts: { generated: 1, skipped: 0, errors: codes.length },
        result: {
          summary: { generated: 1, skipped: 0, errors: codes.length },
          results: {
            generated: [],
            skipped: [],
            errors: codes.map((code, i) => ({
              propertyId: `1000${i}`,
              propertyName: `House ${i}`,
              code,
              error: `${code} happened`,
            })),
          },
        },
      });
    let answer = failedWith('hostify_auth', 'not_found');
    stubFetch(({ path }) =>
      path === '/api/statements/jobs/job_01codes' ? jsonResponse(200, answer) : undefined,
    );
    const first = renderWithApp(<JobDetailPage id="job_01codes" />, { role: 'editor' });
    expect(await screen.findByText('Hostify refused the API key.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry failed' })).not.toBeInTheDocument();
    expect(screen.getByText(/None of the 2 errors can pass on a retry/)).toBeInTheDocument();
    first.unmount();

    answer = failedWith('mixed_currency', 'not_found');
    renderWithApp(<JobDetailPage id="job_01codes" />, { role: 'editor' });
    expect(await screen.findByRole('button', { name: 'Retry failed' })).toBeInTheDocument();
    expect(screen.getByText(/1 error of 2 will fail again on a retry/)).toBeInTheDocument();
    expect(
      screen.getByText(
        'A reservation is in a different currency than its property, so the amounts cannot be added up.',
      ),
    ).toBeInTheDocument();
  });

  it('shows what a cancelled job did, never "0 / ?"', async () => {
    const cancelled = job({
      id: 'job_01stop',
      status: 'cancelled',
      progress: 32,
      total: 160,
      counts: { generated: 30, skipped: 2, errors: 0 },
      result: {
        summary: { generated: 30, skipped: 2, errors: 0 },
        results: { generated: [], skipped: [], errors: [] },
      },
    });
    stubFetch(({ path }) =>
      path === '/api/statements/jobs/job_01stop' ? jsonResponse(200, cancelled) : undefined,
    );
    renderWithApp(<JobDetailPage id="job_01stop" />, { role: 'viewer' });
    expect(await screen.findByText('Status: Cancelled')).toBeInTheDocument();
    expect(
      screen.getByText('32 of 160 before it was cancelled — 30 generated, 2 skipped'),
    ).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('?');
  });
});
