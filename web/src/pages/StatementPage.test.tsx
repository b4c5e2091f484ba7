import { act, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MONEY_COLUMNS } from '../../../src/domain/statement-columns.js';
import { formatMoney, formatSignedMoney } from '../format.js';
import {
  deferred,
  jsonResponse,
  owners,
  renderWithApp,
  screenWidth,
  statement,
  stubFetch,
} from '../test/helpers.js';
import { StatementPage } from './StatementPage.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const usd = (cents: number) => formatMoney(cents, 'USD');
const signedUsd = (cents: number) => formatSignedMoney(cents, 'USD');

/** The summary's steps as [label, amount] in the order shown. */
function summarySteps(): string[][] {
  const region = screen.getByRole('region', { name: 'Summary' });
  return within(region)
    .getAllByRole('term')
    .map((dt) => [dt.textContent ?? '', dt.nextElementSibling?.textContent ?? '']);
}

/** The statement at /api/statements/stm_1 and the owners list. */
const answer = (dto = statement()) =>
  stubFetch(({ path }) => {
    if (path === '/api/statements/stm_1') return jsonResponse(200, dto);
    if (path === '/api/owners') return jsonResponse(200, { owners });
    return undefined;
  });

describe('StatementPage', () => {
  it('shows the lines, every money column, totals and the net payout', async () => {
    answer();
    renderWithApp(<StatementPage id="stm_1" />, { role: 'viewer' });

    expect(await screen.findByRole('heading', { level: 1, name: 'Beach House' })).toBeInTheDocument();
    expect(screen.getByText('Status: Draft')).toBeInTheDocument();
    // The owner by name (from the owners list), with the e-mail that tells namesakes apart.
    expect(await screen.findByText('Ann Lee')).toBeInTheDocument();
    expect(screen.getByText(/ann@example\.com/)).toBeInTheDocument();
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
    // The totals row: every money column's sum, in the header's order.
    const totals = within(lines).getByRole('row', { name: /^Totals/ });
    expect(
      within(totals)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['5', ...[100000, 10000, 0, 110000, 5000, 15750, 0, 89250].map(usd)]);
    // The summary: gross down to the net payout, signed (the manager remits the taxes: no step).
    expect(summarySteps()).toEqual([
      ['Gross revenue', usd(110000)],
      ['Channel fees', signedUsd(-5000)],
      ['Commission', signedUsd(-15750)],
      ['Owner payout', usd(89250)],
      ['Expenses', signedUsd(-2500)],
      ['Adjustments', signedUsd(1000)],
      ['Net payout', usd(87750)],
    ]);
    expect(signedUsd(-5000)).toMatch(/^−/);
    expect(screen.getByRole('table', { name: 'Expenses' })).toHaveTextContent('Plumber');
    // Viewers get no actions and no expense form.
    for (const name of [
      'Finalize',
      'Back to draft',
      'Send to owner',
      'Regenerate',
      'Delete draft',
      'Add expense',
    ]) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
  });

  it('adds the taxes as a step when the owner remits them, and only notes them otherwise', async () => {
    const base = statement();
    answer(
      statement({
        settings: { ...base.settings, ownerRemitsTaxes: true },
        totals: { ...base.totals, taxes: 7700, ownerPayout: 96950, netPayout: 95450 },
      }),
    );
    renderWithApp(<StatementPage id="stm_1" />, { role: 'viewer' });
    await screen.findByRole('region', { name: 'Summary' });
    expect(summarySteps().map(([label]) => label)).toEqual([
      'Gross revenue',
      'Channel fees',
      'Commission',
      'Taxes',
      'Owner payout',
      'Expenses',
      'Adjustments',
      'Net payout',
    ]);
    expect(summarySteps()[3]).toEqual(['Taxes', signedUsd(7700)]);
    expect(screen.getByText(/The owner remits the taxes/)).toBeInTheDocument();
  });

  it('says taxes the manager remits are not part of the payout', async () => {
    const base = statement();
    answer(statement({ totals: { ...base.totals, taxes: 7700 } }));
    renderWithApp(<StatementPage id="stm_1" />, { role: 'viewer' });
    await screen.findByRole('region', { name: 'Summary' });
    expect(summarySteps().map(([label]) => label)).not.toContain('Taxes');
    expect(screen.getByText(/manager remits them/)).toHaveTextContent(`Taxes of ${usd(7700)}`);
  });

  it('shows the owner id when the owner is not in the owners list', async () => {
    const list = deferred<Response>();
    const { requests } = stubFetch(({ path }) => {
      if (path === '/api/statements/stm_1') return jsonResponse(200, statement({ ownerId: '4242' }));
      if (path === '/api/owners') return list.promise;
      return undefined;
    });
    renderWithApp(<StatementPage id="stm_1" />, { role: 'viewer' });
    await screen.findByRole('heading', { level: 1, name: 'Beach House' });
    await waitFor(() => expect(requests.some((r) => r.path === '/api/owners')).toBe(true));
    // The list has arrived (act flushes its handling) without owner 4242.
    await act(async () => list.resolve(jsonResponse(200, { owners })));
    expect(screen.getByText(/^Owner:/)).toHaveTextContent('Owner: 4242');
    expect(screen.queryByText('Ann Lee')).not.toBeInTheDocument();
  });

  it('on a phone, shows each reservation as a card with every amount and its warning', async () => {
    screenWidth(390);
    const base = statement();
    answer(
      statement({
        warnings: [{ code: 'subtotal_mismatch', reservationId: 'r1', message: 'subtotal 1.00 differs' }],
        excluded: [
          {
            reservationId: 'r9',
            guestName: 'Ina Inquiry',
            checkIn: '2025-10-09',
            checkOut: '2025-10-10',
            status: 'inquiry',
            payout: 4200,
          },
        ],
      }),
    );
    renderWithApp(<StatementPage id="stm_1" />, { role: 'viewer' });
    const list = await screen.findByRole('list', { name: 'Lines' });
    expect(screen.queryByRole('table', { name: 'Lines' })).not.toBeInTheDocument();
    const [card] = within(list).getAllByRole('listitem');
    if (!card) throw new Error('no card');
    expect(card).toHaveTextContent('Grace Hopper');
    expect(card).toHaveTextContent('5 nights');
    const line = base.lines[0];
    if (!line) throw new Error('fixture line');
    const amounts = within(card)
      .getAllByRole('term')
      .map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]);
    expect(amounts).toEqual(MONEY_COLUMNS.map((c) => [c.label, usd(line[c.key])]));
    expect(within(card).getByRole('note', { name: 'Warning for reservation r1' })).toHaveTextContent(
      'Subtotal mismatch',
    );
    expect(screen.getByRole('region', { name: 'Summary' })).toHaveTextContent(usd(87750));
    const excluded = screen.getByRole('list', { name: 'Not counted' });
    expect(excluded).toHaveTextContent('Ina Inquiry');
    expect(excluded).toHaveTextContent('inquiry');
    expect(within(excluded).getByText('Payout').nextElementSibling).toHaveTextContent(usd(4200));
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
    expect(screen.queryByRole('button', { name: 'Send to owner' })).not.toBeInTheDocument();

    await userEvent.click(finalize);
    expect(await screen.findByText('Status: Final')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({ status: 'final' });
    expect(screen.getByRole('button', { name: 'Send to owner' })).toBeInTheDocument();
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
    await user.click(within(dialog).getByRole('button', { name: 'Delete draft' }));
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
