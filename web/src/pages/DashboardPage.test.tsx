import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatMoney } from '../format.js';
import {
  errorResponse,
  jsonResponse,
  owners,
  properties,
  renderWithApp,
  statement,
  stubFetch,
} from '../test/helpers.js';
import { DashboardPage } from './DashboardPage.js';

afterEach(() => {
  vi.restoreAllMocks();
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

const names = () =>
  within(screen.getByRole('table', { name: 'Statements' }))
    .getAllByRole('link')
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

  it('sends the filters to the server', async () => {
    const user = userEvent.setup();
    const { requests } = stubCatalog(() => jsonResponse(200, { statements: [], nextCursor: null }));
    renderWithApp(<DashboardPage />);
    expect(await screen.findByText(/No statements yet/)).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Filter by status'), 'final');
    await user.selectOptions(screen.getByLabelText('Filter by owner'), '1001');
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
