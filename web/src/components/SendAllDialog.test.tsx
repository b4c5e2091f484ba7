import { act, fireEvent, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SendAllPreview } from '../api.js';
import { DashboardPage } from '../pages/DashboardPage.js';
import { chooseOption } from '../test/combobox.js';
import {
  errorResponse,
  FakeEventSource,
  job,
  jsonResponse,
  owners,
  properties,
  renderWithApp,
  stubFetch,
} from '../test/helpers.js';
import { RunningJobs } from './RunningJobs.js';

beforeEach(() => {
  FakeEventSource.instances = [];
});
afterEach(() => {
  vi.restoreAllMocks();
});

const sendingJob = job({
  id: 'job_01send',
  type: 'statement_delivery',
  total: 3,
  params: { periodStart: '2025-10-01', periodEnd: '2025-10-31' },
});

const statement = (n: number, status: 'draft' | 'final' | 'sent' = 'final', ownerId = '1001') => ({
  id: `stm_${n}`,
  propertyId: String(10000 + n),
  propertyName: `Villa ${n}`,
  ownerId,
  status,
});

/** A preview: Ann Lee's `count` statements as one combined e-mail (none when 0). */
function previewOf(count: number, extra: Partial<SendAllPreview> = {}): SendAllPreview {
  const statements = Array.from({ length: count }, (_, i) => statement(i + 1));
  return {
    count,
    statements,
    emails: count > 0 ? 1 : 0,
    owners: count > 0 ? 1 : 0,
    mails: count > 0 ? [{ kind: 'owner', ownerId: '1001', ownerName: 'Ann Lee', statements }] : [],
    notReady: [],
    alreadySent: [],
    ...extra,
  };
}

function stubApi(previewCount: number, preview: SendAllPreview = previewOf(previewCount)) {
  return stubFetch(({ method, path }) => {
    if (path === '/api/owners') return jsonResponse(200, { owners });
    if (path.startsWith('/api/properties')) return jsonResponse(200, { properties });
    if (path.startsWith('/api/statements?')) return jsonResponse(200, { statements: [], nextCursor: null });
    if (path.startsWith('/api/statements/send/preview')) {
      return jsonResponse(200, preview);
    }
    if (method === 'POST' && path === '/api/statements/send') {
      return jsonResponse(202, {
        message: 'Sending the final statements started in background',
        jobId: 'job_01send',
        status: 'processing',
        note: '',
        statusUrl: '/api/statements/jobs/job_01send',
        count: preview.count,
        emails: preview.emails,
        owners: preview.owners,
      });
    }
    if (path === '/api/statements/jobs/job_01send') return jsonResponse(200, sendingJob);
    return undefined;
  });
}

async function choosePeriod() {
  const from = await screen.findByLabelText('Period from');
  fireEvent.change(from, { target: { value: '2025-10-01' } });
  fireEvent.change(screen.getByLabelText('Period to'), { target: { value: '2025-10-31' } });
}

describe('Send all final statements', () => {
  it('needs a period, says how many will be sent, starts the job and shows its progress', async () => {
    const user = userEvent.setup();
    const { requests } = stubApi(3);
    renderWithApp(
      <>
        <RunningJobs />
        <DashboardPage />
      </>,
      { role: 'editor' },
    );
    const button = await screen.findByRole('button', { name: 'Send all final statements' });
    expect(button).toBeDisabled();
    await choosePeriod();
    await chooseOption(user, screen.getByRole('combobox', { name: 'Filter by owner' }), /Ann Lee/);
    await user.click(button);

    const dialog = await screen.findByRole('dialog', { name: 'Send all final statements' });
    expect(
      await within(dialog).findByText(
        /1 e-mail to Ann Lee for Oct 1, 2025 – Oct 31, 2025, with the PDF attached: 3 final statements will be marked sent/,
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole('list', { name: 'E-mails to send' })).toHaveTextContent(
      'Ann Lee: one e-mail, one PDF with 3 properties: Villa 1, Villa 2, Villa 3',
    );
    expect(requests.find((r) => r.path.startsWith('/api/statements/send/preview'))?.path).toBe(
      '/api/statements/send/preview?periodStart=2025-10-01&periodEnd=2025-10-31&ownerId=1001',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Send 1 e-mail' }));

    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      periodStart: '2025-10-01',
      periodEnd: '2025-10-31',
      ownerId: '1001',
    });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await screen.findByText('Sending 1 e-mail in the background')).toBeInTheDocument();

    // The progress bar of generation jobs, labelled and counted for sending.
    expect(await screen.findByText(/^Send all · /)).toBeInTheDocument();
    expect(FakeEventSource.latest().url).toBe('/api/statements/jobs/job_01send/events');
    act(() =>
      FakeEventSource.latest().emit('progress', {
        progress: 1,
        total: 3,
        counts: { generated: 1, skipped: 0, errors: 0 },
      }),
    );
    expect(await screen.findByText('Sending · 1 / 3')).toBeInTheDocument();
    expect(screen.getByText('1 sent')).toBeInTheDocument();
  });

  it('offers only Close when nothing is ready to send', async () => {
    const user = userEvent.setup();
    const { requests } = stubApi(0);
    renderWithApp(<DashboardPage />, { role: 'editor' });
    await choosePeriod();
    await user.click(screen.getByRole('button', { name: 'Send all final statements' }));
    const dialog = await screen.findByRole('dialog', { name: 'Send all final statements' });
    expect(await within(dialog).findByText(/No final, unsent statement for/)).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: /^Send / })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('keeps the dialog open with the server’s message when the job cannot start', async () => {
    const user = userEvent.setup();
    stubFetch(({ method, path }) => {
      if (path.startsWith('/api/statements/send/preview')) return jsonResponse(200, previewOf(2));
      if (method === 'POST' && path === '/api/statements/send') {
        return errorResponse(
          409,
          'job_running',
          'the statements of 2025-10-01 to 2025-10-31 are already being sent',
        );
      }
      if (path.startsWith('/api/statements?')) return jsonResponse(200, { statements: [], nextCursor: null });
      return jsonResponse(200, { owners: [], properties: [] });
    });
    renderWithApp(<DashboardPage />, { role: 'editor' });
    await choosePeriod();
    await user.click(screen.getByRole('button', { name: 'Send all final statements' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(await within(dialog).findByRole('button', { name: 'Send 1 e-mail' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('already being sent');
  });

  it('says per owner what goes out, and which owners are not ready with their drafts', async () => {
    const user = userEvent.setup();
    const combined = [statement(1), statement(2, 'sent')];
    const perProperty = [statement(3, 'final', '1002'), statement(4, 'final', '1002')];
    stubApi(
      0,
      previewOf(0, {
        count: 3,
        statements: [combined[0], ...perProperty].filter((x) => x !== undefined),
        emails: 3,
        owners: 2,
        mails: [
          { kind: 'owner', ownerId: '1001', ownerName: 'Ann Lee', statements: combined },
          ...perProperty.map((st) => ({
            kind: 'statement' as const,
            ownerId: '1002',
            ownerName: 'Bob Ray',
            statements: [st],
          })),
        ],
        notReady: [
          {
            ownerId: '1003',
            ownerName: 'Cy Doe',
            drafts: [statement(5, 'draft', '1003')],
            finals: [statement(6, 'final', '1003'), statement(7, 'final', '1003')],
          },
        ],
      }),
    );
    renderWithApp(<DashboardPage />, { role: 'editor' });
    await choosePeriod();
    await user.click(screen.getByRole('button', { name: 'Send all final statements' }));
    const dialog = await screen.findByRole('dialog', { name: 'Send all final statements' });
    expect(
      await within(dialog).findByText(/^3 e-mails to 2 owners for Oct 1, 2025 – Oct 31, 2025/),
    ).toBeInTheDocument();
    const mails = within(within(dialog).getByRole('list', { name: 'E-mails to send' })).getAllByRole(
      'listitem',
    );
    expect(mails.map((li) => li.textContent)).toEqual([
      'Ann Lee: one e-mail, one PDF with 2 properties: Villa 1 (and Villa 2, sent before, again for completeness)',
      'Bob Ray: 2 e-mails, one per property: Villa 3, Villa 4',
    ]);
    expect(within(dialog).getByRole('list', { name: 'Owners not ready' })).toHaveTextContent(
      'Cy Doe: 1 draft (Villa 5); 2 final statements waiting',
    );
    expect(within(dialog).getByRole('button', { name: 'Send 3 e-mails' })).toBeEnabled();
  });

  it('names the owners not ready when nothing can be sent', async () => {
    const user = userEvent.setup();
    stubApi(
      0,
      previewOf(0, {
        notReady: [
          {
            ownerId: '1001',
            ownerName: 'Ann Lee',
            drafts: [statement(1, 'draft')],
            finals: [statement(2)],
          },
        ],
      }),
    );
    renderWithApp(<DashboardPage />, { role: 'editor' });
    await choosePeriod();
    await user.click(screen.getByRole('button', { name: 'Send all final statements' }));
    const dialog = await screen.findByRole('dialog', { name: 'Send all final statements' });
    expect(await within(dialog).findByText(/No final, unsent statement for/)).toBeInTheDocument();
    expect(within(dialog).getByRole('list', { name: 'Owners not ready' })).toHaveTextContent(
      'Ann Lee: 1 draft (Villa 1); 1 final statement waiting',
    );
    expect(within(dialog).queryByRole('button', { name: /^Send / })).not.toBeInTheDocument();
  });

  it('is not offered to viewers', async () => {
    stubApi(1);
    renderWithApp(<DashboardPage />, { role: 'viewer' });
    await screen.findByLabelText('Period from');
    expect(screen.queryByRole('button', { name: 'Send all final statements' })).not.toBeInTheDocument();
  });
});
