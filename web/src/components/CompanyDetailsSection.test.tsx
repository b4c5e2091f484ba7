import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CompanyDto } from '../api.js';
import { errorResponse, jsonResponse, renderWithApp, stubFetch } from '../test/helpers.js';
import { CompanyDetailsSection } from './CompanyDetailsSection.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const unsaved: CompanyDto = {
  name: 'Owner Statements',
  addressLines: [],
  email: null,
  phone: null,
  logo: null,
  saved: false,
  updatedAt: null,
  updatedBy: null,
};

const png = (bytes: number) => new File([new Uint8Array(bytes).fill(7)], 'logo.png', { type: 'image/png' });

describe('CompanyDetailsSection', () => {
  it('lets an admin save the details, one address line per row', async () => {
    const user = userEvent.setup();
    const { requests } = stubFetch(({ method, path, body }) => {
      if (method === 'GET' && path === '/api/settings/company') return jsonResponse(200, unsaved);
      if (method === 'PUT' && path === '/api/settings/company')
        return jsonResponse(200, { ...unsaved, ...(body as object), saved: true });
      return undefined;
    });
    renderWithApp(<CompanyDetailsSection />);
    const form = await screen.findByRole('form', { name: 'Company details' });
    expect(screen.getByText(/show only the name set by COMPANY_NAME/)).toBeInTheDocument();
    const name = within(form).getByLabelText('Company name');
    await user.clear(name);
    await user.type(name, 'Acme Rentals');
    await user.type(
      within(form).getByLabelText('Postal address'),
      '12 Harbour Street{enter}{enter} Portsmouth ',
    );
    await user.type(within(form).getByLabelText('E-mail'), 'office@acme.test');
    await user.click(within(form).getByRole('button', { name: 'Save company details' }));
    expect(await screen.findByText(/^Company details saved./)).toHaveAttribute('role', 'status');
    expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({
      name: 'Acme Rentals',
      addressLines: ['12 Harbour Street', 'Portsmouth'],
      email: 'office@acme.test',
      phone: null,
    });
  });

  it('uploads a logo as base64 and shows it; refuses a file too large before sending it', async () => {
    const user = userEvent.setup();
    const { requests } = stubFetch(({ method, path }) => {
      if (method === 'GET' && path === '/api/settings/company') return jsonResponse(200, unsaved);
      if (method === 'PUT' && path === '/api/settings/company/logo')
        return jsonResponse(200, {
          ...unsaved,
          logo: { contentType: 'image/png', size: 3, updatedAt: '2025-11-01T10:00:00.000Z' },
        });
      return undefined;
    });
    const { container } = renderWithApp(<CompanyDetailsSection />);
    await screen.findByRole('form', { name: 'Company details' });
    const input = container.querySelector('input[type="file"]') as HTMLInputElement;

    await user.upload(input, png(600 * 1024));
    expect(await screen.findByRole('alert')).toHaveTextContent('larger than 512 KiB');
    expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(0);

    await user.upload(input, png(3));
    const img = await screen.findByRole('img', { name: 'Logo of Owner Statements' });
    expect(img).toHaveAttribute('src', '/api/settings/company/logo?v=2025-11-01T10%3A00%3A00.000Z');
    expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({ image: 'BwcH' });
    expect(screen.getByRole('button', { name: 'Remove logo' })).toBeInTheDocument();
  });

  it('explains the server’s refusal of a logo in words', async () => {
    const user = userEvent.setup();
    stubFetch(({ method, path }) => {
      if (method === 'GET' && path === '/api/settings/company') return jsonResponse(200, unsaved);
      if (method === 'PUT' && path === '/api/settings/company/logo')
        return errorResponse(422, 'logo_not_image', 'the logo must be a PNG or JPEG image');
      return undefined;
    });
    const { container } = renderWithApp(<CompanyDetailsSection />);
    await screen.findByRole('form', { name: 'Company details' });
    await user.upload(container.querySelector('input[type="file"]') as HTMLInputElement, png(10));
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose a PNG or JPEG file.');
  });

  it('shows editors the details without letting them change them', async () => {
    stubFetch(({ path }) =>
      path === '/api/settings/company'
        ? jsonResponse(200, { ...unsaved, name: 'Acme Rentals', saved: true })
        : undefined,
    );
    renderWithApp(<CompanyDetailsSection />, { role: 'editor' });
    const form = await screen.findByRole('form', { name: 'Company details' });
    expect(within(form).getByLabelText('Company name')).toHaveAttribute('readonly');
    expect(screen.queryByRole('button', { name: /Save|Upload/ })).not.toBeInTheDocument();
    expect(screen.getByText('Only admins change the company details.')).toBeInTheDocument();
  });
});
