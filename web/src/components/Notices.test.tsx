import { act, fireEvent, screen, within } from '@testing-library/react';
import { useEffect } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobDto } from '../api.js';
import { useJobs } from '../jobs.js';
import {
  FakeEventSource,
  finishedEvent,
  job,
  renderWithApp,
  useFakeClock,
  useRealClock,
} from '../test/helpers.js';
import { BULK_NOTICE } from './GenerateModal.js';
import { type NoticeInput, SUCCESS_NOTICE_MS, useNotices } from './Notices.js';
import { RunningJobs } from './RunningJobs.js';
import { STALE_AFTER_MS } from './useDismissWhenStale.js';

let notify: (notice: NoticeInput) => void = () => undefined;
/** Lends the test the notices' `notify`, as a page has it. */
function Notify() {
  notify = useNotices().notify;
  return null;
}

/** Follows a job, as the dashboard does once it has started one. */
function Follow({ job: followed }: { job: JobDto }) {
  const { track } = useJobs();
  useEffect(() => track(followed.id, followed), [track, followed]);
  return null;
}

const running = job({ id: 'job_01gen', status: 'processing', progress: 0, total: 160 });
const emit = (type: string, data: unknown) => act(() => FakeEventSource.latest().emit(type, data));
const notices = () => screen.getAllByRole('status')[0] as HTMLElement;
const jobLine = () => screen.getByRole('region', { name: 'Background jobs' });

function renderJobAndNotice() {
  const rendered = renderWithApp(
    <>
      <Notify />
      <Follow job={running} />
      <RunningJobs />
    </>,
    { role: 'editor' },
  );
  act(() => notify({ ...BULK_NOTICE, jobId: running.id }));
  return rendered;
}

beforeEach(() => {
  FakeEventSource.instances = [];
});
afterEach(() => {
  useRealClock();
  vi.restoreAllMocks();
});

describe('the job notice becomes one live status line', () => {
  it('shows the spec’s notice while the job runs, then only how it ended, amber with errors', () => {
    renderJobAndNotice();
    const line = jobLine();
    // The notice is shown once, in the job's line (not again in the notices region).
    expect(within(line).getByText('🚀 Bulk Statement Generation Started!')).toBeInTheDocument();
    expect(within(notices()).queryByText('🚀 Bulk Statement Generation Started!')).not.toBeInTheDocument();
    expect(line).toHaveTextContent(/may take several minutes/);
    expect(within(line).getByText('Generate All · October 2025')).toBeInTheDocument();

    emit('progress', { progress: 32, total: 160, counts: { generated: 31, skipped: 0, errors: 1 } });
    expect(within(line).getByText('Generating · 32 / 160')).toBeInTheDocument();
    expect(within(line).getByText('31 generated, 1 error')).toBeInTheDocument();

    emit(
      'completed',
      finishedEvent({
        id: running.id,
        progress: 160,
        total: 160,
        counts: { generated: 155, skipped: 4, errors: 1 },
        summary: { generated: 155, skipped: 4, errors: 1 },
      }),
    );
    const status = within(line).getByRole('status');
    expect(status).toHaveTextContent(/^Completed with errors · 155 generated, 4 skipped, 1 error — View$/);
    expect(within(status).getByRole('link', { name: /^View/ })).toHaveAttribute('href', '/jobs/job_01gen');
    expect(line.querySelector('.job-progress')).toHaveClass('job-tone-warning');
    expect(line.querySelector('.job-progress')).not.toHaveClass('job-tone-success');
    // Nothing says it is still running.
    expect(screen.queryByText(/several minutes/)).not.toBeInTheDocument();
    expect(screen.queryByText(/Generating/)).not.toBeInTheDocument();
    expect(screen.queryByText('🚀 Bulk Statement Generation Started!')).not.toBeInTheDocument();
  });

  it('is green for a clean run', () => {
    renderJobAndNotice();
    emit(
      'completed',
      finishedEvent({
        id: running.id,
        progress: 160,
        total: 160,
        counts: { generated: 160, skipped: 0, errors: 0 },
      }),
    );
    expect(within(jobLine()).getByRole('status')).toHaveTextContent(/^Completed · 160 generated — View$/);
    expect(jobLine().querySelector('.job-progress')).toHaveClass('job-tone-success');
  });

  it('opening the ended job from its line leaves the line behind', () => {
    const { location } = renderJobAndNotice();
    emit('completed', finishedEvent({ id: running.id, counts: { generated: 2, skipped: 0, errors: 0 } }));
    fireEvent.click(within(jobLine()).getByRole('link', { name: /^View/ }));
    expect(location.history.at(-1)).toBe('/jobs/job_01gen');
    expect(screen.queryByRole('region', { name: 'Background jobs' })).not.toBeInTheDocument();
  });

  it('dismissing the ended line dismisses its notice too', () => {
    renderJobAndNotice();
    emit('completed', finishedEvent({ id: running.id, counts: { generated: 2, skipped: 0, errors: 2 } }));
    expect(within(jobLine()).getByRole('status')).toHaveTextContent(
      'Completed with errors · 2 generated, 2 errors',
    );
    fireEvent.click(within(jobLine()).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('region', { name: 'Background jobs' })).not.toBeInTheDocument();
    expect(screen.queryByText('🚀 Bulk Statement Generation Started!')).not.toBeInTheDocument();
  });
});

describe('notices do not overstay', () => {
  it('a success notice goes by itself, not while hovered; an error notice stays', () => {
    useFakeClock();
    renderWithApp(<Notify />);
    act(() => notify({ tone: 'success', title: 'Draft deleted: Beach House' }));
    act(() => notify({ tone: 'error', title: 'Could not send' }));
    act(() => vi.advanceTimersByTime(SUCCESS_NOTICE_MS - 1));
    expect(screen.getByText('Draft deleted: Beach House')).toBeInTheDocument();

    // Held while the pointer is on it, however long; the full time again once it leaves.
    const notice = screen.getByText('Draft deleted: Beach House').closest('.notice') as HTMLElement;
    fireEvent.mouseEnter(notice);
    act(() => vi.advanceTimersByTime(SUCCESS_NOTICE_MS * 3));
    expect(screen.getByText('Draft deleted: Beach House')).toBeInTheDocument();
    fireEvent.mouseLeave(notice);
    act(() => vi.advanceTimersByTime(SUCCESS_NOTICE_MS - 1));
    expect(screen.getByText('Draft deleted: Beach House')).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(1));
    expect(screen.queryByText('Draft deleted: Beach House')).not.toBeInTheDocument();

    act(() => vi.advanceTimersByTime(60_000));
    expect(screen.getByText('Could not send')).toBeInTheDocument();
  });

  it('a stale notice is cleared on navigation; one raised just before navigating comes along', () => {
    useFakeClock();
    const { location } = renderWithApp(<Notify />, { path: '/statements/stm_1' });
    // The action that raises it navigates at once ("Draft deleted", then the list).
    act(() => notify({ tone: 'error', title: 'Something to read' }));
    act(() => vi.advanceTimersByTime(STALE_AFTER_MS / 2));
    act(() => location.navigate('/'));
    expect(screen.getByText('Something to read')).toBeInTheDocument();

    // Changing the page later leaves it behind.
    act(() => vi.advanceTimersByTime(STALE_AFTER_MS * 2));
    act(() => location.navigate('/jobs'));
    expect(screen.queryByText('Something to read')).not.toBeInTheDocument();
  });

  it('a running job’s line follows the user; once ended, it stays behind', () => {
    useFakeClock();
    const { location } = renderJobAndNotice();
    act(() => vi.advanceTimersByTime(STALE_AFTER_MS * 2));
    act(() => location.navigate('/jobs'));
    expect(within(jobLine()).getByText('🚀 Bulk Statement Generation Started!')).toBeInTheDocument();

    emit('completed', finishedEvent({ id: running.id, counts: { generated: 3, skipped: 0, errors: 0 } }));
    act(() => location.navigate('/properties')); // just ended: seen on the page where it ended
    expect(within(jobLine()).getByRole('status')).toHaveTextContent('Completed · 3 generated');
    act(() => vi.advanceTimersByTime(STALE_AFTER_MS * 2));
    act(() => location.navigate('/'));
    expect(screen.queryByRole('region', { name: 'Background jobs' })).not.toBeInTheDocument();
  });
});
