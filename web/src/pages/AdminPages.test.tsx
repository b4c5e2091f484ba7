import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, me, owners, properties, renderWithApp, stubFetch } from '../test/helpers.js';
import { PropertiesPage } from './PropertiesPage.js';
import { UsersPage } from './UsersPage.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('PropertiesPage', () => {
  it('lets admins edit the settings inline', async () => {
    const user = userEvent.setup();
    const { requests } = stubFetch(({ method, path, body }) => {
      if (path === '/api/owners') return jsonResponse(200, { owners });
      if (path === '/api/properties') return jsonResponse(200, { properties });
      if (method === 'PUT' && path === '/api/properties/10001/settings') {
        return jsonResponse(200, { ...properties[0], settings: body });
      }
      return undefined;
    });
    renderWithApp(<PropertiesPage />);
    const table = await screen.findByRole('table', { name: 'Properties' });
    await user.click(within(table).getByRole('button', { name: 'Edit settings of Beach House' }));
    const percent = screen.getByRole('spinbutton', { name: 'Commission % for Beach House' });
    expect(percent).toHaveFocus();
    await user.clear(percent);
    await user.type(percent, '12.5');
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Commission basis for Beach House' }),
      'gross',
    );
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await within(table).findByText('12.5 %')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({
      commissionPercent: 12.5,
      commissionBasis: 'gross',
      ownerRemitsTaxes: false,
    });
  });

  it('has no edit controls for editors', async () => {
    stubFetch(({ path }) =>
      path === '/api/owners'
        ? jsonResponse(200, { owners })
        : path === '/api/properties'
          ? jsonResponse(200, { properties })
          : undefined,
    );
    renderWithApp(<PropertiesPage />, { role: 'editor' });
    await screen.findByRole('table', { name: 'Properties' });
    expect(screen.queryByRole('button', { name: /Edit settings/ })).not.toBeInTheDocument();
  });
});

describe('UsersPage', () => {
  it('creates a user and shows the generated password once', async () => {
    const user = userEvent.setup();
    const admin = me('admin').user;
    const created = { ...admin, id: 'usr_2', email: 'new@example.com', name: 'new', role: 'viewer' as const };
    const { requests } = stubFetch(({ method, path }) => {
      if (method === 'GET' && path === '/api/users') return jsonResponse(200, { users: [admin] });
      if (method === 'POST' && path === '/api/users')
        return jsonResponse(201, { user: created, password: 's3cret-once-only' });
      return undefined;
    });
    renderWithApp(<UsersPage />);
    await screen.findByRole('table', { name: 'Users' });
    await user.type(screen.getByLabelText('E-mail'), 'new@example.com');
    await user.click(screen.getByRole('button', { name: 'Create user' }));

    expect(await screen.findByText('s3cret-once-only')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      email: 'new@example.com',
      role: 'viewer',
    });
    expect(screen.getByRole('combobox', { name: 'Role of new@example.com' })).toHaveValue('viewer');
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText('s3cret-once-only')).not.toBeInTheDocument();
  });
});
