/**
 * Issue 15 §9 on the Users page: the one-time password has a copy button (the Clipboard API, or
 * the select-and-copy fallback, or the text selected for Ctrl+C), and a role change or
 * disabling/enabling asks first and confirms afterwards.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UserDto } from '../api.js';
import {
  errorResponse,
  jsonResponse,
  me,
  renderWithApp,
  type SeenRequest,
  stubFetch,
} from '../test/helpers.js';
import { UsersPage } from './UsersPage.js';

const admin = me('admin').user;
const ann: UserDto = { ...admin, id: 'usr_2', email: 'ann@example.com', name: 'Ann Smith', role: 'editor' };
const PASSWORD = 'one-time-Xy7Qp2Lm9Rt4';

afterEach(() => {
  vi.restoreAllMocks();
  // biome-ignore lint/suspicious/noExplicitAny: jsdom has no execCommand; a test may lend one
  delete (document as any).execCommand;
});

/** The users API: PATCH applies the change (or answers `refuse`), reset gives PASSWORD. */
function server(refuse?: Response) {
  let users = [admin, ann];
  return stubFetch(({ method, path, body }: SeenRequest) => {
    if (method === 'GET' && path === '/api/users') return jsonResponse(200, { users });
    if (method === 'PATCH' && path === '/api/users/usr_2') {
      if (refuse) return refuse;
      users = users.map((u) => (u.id === 'usr_2' ? { ...u, ...(body as Partial<UserDto>) } : u));
      return jsonResponse(200, users[1]);
    }
    if (method === 'POST' && path === '/api/users/usr_2/reset-password')
      return jsonResponse(200, { user: ann, password: PASSWORD, mustChangePassword: true });
    return undefined;
  }).requests;
}

const patches = (requests: SeenRequest[]) => requests.filter((r) => r.method === 'PATCH').map((r) => r.body);

async function resetAnnsPassword(user: ReturnType<typeof userEvent.setup>) {
  const table = await screen.findByRole('table', { name: 'Users' });
  await user.click(within(table).getByRole('button', { name: 'Reset password of ann@example.com' }));
  await user.click(
    within(screen.getByRole('dialog', { name: 'Reset password?' })).getByRole('button', {
      name: 'Reset password',
    }),
  );
  return screen.findByRole('button', { name: 'Copy password' });
}

describe('copying the one-time password', () => {
  it('copies it with the Clipboard API and says so', async () => {
    const user = userEvent.setup(); // Installs a clipboard the test can read back.
    server();
    renderWithApp(<UsersPage />);
    const copy = await resetAnnsPassword(user);
    await user.click(copy);
    expect(await navigator.clipboard.readText()).toBe(PASSWORD);
    expect(screen.getByText('Copied to the clipboard.')).toBeInTheDocument();
  });

  it('falls back to select-and-copy without the Clipboard API', async () => {
    const user = userEvent.setup();
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
    let copied: string | null = null;
    // The old API copies the selection: record what was selected when it was asked to.
    Object.assign(document, {
      execCommand: vi.fn((command: string) => {
        const active = document.activeElement;
        if (command === 'copy' && active instanceof HTMLTextAreaElement)
          copied = active.value.slice(active.selectionStart, active.selectionEnd);
        return copied !== null;
      }),
    });
    server();
    renderWithApp(<UsersPage />);
    await user.click(await resetAnnsPassword(user));
    expect(copied).toBe(PASSWORD);
    expect(screen.getByText('Copied to the clipboard.')).toBeInTheDocument();
    // The helper textarea is gone again.
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('selects the password for Ctrl+C when no way of copying works', async () => {
    const user = userEvent.setup();
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new Error('denied')) },
      configurable: true,
    });
    server();
    renderWithApp(<UsersPage />);
    await user.click(await resetAnnsPassword(user));
    expect(await screen.findByText(/Could not copy/)).toBeInTheDocument();
    expect(window.getSelection()?.toString()).toBe(PASSWORD);
  });
});

describe('role change and disable ask first, then confirm', () => {
  it('asks before changing a role; Cancel keeps it, Change role changes it and says so', async () => {
    const user = userEvent.setup();
    const requests = server();
    renderWithApp(<UsersPage />);
    const role = await screen.findByRole('combobox', { name: 'Role of ann@example.com' });

    await user.selectOptions(role, 'admin');
    let dialog = screen.getByRole('dialog', { name: 'Make Ann Smith an admin?' });
    expect(dialog).toHaveTextContent('Ann Smith (ann@example.com) becomes an admin');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(patches(requests)).toEqual([]);
    expect(role).toHaveValue('editor');

    await user.selectOptions(role, 'viewer');
    dialog = screen.getByRole('dialog', { name: 'Make Ann Smith a viewer?' });
    await user.click(within(dialog).getByRole('button', { name: 'Change role' }));
    await waitFor(() => expect(role).toHaveValue('viewer'));
    expect(patches(requests)).toEqual([{ role: 'viewer' }]);
    expect(screen.getByRole('status')).toHaveTextContent('Ann Smith (ann@example.com) is now a viewer');
  });

  it('asks before disabling and enabling, and confirms each', async () => {
    const user = userEvent.setup();
    const requests = server();
    renderWithApp(<UsersPage />);
    const table = await screen.findByRole('table', { name: 'Users' });
    await user.click(within(table).getByRole('button', { name: 'Disable ann@example.com' }));
    const dialog = screen.getByRole('dialog', { name: 'Disable Ann Smith?' });
    expect(dialog).toHaveTextContent('sessions and API tokens stop working at once');
    expect(patches(requests)).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Disable' }));
    const enable = await within(table).findByRole('button', { name: 'Enable ann@example.com' });
    expect(screen.getByRole('status')).toHaveTextContent('is disabled — signed out everywhere');

    await user.click(enable);
    await user.click(
      within(screen.getByRole('dialog', { name: 'Enable Ann Smith?' })).getByRole('button', {
        name: 'Enable',
      }),
    );
    await within(table).findByRole('button', { name: 'Disable ann@example.com' });
    expect(screen.getByRole('status')).toHaveTextContent('is enabled — they can sign in again');
    expect(patches(requests)).toEqual([{ disabled: true }, { disabled: false }]);
  });

  it('keeps the dialog open with a plain explanation when refused', async () => {
    const user = userEvent.setup();
    server(errorResponse(409, 'last_admin', 'the last active admin cannot be demoted or disabled'));
    renderWithApp(<UsersPage />);
    await user.click(await screen.findByRole('button', { name: 'Disable ann@example.com' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Disable' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The last active administrator cannot be demoted or disabled. Make someone else an admin first.',
    );
    expect(screen.getByRole('status')).not.toHaveTextContent('disabled —');
  });
});
