import { act, render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import {
  FakeEventSource,
  fakeEventSourceFactory,
  finishedEvent,
  job,
  jsonResponse,
  stubFetch,
  WithQueryClient,
} from '../test/helpers.js';
import { JobProgressBar, type JobProgressBarProps } from './JobProgressBar.js';
import { EventSourceFactoryContext } from './useJobEvents.js';

beforeEach(() => {
  FakeEventSource.instances = [];
});
afterEach(() => {
  vi.restoreAllMocks();
});

function renderBar(props: Partial<JobProgressBarProps> = {}) {
  const location = memoryLocation({ path: '/' });
  return render(
    <WithQueryClient>
      <EventSourceFactoryContext.Provider value={fakeEventSourceFactory}>
        <Router hook={location.hook}>
          <JobProgressBar jobId="job_01abc" canCancel {...props} />
        </Router>
      </EventSourceFactoryContext.Provider>
    </WithQueryClient>,
  );
}

const emit = (type: string, data: unknown) => act(() => FakeEventSource.latest().emit(type, data));

describe('JobProgressBar', () => {
  it('subscribes to the job events and shows progress events in aria-valuenow and the counts text', () => {
    renderBar();
    expect(FakeEventSource.latest().url).toBe('/api/statements/jobs/job_01abc/events');
    const bar = screen.getByRole('progressbar', { name: 'Job progress' });
    expect(bar).toHaveAttribute('aria-valuemin', '0');
    expect(bar).toHaveAttribute('aria-valuemax', '100'); // total not known yet
    expect(bar).toHaveAttribute('aria-valuenow', '0');

    emit('progress', { progress: 12, total: 32, counts: { generated: 10, skipped: 1, errors: 1 } });
    expect(bar).toHaveAttribute('aria-valuenow', '12');
    expect(bar).toHaveAttribute('aria-valuemax', '32');
    expect(bar).toHaveAttribute('aria-valuetext', '12 / 32: 10 generated, 1 skipped, 1 error');
    expect(screen.getByText('Generating · 12 / 32')).toBeInTheDocument();
    expect(screen.getByText('10 generated, 1 skipped, 1 error')).toBeInTheDocument();

    emit('progress', { progress: 20, total: 32, counts: { generated: 17, skipped: 2, errors: 2 } });
    expect(bar).toHaveAttribute('aria-valuenow', '20');
    expect(screen.getByText('Generating · 20 / 32')).toBeInTheDocument();
    expect(screen.getByText('17 generated, 2 skipped, 2 errors')).toBeInTheDocument();
  });

  it('passes item events on (the dashboard refreshes on generated statements)', () => {
    const onItem = vi.fn();
    renderBar({ onItem });
    const item = {
      seq: 1,
      propertyId: '10001',
      propertyName: 'Beach House',
      status: 'succeeded',
      reason: null,
      code: null,
      error: null,
      statementId: 'stm_1',
    };
    emit('item', item);
    expect(onItem).toHaveBeenCalledWith(item);
  });

  it('on the final completed event shows "Completed · …", closes the source, and offers View and Dismiss', async () => {
    const onFinished = vi.fn();
    const onDismiss = vi.fn();
    renderBar({ onFinished, onDismiss });
    const source = FakeEventSource.latest();
    emit('progress', { progress: 31, total: 32, counts: { generated: 30, skipped: 1, errors: 0 } });
    // The final event carries the summary and counts, not the result lists.
    const done = finishedEvent({
      status: 'completed',
      progress: 32,
      counts: { generated: 31, skipped: 1, errors: 0 },
      summary: { generated: 31, skipped: 1, errors: 0 },
    });
    expect(done).not.toHaveProperty('result');
    emit('completed', done);

    expect(screen.getByRole('status')).toHaveTextContent(/^Completed · 31 generated, 1 skipped — View$/);
    expect(source.closed).toBe(true);
    expect(onFinished).toHaveBeenCalledTimes(1);
    expect(onFinished).toHaveBeenCalledWith(done);
    expect(screen.getByRole('progressbar', { name: 'Job progress' })).toHaveAttribute('aria-valuenow', '32');
    expect(screen.queryByText(/Generating/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel job' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: /^View/ })).toHaveAttribute('href', '/jobs/job_01abc');

    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(onDismiss).toHaveBeenCalled();
    expect(FakeEventSource.instances).toHaveLength(1); // never reopened
  });

  it('shows "Failed · <error>" for a failed job', () => {
    renderBar();
    emit('failed', finishedEvent({ status: 'failed', error: 'Hostify is unreachable', summary: null }));
    expect(screen.getByRole('status')).toHaveTextContent('Failed · Hostify is unreachable — View');
    expect(FakeEventSource.latest().closed).toBe(true);
  });

  it('Cancel calls the cancel API and shows what the job did before it was cancelled', async () => {
    const { requests } = stubFetch(({ method, path }) =>
      method === 'POST' && path === '/api/statements/jobs/job_01abc/cancel'
        ? jsonResponse(
            200,
            job({ status: 'cancelled', progress: 5, counts: { generated: 5, skipped: 0, errors: 0 } }),
          )
        : undefined,
    );
    const onFinished = vi.fn();
    renderBar({ onFinished });
    emit('progress', { progress: 5, total: 32, counts: { generated: 5, skipped: 0, errors: 0 } });

    await userEvent.click(screen.getByRole('button', { name: 'Cancel job' }));
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        'Cancelled · 5 of 32 before it was cancelled (5 generated) — View',
      ),
    );
    expect(screen.getByRole('status')).not.toHaveTextContent('?');
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
      '/api/statements/jobs/job_01abc/cancel',
    ]);
    expect(FakeEventSource.latest().closed).toBe(true);
    // The stream's own "cancelled" event arriving later does not finish it twice.
    emit('cancelled', finishedEvent({ status: 'cancelled', progress: 5 }));
    expect(onFinished).toHaveBeenCalledTimes(1);
  });

  it('hides Cancel from users who may not manage jobs', () => {
    renderBar({ canCancel: false });
    expect(screen.getByRole('progressbar', { name: 'Job progress' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel job' })).not.toBeInTheDocument();
  });

  it('does not open a stream for a job that has already ended', () => {
    renderBar({
      job: job({ status: 'completed', progress: 32, counts: { generated: 32, skipped: 0, errors: 0 } }),
    });
    expect(FakeEventSource.instances).toHaveLength(0);
    expect(screen.getByText(/^Completed · 32 generated/)).toBeInTheDocument();
  });

  it('closes the stream when unmounted', () => {
    const { unmount } = renderBar();
    const source = FakeEventSource.latest();
    unmount();
    expect(source.closed).toBe(true);
  });
});
