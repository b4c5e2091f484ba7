/**
 * Shareable list state (issue 15 §10): the dashboard's filters, period and sorting, and the Jobs
 * page's status filter, live in the URL — a link opens the same list, changes are written back
 * (replacing the history entry), and values that are not valid are ignored. The list says how
 * many match in all ("3 of 312"), and enum values show as words.
 */

import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StatementSummaryDto } from '../api.js';
import { chooseOption } from '../test/combobox.js';
import {
  job,
  jsonResponse,
  owners,
  properties,
  renderWithApp,
  statement,
  stubFetch,
} from '../test/helpers.js';
import { DashboardPage } from './DashboardPage.js';
import { filtersFrom, sortFrom, sortParam } from './dashboardUrlState.js';
import { JobsPage } from './JobsPage.js';

afterEach(() => {
  vi.restoreAllMocks();
});

function summary(
  id: string,
  propertyName: string,
  netPayout: number,
  over: Partial<StatementSummaryDto> = {},
) {
  const {
    lines: _l,
    expenses: _e,
    adjustments: _a,
    excluded: _x,
    warnings: _w,
    ...rest
  } = statement({
    id,
    propertyName,
  });
  return { ...rest, totals: { ...rest.totals, netPayout }, lineCount: 1, warningCount: 0, ...over };
}

function stubList(total: number, rows = [summary('s1', 'Attic', 100), summary('s2', 'Beach House', 900)]) {
  return stubFetch(({ path }) => {
    if (path === '/api/owners') return jsonResponse(200, { owners });
    if (path.startsWith('/api/properties')) return jsonResponse(200, { properties });
    if (path.startsWith('/api/statements?'))
      return jsonResponse(200, { statements: rows, nextCursor: 'c1', total });
    return undefined;
  });
}

const lastUrl = (history: string[] | undefined) => history?.[history.length - 1];
/** The statements' links (the property names), not the owners'. */
const names = () =>
  within(screen.getByRole('table', { name: 'Statements' }))
    .getAllByRole('link')
    .filter((a) => a.getAttribute('href')?.startsWith('/statements/'))
    .map((a) => a.textContent);

describe('dashboard state in the URL', () => {
  it('opens a shared link with its filters, period and sort', async () => {
    const { requests } = stubList(312);
    renderWithApp(<DashboardPage />, {
      path: '/?periodStart=2025-10-01&periodEnd=2025-10-31&ownerId=1001&status=final&sort=-netPayout',
    });
    await screen.findByRole('table', { name: 'Statements' });
    expect(requests.map((r) => r.path)).toContain(
      '/api/statements?periodStart=2025-10-01&periodEnd=2025-10-31&ownerId=1001&status=final&limit=50',
    );
    expect(screen.getByLabelText('Period from')).toHaveValue('2025-10-01');
    expect(screen.getByLabelText('Period to')).toHaveValue('2025-10-31');
    expect(screen.getByLabelText('Filter by status')).toHaveValue('final');
    // The owner filter is a combobox that shows the chosen owner's name.
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Filter by owner' })).toHaveValue('Ann Lee'),
    );
    expect(screen.getByRole('columnheader', { name: /Net payout/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    expect(names()).toEqual(['Beach House', 'Attic']);
    // The total of what matches, not only what is loaded.
    expect(screen.getByText(/2 of 312 statements shown/)).toBeInTheDocument();
  });

  it('writes filter and sort changes into the URL, replacing the history entry', async () => {
    const user = userEvent.setup();
    stubList(2);
    const { location } = renderWithApp(<DashboardPage />, { path: '/' });
    await screen.findByRole('table', { name: 'Statements' });
    expect(screen.getByText('2 statements shown')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Filter by status'), 'draft');
    await user.click(await screen.findByRole('button', { name: 'Property' }));
    await user.click(screen.getByRole('button', { name: 'Property' }));
    expect(lastUrl(location.history)).toBe('/?status=draft&sort=-property');
    expect(location.history).toHaveLength(1);

    // Choosing an owner clears the property, as before; "Clear filters" keeps the sort.
    await chooseOption(user, screen.getByRole('combobox', { name: 'Filter by owner' }), /Ann Lee/, 'Ann');
    expect(lastUrl(location.history)).toBe('/?status=draft&sort=-property&ownerId=1001');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(lastUrl(location.history)).toBe('/?sort=-property');
  });

  it('ignores values that are not valid, and sends none of them on', async () => {
    const { requests } = stubList(2);
    renderWithApp(<DashboardPage />, {
      path: '/?status=archived&periodStart=last-month&ownerId=%3Cscript%3E&sort=evil',
    });
    await screen.findByRole('table', { name: 'Statements' });
    expect(requests.find((r) => r.path.startsWith('/api/statements?'))?.path).toBe(
      '/api/statements?limit=50',
    );
    expect(screen.getByLabelText('Filter by status')).toHaveValue('');
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
  });

  it('reads and writes the sort parameter both ways', () => {
    for (const raw of ['netPayout', '-netPayout', '-period', 'owner']) {
      expect(sortParam(sortFrom(new URLSearchParams({ sort: raw })))).toBe(raw);
    }
    expect(sortFrom(new URLSearchParams('sort=-bogus'))).toBeNull();
    expect(filtersFrom(new URLSearchParams('periodEnd=2025-10-31&propertyId=10001'))).toEqual({
      periodStart: '',
      periodEnd: '2025-10-31',
      ownerId: '',
      propertyId: '10001',
      status: '',
    });
  });
});

describe('words, not values', () => {
  it('shows statuses and calculation types as words', async () => {
    stubList(2, [
      summary('s1', 'Attic', 100, { status: 'final', calculationType: 'calendar' }),
      summary('s2', 'Beach House', 900, { status: 'draft', calculationType: 'checkout' }),
    ]);
    renderWithApp(<DashboardPage />);
    const table = await screen.findByRole('table', { name: 'Statements' });
    const attic = within(table).getByRole('row', { name: /Attic/ });
    expect(within(attic).getByText('Final')).toBeInTheDocument();
    expect(within(attic).getByText('Nights (prorated)')).toHaveAttribute(
      'title',
      'Nights in the period (prorated)',
    );
    const beach = within(table).getByRole('row', { name: /Beach House/ });
    expect(within(beach).getByText('Draft')).toBeInTheDocument();
    expect(within(beach).getByText('Check-out')).toHaveAttribute('title', 'By check-out date');
    expect(within(table).queryByText(/^(draft|final|checkout|calendar)$/)).not.toBeInTheDocument();
    expect(
      within(screen.getByLabelText('Filter by status'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Any status', 'Draft', 'Final', 'Sent']);
  });
});

describe('jobs page state in the URL', () => {
  it('filters by the status in the link, and writes a new choice back', async () => {
    const user = userEvent.setup();
    const { requests } = stubFetch(({ path }) => {
      if (path.startsWith('/api/statements/jobs')) {
        return jsonResponse(200, { jobs: [job({ status: 'failed', error: 'boom' })], nextCursor: null });
      }
      if (path === '/api/users') return jsonResponse(200, { users: [] });
      return undefined;
    });
    const { location } = renderWithApp(<JobsPage />, { path: '/jobs?status=failed' });
    const table = await screen.findByRole('table', { name: 'Jobs' });
    expect(requests.map((r) => r.path)).toContain('/api/statements/jobs?status=failed&limit=25');
    expect(screen.getByLabelText('Filter by status')).toHaveValue('failed');
    expect(within(table).getByText('Failed')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Filter by status'), 'Running');
    expect(lastUrl(location.history)).toBe('/jobs?status=processing');
    expect(requests.map((r) => r.path)).toContain('/api/statements/jobs?status=processing&limit=25');
  });
});
