import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorResponse, job, jsonResponse, renderWithApp, stubFetch } from '../test/helpers.js';
import { JobsPage } from './JobsPage.js';
import { OutboxPage } from './OutboxPage.js';
import { SettingsPage } from './SettingsPage.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const schedule = {
  enabled: false,
  cron: '0 6 1 * *',
  timezone: 'UTC',
  calculationType: 'checkout',
  nextRunAt: null,
  updatedAt: null,
  updatedBy: null,
};

describe('SettingsPage', () => {
  it('lets admins turn the schedule on, shows the next run, and the server’s message for a bad cron', async () => {
    const user = userEvent.setup();
    const { requests } = stubFetch(({ method, path, body }) => {
      if (method === 'GET' && path === '/api/settings/schedule') return jsonResponse(200, schedule);
      if (method === 'PUT' && path === '/api/settings/schedule') {
        const b = body as { cron: string };
        if (b.cron === 'nonsense')
          return errorResponse(422, 'invalid_cron', '"nonsense" is not a valid cron expression');
        return jsonResponse(200, { ...schedule, ...b, nextRunAt: '2025-12-01T07:00:00.000Z' });
      }
      return undefined;
    });
    renderWithApp(<SettingsPage />);
    const form = await screen.findByRole('form', { name: 'Monthly schedule' });
    expect(within(form).getByTestId('next-run')).toHaveTextContent('the schedule is off');
    expect(screen.getByLabelText('E-mail me when my jobs end')).not.toBeChecked();

    await user.click(within(form).getByRole('button', { name: 'Advanced: use a cron expression' }));
    const cron = within(form).getByLabelText('Cron expression');
    expect(cron).toHaveValue('0 6 1 * *');
    await user.clear(cron);
    await user.type(cron, 'nonsense');
    await user.click(within(form).getByLabelText("Generate last month's statements on a schedule"));
    await user.click(within(form).getByRole('button', { name: 'Save schedule' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('not a valid cron expression');

    await user.clear(cron);
    await user.type(cron, '0 7 1 * *');
    await user.click(within(form).getByRole('button', { name: 'Save schedule' }));
    expect(await within(form).findByText('Schedule saved.')).toBeInTheDocument();
    expect(within(form).getByTestId('next-run')).not.toHaveTextContent('the schedule is off');
    expect(within(form).getByTestId('next-run').querySelector('time')).toHaveAttribute(
      'datetime',
      '2025-12-01T07:00:00.000Z',
    );
    expect(requests.filter((r) => r.method === 'PUT').at(-1)?.body).toEqual({
      enabled: true,
      cron: '0 7 1 * *',
      timezone: 'UTC',
      calculationType: 'checkout',
    });
  });
});

describe('OutboxPage', () => {
  it('lists the mails newest first and opens one', async () => {
    const user = userEvent.setup();
    stubFetch(({ path }) => {
      if (path === '/api/outbox') {
        return jsonResponse(200, {
          active: true,
          mails: [
            {
              id: 'b.eml',
              date: '2025-11-02T10:00:00.000Z',
              to: 'bob@example.com',
              subject: 'Owner statement: Loft',
              size: 10,
            },
            {
              id: 'a.eml',
              date: '2025-11-01T10:00:00.000Z',
              to: 'ann@example.com',
              subject: 'Owner statement: Villa',
              size: 10,
            },
          ],
        });
      }
      if (path === '/api/outbox/b.eml') {
        return jsonResponse(200, {
          id: 'b.eml',
          date: '2025-11-02T10:00:00.000Z',
          to: 'bob@example.com',
          from: 'statements@example.com',
          subject: 'Owner statement: Loft',
          size: 10,
          text: 'Dear Bob,\nNet payout: $10.00.',
          attachments: [{ filename: 'statement-Loft.pdf', contentType: 'application/pdf', size: 2048 }],
        });
      }
      return undefined;
    });
    renderWithApp(<OutboxPage />, { role: 'editor' });
    const table = await screen.findByRole('table', { name: 'Outbox' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[1]?.textContent)).toEqual([
      'bob@example.com',
      'ann@example.com',
    ]);
    expect(screen.getByText(/Demo mode: no SMTP_URL is set/)).toBeInTheDocument();
    await user.click(within(table).getByRole('button', { name: 'Owner statement: Loft' }));
    const mail = await screen.findByRole('region', { name: 'Owner statement: Loft' });
    expect(within(mail).getByText(/Net payout: \$10\.00\./)).toBeInTheDocument();
    expect(within(mail).getByText('statement-Loft.pdf')).toBeInTheDocument();
  });
});

describe('JobsPage with two job types', () => {
  it('names each job’s type and period', async () => {
    stubFetch(({ path }) => {
      if (path.startsWith('/api/statements/jobs')) {
        return jsonResponse(200, {
          jobs: [
            job({
              id: 'job_02',
              type: 'statement_delivery',
              status: 'completed',
              params: { periodStart: '2025-10-01', periodEnd: '2025-10-31' },
            }),
            job({ id: 'job_01', status: 'completed' }),
          ],
          nextCursor: null,
        });
      }
      if (path === '/api/users') return jsonResponse(200, { users: [] });
      return undefined;
    });
    renderWithApp(<JobsPage />);
    const table = await screen.findByRole('table', { name: 'Jobs' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0] as HTMLElement).getByText('Send all')).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByText('Generate All')).toBeInTheDocument();
    expect(within(rows[0] as HTMLElement).getByText(/Oct 1, 2025/)).toBeInTheDocument();
  });
});
