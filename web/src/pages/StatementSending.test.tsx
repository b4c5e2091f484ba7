/**
 * Issue 15 §6, safe sending, on the statement page: the primary action by status, "Mark as sent
 * without e-mailing" in a keyboard-usable menu behind a confirmation, "Resend" only where an
 * e-mail went out (a delivery on record, not the status alone), and a notice after each change.
 * Also §9 on this page: the author by name, never by user id.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeliveryDto, StatementDto } from '../api.js';
import {
  deferred,
  errorResponse,
  jsonResponse,
  owners,
  renderWithApp,
  type SeenRequest,
  statement,
  stubFetch,
} from '../test/helpers.js';
import { JobDetailPage } from './JobDetailPage.js';
import { StatementPage } from './StatementPage.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const delivery = (overrides: Partial<DeliveryDto> = {}): DeliveryDto => ({
  id: 'dlv_1',
  statementId: 'stm_1',
  recipient: 'ann@example.com',
  status: 'sent',
  via: 'outbox',
  messageId: '<m1@example.com>',
  error: null,
  resend: false,
  createdBy: 'usr_1',
  createdAt: '2025-11-02T09:00:00.000Z',
  ...overrides,
});

/**
 * A small server: the statement (changed by PUT status and POST send as the API does), its
 * deliveries, the owners and the user names. `refuse` answers a write with that error instead;
 * every read of the deliveries after the first waits for `rereads` when given.
 */
function server(
  initial: StatementDto,
  deliveries: DeliveryDto[] = [],
  refuse?: Response,
  rereads?: Promise<unknown>,
) {
  let current = initial;
  const history = [...deliveries];
  let historyReads = 0;
  const seen = stubFetch(({ method, path, body }: SeenRequest) => {
    if (method === 'GET' && path === '/api/statements/stm_1') return jsonResponse(200, current);
    if (method === 'GET' && path === '/api/statements/stm_1/deliveries') {
      historyReads += 1;
      const answer = jsonResponse(200, { deliveries: [...history] });
      return historyReads > 1 && rereads ? rereads.then(() => answer) : answer;
    }
    if (path === '/api/owners') return jsonResponse(200, { owners });
    if (path === '/api/users/names')
      return jsonResponse(200, { users: [{ id: 'usr_9', name: 'Maria Lopez' }] });
    if (refuse && method !== 'GET') return refuse;
    if (method === 'PUT' && path === '/api/statements/stm_1/status') {
      current = { ...current, status: (body as { status: StatementDto['status'] }).status };
      return jsonResponse(200, current);
    }
    if (method === 'POST' && path === '/api/statements/stm_1/send') {
      current = { ...current, status: 'sent', sentAt: '2025-11-02T09:00:00.000Z', sentTo: 'ann@example.com' };
      const made = delivery({
        id: `dlv_${history.length + 1}`,
        resend: Boolean((body as { resend: boolean }).resend),
      });
      history.push(made);
      return jsonResponse(200, { statement: current, delivery: made });
    }
    return undefined;
  });
  return seen.requests;
}

const writes = (requests: SeenRequest[]) => requests.filter((r) => r.method !== 'GET');

describe('statement actions by status', () => {
  it('makes Finalize the primary action of a draft, and says what happened', async () => {
    const user = userEvent.setup();
    server(statement());
    renderWithApp(<StatementPage id="stm_1" />, { role: 'editor' });
    const finalize = await screen.findByRole('button', { name: 'Finalize' });
    expect(finalize).toHaveClass('button-primary');
    expect(screen.queryByRole('button', { name: /More actions/ })).not.toBeInTheDocument();

    await user.click(finalize);
    expect(await screen.findByText('Status: Final')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Finalized — ready to send');
  });

  it('makes Send to owner the primary action of a final statement; marking sent is in the menu', async () => {
    server(statement({ status: 'final' }));
    renderWithApp(<StatementPage id="stm_1" />, { role: 'editor' });
    const send = await screen.findByRole('button', { name: 'Send to owner' });
    expect(send).toHaveClass('button-primary');
    // The primary action is the only primary one.
    expect(document.querySelectorAll('.actions .button-primary')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Back to draft' })).not.toHaveClass('button-primary');
    // Not a button on the page: only inside the menu.
    expect(screen.queryByRole('button', { name: /Mark as sent/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('menuitem')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Resend/ })).not.toBeInTheDocument();
  });

  it('e-mails after a confirmation naming the recipient, then offers Resend', async () => {
    const user = userEvent.setup();
    const requests = server(statement({ status: 'final' }));
    renderWithApp(<StatementPage id="stm_1" />, { role: 'editor' });
    await user.click(await screen.findByRole('button', { name: 'Send to owner' }));
    const dialog = screen.getByRole('dialog', { name: 'E-mail this statement to the owner?' });
    await waitFor(() => expect(dialog).toHaveTextContent('ann@example.com'));
    expect(writes(requests)).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(await screen.findByRole('button', { name: 'Resend to owner' })).toBeInTheDocument();
    expect(writes(requests).map((r) => [r.path, r.body])).toEqual([
      ['/api/statements/stm_1/send', { resend: false }],
    ]);
    const notices = screen.getByRole('status');
    expect(notices).toHaveTextContent('Sent to ann@example.com');
    expect(notices).toHaveTextContent('Demo mode: written to the outbox');
    expect(screen.queryByRole('button', { name: 'Send to owner' })).not.toBeInTheDocument();
  });
});

describe('mark as sent without e-mailing', () => {
  it('opens from the keyboard, closes on Escape, and asks before marking', async () => {
    const user = userEvent.setup();
    const requests = server(statement({ status: 'final' }));
    renderWithApp(<StatementPage id="stm_1" />, { role: 'editor' });
    const more = await screen.findByRole('button', { name: /More actions/ });
    expect(more).toHaveAttribute('aria-haspopup', 'menu');
    expect(more).toHaveAttribute('aria-expanded', 'false');

    more.focus();
    await user.keyboard('{Enter}');
    const menu = screen.getByRole('menu', { name: /More actions/ });
    expect(more).toHaveAttribute('aria-expanded', 'true');
    const item = within(menu).getByRole('menuitem', { name: 'Mark as sent without e-mailing' });
    expect(item).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(more).toHaveFocus();

    // ↓ opens it too; Enter chooses; Cancel in the confirmation changes nothing.
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('menuitem', { name: 'Mark as sent without e-mailing' })).toHaveFocus();
    await user.keyboard('{Enter}');
    let dialog = screen.getByRole('dialog', { name: 'Mark as sent without e-mailing?' });
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(writes(requests)).toEqual([]);
    expect(screen.getByText('Status: Final')).toBeInTheDocument();

    await user.click(more);
    await user.click(screen.getByRole('menuitem', { name: 'Mark as sent without e-mailing' }));
    dialog = screen.getByRole('dialog', { name: 'Mark as sent without e-mailing?' });
    await user.click(within(dialog).getByRole('button', { name: 'Mark as sent' }));
    expect(await screen.findByText('Status: Sent')).toBeInTheDocument();
    expect(writes(requests).map((r) => [r.method, r.path, r.body])).toEqual([
      ['PUT', '/api/statements/stm_1/status', { status: 'sent' }],
    ]);
    expect(screen.getByRole('status')).toHaveTextContent('Marked as sent (no e-mail)');
    // Nothing went out, so there is nothing to resend: it can still be e-mailed.
    expect(await screen.findByText('Marked as sent without an e-mail.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Resend/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send to owner' })).toBeInTheDocument();
  });

  it('closes the menu on a click outside it', async () => {
    const user = userEvent.setup();
    server(statement({ status: 'final' }));
    renderWithApp(<StatementPage id="stm_1" />, { role: 'editor' });
    await user.click(await screen.findByRole('button', { name: /More actions/ }));
    expect(screen.getByRole('menu')).toBeInTheDocument();
    await user.click(screen.getByRole('heading', { level: 1 }));
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
  });

  it('keeps the confirmation open with a plain-words explanation when refused', async () => {
    const user = userEvent.setup();
    server(
      statement({ status: 'final' }),
      [],
      errorResponse(409, 'concurrent_change', 'the statement changed meanwhile'),
    );
    renderWithApp(<StatementPage id="stm_1" />, { role: 'editor' });
    await user.click(await screen.findByRole('button', { name: /More actions/ }));
    await user.click(screen.getByRole('menuitem', { name: 'Mark as sent without e-mailing' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Mark as sent' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Someone else changed this record at the same moment. Reload the page and try again.',
    );
    expect(screen.getByText('Status: Final')).toBeInTheDocument();
  });
});

describe('Resend only where an e-mail went out', () => {
  const sent = statement({ status: 'sent', sentAt: '2025-11-02T09:00:00.000Z', sentTo: 'ann@example.com' });

  it('offers Resend for a statement with a sent delivery', async () => {
    const user = userEvent.setup();
    const requests = server(sent, [delivery()]);
    renderWithApp(<StatementPage id="stm_1" />, { role: 'editor' });
    await user.click(await screen.findByRole('button', { name: 'Resend to owner' }));
    const dialog = screen.getByRole('dialog', { name: 'Send this statement again?' });
    await user.click(within(dialog).getByRole('button', { name: 'Resend' }));
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('Sent again to ann@example.com'),
    );
    expect(writes(requests).map((r) => r.body)).toEqual([{ resend: true }]);
  });

  it('offers Send, not Resend, when every attempt failed or it was only marked sent', async () => {
    const user = userEvent.setup();
    const requests = server(statement({ status: 'sent' }), [
      delivery({ status: 'failed', via: null, error: 'connect ECONNREFUSED' }),
    ]);
    renderWithApp(<StatementPage id="stm_1" />, { role: 'editor' });
    const send = await screen.findByRole('button', { name: 'Send to owner' });
    expect(screen.queryByRole('button', { name: /Resend/ })).not.toBeInTheDocument();
    expect(requests.some((r) => r.path === '/api/statements/stm_1/deliveries')).toBe(true);
    // The API wants `resend` for any sent statement, even one never e-mailed.
    await user.click(send);
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Send' }));
    expect(await screen.findByRole('button', { name: 'Resend to owner' })).toBeInTheDocument();
    expect(writes(requests).map((r) => r.body)).toEqual([{ resend: true }]);
  });

  it('shows Resend as soon as a send is answered, before the history is read again', async () => {
    const user = userEvent.setup();
    const reread = deferred<void>();
    const requests = server(statement({ status: 'sent' }), [], undefined, reread.promise);
    renderWithApp(<StatementPage id="stm_1" />, { role: 'editor' });
    await user.click(await screen.findByRole('button', { name: 'Send to owner' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Send' }));
    expect(await screen.findByRole('button', { name: 'Resend to owner' })).toBeInTheDocument();
    // The send changed the statement, so its history is asked again; that answer is still held.
    const historyReads = () => requests.filter((r) => r.path === '/api/statements/stm_1/deliveries');
    await waitFor(() => expect(historyReads()).toHaveLength(2));
    expect(screen.queryByRole('button', { name: 'Send to owner' })).not.toBeInTheDocument();
    reread.resolve();
    await waitFor(() =>
      expect(screen.queryByText('Marked as sent without an e-mail.')).not.toBeInTheDocument(),
    );
    expect(screen.getByRole('button', { name: 'Resend to owner' })).toBeInTheDocument();
  });

  it('does not ask for the deliveries of drafts and final statements, nor for viewers', async () => {
    const requests = server(statement({ status: 'final' }));
    const { unmount } = renderWithApp(<StatementPage id="stm_1" />, { role: 'editor' });
    await screen.findByRole('button', { name: 'Send to owner' });
    unmount();
    const viewerRequests = server(sent, [delivery()]);
    renderWithApp(<StatementPage id="stm_1" />, { role: 'viewer' });
    await screen.findByText('Status: Sent');
    expect(screen.queryByRole('button', { name: /Resend|Send/ })).not.toBeInTheDocument();
    expect([...requests, ...viewerRequests].some((r) => r.path.endsWith('/deliveries'))).toBe(false);
    expect(viewerRequests.some((r) => r.path === '/api/statements/stm_1')).toBe(true);
  });
});

describe('names, not user ids', () => {
  it('shows who created and updated a statement by name, for viewers too', async () => {
    server(statement({ createdBy: 'usr_9', updatedBy: 'usr_404' }));
    renderWithApp(<StatementPage id="stm_1" />, { role: 'viewer' });
    const created = (await screen.findByText('Created')).nextElementSibling;
    await waitFor(() => expect(created).toHaveTextContent('by Maria Lopez'));
    // Someone the names list does not know is not shown by id either.
    expect(screen.getByText('Updated').nextElementSibling).toHaveTextContent('by unknown user');
    expect(document.body.textContent).not.toMatch(/usr_/);
  });

  it('names the signed-in user even when the names list cannot be read', async () => {
    stubFetch(({ path }) =>
      path === '/api/statements/stm_1' ? jsonResponse(200, statement({ createdBy: 'usr_1' })) : undefined,
    );
    renderWithApp(<StatementPage id="stm_1" />, { role: 'editor' });
    // usr_1 is the signed-in user, named "editor" in the fixture; the names list answered 404.
    const created = (await screen.findByText('Created')).nextElementSibling;
    expect(created).toHaveTextContent('by editor');
  });

  it('shows who started a job by name', async () => {
    stubFetch(({ path }) => {
      if (path === '/api/statements/jobs/job_01abc')
        return jsonResponse(200, {
          id: 'job_01abc',
          type: 'bulk_statement_generation',
          status: 'completed',
          progress: 0,
          total: 0,
          startedAt: '2025-11-01T10:00:00.000Z',
          completedAt: '2025-11-01T10:01:00.000Z',
          result: null,
          error: null,
          params: { startDate: '2025-10-01', endDate: '2025-10-31', calculationType: 'checkout' },
          createdAt: '2025-11-01T10:00:00.000Z',
          counts: { generated: 0, skipped: 0, errors: 0 },
          retryOf: null,
          createdBy: 'usr_9',
        });
      if (path === '/api/users/names')
        return jsonResponse(200, { users: [{ id: 'usr_9', name: 'Maria Lopez' }] });
      return undefined;
    });
    renderWithApp(<JobDetailPage id="job_01abc" />, { role: 'viewer' });
    const startedBy = (await screen.findByText('Started by')).nextElementSibling;
    await waitFor(() => expect(startedBy).toHaveTextContent('Maria Lopez'));
    expect(document.body.textContent).not.toMatch(/usr_/);
  });
});
