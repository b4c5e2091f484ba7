import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatMoney, formatPeriodShort } from '../format.js';
import { chooseOption } from '../test/combobox.js';
import {
  errorResponse,
  jsonResponse,
  owners,
  properties,
  renderWithApp,
  screenWidth,
  statement,
  stubFetch,
} from '../test/helpers.js';
import { DashboardPage } from './DashboardPage.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const summary = (id: string, propertyName: string, netPayout: number, currency = 'USD') => {
  const { lines: _l, expenses: _e, adjustments: _a, ...rest } = statement({ id, propertyName, currency });
  return { ...rest, totals: { ...rest.totals, netPayout }, lineCount: 1 };
};

function stubCatalog(list: (path: string) => Response | undefined) {
  return stubFetch(({ path }) => {
    if (path === '/api/owners') return jsonResponse(200, { owners });
    if (path.startsWith('/api/properties')) return jsonResponse(200, { properties });
    if (path.startsWith('/api/statements?')) return list(path);
    return undefined;
  });
}

/** The statements' links (the property names), not the owners'. */
const names = () =>
  within(screen.getByRole('table', { name: 'Statements' }))
    .getAllByRole('link')
    .filter((a) => a.getAttribute('href')?.startsWith('/statements/'))
    .map((a) => a.textContent);

describe('DashboardPage', () => {
  it('formats money in each statement’s currency, sorts, and loads more with the cursor', async () => {
    const user = userEvent.setup();
    const { requests } = stubCatalog((path) =>
      path.includes('cursor=c1')
        ? jsonResponse(200, { statements: [summary('s3', 'Chalet', 50000)], nextCursor: null })
        : jsonResponse(200, {
            statements: [summary('s1', 'Beach House', 120000), summary('s2', 'Attic', 9900, 'EUR')],
            nextCursor: 'c1',
          }),
    );
    renderWithApp(<DashboardPage />);
    const table = await screen.findByRole('table', { name: 'Statements' });
    expect(within(table).getByText(formatMoney(9900, 'EUR'))).toBeInTheDocument();
    expect(within(table).getByRole('link', { name: 'Attic' })).toHaveAttribute('href', '/statements/s2');

    await user.click(screen.getByRole('button', { name: 'Net payout' }));
    expect(names()).toEqual(['Beach House', 'Attic']); // largest first
    await user.click(screen.getByRole('button', { name: 'Net payout' }));
    expect(names()).toEqual(['Attic', 'Beach House']);
    await user.click(screen.getByRole('button', { name: 'Property' }));
    expect(names()).toEqual(['Attic', 'Beach House']);

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await within(table).findByRole('link', { name: 'Chalet' });
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(requests.some((r) => r.path.includes('cursor=c1'))).toBe(true);
  });

  it('names the owner and writes a whole-month period short', async () => {
    stubCatalog(() =>
      jsonResponse(200, { statements: [summary('s1', 'Beach House', 120000)], nextCursor: null }),
    );
    renderWithApp(<DashboardPage />);
    const table = await screen.findByRole('table', { name: 'Statements' });
    const row = within(table).getByRole('row', { name: /Beach House/ });
    expect(within(row).getByText(formatPeriodShort('2025-10-01', '2025-10-31'))).toBeInTheDocument();
    expect(await within(row).findByText('Ann Lee')).toBeInTheDocument();
  });

  it('on a phone, lists the statements as cards with the net payout, sortable from a select', async () => {
    screenWidth(390);
    const user = userEvent.setup();
    stubCatalog(() =>
      jsonResponse(200, {
        statements: [summary('s1', 'Beach House', 120000), summary('s2', 'Attic', 9900, 'EUR')],
        nextCursor: null,
      }),
    );
    renderWithApp(<DashboardPage />);
    const list = await screen.findByRole('list', { name: 'Statements' });
    expect(screen.queryByRole('table', { name: 'Statements' })).not.toBeInTheDocument();
    const cards = () => within(list).getAllByRole('listitem');
    const netPayouts = () =>
      cards().map((c) => within(c).getByText('Net payout').nextElementSibling?.textContent);
    expect(netPayouts()).toEqual([formatMoney(120000, 'USD'), formatMoney(9900, 'EUR')]);
    expect(within(cards()[0] as HTMLElement).getByRole('link', { name: 'Beach House' })).toHaveAttribute(
      'href',
      '/statements/s1',
    );
    await user.selectOptions(screen.getByLabelText('Sort by'), 'Net payout, smallest first');
    expect(netPayouts()).toEqual([formatMoney(9900, 'EUR'), formatMoney(120000, 'USD')]);
    await user.selectOptions(screen.getByLabelText('Sort by'), 'Property, A–Z');
    expect(cards().map((c) => within(c).getByRole('link').textContent)).toEqual(['Attic', 'Beach House']);
  });

  it('sends the filters to the server', async () => {
    const user = userEvent.setup();
    const { requests } = stubCatalog(() => jsonResponse(200, { statements: [], nextCursor: null }));
    renderWithApp(<DashboardPage />);
    expect(await screen.findByText(/No statements yet/)).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Filter by status'), 'final');
    await chooseOption(user, screen.getByRole('combobox', { name: 'Filter by owner' }), /Ann Lee/, 'ann');
    expect(await screen.findByText(/No statements match these filters/)).toBeInTheDocument();
    expect(requests.map((r) => r.path)).toContain('/api/statements?ownerId=1001&status=final&limit=50');
  });

  it('shows a load error with a retry', async () => {
    stubCatalog(() => errorResponse(500, 'internal', 'database is locked'));
    renderWithApp(<DashboardPage />, { role: 'viewer' });
    expect(await screen.findByRole('alert')).toHaveTextContent('database is locked');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Generate Statement' })).not.toBeInTheDocument();
  });
});
