import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OwnerDetailsDto, OwnerStatementDto, SendAllPreview } from '../api.js';
import { jsonResponse, renderWithApp, statement, stubFetch } from '../test/helpers.js';
import { OwnerDelivery } from './OwnerDelivery.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const OCT = { periodStart: '2025-10-01', periodEnd: '2025-10-31' };
const beach = statement({ id: 'stm_beach', status: 'final' });
const loft = statement({ id: 'stm_loft', propertyId: '10002', propertyName: 'City Loft', status: 'final' });

const details = (delivery: 'combined' | 'per_property'): OwnerDetailsDto => ({
  owner: {
    id: '1001',
    email: 'ann@example.com',
    firstName: 'Ann',
    lastName: 'Lee',
    name: 'Ann Lee',
    isActive: true,
    delivery,
  },
  properties: [],
  periods: [],
});

const ownerStatement = (sections: OwnerStatementDto['sections']): OwnerStatementDto => ({
  owner: { id: '1001', name: 'Ann Lee', email: 'ann@example.com' },
  ...OCT,
  sections,
  totals: [],
  properties: [],
  missing: [],
  drafts: sections
    .filter((s) => s.status === 'draft')
    .map((s) => ({ propertyId: s.propertyId, propertyName: s.propertyName ?? '', statementId: s.id })),
  ready: sections.length > 0 && sections.every((s) => s.status !== 'draft'),
});

const preview: SendAllPreview = {
  count: 2,
  statements: [],
  emails: 1,
  owners: 1,
  mails: [
    {
      kind: 'owner',
      ownerId: '1001',
      ownerName: 'Ann Lee',
      statements: [beach, loft].map((s) => ({
        id: s.id,
        propertyId: s.propertyId,
        propertyName: s.propertyName,
        ownerId: '1001',
        status: 'final' as const,
      })),
    },
  ],
  notReady: [],
  alreadySent: [],
};

describe('sending on the owner page', () => {
  it('shows how the owner is e-mailed, changes it, and sends this owner’s period through the send-all dialog', async () => {
    const user = userEvent.setup();
    let delivery: 'combined' | 'per_property' = 'combined';
    const { requests } = stubFetch(({ method, path, body }) => {
      if (method === 'GET' && path === '/api/owners/1001') return jsonResponse(200, details(delivery));
      if (method === 'PUT' && path === '/api/owners/1001/delivery') {
        delivery = (body as { delivery: typeof delivery }).delivery;
        return jsonResponse(200, { ...details(delivery).owner, propertyCount: 2 });
      }
      if (path.startsWith('/api/statements/send/preview')) return jsonResponse(200, preview);
      return undefined;
    });
    renderWithApp(<OwnerDelivery ownerId="1001" statement={ownerStatement([beach, loft])} />, {
      role: 'editor',
    });
    const choice = await screen.findByRole('combobox', { name: 'Statements e-mailed to Ann Lee' });
    expect(choice).toHaveValue('combined');
    await user.selectOptions(choice, 'One e-mail per property');
    // The owner's details are read again and say the new choice.
    await waitFor(() =>
      expect(requests.filter((r) => r.method === 'GET' && r.path === '/api/owners/1001')).toHaveLength(2),
    );
    expect(screen.getByRole('combobox', { name: 'Statements e-mailed to Ann Lee' })).toHaveValue(
      'per_property',
    );

    await user.click(screen.getByRole('button', { name: 'Send owner statement' }));
    const dialog = await screen.findByRole('dialog', { name: 'Send all final statements' });
    expect(await within(dialog).findByText(/^1 e-mail to Ann Lee for/)).toBeInTheDocument();
    expect(requests.find((r) => r.path.startsWith('/api/statements/send/preview'))?.path).toBe(
      '/api/statements/send/preview?periodStart=2025-10-01&periodEnd=2025-10-31&ownerId=1001',
    );
  });

  it('offers no sending while a statement of the period is a draft, nor to viewers', async () => {
    stubFetch(({ path }) =>
      path === '/api/owners/1001' ? jsonResponse(200, details('combined')) : undefined,
    );
    const draft = { ...loft, status: 'draft' as const };
    const { unmount } = renderWithApp(
      <OwnerDelivery ownerId="1001" statement={ownerStatement([beach, draft])} />,
      { role: 'editor' },
    );
    const button = await screen.findByRole('button', { name: 'Send owner statement' });
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute('title', expect.stringMatching(/still a draft/));
    unmount();

    renderWithApp(<OwnerDelivery ownerId="1001" statement={ownerStatement([beach, loft])} />, {
      role: 'viewer',
    });
    expect(await screen.findByText('One e-mail for all properties')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send owner statement' })).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
  });
});
