import { act, fireEvent, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DashboardPage } from '../pages/DashboardPage.js';
import {
  errorResponse,
  FakeEventSource,
  job,
  jsonResponse,
  owners,
  properties,
  renderWithApp,
  stubFetch,
} from '../test/helpers.js';
import { RunningJobs } from './RunningJobs.js';

beforeEach(() => {
  FakeEventSource.instances = [];
});
afterEach(() => {
  vi.restoreAllMocks();
});

const sendingJob = job({
  id: 'job_01send',
  type: 'statement_delivery',
  total: 3,
  params: { periodStart: '2025-10-01', periodEnd: '2025-10-31' },
});

function stubApi(previewCount: number) {
  return stubFetch(({ method, path }) => {
    if (path === '/api/owners') return jsonResponse(200, { owners });
    if (path.startsWith('/api/properties')) return jsonResponse(200, { properties });
    if (path.startsWith('/api/statements?')) return jsonResponse(200, { statements: [], nextCursor: null });
    if (path.startsWith('/api/statements/send/preview')) {
      return jsonResponse(200, { count: previewCount, statements: [] });
    }
    if (method === 'POST' && path === '/api/statements/send') {
      return jsonResponse(202, {
        message: 'Sending the final statements started in background',
        jobId: 'job_01send',
        status: 'processing',
        note: '',
        statusUrl: '/api/statements/jobs/job_01send',
        count: previewCount,
      });
    }
    if (path === '/api/statements/jobs/job_01send') return jsonResponse(200, sendingJob);
    return undefined;
  });
}

async function choosePeriod() {
  const from = await screen.findByLabelText('Period from');
  fireEvent.change(from, { target: { value: '2025-10-01' } });
  fireEvent.change(screen.getByLabelText('Period to'), { target: { value: '2025-10-31' } });
}

describe('Send all final statements', () => {
  it('needs a period, says how many will be sent, starts the job and shows its progress', async () => {
    const user = userEvent.setup();
    const { requests } = stubApi(3);
    renderWithApp(
      <>
        <RunningJobs />
        <DashboardPage />
      </>,
      { role: 'editor' },
    );
    const button = await screen.findByRole('button', { name: 'Send all final statements' });
    expect(button).toBeDisabled();
    await choosePeriod();
    await user.selectOptions(screen.getByLabelText('Filter by owner'), '1001');
    await user.click(button);

    const dialog = await screen.findByRole('dialog', { name: 'Send all final statements' });
    expect(
      await within(dialog).findByText(
        /3 final statements of Ann Lee for .* will be e-mailed to their owners/,
      ),
    ).toBeInTheDocument();
    expect(requests.find((r) => r.path.startsWith('/api/statements/send/preview'))?.path).toBe(
      '/api/statements/send/preview?periodStart=2025-10-01&periodEnd=2025-10-31&ownerId=1001',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Send 3 statements' }));

    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      periodStart: '2025-10-01',
      periodEnd: '2025-10-31',
      ownerId: '1001',
    });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await screen.findByText('Sending 3 statements in the background')).toBeInTheDocument();

    // The progress bar of generation jobs, labelled and counted for sending.
    expect(await screen.findByText(/^Send all · /)).toBeInTheDocument();
    expect(FakeEventSource.latest().url).toBe('/api/statements/jobs/job_01send/events');
    act(() =>
      FakeEventSource.latest().emit('progress', {
        progress: 1,
        total: 3,
        counts: { generated: 1, skipped: 0, errors: 0 },
      }),
    );
    expect(await screen.findByText('Sending · 1 / 3')).toBeInTheDocument();
    expect(screen.getByText('1 sent')).toBeInTheDocument();
  });

  it('offers only Close when nothing is ready to send', async () => {
    const user = userEvent.setup();
    const { requests } = stubApi(0);
    renderWithApp(<DashboardPage />, { role: 'editor' });
    await choosePeriod();
    await user.click(screen.getByRole('button', { name: 'Send all final statements' }));
    const dialog = await screen.findByRole('dialog', { name: 'Send all final statements' });
    expect(await within(dialog).findByText(/No final, unsent statement for/)).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: /^Send / })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('keeps the dialog open with the server’s message when the job cannot start', async () => {
    const user = userEvent.setup();
    stubFetch(({ method, path }) => {
      if (path.startsWith('/api/statements/send/preview'))
        return jsonResponse(200, { count: 2, statements: [] });
      if (method === 'POST' && path === '/api/statements/send') {
        return errorResponse(
          409,
          'job_running',
          'the statements of 2025-10-01 to 2025-10-31 are already being sent',
        );
      }
      if (path.startsWith('/api/statements?')) return jsonResponse(200, { statements: [], nextCursor: null });
      return jsonResponse(200, { owners: [], properties: [] });
    });
    renderWithApp(<DashboardPage />, { role: 'editor' });
    await choosePeriod();
    await user.click(screen.getByRole('button', { name: 'Send all final statements' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(await within(dialog).findByRole('button', { name: 'Send 2 statements' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('already being sent');
  });

  it('is not offered to viewers', async () => {
    stubApi(1);
    renderWithApp(<DashboardPage />, { role: 'viewer' });
    await screen.findByLabelText('Period from');
    expect(screen.queryByRole('button', { name: 'Send all final statements' })).not.toBeInTheDocument();
  });
});
