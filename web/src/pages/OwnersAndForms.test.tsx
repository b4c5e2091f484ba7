/**
 * Issue 15 §2 and §5 on the pages: owners told apart by name and e-mail in lists, properties in
 * natural order with a search box, and forms that check their fields before submitting and put
 * the API's refusals under the field they concern.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Owner, Property } from '../api.js';
import { AddLedgerEntryForm } from '../components/AddLedgerEntryForm.js';
import { chooseOption } from '../test/combobox.js';
import {
  errorResponse,
  job,
  jsonResponse,
  me,
  properties,
  renderWithApp,
  stubFetch,
} from '../test/helpers.js';
import { JobDetailPage } from './JobDetailPage.js';
import { LoginPage } from './LoginPage.js';
import { PropertiesPage } from './PropertiesPage.js';
import { UsersPage } from './UsersPage.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Two owners named alike, as in the demo data. */
const twins: Owner[] = [
  {
    id: '1',
    email: 'sam.north@example.com',
    firstName: 'Sam',
    lastName: 'Lee',
    name: 'Sam Lee',
    propertyCount: 2,
    delivery: 'combined',
  },
  {
    id: '2',
    email: 'sam.south@example.com',
    firstName: 'Sam',
    lastName: 'Lee',
    name: 'Sam Lee',
    propertyCount: 1,
    delivery: 'combined',
  },
];
const base = properties[0] as Property;
const units: Property[] = [
  { ...base, id: '101', ownerId: '1', name: 'Unit 10', tags: ['Beach'] },
  { ...base, id: '102', ownerId: '2', name: 'Unit 2', tags: [] },
  { ...base, id: '103', ownerId: '1', name: 'Unit 1', nickname: 'Garden flat', tags: [] },
];

describe('PropertiesPage', () => {
  function stub() {
    return stubFetch(({ path }) => {
      if (path === '/api/owners') return jsonResponse(200, { owners: twins });
      if (path === '/api/properties') return jsonResponse(200, { properties: units });
      if (path === '/api/properties?ownerId=2')
        return jsonResponse(200, { properties: units.filter((p) => p.ownerId === '2') });
      return undefined;
    });
  }
  const rowNames = (table: HTMLElement) =>
    within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getByRole('rowheader').textContent);

  it('sorts naturally and names the owner, with the e-mail when the name is shared', async () => {
    stub();
    renderWithApp(<PropertiesPage />, { role: 'viewer' });
    const table = await screen.findByRole('table', { name: 'Properties' });
    expect(rowNames(table)).toEqual(['Unit 1', 'Unit 2', 'Unit 10']);
    const row = within(table).getByRole('row', { name: /Unit 2/ });
    expect(await within(row).findByText('Sam Lee (sam.south@example.com)')).toBeInTheDocument();
    expect(within(table).queryByText('2')).not.toBeInTheDocument(); // no bare owner id
  });

  it('has a search box over name, nickname, tag and owner', async () => {
    const user = userEvent.setup();
    stub();
    renderWithApp(<PropertiesPage />, { role: 'viewer' });
    const table = await screen.findByRole('table', { name: 'Properties' });
    await within(table).findAllByText(/sam\.north/);
    const search = screen.getByRole('searchbox', { name: 'Search properties' });
    await user.type(search, 'garden');
    expect(rowNames(table)).toEqual(['Unit 1']);
    await user.clear(search);
    await user.type(search, 'beach');
    expect(rowNames(table)).toEqual(['Unit 10']);
    await user.clear(search);
    await user.type(search, 'south');
    expect(rowNames(table)).toEqual(['Unit 2']);
    expect(screen.getByText('1 of 3 properties match “south”')).toBeInTheDocument();
    await user.clear(search);
    await user.type(search, 'nothing like it');
    expect(screen.getByText('No property matches “nothing like it”.')).toBeInTheDocument();
  });

  it('filters by an owner picked by e-mail', async () => {
    const user = userEvent.setup();
    const { requests } = stub();
    renderWithApp(<PropertiesPage />, { role: 'viewer' });
    await screen.findByRole('table', { name: 'Properties' });
    const owner = screen.getByRole('combobox', { name: 'Filter by owner' });
    await chooseOption(user, owner, /sam\.south@example\.com/, 'south');
    expect(owner).toHaveValue('Sam Lee (sam.south@example.com)');
    await waitFor(() => expect(requests.map((r) => r.path)).toContain('/api/properties?ownerId=2'));
  });
});

describe('JobDetailPage', () => {
  it("names each generated statement's owner", async () => {
    const done = job({
      id: 'job_01own',
      status: 'completed',
      progress: 1,
      total: 1,
      counts: { generated: 1, skipped: 0, errors: 0 },
      result: {
        summary: { generated: 1, skipped: 0, errors: 0 },
        results: {
          generated: [{ propertyId: '102', propertyName: 'Unit 2', ownerId: '2', statementId: 'stm_9' }],
          skipped: [],
          errors: [],
        },
      },
    });
    stubFetch(({ path }) => {
      if (path === '/api/statements/jobs/job_01own') return jsonResponse(200, done);
      if (path === '/api/owners') return jsonResponse(200, { owners: twins });
      return undefined;
    });
    renderWithApp(<JobDetailPage id="job_01own" />, { role: 'viewer', path: '/jobs/job_01own' });
    const table = await screen.findByRole('table', { name: 'Generated' });
    expect(within(table).getByRole('columnheader', { name: 'Owner' })).toBeInTheDocument();
    expect(await within(table).findByText('Sam Lee (sam.south@example.com)')).toBeInTheDocument();
  });
});

describe('AddLedgerEntryForm', () => {
  const renderForm = () =>
    renderWithApp(
      <AddLedgerEntryForm
        propertyId="10001"
        currency="USD"
        defaultDate="2025-10-15"
        onAdded={() => undefined}
      />,
    );

  it('checks the fields before submitting, each message under its field', async () => {
    const user = userEvent.setup();
    const { requests } = stubFetch(() => undefined);
    renderForm();
    await user.type(screen.getByLabelText('Amount (USD)'), '12.345');
    await user.click(screen.getByRole('button', { name: 'Add expense' }));
    const description = screen.getByLabelText('Description');
    expect(description).toHaveAccessibleDescription('Enter the description.');
    expect(description).toHaveFocus();
    expect(screen.getByLabelText('Amount (USD)')).toHaveAccessibleDescription(
      'Amount must be a positive amount such as 125 or 125.50.',
    );
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    await user.type(description, 'Plumber');
    expect(description).not.toHaveAttribute('aria-invalid');
  });

  it("puts the API's validation errors under the fields, in words", async () => {
    const user = userEvent.setup();
    stubFetch(({ method }) =>
      method === 'POST'
        ? jsonResponse(400, {
            error: {
              code: 'validation_error',
              message: 'date: must be a date that exists',
              details: [
                { path: 'date', message: 'must be a date that exists' },
                { path: 'description', message: 'Too big: expected string to have <=500 characters' },
              ],
            },
          })
        : undefined,
    );
    renderForm();
    await user.type(screen.getByLabelText('Description'), 'Plumber');
    await user.type(screen.getByLabelText('Amount (USD)'), '125');
    await user.click(screen.getByRole('button', { name: 'Add expense' }));
    const date = screen.getByLabelText('Date');
    await waitFor(() => expect(date).toHaveAccessibleDescription('Date must be a date that exists.'));
    expect(screen.getByLabelText('Description')).toHaveAccessibleDescription(
      'Description can be at most 500 characters.',
    );
    await waitFor(() => expect(date).toHaveFocus());
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('explains other refusals with the next step', async () => {
    const user = userEvent.setup();
    stubFetch(({ method }) =>
      method === 'POST' ? errorResponse(403, 'forbidden', 'needs statements:edit') : undefined,
    );
    renderForm();
    await user.type(screen.getByLabelText('Description'), 'Plumber');
    await user.type(screen.getByLabelText('Amount (USD)'), '125');
    await user.click(screen.getByRole('button', { name: 'Add expense' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Your role does not allow this. Ask an administrator if you need it.',
    );
  });
});

describe('UsersPage: Add a user', () => {
  function stub(answer: () => Response) {
    return stubFetch(({ method, path }) => {
      if (method === 'GET' && path === '/api/users') return jsonResponse(200, { users: [me('admin').user] });
      if (method === 'POST' && path === '/api/users') return answer();
      return undefined;
    });
  }

  it('checks the e-mail and the password length before sending', async () => {
    const user = userEvent.setup();
    const { requests } = stub(() => jsonResponse(500, {}));
    renderWithApp(<UsersPage />);
    await screen.findByRole('table', { name: 'Users' });
    await user.type(screen.getByLabelText('E-mail'), 'not-an-address');
    await user.type(screen.getByLabelText('Password (optional)'), 'short');
    await user.click(screen.getByRole('button', { name: 'Create user' }));
    const email = screen.getByLabelText('E-mail');
    expect(email).toHaveAccessibleDescription('E-mail must be an e-mail address, such as name@example.com.');
    expect(email).toHaveFocus();
    expect(screen.getByLabelText('Password (optional)')).toHaveAccessibleDescription(
      'Password must be at least 12 characters (it has 5). At least 12 characters; leave empty to generate one.',
    );
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('puts "e-mail taken" under the e-mail', async () => {
    const user = userEvent.setup();
    stub(() => errorResponse(409, 'email_taken', 'a user with e-mail ann@example.com already exists'));
    renderWithApp(<UsersPage />);
    await screen.findByRole('table', { name: 'Users' });
    await user.type(screen.getByLabelText('E-mail'), 'ann@example.com');
    await user.click(screen.getByRole('button', { name: 'Create user' }));
    const email = screen.getByLabelText('E-mail');
    await waitFor(() =>
      expect(email).toHaveAccessibleDescription('A user with e-mail ann@example.com already exists.'),
    );
    await waitFor(() => expect(email).toHaveFocus());
  });
});

describe('LoginPage', () => {
  it('asks for the missing fields under them, without a request', async () => {
    const user = userEvent.setup();
    const { requests } = stubFetch(() => undefined);
    renderWithApp(<LoginPage />);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByLabelText('E-mail')).toHaveAccessibleDescription('Enter the e-mail.');
    expect(screen.getByLabelText('E-mail')).toHaveFocus();
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter the password.');
    expect(requests.filter((r) => r.path === '/api/auth/login')).toHaveLength(0);
  });
});
