import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { job, jsonResponse, renderWithApp, stubFetch } from '../test/helpers.js';
import { JobsPage } from './JobsPage.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('JobsPage', () => {
  it('shows each job’s outcome in words and what a cancelled one did, never "?"', async () => {
    const jobs = [
      job({
        id: 'job_1',
        status: 'completed',
        progress: 4,
        total: 4,
        counts: { generated: 2, skipped: 1, errors: 1 },
      }),
      job({
        id: 'job_2',
        status: 'completed',
        progress: 4,
        total: 4,
        counts: { generated: 4, skipped: 0, errors: 0 },
      }),
      job({
        id: 'job_3',
        status: 'cancelled',
        progress: 32,
        total: 160,
        counts: { generated: 32, skipped: 0, errors: 0 },
      }),
      job({ id: 'job_4', status: 'cancelled', progress: 0, total: null }),
      job({
        id: 'job_5',
        type: 'bulk_statement_action',
        status: 'failed',
        params: { action: 'finalize', statementIds: ['s'] },
      }),
    ];
    stubFetch(({ path }) =>
      path.startsWith('/api/statements/jobs?')
        ? jsonResponse(200, { jobs, nextCursor: null })
        : path.startsWith('/api/users')
          ? jsonResponse(200, { users: [] })
          : undefined,
    );
    renderWithApp(<JobsPage />, { role: 'viewer', path: '/jobs' });
    const table = await screen.findByRole('table', { name: 'Jobs' });
    const rows = within(table).getAllByRole('row').slice(1);
    const row = (i: number) => rows[i] as HTMLElement;
    expect(within(row(0)).getByText('Completed with errors')).toHaveClass('job-badge-warning');
    expect(within(row(1)).getByText('Completed')).toHaveClass('job-badge-success');
    expect(row(2)).toHaveTextContent('32 of 160 before it was cancelled');
    expect(within(row(2)).getByText('Cancelled')).toHaveClass('job-badge-cancelled');
    expect(row(3)).toHaveTextContent('Cancelled before it started');
    expect(within(row(4)).getByText('Failed')).toHaveClass('job-badge-failed');
    expect(row(4)).toHaveTextContent('Finalize');
    expect(table).not.toHaveTextContent('?');
  });
});
