import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JobDetailPage } from '../pages/JobDetailPage.js';
import { job, jsonResponse, owners, renderWithApp, stubFetch } from '../test/helpers.js';
import { DeliveryPreference } from './DeliveryPreference.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const covered = (n: number, status: 'draft' | 'final' | 'sent' = 'final') => ({
  statementId: `stm_${n}`,
  propertyId: String(10000 + n),
  propertyName: `Villa ${n}`,
  status,
});

const sending = job({
  id: 'job_01send',
  type: 'statement_delivery',
  status: 'completed',
  progress: 4,
  total: 4,
  params: { periodStart: '2025-10-01', periodEnd: '2025-10-31' },
  completedAt: '2025-11-01T10:02:05.000Z',
  counts: { generated: 3, skipped: 1, errors: 1 },
  result: {
    summary: { generated: 3, skipped: 1, errors: 1 },
    results: {
      generated: [
        {
          propertyId: 'owner:1001',
          propertyName: 'Ann Lee',
          ownerId: '1001',
          ownerName: 'Ann Lee',
          statementId: null,
          mail: 'owner',
          statements: [covered(1), covered(2), covered(3, 'sent')],
        },
        ...[4, 5].map((n) => ({
          propertyId: String(10000 + n),
          propertyName: `Villa ${n}`,
          ownerId: '1002',
          ownerName: 'Bob Ray',
          statementId: `stm_${n}`,
          mail: 'statement' as const,
          statements: [covered(n)],
        })),
      ],
      skipped: [
        {
          propertyId: 'owner:1003',
          propertyName: 'Cy Doe',
          ownerId: '1003',
          ownerName: 'Cy Doe',
          reason: 'not_ready',
          mail: 'owner',
          statements: [covered(6), covered(7, 'draft')],
        },
      ],
      errors: [
        {
          propertyId: 'owner:1004',
          propertyName: 'Di Fox',
          ownerId: '1004',
          ownerName: 'Di Fox',
          code: 'mail_failed',
          error: 'the e-mail to di@example.com could not be sent: mailbox unavailable',
          mail: 'owner',
          statements: [covered(8), covered(9)],
        },
      ],
    },
  },
});

describe('a sending job’s page', () => {
  it('shows one line per owner: the combined e-mail, a per-property owner’s e-mails, who was not ready', async () => {
    stubFetch(({ path }) =>
      path === '/api/statements/jobs/job_01send' ? jsonResponse(200, sending) : undefined,
    );
    renderWithApp(<JobDetailPage id="job_01send" />, { role: 'viewer', path: '/jobs/job_01send' });
    const sent = await screen.findByRole('table', { name: 'Sent' });
    const rows = within(sent).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]?.textContent)).toEqual(['Ann Lee', 'Bob Ray']);
    expect(rows[0]).toHaveTextContent('One e-mail, 3 statements in one PDF');
    expect(within(rows[0] as HTMLElement).getByRole('link', { name: 'Villa 1' })).toHaveAttribute(
      'href',
      '/statements/stm_1',
    );
    expect(rows[0]).toHaveTextContent('Villa 3 (sent before)');
    expect(rows[1]).toHaveTextContent('2 e-mails, one per property');
    expect(rows[1]).toHaveTextContent('Villa 4Villa 5');

    const skipped = screen.getByRole('table', { name: 'Skipped' });
    expect(skipped).toHaveTextContent('Cy Doe');
    expect(skipped).toHaveTextContent('Villa 7 (draft)');
    expect(skipped).toHaveTextContent('not_ready — drafts left in the period');

    const errors = screen.getByRole('table', { name: 'Errors' });
    expect(errors).toHaveTextContent('Di Fox');
    expect(errors).toHaveTextContent('mailbox unavailable');
  });
});

describe('DeliveryPreference', () => {
  const ann = { id: '1001', name: 'Ann Lee', delivery: 'combined' as const };

  it('lets an editor choose one e-mail per property, and saves it', async () => {
    const user = userEvent.setup();
    const { requests } = stubFetch(({ method, path }) =>
      method === 'PUT' && path === '/api/owners/1001/delivery'
        ? jsonResponse(200, { ...owners[0], delivery: 'per_property' })
        : undefined,
    );
    renderWithApp(<DeliveryPreference owner={ann} />, { role: 'editor' });
    const select = screen.getByRole('combobox', { name: 'Statements e-mailed to Ann Lee' });
    expect(select).toHaveValue('combined');
    await user.selectOptions(select, 'One e-mail per property');
    expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({ delivery: 'per_property' });
  });

  it('says why a change was refused', async () => {
    const user = userEvent.setup();
    stubFetch(({ method }) =>
      method === 'PUT'
        ? jsonResponse(404, { error: { code: 'not_found', message: 'owner 1001 not found' } })
        : undefined,
    );
    renderWithApp(<DeliveryPreference owner={ann} />, { role: 'editor' });
    await user.selectOptions(screen.getByRole('combobox'), 'One e-mail per property');
    expect(await screen.findByRole('alert')).toHaveTextContent('owner 1001 not found');
  });

  it('only shows the choice to viewers', () => {
    renderWithApp(<DeliveryPreference owner={{ ...ann, delivery: 'per_property' }} />, { role: 'viewer' });
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    expect(screen.getByText('One e-mail per property')).toBeInTheDocument();
  });
});
