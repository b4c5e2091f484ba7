/**
 * The schedule form: the sentence builds `M H D * *`, a stored simple cron reads back into it, any
 * other expression opens under Advanced, zones come from Intl, and the next run is shown in the
 * schedule's zone.
 */
import { fireEvent, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextRunOf } from '../../../src/scheduling/croner-scheduler.js';
import type { ScheduleDto } from '../api.js';
import { errorResponse, jsonResponse, renderWithApp, stubFetch } from '../test/helpers.js';
import { ScheduleSection } from './SettingsPage.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const stored: ScheduleDto = {
  enabled: true,
  cron: '30 7 15 * *',
  timezone: 'Europe/Berlin',
  calculationType: 'checkin',
  nextRunAt: '2025-12-15T06:30:00.000Z',
  updatedAt: null,
  updatedBy: null,
};

/** Serves `schedule` on GET and answers a PUT with what a server computes for its body. */
function serve(schedule: ScheduleDto) {
  return stubFetch(({ method, path, body }) => {
    if (path !== '/api/settings/schedule') return undefined;
    if (method === 'GET') return jsonResponse(200, schedule);
    const b = body as { enabled: boolean; cron: string; timezone: string };
    if (b.cron === 'nonsense')
      return errorResponse(422, 'invalid_cron', '"nonsense" is not a valid cron expression');
    const next = nextRunOf({ cron: b.cron, timezone: b.timezone });
    return jsonResponse(200, {
      ...schedule,
      ...b,
      nextRunAt: b.enabled ? (next?.toISOString() ?? null) : null,
    });
  });
}

async function openForm(role: 'admin' | 'editor' = 'admin') {
  renderWithApp(<ScheduleSection />, { role });
  return screen.findByRole('form', { name: 'Monthly schedule' });
}

const shownRun = (form: HTMLElement) => within(form).getByTestId('next-run').querySelector('time');

describe('ScheduleSection', () => {
  it('reads a stored simple cron back into the sentence and shows the next run in its zone', async () => {
    serve(stored);
    const form = await openForm();
    expect(within(form).getByLabelText('Day')).toHaveValue('15');
    expect(within(form).getByLabelText('Time')).toHaveValue('07:30');
    expect(within(form).getByLabelText('Time zone')).toHaveValue('Europe/Berlin');
    expect(within(form).queryByLabelText('Cron expression')).not.toBeInTheDocument();

    const time = shownRun(form);
    expect(time).toHaveAttribute('datetime', stored.nextRunAt);
    // 06:30 UTC is 07:30 in Berlin in December: the line reads Berlin's clock, not UTC's.
    expect(time?.textContent).toMatch(/07:30/);
    expect(time?.textContent).toMatch(/15/);
    expect(within(form).getByTestId('next-run')).toHaveTextContent('(Europe/Berlin)');
  });

  it('builds "M H D * *" from the sentence and keeps the calculation type', async () => {
    const user = userEvent.setup();
    const { requests } = serve(stored);
    const form = await openForm();
    await user.selectOptions(within(form).getByLabelText('Day'), '1');
    fireEvent.change(within(form).getByLabelText('Time'), { target: { value: '06:05' } });
    await user.selectOptions(within(form).getByLabelText('Time zone'), 'America/New_York');
    await user.click(within(form).getByRole('button', { name: 'Save schedule' }));
    expect(await within(form).findByText('Schedule saved.')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'PUT').at(-1)?.body).toEqual({
      enabled: true,
      cron: '5 6 1 * *',
      timezone: 'America/New_York',
      calculationType: 'checkin',
    });
    // The server's answer is what is shown, in New York's clock.
    const time = shownRun(form);
    expect(time?.getAttribute('datetime')).toBe(
      nextRunOf({ cron: '5 6 1 * *', timezone: 'America/New_York' })?.toISOString(),
    );
    expect(time?.textContent).toMatch(/06:05/);
    expect(within(form).getByTestId('next-run')).toHaveTextContent('Next run:');
  });

  it('previews the next run of an unsaved change in the zone being chosen', async () => {
    const user = userEvent.setup();
    serve(stored);
    const form = await openForm();
    await user.selectOptions(within(form).getByLabelText('Time zone'), 'Asia/Tokyo');
    const line = within(form).getByTestId('next-run');
    expect(line).toHaveTextContent('Next run once saved:');
    expect(line).toHaveTextContent('(Asia/Tokyo)');
    const time = shownRun(form);
    expect(time?.getAttribute('datetime')).toBe(
      nextRunOf({ cron: '30 7 15 * *', timezone: 'Asia/Tokyo' })?.toISOString(),
    );
    expect(time?.textContent).toMatch(/07:30/);
  });

  it('offers days 1 to 28 only', async () => {
    serve(stored);
    const form = await openForm();
    const days = within(within(form).getByLabelText('Day')).getAllByRole('option');
    expect(days.map((o) => o.textContent)).toEqual(Array.from({ length: 28 }, (_, i) => String(i + 1)));
  });

  it("lists the time zones of the browser's Intl, and UTC", async () => {
    vi.spyOn(Intl, 'supportedValuesOf').mockReturnValue(['Europe/Berlin', 'America/New_York', 'Asia/Tokyo']);
    serve(stored);
    const form = await openForm();
    const zone = within(form).getByLabelText('Time zone');
    const values = within(zone)
      .getAllByRole('option')
      .map((o) => (o as HTMLOptionElement).value);
    expect(values).toEqual(['UTC', 'America/New_York', 'Asia/Tokyo', 'Europe/Berlin']);
    expect(within(zone).getByRole('option', { name: 'America/New York' })).toHaveValue('America/New_York');
  });

  it('opens an expression the sentence cannot say under Advanced, unchanged', async () => {
    const user = userEvent.setup();
    const { requests } = serve({ ...stored, cron: '0 6 * * 1', nextRunAt: '2025-11-17T05:00:00.000Z' });
    const form = await openForm();
    const cron = within(form).getByLabelText('Cron expression');
    expect(cron).toHaveValue('0 6 * * 1');
    expect(within(form).queryByLabelText('Day')).not.toBeInTheDocument();
    expect(shownRun(form)).toHaveAttribute('datetime', '2025-11-17T05:00:00.000Z');

    // A look at the simple form and back leaves the expression as it was.
    await user.click(within(form).getByRole('button', { name: 'Use the simple form' }));
    expect(within(form).getByText(/Saving replaces the expression "0 6 \* \* 1"/)).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Advanced: use a cron expression' }));
    expect(within(form).getByLabelText('Cron expression')).toHaveValue('0 6 * * 1');

    await user.click(within(form).getByRole('button', { name: 'Save schedule' }));
    await within(form).findByText('Schedule saved.');
    expect(requests.filter((r) => r.method === 'PUT').at(-1)?.body).toMatchObject({ cron: '0 6 * * 1' });
  });

  it('carries a simple expression typed under Advanced back into the sentence', async () => {
    const user = userEvent.setup();
    serve({ ...stored, cron: '0 6 * * 1' });
    const form = await openForm();
    const cron = within(form).getByLabelText('Cron expression');
    await user.clear(cron);
    await user.type(cron, '45 22 9 * *');
    await user.click(within(form).getByRole('button', { name: 'Use the simple form' }));
    expect(within(form).getByLabelText('Day')).toHaveValue('9');
    expect(within(form).getByLabelText('Time')).toHaveValue('22:45');
  });

  it('names a bad expression while typing, and shows the server’s refusal', async () => {
    const user = userEvent.setup();
    serve({ ...stored, cron: '0 6 * * 1' });
    const form = await openForm();
    const cron = within(form).getByLabelText('Cron expression');
    await user.clear(cron);
    await user.type(cron, 'nonsense');
    expect(within(form).getByTestId('next-run')).toHaveTextContent(/Not a valid cron expression/);
    await user.click(within(form).getByRole('button', { name: 'Save schedule' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('not a valid cron expression');
  });

  it('says the schedule is off when it is', async () => {
    const user = userEvent.setup();
    serve({ ...stored, enabled: false, nextRunAt: null });
    const form = await openForm();
    expect(within(form).getByTestId('next-run')).toHaveTextContent('Next run: none — the schedule is off.');
    await user.click(within(form).getByLabelText("Generate last month's statements on a schedule"));
    expect(within(form).getByTestId('next-run')).toHaveTextContent('Next run once saved:');
  });

  it('shows editors the schedule without letting them change it', async () => {
    serve(stored);
    const form = await openForm('editor');
    expect(within(form).getByLabelText('Day')).toBeDisabled();
    expect(within(form).getByLabelText('Time')).toBeDisabled();
    expect(within(form).getByLabelText('Time zone')).toBeDisabled();
    expect(within(form).getByLabelText("Generate last month's statements on a schedule")).toBeDisabled();
    expect(within(form).queryByRole('button', { name: 'Save schedule' })).not.toBeInTheDocument();
    expect(within(form).getByText('Only admins change the schedule.')).toBeInTheDocument();
    expect(shownRun(form)).toHaveAttribute('datetime', stored.nextRunAt);
  });
});
