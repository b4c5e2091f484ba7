import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatMoney } from '../format.js';
import { jsonResponse, renderWithApp, statement, stubFetch } from '../test/helpers.js';
import { StatementPage } from './StatementPage.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('StatementPage', () => {
  it('shows the lines, every money column, totals and the net payout', async () => {
    stubFetch(({ path }) => (path === '/api/statements/stm_1' ? jsonResponse(200, statement()) : undefined));
    renderWithApp(<StatementPage id="stm_1" />, { role: 'viewer' });

    expect(await screen.findByRole('heading', { level: 1, name: 'Beach House' })).toBeInTheDocument();
    expect(screen.getByText('Status: draft')).toBeInTheDocument();
    const lines = screen.getByRole('table', { name: 'Lines' });
    for (const column of [
      'Accommodation',
      'Cleaning',
      'Other fees',
      'Gross revenue',
      'Channel fees',
      'Commission',
      'Taxes',
      'Owner payout',
      'Nights',
    ]) {
      expect(within(lines).getByRole('columnheader', { name: column })).toBeInTheDocument();
    }
    expect(within(lines).getByText('Grace Hopper')).toBeInTheDocument();
    expect(screen.getByText('Net payout:')).toHaveTextContent(`Net payout: ${formatMoney(87750, 'USD')}`);
    expect(screen.getByRole('table', { name: 'Expenses' })).toHaveTextContent('Plumber');
    // Viewers get no actions and no expense form.
    for (const name of [
      'Finalize',
      'Back to draft',
      'Mark sent',
      'Regenerate',
      'Delete draft',
      'Add expense',
    ]) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
  });

  it('shows a warning clearly next to its line, and marks cancellation income', async () => {
    const base = statement();
    const line = base.lines[0];
    if (!line) throw new Error('fixture line');
    stubFetch(({ path }) =>
      path === '/api/statements/stm_1'
        ? jsonResponse(
            200,
            statement({
              lines: [line, { ...line, reservationId: 'r2', guestName: 'Ada Lovelace', cancellation: true }],
              warnings: [
                {
                  code: 'payout_mismatch',
                  reservationId: 'r1',
                  message:
                    "Hostify's payout 800.00 equals neither gross − channel fees 1050.00 nor that plus taxes",
                },
              ],
            }),
          )
        : undefined,
    );
    renderWithApp(<StatementPage id="stm_1" />, { role: 'viewer' });
    const lines = await screen.findByRole('table', { name: 'Lines' });
    const note = within(lines).getByRole('note', { name: 'Warning for reservation r1' });
    expect(note).toHaveTextContent('Payout mismatch');
    expect(note).toHaveTextContent("Hostify's payout 800.00");
    // Right below the line it is about.
    const rows = within(lines).getAllByRole('row');
    const lineRow = rows.findIndex((r) => within(r).queryByText('Grace Hopper') !== null);
    expect(rows[lineRow + 1]).toContainElement(note);
    expect(screen.getByText(/1 reconciliation warning/)).toBeInTheDocument();
    const cancellationRow = rows.find((r) => within(r).queryByText('Ada Lovelace') !== null);
    expect(cancellationRow).toHaveTextContent('cancellation');
  });

  it('lists the reservations that were not counted, with id, guest, dates, status and payout', async () => {
    stubFetch(({ path }) =>
      path === '/api/statements/stm_1'
        ? jsonResponse(
            200,
            statement({
              excluded: [
                {
                  reservationId: 'r9',
                  guestName: 'Ina Inquiry',
                  checkIn: '2025-10-09',
                  checkOut: '2025-10-10',
                  status: 'inquiry',
                  payout: null,
                },
                {
                  reservationId: 'r4',
                  guestName: 'Carl Cancel',
                  checkIn: '2025-10-06',
                  checkOut: '2025-10-08',
                  status: 'cancelled',
                  payout: 0,
                },
              ],
            }),
          )
        : undefined,
    );
    renderWithApp(<StatementPage id="stm_1" />, { role: 'viewer' });
    expect(await screen.findByRole('heading', { name: 'Not counted (2)' })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Not counted' });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('r9');
    expect(rows[1]).toHaveTextContent('Ina Inquiry');
    expect(rows[1]).toHaveTextContent('inquiry');
    expect(rows[1]).toHaveTextContent('—');
    expect(rows[2]).toHaveTextContent('cancelled');
    expect(rows[2]).toHaveTextContent(formatMoney(0, 'USD'));
    // Not counted reservations are not lines.
    expect(
      within(screen.getByRole('table', { name: 'Lines' })).queryByText('Ina Inquiry'),
    ).not.toBeInTheDocument();
  });

  it('shows no warning or not-counted section when there are none', async () => {
    stubFetch(({ path }) => (path === '/api/statements/stm_1' ? jsonResponse(200, statement()) : undefined));
    renderWithApp(<StatementPage id="stm_1" />, { role: 'viewer' });
    await screen.findByRole('table', { name: 'Lines' });
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Not counted' })).not.toBeInTheDocument();
  });

  it('offers the actions valid for the status: draft → Finalize, Regenerate, Delete draft', async () => {
    const { requests } = stubFetch(({ method, path }) => {
      if (method === 'GET' && path === '/api/statements/stm_1') return jsonResponse(200, statement());
      if (method === 'PUT') return jsonResponse(200, statement({ status: 'final' }));
      return undefined;
    });
    renderWithApp(<StatementPage id="stm_1" />, { role: 'editor' });
    const finalize = await screen.findByRole('button', { name: 'Finalize' });
    expect(screen.getByRole('button', { name: 'Regenerate' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete draft' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Mark sent' })).not.toBeInTheDocument();

    await userEvent.click(finalize);
    expect(await screen.findByText('Status: final')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({ status: 'final' });
    expect(screen.getByRole('button', { name: 'Mark sent' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Back to draft' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete draft' })).not.toBeInTheDocument();
  });

  it('asks before deleting a draft; Cancel keeps it, Confirm deletes and leaves the page', async () => {
    const user = userEvent.setup();
    const { requests } = stubFetch(({ method, path }) => {
      if (method === 'GET' && path === '/api/statements/stm_1') return jsonResponse(200, statement());
      if (method === 'DELETE') return new Response(null, { status: 204 });
      return undefined;
    });
    const { location } = renderWithApp(<StatementPage id="stm_1" />, {
      role: 'editor',
      path: '/statements/stm_1',
    });
    const remove = await screen.findByRole('button', { name: 'Delete draft' });

    await user.click(remove);
    let dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(remove).toHaveFocus();
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);

    await user.click(remove);
    dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(location.history.at(-1)).toBe('/'));
    expect(requests.find((r) => r.method === 'DELETE')?.path).toBe('/api/statements/stm_1');
    expect(screen.getByRole('status')).toHaveTextContent('Draft deleted');
  });

  it('records an expense in cents on a draft and says regenerating picks it up', async () => {
    const user = userEvent.setup();
    const { requests } = stubFetch(({ method, path }) => {
      if (method === 'GET' && path === '/api/statements/stm_1') return jsonResponse(200, statement());
      if (method === 'POST' && path === '/api/expenses') {
        return jsonResponse(201, {
          entry: {
            id: 'led_9',
            propertyId: '10001',
            date: '2025-10-31',
            description: 'Light bulbs',
            amount: 1999,
            type: 'expense',
          },
        });
      }
      return undefined;
    });
    renderWithApp(<StatementPage id="stm_1" />, { role: 'editor' });
    await user.type(await screen.findByLabelText('Description'), 'Light bulbs');
    await user.type(screen.getByLabelText('Amount (USD)'), '19.99');
    await user.click(screen.getByRole('button', { name: 'Add expense' }));

    expect(await screen.findByText('Recorded, not yet in this statement')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      propertyId: '10001',
      date: '2025-10-31',
      description: 'Light bulbs',
      amount: 1999,
      type: 'expense',
    });
    expect(screen.getByText('Regenerate this draft to include them.')).toBeInTheDocument();
  });
});
