/**
 * Password actions in the web app: an admin resets a password (a one-time password shown once)
 * or unlocks a user on the Users page; a user changes their own on the Settings page; a user who
 * signed in with a one-time password must choose a new one before anything else.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App.js';
import { EventSourceFactoryContext } from '../components/useJobEvents.js';
import {
  errorResponse,
  fakeEventSourceFactory,
  jsonResponse,
  me,
  renderWithApp,
  stubFetch,
} from '../test/helpers.js';
import { SettingsPage } from './SettingsPage.js';
import { UsersPage } from './UsersPage.js';

beforeEach(() => {
  window.history.replaceState(null, '', '/');
});
afterEach(() => {
  vi.restoreAllMocks();
});

const admin = me('admin').user;
const ann = { ...admin, id: 'usr_2', email: 'ann@example.com', name: 'Ann', role: 'editor' as const };

describe('UsersPage password actions', () => {
  it('resets a password after confirmation and shows the one-time password once', async () => {
    const user = userEvent.setup();
    const { requests } = stubFetch(({ method, path }) => {
      if (method === 'GET' && path === '/api/users') return jsonResponse(200, { users: [admin, ann] });
      if (method === 'POST' && path === '/api/users/usr_2/reset-password')
        return jsonResponse(200, {
          user: { ...ann, mustChangePassword: true },
          password: 'one-time-Xy7Qp2Lm9Rt4',
          mustChangePassword: true,
        });
      return undefined;
    });
    renderWithApp(<UsersPage />);
    const table = await screen.findByRole('table', { name: 'Users' });
    // Not offered on one's own row (that is the Settings page's change form).
    expect(within(table).queryByRole('button', { name: `Reset password of ${admin.email}` })).toBeNull();
    await user.click(within(table).getByRole('button', { name: 'Reset password of ann@example.com' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reset password?' });
    expect(requests.some((r) => r.path.endsWith('/reset-password'))).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Reset password' }));

    expect(await screen.findByText('one-time-Xy7Qp2Lm9Rt4')).toBeInTheDocument();
    expect(screen.getByText(/must choose a new one when they sign in/)).toBeInTheDocument();
    expect(
      requests.filter((r) => r.method === 'POST' && r.path === '/api/users/usr_2/reset-password'),
    ).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText('one-time-Xy7Qp2Lm9Rt4')).not.toBeInTheDocument();
  });

  it('unlocks a user and says so', async () => {
    const user = userEvent.setup();
    const { requests } = stubFetch(({ method, path }) => {
      if (method === 'GET' && path === '/api/users') return jsonResponse(200, { users: [admin, ann] });
      if (method === 'POST' && path === '/api/users/usr_2/unlock') return jsonResponse(200, { user: ann });
      return undefined;
    });
    renderWithApp(<UsersPage />);
    const table = await screen.findByRole('table', { name: 'Users' });
    await user.click(within(table).getByRole('button', { name: 'Unlock ann@example.com' }));
    expect(await within(table).findByRole('status')).toHaveTextContent('Sign-in delays cleared.');
    expect(requests.filter((r) => r.path === '/api/users/usr_2/unlock')).toHaveLength(1);
  });
});

describe('SettingsPage password change', () => {
  function stub(answer: (body: unknown) => Response) {
    return stubFetch(({ method, path, body }) => {
      if (path === '/api/settings/schedule')
        return jsonResponse(200, {
          enabled: false,
          cron: '0 6 1 * *',
          timezone: 'UTC',
          calculationType: 'checkout',
          nextRunAt: null,
          updatedAt: null,
          updatedBy: null,
        });
      if (method === 'PUT' && path === '/api/auth/me/password') return answer(body);
      return undefined;
    });
  }

  async function fill(current: string, next: string, repeat = next) {
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Change password' });
    await user.type(within(form).getByLabelText('Current password'), current);
    await user.type(within(form).getByLabelText('New password'), next);
    await user.type(within(form).getByLabelText('Repeat the new password'), repeat);
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    return form;
  }

  it('sends the current and the new password and confirms the change', async () => {
    const { requests } = stub(() => jsonResponse(200, { user: me('editor').user }));
    renderWithApp(<SettingsPage />, { role: 'editor' });
    const form = await fill('old-password-123', 'Violet-Summit-2047');
    expect(await within(form).findByRole('status')).toHaveTextContent('Your other sessions were signed out');
    expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({
      currentPassword: 'old-password-123',
      newPassword: 'Violet-Summit-2047',
    });
    expect(within(form).getByLabelText('New password')).toHaveValue('');
  });

  it("checks the repeat before sending, and puts the server's refusal under the new password", async () => {
    const { requests } = stub(() =>
      errorResponse(400, 'weak_password', 'newPassword is one of the most common passwords'),
    );
    renderWithApp(<SettingsPage />, { role: 'editor' });
    const form = await fill('old-password-123', 'Violet-Summit-2047', 'Violet-Summit-2048');
    const repeat = within(form).getByLabelText('Repeat the new password');
    expect(repeat).toHaveAccessibleDescription('The repeated password differs from the new password.');
    expect(repeat).toHaveAttribute('aria-invalid', 'true');
    expect(repeat).toHaveFocus();
    expect(requests.some((r) => r.method === 'PUT')).toBe(false);

    const user = userEvent.setup();
    await user.clear(repeat);
    await user.type(repeat, 'Violet-Summit-2047');
    expect(repeat).not.toHaveAttribute('aria-invalid');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    const next = within(form).getByLabelText('New password');
    await waitFor(() =>
      expect(next).toHaveAccessibleDescription(
        'New password is one of the most common passwords. At least 12 characters; not a common password and not containing your e-mail.',
      ),
    );
    await waitFor(() => expect(next).toHaveFocus());
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says a too short new password under the field, before sending', async () => {
    const { requests } = stub(() => jsonResponse(200, { user: me('editor').user }));
    renderWithApp(<SettingsPage />, { role: 'editor' });
    const form = await fill('old-password-123', 'short-pass');
    expect(within(form).getByLabelText('New password')).toHaveAccessibleDescription(
      expect.stringContaining('New password must be at least 12 characters (it has 10).'),
    );
    expect(requests.some((r) => r.method === 'PUT')).toBe(false);
  });
});

describe('signed in with a one-time password', () => {
  it('asks for a new password before showing the app, then continues', async () => {
    let mustChange = true;
    const { requests } = stubFetch(({ method, path }) => {
      if (path === '/api/auth/me') {
        const m = me('editor');
        return jsonResponse(200, { ...m, user: { ...m.user, mustChangePassword: mustChange } });
      }
      if (method === 'PUT' && path === '/api/auth/me/password') {
        mustChange = false;
        return jsonResponse(200, { user: { ...me('editor').user, mustChangePassword: false } });
      }
      if (path.startsWith('/api/statements/jobs')) return jsonResponse(200, { jobs: [], nextCursor: null });
      if (path.startsWith('/api/statements')) return jsonResponse(200, { statements: [], nextCursor: null });
      if (path === '/api/owners') return jsonResponse(200, { owners: [] });
      if (path.startsWith('/api/properties')) return jsonResponse(200, { properties: [] });
      return undefined;
    });
    const user = userEvent.setup();
    render(
      <EventSourceFactoryContext.Provider value={fakeEventSourceFactory}>
        <App />
      </EventSourceFactoryContext.Provider>,
    );
    expect(await screen.findByRole('heading', { name: 'Choose a new password' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(requests.some((r) => r.path.startsWith('/api/statements'))).toBe(false);
    await user.type(screen.getByLabelText('One-time password'), 'one-time-Xy7Qp2Lm9Rt4');
    await user.type(screen.getByLabelText('New password'), 'Quiet-Orchard-6610');
    await user.type(screen.getByLabelText('Repeat the new password'), 'Quiet-Orchard-6610');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByRole('navigation')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Choose a new password' })).toBeNull();
  });
});
