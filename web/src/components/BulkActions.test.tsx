/**
 * Bulk actions on the dashboard (issue 15 §3): selecting rows, the page's checkbox, "Select all
 * N matching the filters", the toolbar's actions with confirmations for the destructive ones,
 * the result dialog (done, and refused with the reason in words), a large selection as a job
 * with the progress bar, PDFs as one ZIP, and who sees which actions.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { BulkResultDto, StatementSummaryDto } from '../api.js';
import { explainError } from '../errorText.js';
import { formatPeriodShort } from '../format.js';
import { DashboardPage } from '../pages/DashboardPage.js';
import {
  errorResponse,
  FakeEventSource,
  finishedEvent,
  job,
  jsonResponse,
  owners,
  properties,
  renderWithApp,
  type SeenRequest,
  statement,
  stubFetch,
} from '../test/helpers.js';
import { RunningJobs } from './RunningJobs.js';

beforeEach(() => {
  FakeEventSource.instances = [];
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const OCT = formatPeriodShort('2025-10-01', '2025-10-31');

function summary(id: string, propertyName: string, status: 'draft' | 'final' | 'sent' = 'draft') {
  const {
    lines: _l,
    expenses: _e,
    adjustments: _a,
    excluded: _x,
    warnings: _w,
    ...rest
  } = statement({
    id,
    propertyName,
    status,
  });
  return { ...rest, lineCount: 1, warningCount: 0 } satisfies StatementSummaryDto;
}

const ROWS = [summary('s1', 'Attic'), summary('s2', 'Beach House'), summary('s3', 'Chalet', 'final')];

/**
 * The API: the list (first page with `total`), and whatever `bulk` answers for POST
 * /api/statements/bulk. `list` may be swapped to change what a re-read shows.
 */
function stubApi(options: {
  total?: number;
  list?: () => StatementSummaryDto[];
  bulk?: (request: SeenRequest) => Response | undefined;
  other?: (request: SeenRequest) => Response | undefined;
}) {
  const list = options.list ?? (() => ROWS);
  return stubFetch((request) => {
    const { method, path } = request;
    if (path === '/api/owners') return jsonResponse(200, { owners });
    if (path.startsWith('/api/properties')) return jsonResponse(200, { properties });
    if (method === 'GET' && path.startsWith('/api/statements?')) {
      const rows = list();
      return jsonResponse(200, { statements: rows, nextCursor: null, total: options.total ?? rows.length });
    }
    if (method === 'POST' && path === '/api/statements/bulk') return options.bulk?.(request);
    return options.other?.(request);
  });
}

const table = () => screen.findByRole('table', { name: 'Statements' });
const toolbar = () => screen.getByRole('region', { name: 'Selected statements' });
const bulkPosts = (requests: SeenRequest[]) =>
  requests.filter((r) => r.method === 'POST' && r.path === '/api/statements/bulk').map((r) => r.body);
const listReads = (requests: SeenRequest[]) =>
  requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/statements?')).length;

const done = (
  id: string,
  propertyName: string,
  status: 'final' | 'draft' | 'sent' | null,
  changed = true,
) => ({
  id,
  propertyId: '10001',
  propertyName,
  periodStart: '2025-10-01',
  periodEnd: '2025-10-31',
  status,
  changed,
});
const refused = (id: string, propertyName: string, code: string, message: string) => ({
  id,
  propertyId: '10001',
  propertyName,
  periodStart: '2025-10-01',
  periodEnd: '2025-10-31',
  code,
  message,
});

describe('selecting statements', () => {
  it('ticks rows one by one and all shown at once; the page checkbox is half-ticked in between', async () => {
    const user = userEvent.setup();
    stubApi({});
    renderWithApp(<DashboardPage />);
    await table();
    expect(screen.queryByRole('region', { name: 'Selected statements' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: `Select Attic, ${OCT}` }));
    expect(toolbar()).toHaveTextContent('1 selected');
    const shown = screen.getByRole('checkbox', { name: 'Select all shown statements' });
    expect(shown).not.toBeChecked();
    expect(shown).toHaveProperty('indeterminate', true);

    await user.click(shown);
    expect(toolbar()).toHaveTextContent('3 selected');
    expect(shown).toBeChecked();
    expect(shown).toHaveProperty('indeterminate', false);
    // All three are all that match: nothing more to offer.
    expect(
      within(toolbar()).queryByRole('button', { name: /Select all \d+ matching/ }),
    ).not.toBeInTheDocument();

    await user.click(shown);
    expect(screen.queryByRole('region', { name: 'Selected statements' })).not.toBeInTheDocument();
  });

  it('offers "Select all N matching the filters" and then acts on the filters, not the ids', async () => {
    const user = userEvent.setup();
    const result: BulkResultDto = {
      action: 'finalize',
      done: [done('s1', 'Attic', 'final'), done('s9', 'Villa', 'final', false)],
      refused: [
        refused('s3', 'Chalet', 'invalid_transition', 'a sent statement cannot become final'),
        refused('s4', 'Dune Hut', 'invalid_transition', 'a sent statement cannot become final'),
      ],
    };
    let rows = ROWS;
    const { requests } = stubApi({
      total: 312,
      list: () => rows,
      bulk: () => {
        rows = [];
        return jsonResponse(200, result);
      },
    });
    renderWithApp(<DashboardPage />, { path: '/?status=draft&periodStart=2025-10-01&periodEnd=2025-10-31' });
    await table();
    expect(screen.getByText(/3 of 312 statements shown/)).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Select all shown statements' }));
    await user.click(within(toolbar()).getByRole('button', { name: 'Select all 312 matching the filters' }));
    expect(toolbar()).toHaveTextContent('All 312 statements matching the filters are selected.');

    const readsBefore = listReads(requests);
    await user.click(within(toolbar()).getByRole('button', { name: 'Finalize' }));
    expect(bulkPosts(requests)).toEqual([
      { action: 'finalize', filter: { status: 'draft', periodStart: '2025-10-01', periodEnd: '2025-10-31' } },
    ]);

    const dialog = await screen.findByRole('dialog', { name: 'Finalize: result' });
    expect(dialog).toHaveTextContent('1 finalized · 1 already final · 2 refused');
    const doneList = within(dialog).getByRole('region', { name: 'Done' });
    expect(within(doneList).getByRole('link', { name: `Attic · ${OCT}` })).toHaveAttribute(
      'href',
      '/statements/s1',
    );
    expect(doneList).toHaveTextContent('already final');
    // Refusals grouped by reason, in words, with the next step.
    const refusedList = within(dialog).getByRole('region', { name: 'Refused' });
    const why = explainError('invalid_transition');
    expect(refusedList).toHaveTextContent(why.what);
    expect(refusedList).toHaveTextContent(why.next);
    expect(
      within(refusedList)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([`Chalet · ${OCT}`, `Dune Hut · ${OCT}`]);

    // The list was read again, and the selection is gone.
    await waitFor(() => expect(listReads(requests)).toBeGreaterThan(readsBefore));
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(await screen.findByText(/No statements match these filters/)).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Selected statements' })).not.toBeInTheDocument();
  });

  it('starts empty under other filters', async () => {
    const user = userEvent.setup();
    stubApi({});
    renderWithApp(<DashboardPage />);
    await table();
    await user.click(screen.getByRole('checkbox', { name: `Select Attic, ${OCT}` }));
    expect(toolbar()).toHaveTextContent('1 selected');
    await user.selectOptions(screen.getByLabelText('Filter by status'), 'draft');
    await table();
    expect(screen.queryByRole('region', { name: 'Selected statements' })).not.toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: `Select Attic, ${OCT}` })).not.toBeChecked();
  });
});

describe('destructive actions', () => {
  it('Delete drafts asks first; Cancel sends nothing; confirmed, it sends the ticked ids', async () => {
    const user = userEvent.setup();
    const { requests } = stubApi({
      bulk: () =>
        jsonResponse(200, {
          action: 'delete',
          done: [done('s1', 'Attic', null)],
          refused: [
            refused('s3', 'Chalet', 'not_a_draft', 'only drafts can be deleted; this statement is final'),
          ],
        }),
    });
    renderWithApp(<DashboardPage />);
    await table();
    await user.click(screen.getByRole('checkbox', { name: `Select Attic, ${OCT}` }));
    await user.click(screen.getByRole('checkbox', { name: `Select Chalet, ${OCT}` }));

    await user.click(within(toolbar()).getByRole('button', { name: 'Delete drafts' }));
    let confirm = screen.getByRole('dialog', { name: 'Delete drafts' });
    expect(confirm).toHaveTextContent('Delete the 2 selected statements?');
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(bulkPosts(requests)).toEqual([]);

    await user.click(within(toolbar()).getByRole('button', { name: 'Delete drafts' }));
    confirm = screen.getByRole('dialog', { name: 'Delete drafts' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete drafts' }));
    expect(bulkPosts(requests)).toEqual([{ action: 'delete', ids: ['s1', 's3'] }]);

    const dialog = await screen.findByRole('dialog', { name: 'Delete drafts: result' });
    expect(screen.queryByRole('dialog', { name: 'Delete drafts' })).not.toBeInTheDocument();
    expect(dialog).toHaveTextContent('1 deleted · 1 refused');
    // A deleted statement is no link any more.
    expect(within(dialog).queryByRole('link', { name: /Attic/ })).not.toBeInTheDocument();
    expect(dialog).toHaveTextContent(explainError('not_a_draft').what);
  });

  it('Send to owners asks first, and a refusal of the whole request stays in the dialog in words', async () => {
    const user = userEvent.setup();
    stubApi({
      total: 9000,
      bulk: () =>
        errorResponse(422, 'too_many_statements', 'the filters match more than 5000 statements; narrow them'),
    });
    renderWithApp(<DashboardPage />);
    await table();
    await user.click(screen.getByRole('checkbox', { name: 'Select all shown statements' }));
    await user.click(within(toolbar()).getByRole('button', { name: 'Select all 9000 matching the filters' }));
    await user.click(within(toolbar()).getByRole('button', { name: 'Send to owners' }));
    const confirm = screen.getByRole('dialog', { name: 'Send to owners' });
    expect(confirm).toHaveTextContent('E-mail all 9000 statements matching the filters to their owners');
    await user.click(within(confirm).getByRole('button', { name: 'Send to owners' }));
    expect(await within(confirm).findByRole('alert')).toHaveTextContent(
      explainError('too_many_statements').what,
    );
  });
});

describe('a large selection', () => {
  it('runs as a job: the dialog shows its progress bar, then what was done and refused', async () => {
    const user = userEvent.setup();
    const running = job({
      id: 'job_bulk',
      type: 'bulk_statement_action',
      total: 3,
      params: { action: 'send', statementIds: ['s1', 's2', 's3'] },
    });
    const ended = job({
      ...running,
      status: 'completed',
      progress: 3,
      counts: { generated: 1, skipped: 1, errors: 1 },
      result: {
        summary: { generated: 1, skipped: 1, errors: 1 },
        results: {
          generated: [
            {
              propertyId: 's1',
              propertyName: 'Attic, 2025-10-01 to 2025-10-31',
              ownerId: '1001',
              statementId: 's1',
            },
          ],
          skipped: [
            {
              propertyId: 's2',
              propertyName: 'Beach House, 2025-10-01 to 2025-10-31',
              reason: 'not_final',
              statementId: 's2',
            },
          ],
          errors: [
            {
              propertyId: 's3',
              propertyName: 'Chalet, 2025-10-01 to 2025-10-31',
              code: 'no_recipient',
              error: 'owner 1001 has no e-mail address',
              statementId: 's3',
            },
          ],
        },
      },
    });
    let current = running;
    const { requests } = stubApi({
      bulk: () =>
        jsonResponse(202, {
          message: 'Bulk action started in background',
          jobId: 'job_bulk',
          status: 'processing',
          note: '',
          statusUrl: '/api/statements/jobs/job_bulk',
          action: 'send',
          count: 3,
        }),
      other: ({ path }) =>
        path === '/api/statements/jobs/job_bulk' ? jsonResponse(200, current) : undefined,
    });
    renderWithApp(
      <StrictMode>
        <RunningJobs />
        <DashboardPage />
      </StrictMode>,
    );
    await table();
    await user.click(screen.getByRole('checkbox', { name: 'Select all shown statements' }));
    await user.click(within(toolbar()).getByRole('button', { name: 'Send to owners' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Send to owners' })).getByRole('button', {
        name: 'Send to owners',
      }),
    );

    const dialog = await screen.findByRole('dialog', { name: 'Send to owners: background job' });
    expect(dialog).toHaveTextContent('3 statements are being processed in the background');
    const bar = within(dialog).getByRole('progressbar', { name: 'Job progress' });
    // One bar, in the dialog: the layout's follows the job only if the dialog closes first.
    expect(screen.getAllByRole('progressbar')).toEqual([bar]);
    // Named by the action once the job is read.
    expect(await within(dialog).findByText('Bulk send to owners · 3 statements')).toBeInTheDocument();
    const source = FakeEventSource.latest();
    expect(source.url).toBe('/api/statements/jobs/job_bulk/events');
    act(() =>
      source.emit('progress', { progress: 2, total: 3, counts: { generated: 1, skipped: 1, errors: 0 } }),
    );
    expect(bar).toHaveAttribute('aria-valuenow', '2');
    expect(dialog).toHaveTextContent('Sending · 2 / 3');
    expect(dialog).toHaveTextContent('1 sent, 1 skipped');

    current = ended;
    const readsBefore = listReads(requests);
    const { result: _lists, ...endedEvent } = ended;
    act(() =>
      source.emit('completed', finishedEvent({ ...endedEvent, summary: ended.result?.summary ?? null })),
    );
    expect(await within(dialog).findByText('1 sent · 2 refused')).toBeInTheDocument();
    expect(within(dialog).getByRole('link', { name: `Attic · ${OCT}` })).toBeInTheDocument();
    const refusedList = within(dialog).getByRole('region', { name: 'Refused' });
    expect(refusedList).toHaveTextContent(explainError('not_final').what);
    expect(refusedList).toHaveTextContent(explainError('no_recipient').what);
    expect(within(refusedList).getByText(`Chalet · ${OCT}`)).toBeInTheDocument();
    await waitFor(() => expect(listReads(requests)).toBeGreaterThan(readsBefore));
  });

  it('closed while the job runs, the job goes on in the layout’s progress bar', async () => {
    const user = userEvent.setup();
    const running = job({
      id: 'job_bulk',
      type: 'bulk_statement_action',
      total: 60,
      params: { action: 'finalize' },
    });
    stubApi({
      bulk: () =>
        jsonResponse(202, {
          message: 'started',
          jobId: 'job_bulk',
          status: 'processing',
          note: '',
          statusUrl: '/api/statements/jobs/job_bulk',
          action: 'finalize',
          count: 60,
        }),
      other: ({ path }) =>
        path === '/api/statements/jobs/job_bulk' ? jsonResponse(200, running) : undefined,
    });
    renderWithApp(
      <StrictMode>
        <RunningJobs />
        <DashboardPage />
      </StrictMode>,
    );
    await table();
    await user.click(screen.getByRole('checkbox', { name: 'Select all shown statements' }));
    await user.click(within(toolbar()).getByRole('button', { name: 'Finalize' }));
    const dialog = await screen.findByRole('dialog', { name: 'Finalize: background job' });
    expect(screen.getAllByRole('progressbar')).toHaveLength(1);
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    const layout = await screen.findByRole('region', { name: 'Background jobs' });
    expect(within(layout).getByRole('progressbar', { name: 'Job progress' })).toBeInTheDocument();
    expect(FakeEventSource.latest().url).toBe('/api/statements/jobs/job_bulk/events');
  });
});

describe('PDFs and roles', () => {
  it('a viewer may select and download the PDFs as one ZIP, but sees no state changes', async () => {
    const user = userEvent.setup();
    const created: Blob[] = [];
    // jsdom has no object URLs: these two stand in for the browser's, for this test only.
    const original = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return 'blob:zip';
    };
    URL.revokeObjectURL = () => undefined;
    onTestFinished(() => {
      Object.assign(URL, original);
    });
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(`${this.download} ${this.href}`);
    });
    const { requests } = stubApi({
      other: ({ method, path }) =>
        method === 'POST' && path === '/api/statements/pdf-zip'
          ? new Response('PK', { status: 200, headers: { 'content-type': 'application/zip' } })
          : undefined,
    });
    renderWithApp(<DashboardPage />, { role: 'viewer' });
    await table();
    await user.click(screen.getByRole('checkbox', { name: `Select Beach House, ${OCT}` }));
    await user.click(screen.getByRole('checkbox', { name: `Select Chalet, ${OCT}` }));
    for (const name of ['Finalize', 'Back to draft', 'Send to owners', 'Delete drafts']) {
      expect(within(toolbar()).queryByRole('button', { name })).not.toBeInTheDocument();
    }
    await user.click(within(toolbar()).getByRole('button', { name: 'Download PDFs' }));
    await waitFor(() => expect(clicks).toEqual(['statements.zip blob:zip']));
    expect(requests.find((r) => r.path === '/api/statements/pdf-zip')?.body).toEqual({ ids: ['s2', 's3'] });
    expect(await created[0]?.text()).toBe('PK');
  });

  it('an editor sees every action', async () => {
    const user = userEvent.setup();
    stubApi({});
    renderWithApp(<DashboardPage />, { role: 'editor' });
    await table();
    await user.click(screen.getByRole('checkbox', { name: `Select Attic, ${OCT}` }));
    expect(
      within(toolbar())
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual([
      'Clear selection',
      'Finalize',
      'Back to draft',
      'Send to owners',
      'Delete drafts',
      'Download PDFs',
    ]);
  });
});
