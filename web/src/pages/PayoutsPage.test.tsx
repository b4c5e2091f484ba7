import { fireEvent, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PayoutReportDto } from '../api.js';
import { formatMoney, monthRange } from '../format.js';
import { errorResponse, jsonResponse, renderWithApp, screenWidth, stubFetch } from '../test/helpers.js';
import { PayoutsPage } from './PayoutsPage.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const stmt = (
  id: string,
  propertyName: string,
  status: 'draft' | 'final' | 'sent',
  netPayout: number,
  currency = 'USD',
) => ({
  id,
  number: `${id}-2025-10`,
  propertyId: id,
  propertyName,
  status,
  currency,
  netPayout,
});

const report: PayoutReportDto = {
  periodStart: '2025-10-01',
  periodEnd: '2025-10-31',
  owners: [
    {
      ownerId: '1001',
      name: 'Ann Lee',
      email: 'ann@example.com',
      payouts: [
        { currency: 'EUR', netPayout: 41250, statementCount: 1 },
        { currency: 'USD', netPayout: 120000, statementCount: 2 },
      ],
      statements: [
        stmt('102', 'City Loft', 'final', 41250, 'EUR'),
        stmt('101', 'Beach House', 'sent', 100000),
        stmt('103', 'Cabin', 'final', 20000),
      ],
      drafts: [stmt('104', 'Chalet', 'draft', 9900)],
      withoutStatement: [{ propertyId: '105', propertyName: 'Garden Cottage' }],
    },
    {
      ownerId: '1002',
      name: 'Bob Ray',
      email: null,
      payouts: [{ currency: 'USD', netPayout: -9500, statementCount: 1 }],
      statements: [stmt('201', 'Harbor View', 'final', -9500)],
      drafts: [],
      withoutStatement: [],
    },
  ],
  totals: [
    {
      currency: 'EUR',
      netPayout: 41250,
      toPay: 41250,
      owed: 0,
      unassigned: 0,
      ownerCount: 1,
      statementCount: 1,
    },
    {
      currency: 'USD',
      netPayout: 110500,
      toPay: 120000,
      owed: 9500,
      unassigned: 0,
      ownerCount: 2,
      statementCount: 3,
    },
  ],
  counts: { owners: 2, statements: 4, drafts: 1, propertiesWithoutStatement: 2, ownersWithoutStatement: 1 },
  ownersWithoutStatement: [
    {
      ownerId: '1003',
      name: 'Cleo Park',
      email: 'cleo@example.com',
      properties: [{ propertyId: '301', propertyName: 'Lake House' }],
    },
  ],
};

const OCTOBER = { periodStart: '2025-10-01', periodEnd: '2025-10-31', statementCount: 6 };
const HALF = { periodStart: '2025-10-01', periodEnd: '2025-10-15', statementCount: 1 };

function stubReport(
  periods = [OCTOBER, HALF],
  answer: (path: string) => Response = () => jsonResponse(200, report),
) {
  return stubFetch(({ path }) => {
    if (path === '/api/reports/payouts/periods') return jsonResponse(200, { periods });
    if (path.startsWith('/api/reports/payouts?')) return answer(path);
    return undefined;
  });
}

const reportRequests = (requests: Array<{ path: string }>) =>
  requests.filter((r) => r.path.startsWith('/api/reports/payouts?')).map((r) => r.path);

describe('PayoutsPage', () => {
  it('opens on the latest period with statements and shows each owner’s payout per currency', async () => {
    const { requests } = stubReport();
    renderWithApp(<PayoutsPage />, { role: 'viewer', path: '/payouts' });
    const table = await screen.findByRole('table', { name: 'Payouts by owner' });
    expect(reportRequests(requests)).toEqual([
      '/api/reports/payouts?periodStart=2025-10-01&periodEnd=2025-10-31',
    ]);

    const [ann, bob] = within(table).getAllByRole('row').slice(1) as [HTMLElement, HTMLElement];
    expect(within(ann).getByRole('link', { name: 'Ann Lee' })).toHaveAttribute(
      'href',
      '/owners/1001?periodStart=2025-10-01&periodEnd=2025-10-31',
    );
    expect(ann).toHaveTextContent('ann@example.com');
    // One amount per currency, never one sum of both.
    expect([...ann.querySelectorAll('.payout-amount')].map((e) => e.textContent)).toEqual([
      formatMoney(41250, 'EUR'),
      formatMoney(120000, 'USD'),
    ]);
    expect(within(ann).getByRole('link', { name: 'Beach House' })).toHaveAttribute('href', '/statements/101');
    // The draft: in amber, linked, said not to be included.
    const draft = within(ann).getByRole('link', { name: 'Chalet' });
    expect(draft).toHaveAttribute('href', '/statements/104');
    expect(draft.closest('.payout-drafts')).toHaveTextContent('Draft not included');
    expect(ann).toHaveTextContent('No statement: Garden Cottage');

    // A negative payout is shown as owed, in words.
    expect(within(bob).getByText('owner owes')).toBeInTheDocument();
    expect(bob.querySelector('.payout-owed')).toHaveTextContent(`${formatMoney(-9500, 'USD')} owner owes`);
    expect(bob).toHaveTextContent('No e-mail address in Hostify');

    const totals = screen.getByRole('table', { name: 'Totals per currency' });
    const usd = within(totals).getByRole('row', { name: /USD/ });
    expect(usd).toHaveTextContent(formatMoney(120000, 'USD'));
    expect(usd).toHaveTextContent(formatMoney(9500, 'USD'));
    expect(usd).toHaveTextContent(formatMoney(110500, 'USD'));

    const attention = screen.getByRole('region', { name: 'Check before transferring' });
    expect(attention).toHaveTextContent('1 draft statement is not included');
    expect(attention).toHaveTextContent('1 owner owes you money');
    expect(screen.getByText(/1 owner with properties but no statement/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download CSV' })).toHaveAttribute(
      'href',
      '/api/reports/payouts.csv?periodStart=2025-10-01&periodEnd=2025-10-31',
    );
  });

  it('uses last month when no period has statements, and the period in the URL when there is one', async () => {
    const { requests } = stubReport([]);
    const { unmount } = renderWithApp(<PayoutsPage />, { path: '/payouts' });
    await screen.findByRole('table', { name: 'Payouts by owner' });
    const last = monthRange(-1);
    expect(reportRequests(requests)).toEqual([
      `/api/reports/payouts?periodStart=${last.start}&periodEnd=${last.end}`,
    ]);
    unmount();

    const second = stubReport();
    renderWithApp(<PayoutsPage />, { path: '/payouts?periodStart=2025-10-01&periodEnd=2025-10-15' });
    await screen.findByRole('table', { name: 'Payouts by owner' });
    expect(reportRequests(second.requests)).toEqual([
      '/api/reports/payouts?periodStart=2025-10-01&periodEnd=2025-10-15',
    ]);
    expect(screen.getByLabelText('Month')).toHaveValue('');
    expect(screen.getByLabelText('Periods with statements')).toHaveValue('2025-10-01..2025-10-15');
  });

  it('changes the period from the month field and the list, in the URL', async () => {
    const user = userEvent.setup();
    const { requests } = stubReport();
    const { location } = renderWithApp(<PayoutsPage />, { path: '/payouts' });
    await screen.findByRole('table', { name: 'Payouts by owner' });
    expect(screen.getByLabelText('Month')).toHaveValue('2025-10');

    fireEvent.change(screen.getByLabelText('Month'), { target: { value: '2025-09' } });
    await screen.findByRole('table', { name: 'Payouts by owner' });
    expect(location.history.at(-1)).toBe('/payouts?periodStart=2025-09-01&periodEnd=2025-09-30');
    expect(reportRequests(requests).at(-1)).toBe(
      '/api/reports/payouts?periodStart=2025-09-01&periodEnd=2025-09-30',
    );

    await user.selectOptions(screen.getByLabelText('Periods with statements'), '2025-10-01..2025-10-15');
    await screen.findByRole('table', { name: 'Payouts by owner' });
    expect(reportRequests(requests).at(-1)).toBe(
      '/api/reports/payouts?periodStart=2025-10-01&periodEnd=2025-10-15',
    );
    expect(screen.getByRole('link', { name: 'Download CSV' })).toHaveAttribute(
      'href',
      '/api/reports/payouts.csv?periodStart=2025-10-01&periodEnd=2025-10-15',
    );
  });

  it('explains a failed read and reads again on "Try again"', async () => {
    const user = userEvent.setup();
    let fail = true;
    stubReport([OCTOBER], () =>
      fail ? errorResponse(429, 'rate_limited', 'too many requests') : jsonResponse(200, report),
    );
    renderWithApp(<PayoutsPage />, { path: '/payouts' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the payout report');
    expect(alert).toHaveTextContent('Too many requests in a short time.');
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('table', { name: 'Payouts by owner' })).toBeInTheDocument();
  });

  it('says so when the period has no statements', async () => {
    stubReport([], () =>
      jsonResponse(200, {
        ...report,
        owners: [],
        totals: [],
        ownersWithoutStatement: [],
        counts: {
          owners: 0,
          statements: 0,
          drafts: 0,
          propertiesWithoutStatement: 0,
          ownersWithoutStatement: 0,
        },
      }),
    );
    renderWithApp(<PayoutsPage />, { path: '/payouts' });
    expect(await screen.findByText(/No statements for this period/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows one card per owner on a phone', async () => {
    screenWidth(390);
    stubReport();
    renderWithApp(<PayoutsPage />, { path: '/payouts' });
    const cards = await screen.findByRole('list', { name: 'Payouts by owner' });
    expect(cards.querySelectorAll(':scope > li')).toHaveLength(2);
    expect(screen.queryByRole('table', { name: 'Payouts by owner' })).not.toBeInTheDocument();
    expect(cards).toHaveTextContent('Ann Lee');
    expect(cards).toHaveTextContent('owner owes');
  });
});
