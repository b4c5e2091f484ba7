import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OwnerDetailsDto, OwnerStatementDto } from '../api.js';
import { formatMoney, formatPeriodShort } from '../format.js';
import {
  errorResponse,
  jsonResponse,
  properties,
  renderWithApp,
  statement,
  stubFetch,
} from '../test/helpers.js';
import { OwnerPage } from './OwnerPage.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const OCT = { periodStart: '2025-10-01', periodEnd: '2025-10-31' };
const SEP = { periodStart: '2025-09-01', periodEnd: '2025-09-30' };

const beach = statement({ id: 'stm_beach', status: 'final' });
const loft = statement({
  id: 'stm_loft',
  propertyId: '10002',
  propertyName: 'City Loft',
  currency: 'EUR',
  status: 'draft',
  totals: { ...beach.totals, netPayout: 4200, grossRevenue: 9000 },
});

const details: OwnerDetailsDto = {
  owner: {
    id: '1001',
    email: 'ann@example.com',
    firstName: 'Ann',
    lastName: 'Lee',
    name: 'Ann Lee',
    isActive: true,
    delivery: 'combined',
  },
  properties: [
    ...properties,
    { ...properties[0], id: '10003', name: 'Annex', currency: 'USD' } as (typeof properties)[0],
  ],
  periods: [
    {
      ...OCT,
      statements: [
        {
          id: beach.id,
          propertyId: '10001',
          propertyName: 'Beach House',
          status: 'final',
          currency: 'USD',
          netPayout: 87750,
        },
        {
          id: loft.id,
          propertyId: '10002',
          propertyName: 'City Loft',
          status: 'draft',
          currency: 'EUR',
          netPayout: 4200,
        },
      ],
    },
    {
      ...SEP,
      statements: [
        {
          id: 'stm_sep',
          propertyId: '10001',
          propertyName: 'Beach House',
          status: 'sent',
          currency: 'USD',
          netPayout: 100,
        },
      ],
    },
  ],
};

const october: OwnerStatementDto = {
  owner: { id: '1001', name: 'Ann Lee', email: 'ann@example.com' },
  ...OCT,
  sections: [beach, loft],
  totals: [
    { currency: 'EUR', statementCount: 1, totals: loft.totals },
    { currency: 'USD', statementCount: 1, totals: beach.totals },
  ],
  properties: [
    {
      propertyId: '10003',
      propertyName: 'Annex',
      currency: 'USD',
      state: 'missing',
      statementId: null,
      netPayout: null,
      ownedNow: true,
    },
    {
      propertyId: '10001',
      propertyName: 'Beach House',
      currency: 'USD',
      state: 'final',
      statementId: beach.id,
      netPayout: 87750,
      ownedNow: true,
    },
    {
      propertyId: '10002',
      propertyName: 'City Loft',
      currency: 'EUR',
      state: 'draft',
      statementId: loft.id,
      netPayout: 4200,
      ownedNow: true,
    },
  ],
  missing: [{ propertyId: '10003', propertyName: 'Annex' }],
  drafts: [{ propertyId: '10002', propertyName: 'City Loft', statementId: loft.id }],
  ready: false,
};

const september: OwnerStatementDto = {
  ...october,
  ...SEP,
  sections: [],
  totals: [],
  properties: october.properties.map((p) => ({ ...p, state: 'missing', statementId: null, netPayout: null })),
  missing: october.properties.map((p) => ({ propertyId: p.propertyId, propertyName: p.propertyName })),
  drafts: [],
};

function stubOwner(pdf: () => Response = () => new Response('%PDF-1.7', pdfHeaders)) {
  return stubFetch(({ path }) => {
    if (path === '/api/owners/1001') return jsonResponse(200, details);
    if (path === '/api/owners/1001/statement?periodStart=2025-10-01&periodEnd=2025-10-31')
      return jsonResponse(200, october);
    if (path === '/api/owners/1001/statement?periodStart=2025-09-01&periodEnd=2025-09-30')
      return jsonResponse(200, september);
    if (path.startsWith('/api/owners/1001/statement.pdf?')) return pdf();
    return undefined;
  });
}

const pdfHeaders = {
  status: 200,
  headers: {
    'content-type': 'application/pdf',
    'content-disposition':
      'attachment; filename="Owner statement - Ann Lee - October 2025.pdf"; filename*=UTF-8\'\'Owner%20statement%20%E2%80%93%20Ann%20Lee%20%E2%80%93%20October%202025.pdf',
  },
};

/** The rows of a table as the text of their cells. */
const rows = (name: string) =>
  within(screen.getByRole('table', { name }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));

describe('OwnerPage', () => {
  it("shows the owner, the latest period's owner statement with totals per currency, the periods and the properties", async () => {
    stubOwner();
    renderWithApp(<OwnerPage id="1001" />, { role: 'viewer' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Ann Lee' })).toBeInTheDocument();
    expect(screen.getByText('ann@example.com')).toBeInTheDocument();
    // The latest period with statements, without one in the URL.
    expect(await screen.findByRole('heading', { name: /^Owner statement, / })).toHaveTextContent(
      'Oct 1, 2025',
    );
    await screen.findByRole('table', { name: 'Properties of the owner statement' });
    expect(rows('Properties of the owner statement')).toEqual([
      ['Annex', 'No statement', '—', '—', '—', '—'],
      [
        'Beach House',
        'Final',
        formatMoney(87750, 'USD'),
        formatMoney(110000, 'USD'),
        formatMoney(15750, 'USD'),
        formatMoney(2500, 'USD'),
      ],
      [
        'City Loft',
        'Draft',
        formatMoney(4200, 'EUR'),
        formatMoney(9000, 'EUR'),
        formatMoney(15750, 'EUR'),
        formatMoney(2500, 'EUR'),
      ],
    ]);
    expect(screen.getByRole('link', { name: 'Beach House' })).toHaveAttribute(
      'href',
      '/statements/stm_beach',
    );
    // One row per currency, never one sum.
    expect(rows('Totals per currency').map((r) => r.slice(0, 3))).toEqual([
      ['EUR', formatMoney(4200, 'EUR'), '1'],
      ['USD', formatMoney(87750, 'USD'), '1'],
    ]);
    // Notices: the draft (with a link to it) and the property without a statement.
    const notices = screen.getAllByRole('status').map((n) => n.textContent);
    expect(notices.some((n) => /1 draft, not final yet: City Loft/.test(n ?? ''))).toBe(true);
    expect(notices.some((n) => /No statement for this period: Annex\./.test(n ?? ''))).toBe(true);
    expect(screen.getByText(/Not ready/)).toBeInTheDocument();
    // Statements by period: a row per period, a badge per property.
    const periods = screen.getByRole('table', { name: 'Statements by period' });
    expect(
      within(periods)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Period', 'Annex', 'Beach House', 'City Loft']);
    expect(
      within(periods).getByRole('link', {
        name: `City Loft, ${formatPeriodShort(OCT.periodStart, OCT.periodEnd)}: Draft, ${formatMoney(4200, 'EUR')}`,
      }),
    ).toHaveAttribute('href', '/statements/stm_loft');
    // The properties with their settings.
    expect(rows('Properties of the owner').map((r) => r.slice(0, 2))).toEqual([
      ['Annex', 'USD'],
      ['Beach House', 'USD'],
      ['City Loft', 'EUR'],
    ]);
  });

  it('shows another period when it is picked, and keeps it in the URL', async () => {
    const user = userEvent.setup();
    const { requests } = stubOwner();
    const { location } = renderWithApp(<OwnerPage id="1001" />);
    const select = await screen.findByLabelText('Owner statement for');
    await screen.findByRole('table', { name: 'Properties of the owner statement' });
    await user.selectOptions(select, formatPeriodShort(SEP.periodStart, SEP.periodEnd));
    expect(await screen.findByText(/No statement of exactly this period/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download owner PDF' })).toBeDisabled();
    expect(location.history?.at(-1)).toBe('/?periodStart=2025-09-01&periodEnd=2025-09-30');
    expect(requests.map((r) => r.path)).toContain(
      '/api/owners/1001/statement?periodStart=2025-09-01&periodEnd=2025-09-30',
    );
  });

  it('opens the period the URL names', async () => {
    stubOwner();
    renderWithApp(<OwnerPage id="1001" />, { path: '/?periodStart=2025-09-01&periodEnd=2025-09-30' });
    expect(await screen.findByText(/No statement of exactly this period/)).toBeInTheDocument();
    expect(screen.getByLabelText('Owner statement for')).toHaveValue('2025-09-01/2025-09-30');
  });

  it('downloads the owner PDF under the name the server gives it', async () => {
    const user = userEvent.setup();
    const created: Blob[] = [];
    // jsdom has no object URLs: a URL class that has them, for this test only.
    vi.stubGlobal(
      'URL',
      class extends URL {
        static override createObjectURL(b: Blob) {
          created.push(b);
          return 'blob:pdf';
        }
        static override revokeObjectURL() {}
      },
    );
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const { requests } = stubOwner();
    renderWithApp(<OwnerPage id="1001" />);
    await user.click(await screen.findByRole('button', { name: 'Download owner PDF' }));
    await waitFor(() => expect(clicked).toEqual(['Owner statement – Ann Lee – October 2025.pdf']));
    expect(await created[0]?.text()).toBe('%PDF-1.7');
    expect(requests.map((r) => r.path)).toContain(
      '/api/owners/1001/statement.pdf?periodStart=2025-10-01&periodEnd=2025-10-31',
    );
  });

  it('explains a refused download', async () => {
    const user = userEvent.setup();
    stubOwner(() =>
      errorResponse(422, 'no_statements', 'Ann Lee has no statement of 2025-10-01 to 2025-10-31'),
    );
    renderWithApp(<OwnerPage id="1001" />);
    await user.click(await screen.findByRole('button', { name: 'Download owner PDF' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The owner has no statement of exactly this period');
    expect(alert).toHaveTextContent('Ann Lee has no statement of 2025-10-01 to 2025-10-31');
  });

  it('says when the owner is not known', async () => {
    stubFetch(() => errorResponse(404, 'not_found', 'owner 1001 not found'));
    renderWithApp(<OwnerPage id="1001" />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load the owner: owner 1001 not found',
    );
  });
});
