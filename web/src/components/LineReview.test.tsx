import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_MANUAL_AMOUNT as CONTRACT_MAX } from '../../../src/contract/line-review.js';
import type { StatementDto } from '../api.js';
import { formatMoney } from '../format.js';
import { StatementPage } from '../pages/StatementPage.js';
import { errorResponse, jsonResponse, owners, renderWithApp, statement, stubFetch } from '../test/helpers.js';
import { MAX_MANUAL_AMOUNT, parseSignedCents } from './ManualLineForm.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const usd = (cents: number) => formatMoney(cents, 'USD');

/** A draft after some review: r2 included, r9 excluded, one manual line. */
function reviewed(over: Partial<StatementDto> = {}): StatementDto {
  const base = statement();
  const line = base.lines[0];
  if (!line) throw new Error('fixture line');
  return statement({
    lines: [
      line,
      {
        ...line,
        reservationId: 'r2',
        guestName: 'Paid Directly',
        included: { reason: 'Owner was paid', status: 'pending' },
      },
    ],
    manualLines: [
      {
        id: 'ovr_m',
        description: 'Pool heating',
        amount: -4500,
        countsTowardCommission: false,
        accommodation: 0,
        cleaning: 0,
        otherFees: -4500,
        grossRevenue: -4500,
        channelFees: 0,
        commission: 0,
        taxes: 0,
        ownerPayout: -4500,
      },
    ],
    excluded: [
      {
        reservationId: 'r9',
        guestName: 'Owner Stay',
        checkIn: '2025-10-20',
        checkOut: '2025-10-22',
        status: 'confirmed',
        payout: 30000,
        overrideReason: 'Owner stayed there',
      },
      {
        reservationId: 'r5',
        guestName: 'Ina Inquiry',
        checkIn: '2025-10-09',
        checkOut: '2025-10-10',
        status: 'inquiry',
        payout: null,
      },
    ],
    overrides: [
      {
        id: 'ovr_x',
        kind: 'exclude',
        reservationId: 'r9',
        reason: 'Owner stayed there',
        description: null,
        amount: null,
        countsTowardCommission: null,
        createdAt: '2025-11-01T10:00:00.000Z',
        createdBy: 'usr_1',
      },
      {
        id: 'ovr_i',
        kind: 'include',
        reservationId: 'r2',
        reason: 'Owner was paid',
        description: null,
        amount: null,
        countsTowardCommission: null,
        createdAt: '2025-11-01T10:01:00.000Z',
        createdBy: 'usr_1',
      },
      {
        id: 'ovr_m',
        kind: 'manual',
        reservationId: null,
        reason: null,
        description: 'Pool heating',
        amount: -4500,
        countsTowardCommission: false,
        createdAt: '2025-11-01T10:02:00.000Z',
        createdBy: 'usr_1',
      },
    ],
    warnings: [
      {
        code: 'override_reservation_missing',
        reservationId: 'r77',
        message:
          'The exclusion of reservation r77 (reason: "old") names a reservation this statement does not take.',
      },
    ],
    ...over,
  });
}

function serve(
  dto: StatementDto,
  write?: (method: string, path: string, body: unknown) => Response | undefined,
) {
  return stubFetch(({ method, path, body }) => {
    if (method === 'GET' && path === '/api/statements/stm_1') return jsonResponse(200, dto);
    if (path === '/api/owners') return jsonResponse(200, { owners });
    if (path === '/api/users/names') return jsonResponse(200, { users: [] });
    return write?.(method, path, body);
  });
}

describe('line review on the statement page', () => {
  it('shows viewers the overrides, marks and override warnings, without any button', async () => {
    serve(reviewed());
    renderWithApp(<StatementPage id="stm_1" />, { role: 'viewer' });
    const lines = await screen.findByRole('table', { name: 'Lines' });
    expect(within(lines).getByRole('rowheader', { name: /Paid Directly/ })).toHaveTextContent(
      'Included on review (status pending): Owner was paid',
    );
    expect(within(lines).getByRole('rowheader', { name: /Pool heating/ })).toHaveTextContent('manual line');
    expect(within(lines).getByRole('row', { name: /Pool heating/ })).toHaveTextContent(usd(-4500));
    expect(screen.getByRole('table', { name: 'Not counted' })).toHaveTextContent(
      'excluded on review: Owner stayed there',
    );
    const list = screen.getByRole('table', { name: 'Overrides' });
    expect(within(list).getAllByRole('row')).toHaveLength(4);
    expect(list).toHaveTextContent('Excluded reservation r9');
    expect(list).toHaveTextContent('Manual line: Pool heating');
    expect(screen.getByRole('list', { name: 'Overrides without their reservation' })).toHaveTextContent(
      'reservation r77',
    );
    expect(
      screen.queryByRole('button', { name: /Exclude|Include|Remove|Undo|Add line/ }),
    ).not.toBeInTheDocument();
  });

  it('gives editors of a draft Exclude…, Include…, Undo and Remove, and none on a final statement', async () => {
    serve(reviewed({ status: 'final' }));
    const { unmount } = renderWithApp(<StatementPage id="stm_1" />, { role: 'editor' });
    await screen.findByRole('table', { name: 'Lines' });
    expect(screen.queryByRole('button', { name: /^Exclude/ })).not.toBeInTheDocument();
    expect(
      screen.getByText('The line review can be changed while the statement is a draft.'),
    ).toBeInTheDocument();
    unmount();
    vi.restoreAllMocks();

    serve(reviewed());
    renderWithApp(<StatementPage id="stm_1" />, { role: 'editor' });
    await screen.findByRole('table', { name: 'Lines' });
    expect(screen.getByRole('button', { name: 'Exclude Grace Hopper (reservation r1)' })).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Undo the inclusion of Paid Directly (reservation r2)' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Include Ina Inquiry (reservation r5)' })).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Undo the exclusion of Owner Stay (reservation r9)' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove the line “Pool heating”' })).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: /^Remove: / })).toHaveLength(3);
  });

  it('excludes a line with a reason and shows the regenerated draft', async () => {
    const before = reviewed({ overrides: [], manualLines: [], warnings: [], excluded: [] });
    const line = before.lines[0];
    if (!line) throw new Error('fixture line');
    const after = statement({
      version: 2,
      lines: before.lines.slice(1),
      totals: { ...before.totals, ownerPayout: 1234, netPayout: 1234 },
      excluded: [
        {
          reservationId: line.reservationId,
          guestName: line.guestName,
          checkIn: line.checkIn,
          checkOut: line.checkOut,
          status: 'confirmed',
          payout: 1,
          overrideReason: 'Owner stay',
        },
      ],
    });
    const { requests } = serve(before, (method, path) =>
      method === 'POST' && path === '/api/statements/stm_1/overrides' ? jsonResponse(201, after) : undefined,
    );
    const user = userEvent.setup();
    renderWithApp(<StatementPage id="stm_1" />, { role: 'editor' });
    await user.click(await screen.findByRole('button', { name: 'Exclude Grace Hopper (reservation r1)' }));
    const dialog = screen.getByRole('dialog', { name: 'Exclude this reservation?' });
    // A reason is required.
    await user.click(within(dialog).getByRole('button', { name: 'Exclude' }));
    expect(within(dialog).getByText('Enter the reason.')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    await user.type(within(dialog).getByLabelText('Reason'), '  Owner stay ');
    await user.click(within(dialog).getByRole('button', { name: 'Exclude' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      kind: 'exclude',
      reservationId: 'r1',
      reason: 'Owner stay',
    });
    const notCounted = await screen.findByRole('table', { name: 'Not counted' });
    expect(notCounted).toHaveTextContent('excluded on review: Owner stay');
    expect(screen.getByRole('region', { name: 'Summary' })).toHaveTextContent(usd(1234));
  });

  it('keeps the dialog open with the refusal explained', async () => {
    serve(reviewed({ overrides: [], manualLines: [], warnings: [] }), (method) =>
      method === 'POST' ? errorResponse(422, 'not_excluded', 'reservation r5 is not among them') : undefined,
    );
    const user = userEvent.setup();
    renderWithApp(<StatementPage id="stm_1" />, { role: 'editor' });
    await user.click(await screen.findByRole('button', { name: 'Include Ina Inquiry (reservation r5)' }));
    const dialog = screen.getByRole('dialog', { name: 'Count this reservation?' });
    await user.type(within(dialog).getByLabelText('Reason'), 'Paid');
    await user.click(within(dialog).getByRole('button', { name: 'Include' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('cannot be included');
    expect(within(dialog).getByRole('alert')).toHaveTextContent('reservation r5 is not among them');
  });

  it('adds a manual line with a signed amount, and removes an override', async () => {
    const dto = reviewed();
    const { requests } = serve(dto, (method, path) => {
      if (method === 'POST' && path === '/api/statements/stm_1/overrides') return jsonResponse(201, dto);
      if (method === 'DELETE' && path === '/api/statements/stm_1/overrides/ovr_x')
        return jsonResponse(200, dto);
      return undefined;
    });
    const user = userEvent.setup();
    renderWithApp(<StatementPage id="stm_1" />, { role: 'editor' });
    const form = (await screen.findByRole('heading', { name: 'Add line' })).closest('form');
    if (!form) throw new Error('no form');
    await user.click(within(form).getByRole('button', { name: 'Add line' }));
    expect(within(form).getByText('Enter the line description.')).toBeInTheDocument();
    await user.type(within(form).getByLabelText('Line description'), 'Key replacement');
    await user.type(within(form).getByLabelText('Line amount (USD)'), '0');
    await user.click(within(form).getByRole('button', { name: 'Add line' }));
    expect(within(form).getByText(/other than 0/)).toBeInTheDocument();
    await user.clear(within(form).getByLabelText('Line amount (USD)'));
    await user.type(within(form).getByLabelText('Line amount (USD)'), '-1,250.5');
    await user.click(within(form).getByLabelText('Counts toward commission'));
    await user.click(within(form).getByRole('button', { name: 'Add line' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'POST')).toBe(true));
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      kind: 'manual',
      description: 'Key replacement',
      amount: -125050,
      countsTowardCommission: true,
    });
    await user.click(screen.getByRole('button', { name: 'Remove: Excluded reservation r9' }));
    await waitFor(() =>
      expect(
        requests.some((r) => r.method === 'DELETE' && r.path === '/api/statements/stm_1/overrides/ovr_x'),
      ).toBe(true),
    );
  });
});

describe('parseSignedCents', () => {
  it('reads signed amounts exactly and refuses 0 and text', () => {
    expect(parseSignedCents('45')).toBe(4500);
    expect(parseSignedCents('-0.29')).toBe(-29);
    expect(parseSignedCents('−1,250.50')).toBe(-125050);
    expect(parseSignedCents('0')).toBeNull();
    expect(parseSignedCents('-')).toBeNull();
    expect(parseSignedCents('abc')).toBeNull();
  });

  it('has the contract’s limit', () => {
    expect(MAX_MANUAL_AMOUNT).toBe(CONTRACT_MAX);
  });
});
