import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  deferred,
  errorResponse,
  jsonResponse,
  owners,
  properties,
  statement,
  stubFetch,
  WithQueryClient,
} from '../test/helpers.js';
import { GenerateModal } from './GenerateModal.js';
import type { NoticeInput } from './Notices.js';
import { NoticesProvider, NoticesRegion, useNotices } from './Notices.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** Catalog answers every modal test needs; `generate` answers the POST. */
function stubApi(generate: () => Response | Promise<Response>) {
  return stubFetch(({ method, path }) => {
    if (method === 'GET' && path === '/api/owners') return jsonResponse(200, { owners });
    if (method === 'GET' && path.startsWith('/api/properties')) return jsonResponse(200, { properties });
    if (method === 'GET' && path === '/api/tags')
      return jsonResponse(200, {
        tags: [
          { tag: 'Beach', propertyCount: 1 },
          { tag: 'pm', propertyCount: 12 },
        ],
      });
    if (method === 'POST' && path === '/api/statements/generate') return generate();
    return undefined;
  });
}

/** The dashboard's part: an opener button, the modal while open, and the notices region. */
function Harness({
  onNotice,
  onJobStarted,
}: {
  onNotice: (n: NoticeInput) => void;
  onJobStarted?: (id: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const { notify } = useNotices();
  return (
    <>
      <NoticesRegion />
      <button type="button" onClick={() => setOpen(true)}>
        Generate Statement
      </button>
      {open ? (
        <GenerateModal
          onClose={() => setOpen(false)}
          onNotice={(n) => {
            onNotice(n);
            notify(n);
          }}
          onJobStarted={onJobStarted}
        />
      ) : null}
    </>
  );
}

async function openModal(props: Partial<Parameters<typeof Harness>[0]> = {}) {
  const user = userEvent.setup();
  const onNotice = props.onNotice ?? vi.fn();
  render(
    <WithQueryClient>
      <NoticesProvider>
        <Harness onNotice={onNotice} onJobStarted={props.onJobStarted} />
      </NoticesProvider>
    </WithQueryClient>,
  );
  const opener = screen.getByRole('button', { name: 'Generate Statement' });
  await user.click(opener);
  const dialog = screen.getByRole('dialog', { name: 'Generate Statement' });
  return { user, dialog, opener, onNotice };
}

describe('GenerateModal', () => {
  it('is a labelled modal dialog with the checkbox, and hides the owner and property pickers for Generate All', async () => {
    stubApi(() => jsonResponse(500, {}));
    const { user, dialog } = await openModal();
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    const all = within(dialog).getByRole('checkbox', { name: 'Generate All Owner Statements' });
    expect(all).not.toBeChecked();
    expect(within(dialog).getByRole('combobox', { name: 'Owner' })).toBeInTheDocument();
    const property = within(dialog).getByRole('combobox', { name: 'Property' });
    expect(within(property).getAllByRole('option')[0]).toHaveTextContent('All properties of the owner');
    const calc = within(dialog).getByRole('combobox', { name: 'Calculation type' });
    expect(calc).toHaveValue('checkout');
    expect(
      within(calc)
        .getAllByRole('option')
        .map((o) => o.getAttribute('value')),
    ).toEqual(['checkout', 'checkin', 'calendar']);

    await user.click(all);
    expect(within(dialog).queryByRole('combobox', { name: 'Owner' })).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('combobox', { name: 'Property' })).not.toBeInTheDocument();
    expect(within(dialog).getByLabelText('Start date')).toHaveAttribute('type', 'date');
    expect(within(dialog).getByLabelText('End date')).toHaveAttribute('type', 'date');
  });

  it('offers an optional "Only properties tagged …" picker with Generate All, and sends the tag', async () => {
    const { requests } = stubApi(() =>
      jsonResponse(202, {
        message: 'Tag-based statement generation started for "pm"',
        jobId: 'job_01tag',
        status: 'processing',
        note: 'This may take several minutes to complete...',
        statusUrl: '/api/statements/jobs/job_01tag',
      }),
    );
    const { user, dialog } = await openModal({});
    expect(within(dialog).queryByLabelText('Only properties tagged …')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('checkbox', { name: 'Generate All Owner Statements' }));
    const picker = within(dialog).getByLabelText('Only properties tagged …');
    await waitFor(() =>
      expect(within(picker).getByRole('option', { name: 'pm (12 properties)' })).toBeInTheDocument(),
    );
    expect(within(picker).getByRole('option', { name: 'Beach (1 property)' })).toBeInTheDocument();
    expect(picker).toHaveValue(''); // optional: no tag unless chosen
    await user.selectOptions(picker, 'pm');
    expect(
      within(dialog).getByText('Only the properties tagged “pm” are generated in the background.'),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'POST')).toBe(true));
    expect(requests.find((r) => r.method === 'POST')?.body).toMatchObject({ ownerId: 'all', tag: 'pm' });
  });

  it('sends no tag when none is chosen, and never for one owner', async () => {
    const { requests } = stubApi(() =>
      jsonResponse(202, {
        message: 'Bulk statement generation started in background',
        jobId: 'job_01all',
        status: 'processing',
        note: 'This may take several minutes to complete...',
        statusUrl: '/api/statements/jobs/job_01all',
      }),
    );
    const { user, dialog } = await openModal({});
    await user.click(within(dialog).getByRole('checkbox', { name: 'Generate All Owner Statements' }));
    await user.click(within(dialog).getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'POST')).toBe(true));
    expect(requests.find((r) => r.method === 'POST')?.body).not.toHaveProperty('tag');
  });

  it('fills the dates from the "This month" and "Last month" presets', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2025, 10, 15, 12)); // 15 November 2025, local time
    stubApi(() => jsonResponse(500, {}));
    const { user, dialog } = await openModal();
    const start = within(dialog).getByLabelText('Start date');
    const end = within(dialog).getByLabelText('End date');

    await user.click(within(dialog).getByRole('button', { name: 'This month' }));
    expect(start).toHaveValue('2025-11-01');
    expect(end).toHaveValue('2025-11-30');

    await user.click(within(dialog).getByRole('button', { name: 'Last month' }));
    expect(start).toHaveValue('2025-10-01');
    expect(end).toHaveValue('2025-10-31');
  });

  it('bulk: shows the spinner with the form disabled while pending, then the 🚀 notice on 202 and closes', async () => {
    const answer = deferred<Response>();
    const { requests } = stubApi(() => answer.promise);
    const onJobStarted = vi.fn();
    const { user, dialog, onNotice } = await openModal({ onJobStarted });

    await user.click(within(dialog).getByRole('checkbox', { name: 'Generate All Owner Statements' }));
    await user.click(within(dialog).getByRole('button', { name: 'This month' }));
    await user.click(within(dialog).getByRole('button', { name: 'Generate' }));

    expect(within(dialog).getByText('Generating Statements for All Owners...')).toBeInTheDocument();
    expect(within(dialog).getByRole('checkbox', { name: 'Generate All Owner Statements' })).toBeDisabled();
    expect(within(dialog).getByLabelText('Start date')).toBeDisabled();
    expect(within(dialog).getByRole('button', { name: 'Generate' })).toBeDisabled();
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toBeDisabled();
    // Escape does not close while generating.
    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog', { name: 'Generate Statement' })).toBeInTheDocument();

    const post = requests.find((r) => r.method === 'POST');
    expect(post?.body).toMatchObject({ ownerId: 'all', calculationType: 'checkout' });
    expect(post?.body).not.toHaveProperty('propertyId');
    expect(post?.headers.get('content-type')).toBe('application/json');

    answer.resolve(
      jsonResponse(202, {
        message: 'Bulk statement generation started in background',
        jobId: 'job_01xyz',
        status: 'processing',
        note: 'This may take several minutes to complete...',
        statusUrl: '/api/statements/jobs/job_01xyz',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(onNotice).toHaveBeenCalledWith(
      expect.objectContaining({
        title: '🚀 Bulk Statement Generation Started!',
        lines: expect.arrayContaining([
          'This process is running in the background and may take several minutes to complete.',
          '✅ You can close this window and check back later.',
          '📊 The statements will appear in the list once generation is complete.',
        ]),
      }),
    );
    expect(onJobStarted).toHaveBeenCalledWith('job_01xyz');
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('🚀 Bulk Statement Generation Started!');
    expect(within(status).getByRole('button', { name: 'Dismiss' })).toBeInTheDocument();
  });

  it('single property: "Generating..." then "✅ Statement generated successfully" on 201, and closes', async () => {
    const answer = deferred<Response>();
    const { requests } = stubApi(() => answer.promise);
    const { user, dialog, onNotice } = await openModal();

    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Owner' }), '1001');
    const property = within(dialog).getByRole('combobox', { name: 'Property' });
    await within(property).findByRole('option', { name: 'Beach House' });
    await user.selectOptions(property, '10001');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Calculation type' }), 'calendar');
    await user.click(within(dialog).getByRole('button', { name: 'Generate' }));

    expect(within(dialog).getByText('Generating...')).toBeInTheDocument();
    expect(within(dialog).getByRole('combobox', { name: 'Owner' })).toBeDisabled();
    expect(requests.find((r) => r.method === 'POST')?.body).toMatchObject({
      ownerId: '1001',
      propertyId: '10001',
      calculationType: 'calendar',
    });

    answer.resolve(
      jsonResponse(201, { message: 'Statement generated successfully', statement: statement() }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(onNotice).toHaveBeenCalledWith(
      expect.objectContaining({ title: '✅ Statement generated successfully' }),
    );
    expect(screen.getByRole('status')).toHaveTextContent('✅ Statement generated successfully');
  });

  it('one owner (all their properties): the notice has the generated / skipped / errors counts', async () => {
    const { requests } = stubApi(() =>
      jsonResponse(201, {
        message: 'Generated 1 statement(s); 1 skipped, 1 with errors',
        statements: [statement()],
        skipped: [{ propertyId: '10002', propertyName: 'City Loft', reason: 'no activity' }],
        errors: [{ propertyId: '10003', propertyName: 'Barn', error: 'Hostify timed out' }],
      }),
    );
    const { user, dialog } = await openModal();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Owner' }), '1001');
    await user.click(within(dialog).getByRole('button', { name: 'Generate' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(requests.find((r) => r.method === 'POST')?.body).not.toHaveProperty('propertyId');
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('⚠ Statements generated with errors');
    expect(status).toHaveTextContent('1 generated, 1 skipped, 1 error');
    expect(status).toHaveTextContent('Barn: Hostify timed out');
  });

  it("keeps the modal open on an error and shows the server's message in an alert", async () => {
    stubApi(() => errorResponse(400, 'validation_error', 'endDate: endDate must not be before startDate'));
    const { user, dialog, onNotice } = await openModal();
    await user.click(within(dialog).getByRole('checkbox', { name: 'Generate All Owner Statements' }));
    await user.click(within(dialog).getByRole('button', { name: 'Generate' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('endDate: endDate must not be before startDate');
    expect(screen.getByRole('dialog', { name: 'Generate Statement' })).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Generate' })).toBeEnabled();
    expect(onNotice).not.toHaveBeenCalled();
  });

  it('moves focus in on open, closes on Escape and returns focus to the opener', async () => {
    stubApi(() => jsonResponse(500, {}));
    const { user, dialog, opener } = await openModal();
    expect(dialog).toContainElement(document.activeElement as HTMLElement);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });

  it('closes with Cancel', async () => {
    stubApi(() => jsonResponse(500, {}));
    const { user, dialog, opener } = await openModal();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });

  it('keeps Tab and Shift+Tab inside the dialog', async () => {
    stubApi(() => jsonResponse(500, {}));
    const { user, dialog } = await openModal();
    const checkbox = within(dialog).getByRole('checkbox', { name: 'Generate All Owner Statements' });
    const generate = within(dialog).getByRole('button', { name: 'Generate' });
    expect(checkbox).toHaveFocus();

    await user.tab({ shift: true });
    expect(generate).toHaveFocus();
    await user.tab();
    expect(checkbox).toHaveFocus();

    // A full round trip never leaves the dialog.
    for (let i = 0; i < 12; i++) {
      await user.tab();
      expect(dialog).toContainElement(document.activeElement as HTMLElement);
    }
  });
});
