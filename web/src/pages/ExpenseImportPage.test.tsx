import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  ImportBatchDto,
  ImportMappingDto,
  PreviewImportResponse,
  PreviewRowDto,
  StatementRefDto,
} from '../expenseImportApi.js';
import { errorResponse, jsonResponse, renderWithApp, stubFetch } from '../test/helpers.js';
import { ExpenseImportPage } from './ExpenseImportPage.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const mapping: ImportMappingDto = {
  columns: { date: 0, property: 1, description: 2, amount: 3, type: null, category: null, vendor: null },
  dateFormat: 'YYYY-MM-DD',
  decimalSeparator: 'auto',
  defaultType: 'expense',
  negativeAmounts: 'refuse',
};

const row = (over: Partial<PreviewRowDto>): PreviewRowDto => ({
  row: 2,
  cells: [],
  date: '2025-10-05',
  property: { id: '10001', name: 'Beach House', currency: 'USD', matchedBy: 'name' },
  description: 'Plumber',
  amount: { text: '1.234,56', cents: 123456, readAs: '1,234.56', currency: null },
  type: 'expense',
  category: null,
  vendor: null,
  errors: [],
  duplicates: [],
  moreDuplicates: 0,
  finalStatements: [],
  selected: true,
  ...over,
});

const preview: PreviewImportResponse = {
  file: { name: 'october.csv', kind: 'csv', detail: ',', rowCount: 4 },
  headers: ['Date', 'Property', 'Description', 'Amount'],
  mapping,
  suggestedMapping: mapping,
  detected: { dateFormat: null, dateFormatFrom: null, decimalSeparator: null },
  mappingProblem: null,
  rows: [
    row({ row: 2 }),
    row({ row: 3, duplicates: [{ kind: 'row', row: 2 }], selected: false }),
    row({
      row: 4,
      property: null,
      errors: [
        {
          code: 'unknown_property',
          field: 'property',
          message: 'no property has the id, name or nickname "Nowhere"',
        },
      ],
      selected: false,
    }),
    row({
      row: 5,
      description: 'Gardener',
      amount: { text: '50', cents: 5000, readAs: '50.00', currency: null },
    }),
  ],
  summary: { rows: 4, withErrors: 1, withDuplicates: 1, selected: 2 },
  previousImports: [],
};

const draft: StatementRefDto = {
  id: 'stmt_1',
  propertyId: '10001',
  propertyName: 'Beach House',
  ownerId: '1001',
  periodStart: '2025-10-01',
  periodEnd: '2025-10-31',
  calculationType: 'checkout',
  status: 'draft',
};

const batch: ImportBatchDto = {
  id: 'imp_1',
  fileName: 'october.csv',
  createdAt: '2025-11-02T10:00:00.000Z',
  createdBy: 'usr_admin',
  entryCount: 2,
  totals: [{ type: 'expense', currency: 'USD', count: 2, amount: 128456 }],
  status: 'imported',
  undoneAt: null,
  undoneBy: null,
};

describe('ExpenseImportPage', () => {
  it('previews a file, leaves errors and duplicates unchosen, imports the chosen rows and regenerates a draft', async () => {
    const user = userEvent.setup();
    let batches: ImportBatchDto[] = [];
    const { requests } = stubFetch(({ method, path, body }) => {
      if (method === 'POST' && path === '/api/expense-imports/preview') {
        const m = (body as { mapping?: ImportMappingDto }).mapping;
        return jsonResponse(200, m ? { ...preview, mapping: m } : preview);
      }
      if (method === 'POST' && path === '/api/expense-imports') {
        batches = [batch];
        return jsonResponse(201, { batch, touchedDrafts: [draft], finalStatements: [] });
      }
      if (method === 'GET' && path === '/api/expense-imports') return jsonResponse(200, { batches });
      if (method === 'GET' && path === '/api/users/names') return jsonResponse(200, { users: [] });
      if (method === 'POST' && path === '/api/statements/generate')
        return jsonResponse(201, {
          message: 'Statement generated successfully',
          statement: { id: 'stmt_1' },
        });
      return undefined;
    });
    renderWithApp(<ExpenseImportPage />, { role: 'editor' });
    expect(await screen.findByText('No file has been imported yet.')).toBeInTheDocument();

    const csv = new File(['Date,Property,Description,Amount\n'], 'october.csv', { type: 'text/csv' });
    await user.upload(screen.getByLabelText(/Expense file/), csv);
    const table = await screen.findByRole('table', { name: 'Rows of the file' });
    const sent = requests.find((r) => r.path === '/api/expense-imports/preview')?.body as { content: string };
    expect(atob(sent.content)).toBe('Date,Property,Description,Amount\n');
    expect(screen.getByLabelText('Amount column')).toHaveValue('3');
    expect(screen.getByLabelText('Type column (optional)')).toHaveValue('');

    expect(within(table).getByLabelText('Import row 2')).toBeChecked();
    expect(within(table).getByLabelText('Import row 3')).not.toBeChecked();
    expect(within(table).getByText('Possible duplicate of row 2 of this file')).toBeInTheDocument();
    expect(within(table).getByLabelText('Import row 4')).toBeDisabled();
    expect(within(table).getByText(/no property has the id, name or nickname "Nowhere"/)).toHaveClass(
      'import-error',
    );
    expect(within(table).getAllByText('“1.234,56” read as 1,234.56')).toHaveLength(3);

    // A mapping change reads the file again with it.
    await user.selectOptions(screen.getByLabelText('Date format'), 'DD/MM/YYYY');
    expect(requests.filter((r) => r.path === '/api/expense-imports/preview').at(-1)?.body).toMatchObject({
      mapping: { dateFormat: 'DD/MM/YYYY' },
    });
    await user.click(await screen.findByRole('button', { name: 'Import 2 rows' }));
    const imported = requests.find((r) => r.method === 'POST' && r.path === '/api/expense-imports');
    expect(imported?.body).toMatchObject({
      fileName: 'october.csv',
      rows: [2, 5],
      mapping: { dateFormat: 'DD/MM/YYYY' },
    });

    expect(
      await screen.findByRole('heading', { name: 'Imported 2 entries from october.csv' }),
    ).toBeInTheDocument();
    const drafts = screen.getByRole('list', { name: 'Drafts to regenerate' });
    await user.click(within(drafts).getByRole('button', { name: /Regenerate Beach House/ }));
    expect(await within(drafts).findByText('Regenerated.')).toBeInTheDocument();
    expect(requests.find((r) => r.path === '/api/statements/generate')?.body).toEqual({
      ownerId: '1001',
      propertyId: '10001',
      startDate: '2025-10-01',
      endDate: '2025-10-31',
      calculationType: 'checkout',
    });
    expect(await screen.findByRole('table', { name: 'Imported files' })).toBeInTheDocument();
  });

  it('undoes an import after asking, and shows the refusal when an entry is on a final statement', async () => {
    const user = userEvent.setup();
    let refuse = true;
    stubFetch(({ method, path }) => {
      if (method === 'GET' && path === '/api/expense-imports') return jsonResponse(200, { batches: [batch] });
      if (method === 'GET' && path === '/api/users/names') return jsonResponse(200, { users: [] });
      if (method === 'POST' && path === '/api/expense-imports/imp_1/undo') {
        if (refuse) {
          refuse = false;
          return errorResponse(
            409,
            'on_final_statement',
            'the import cannot be undone: Beach House is final',
          );
        }
        return jsonResponse(200, {
          batch: { ...batch, status: 'undone', undoneAt: '2025-11-03T10:00:00.000Z' },
          removedEntries: 2,
          touchedDrafts: [draft],
        });
      }
      return undefined;
    });
    renderWithApp(<ExpenseImportPage />, { role: 'editor' });
    await user.click(await screen.findByRole('button', { name: 'Undo the import of october.csv' }));
    const dialog = screen.getByRole('dialog', { name: 'Undo import' });
    expect(dialog).toHaveTextContent('Remove the 2 entries imported from october.csv?');
    await user.click(within(dialog).getByRole('button', { name: 'Undo import' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Beach House is final');
    await user.click(within(dialog).getByRole('button', { name: 'Undo import' }));
    expect(await screen.findByText(/Undone: 2 entries of october.csv removed/)).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Drafts to regenerate' })).toHaveTextContent('Beach House');
  });

  /** Renders the page with the file chosen and its first preview shown; `later` answers the next previews. */
  async function previewed(
    first: PreviewImportResponse,
    later: (mapping: ImportMappingDto, call: number) => Response | Promise<Response>,
  ) {
    const user = userEvent.setup();
    let calls = 0;
    const { requests } = stubFetch(({ method, path, body }) => {
      if (method === 'POST' && path === '/api/expense-imports/preview') {
        calls += 1;
        const m = (body as { mapping?: ImportMappingDto }).mapping;
        return calls === 1 || !m ? jsonResponse(200, first) : later(m, calls);
      }
      if (method === 'POST' && path === '/api/expense-imports')
        return jsonResponse(201, { batch, touchedDrafts: [], finalStatements: [] });
      if (method === 'GET' && path === '/api/expense-imports') return jsonResponse(200, { batches: [] });
      if (method === 'GET' && path === '/api/users/names') return jsonResponse(200, { users: [] });
      return undefined;
    });
    renderWithApp(<ExpenseImportPage />, { role: 'editor' });
    const csv = new File(['Date,Property,Description,Amount\n'], 'october.csv', { type: 'text/csv' });
    await user.upload(await screen.findByLabelText(/Expense file/), csv);
    const table = await screen.findByRole('table', { name: 'Rows of the file' });
    return { user, requests, table };
  }

  it('imports with the mapping of the preview on screen, never with one whose preview failed', async () => {
    const { user, requests } = await previewed(preview, (m, call) =>
      call === 2
        ? errorResponse(500, 'internal_error', 'the server failed')
        : jsonResponse(200, { ...preview, mapping: m }),
    );
    const importButton = () => screen.getByRole('button', { name: 'Import 2 rows' });
    expect(importButton()).toBeEnabled();

    await user.selectOptions(screen.getByLabelText('Date format'), 'DD/MM/YYYY');
    expect(await screen.findByText(/the changed one could not be read/)).toBeInTheDocument();
    // The form shows the new mapping, the rows are still those of the old one: no import.
    expect(screen.getByLabelText('Date format')).toHaveValue('DD/MM/YYYY');
    expect(importButton()).toBeDisabled();

    await user.selectOptions(screen.getByLabelText('Decimal separator'), ',');
    await waitFor(() => expect(importButton()).toBeEnabled());
    await user.click(importButton());
    await screen.findByRole('heading', { name: /Imported 2 entries/ });
    const imported = requests.find((r) => r.method === 'POST' && r.path === '/api/expense-imports');
    expect(imported?.body).toMatchObject({
      rows: [2, 5],
      mapping: { dateFormat: 'DD/MM/YYYY', decimalSeparator: ',' },
    });
    expect(imported?.body).not.toHaveProperty('allowReimport');
  });

  it('keeps the choices made for rows that can still be chosen when the mapping changes', async () => {
    const [r2, r3, r4, r5] = preview.rows as [PreviewRowDto, PreviewRowDto, PreviewRowDto, PreviewRowDto];
    const remapped = (m: ImportMappingDto): PreviewImportResponse => ({
      ...preview,
      mapping: m,
      rows: [
        {
          ...r2,
          errors: [{ code: 'bad_date', field: 'date', message: '"x" is not a date' }],
          selected: false,
        },
        r3,
        { ...r4, property: r2.property, errors: [], selected: true },
        r5,
      ],
    });
    const { user, table } = await previewed(preview, (m) => jsonResponse(200, remapped(m)));
    await user.click(within(table).getByLabelText('Import row 3'));
    await user.click(within(table).getByLabelText('Import row 5'));
    expect(within(table).getByLabelText('Import row 3')).toBeChecked();
    expect(within(table).getByLabelText('Import row 5')).not.toBeChecked();

    await user.selectOptions(screen.getByLabelText('Date format'), 'MM/DD/YYYY');
    await waitFor(() => expect(within(table).getByLabelText('Import row 2')).toBeDisabled());
    // Rows 3 and 5 keep the person's choice; row 4 can be chosen now and starts chosen.
    expect(within(table).getByLabelText('Import row 3')).toBeChecked();
    expect(within(table).getByLabelText('Import row 5')).not.toBeChecked();
    expect(within(table).getByLabelText('Import row 4')).toBeChecked();
    expect(screen.getByRole('button', { name: 'Import 2 rows' })).toBeEnabled();
  });

  it('imports a file imported before only when the person says so, and says what decided the date format', async () => {
    const again: PreviewImportResponse = {
      ...preview,
      detected: {
        dateFormat: 'DD/MM/YYYY',
        dateFormatFrom: { row: 5, text: '25/10/2025' },
        decimalSeparator: null,
      },
      rows: preview.rows.map((r) => (r.row === 3 ? { ...r, moreDuplicates: 3 } : r)),
      previousImports: [batch],
    };
    const { user, requests, table } = await previewed(again, (m) =>
      jsonResponse(200, { ...again, mapping: m }),
    );
    expect(
      screen.getByText('Row 5 has “25/10/2025”, which can only be day first: that suggests DD/MM/YYYY'),
    ).toBeInTheDocument();
    expect(within(table).getByText('And 3 more possible duplicates')).toHaveClass('import-warning');
    expect(screen.getByRole('note')).toHaveTextContent('This file was imported before');
    const importButton = screen.getByRole('button', { name: 'Import 2 rows' });
    expect(importButton).toBeDisabled();
    await user.click(screen.getByLabelText(/Import it again anyway/));
    expect(importButton).toBeEnabled();
    await user.click(importButton);
    await screen.findByRole('heading', { name: /Imported 2 entries/ });
    expect(
      requests.find((r) => r.method === 'POST' && r.path === '/api/expense-imports')?.body,
    ).toMatchObject({
      rows: [2, 5],
      allowReimport: true,
    });
  });

  it('refuses a file over the size limit before uploading it', async () => {
    const user = userEvent.setup();
    const { requests } = stubFetch(({ method, path }) =>
      method === 'GET' && path === '/api/expense-imports' ? jsonResponse(200, { batches: [] }) : undefined,
    );
    renderWithApp(<ExpenseImportPage />, { role: 'editor' });
    const big = new File(['x'], 'big.csv', { type: 'text/csv' });
    Object.defineProperty(big, 'size', { value: 6 * 1024 * 1024 });
    await user.upload(screen.getByLabelText(/Expense file/), big);
    expect(await screen.findByRole('alert')).toHaveTextContent('big.csv is larger than 5 MiB');
    expect(requests.some((r) => r.path === '/api/expense-imports/preview')).toBe(false);
  });
});
