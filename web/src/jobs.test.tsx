/**
 * The job event stream drives the data layer: a followed job's events invalidate the queries it
 * changes (statements list, job history, the job's page) instead of pages polling; only a job
 * nobody here follows is re-read on a fallback interval. And the cursor lists are infinite
 * queries: "Load more" asks for the next cursor, and a re-read asks for every loaded page again.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobDto, StatementSummaryDto } from './api.js';
import { RunningJobs } from './components/RunningJobs.js';
import { DashboardPage } from './pages/DashboardPage.js';
import { JobDetailPage } from './pages/JobDetailPage.js';
import { JobsPage } from './pages/JobsPage.js';
import { UNFOLLOWED_JOB_REFRESH_MS } from './queries.js';
import {
  FakeEventSource,
  Follow,
  finishedEvent,
  job,
  jsonResponse,
  owners,
  properties,
  renderWithApp,
  statement,
  stubFetch,
  useFakeClock,
  useRealClock,
} from './test/helpers.js';

beforeEach(() => {
  FakeEventSource.instances = [];
});
afterEach(() => {
  useRealClock();
  vi.restoreAllMocks();
});

function summary(id: string, propertyName: string): StatementSummaryDto {
  const {
    lines,
    expenses: _e,
    adjustments: _a,
    excluded: _x,
    warnings,
    ...rest
  } = statement({
    id,
    propertyName,
  });
  return { ...rest, lineCount: lines.length, warningCount: warnings.length };
}

const isStatementsList = (path: string) => path.startsWith('/api/statements?');
const isJobsList = (path: string) => path.startsWith('/api/statements/jobs?');

const item = (seq: number, status: 'succeeded' | 'skipped' = 'succeeded') => ({
  seq,
  propertyId: `p${seq}`,
  propertyName: `P${seq}`,
  status,
  reason: status === 'skipped' ? 'no_activity' : null,
  code: null,
  error: null,
  statementId: status === 'succeeded' ? `stm_p${seq}` : null,
});

describe('job events invalidate queries', () => {
  it("a followed job's end re-reads the statements list and the job history, which never poll for it", async () => {
    // A fake clock proves that nothing is re-read while time passes, only when the stream says so.
    useFakeClock();
    const running = job({ id: 'job_01run', status: 'processing', progress: 1, total: 2 });
    let ended = false;
    const { requests } = stubFetch(({ path }) => {
      if (path === '/api/owners') return jsonResponse(200, { owners });
      if (path.startsWith('/api/properties')) return jsonResponse(200, { properties });
      if (isJobsList(path)) {
        const listed = ended ? { ...running, status: 'completed' as const, progress: 2 } : running;
        return jsonResponse(200, { jobs: [listed], nextCursor: null });
      }
      if (isStatementsList(path)) {
        const rows = [summary('stm_a', 'Beach House'), ...(ended ? [summary('stm_b', 'Harbor View')] : [])];
        return jsonResponse(200, { statements: rows, nextCursor: null });
      }
      return undefined;
    });
    renderWithApp(
      <>
        <Follow job={running} />
        <RunningJobs />
        <DashboardPage />
        <JobsPage />
      </>,
    );
    const statements = await screen.findByRole('table', { name: 'Statements' });
    const jobs = await screen.findByRole('table', { name: 'Jobs' });
    expect(within(jobs).getByText('Running')).toBeInTheDocument();
    const reads = () => requests.filter((r) => isStatementsList(r.path) || isJobsList(r.path)).length;
    const before = reads();

    // A followed running job is not polled: a minute passes and nothing is asked again.
    act(() => vi.advanceTimersByTime(60_000));
    expect(reads()).toBe(before);

    ended = true;
    act(() =>
      FakeEventSource.latest().emit(
        'completed',
        finishedEvent({
          id: 'job_01run',
          progress: 2,
          total: 2,
          counts: { generated: 2, skipped: 0, errors: 0 },
        }),
      ),
    );
    expect(await within(statements).findByRole('link', { name: 'Harbor View' })).toBeInTheDocument();
    expect(await within(jobs).findByText('Completed')).toBeInTheDocument();
    expect(requests.filter((r) => isStatementsList(r.path)).length).toBeGreaterThan(1);
  });

  it("an item event re-reads the followed job's page, so its counts move", async () => {
    let progress = 1;
    const current = () =>
      job({ id: 'job_01run', progress, total: 3, counts: { generated: progress, skipped: 0, errors: 0 } });
    stubFetch(({ method, path }) =>
      method === 'GET' && path === '/api/statements/jobs/job_01run'
        ? jsonResponse(200, current())
        : undefined,
    );
    renderWithApp(
      <>
        <Follow job={current()} />
        <RunningJobs />
        <JobDetailPage id="job_01run" />
      </>,
    );
    expect(await screen.findByText(/^1 \/ 3 — 1 generated/)).toBeInTheDocument();

    progress = 2;
    act(() => FakeEventSource.latest().emit('item', item(2)));
    expect(await screen.findByText(/^2 \/ 3 — 2 generated/)).toBeInTheDocument();
  });

  it('a skipped item re-reads the job history but not the statements (it generated none)', async () => {
    const running = job({ id: 'job_01run', status: 'processing', progress: 0, total: 2 });
    const { requests } = stubFetch(({ path }) => {
      if (path === '/api/owners') return jsonResponse(200, { owners });
      if (path.startsWith('/api/properties')) return jsonResponse(200, { properties });
      if (isJobsList(path)) return jsonResponse(200, { jobs: [running], nextCursor: null });
      if (isStatementsList(path))
        return jsonResponse(200, { statements: [summary('stm_a', 'Beach House')], nextCursor: null });
      return undefined;
    });
    renderWithApp(
      <>
        <Follow job={running} />
        <RunningJobs />
        <DashboardPage />
        <JobsPage />
      </>,
    );
    await screen.findByRole('table', { name: 'Statements' });
    await screen.findByRole('table', { name: 'Jobs' });
    const count = (is: (path: string) => boolean) => requests.filter((r) => is(r.path)).length;
    const statementsBefore = count(isStatementsList);
    const jobsBefore = count(isJobsList);

    act(() => FakeEventSource.latest().emit('item', item(1, 'skipped')));
    await waitFor(() => expect(count(isJobsList)).toBe(jobsBefore + 1));
    expect(count(isStatementsList)).toBe(statementsBefore);
  });
});

describe('fallback re-reads', () => {
  function stubHistory(listed: () => JobDto[]) {
    return stubFetch(({ path }) =>
      isJobsList(path) ? jsonResponse(200, { jobs: listed(), nextCursor: null }) : undefined,
    );
  }

  it('the history re-reads a running job nobody here follows, every few seconds, until it ends', async () => {
    useFakeClock();
    let other = job({ id: 'job_01other', status: 'processing' });
    const { requests } = stubHistory(() => [other]);
    renderWithApp(<JobsPage />);
    const jobs = await screen.findByRole('table', { name: 'Jobs' });
    const reads = () => requests.filter((r) => isJobsList(r.path)).length;
    expect(reads()).toBe(1);

    // Finding the table may have moved the clock by a poll (50 ms); the margins allow for it.
    act(() => vi.advanceTimersByTime(UNFOLLOWED_JOB_REFRESH_MS - 100));
    expect(reads()).toBe(1);
    other = { ...other, status: 'completed' };
    act(() => vi.advanceTimersByTime(100));
    expect(reads()).toBe(2);
    expect(await within(jobs).findByText('Completed')).toBeInTheDocument();

    // Ended: no more re-reads.
    act(() => vi.advanceTimersByTime(3 * UNFOLLOWED_JOB_REFRESH_MS));
    expect(reads()).toBe(2);
  });

  it('the history does not poll for a job it follows', async () => {
    useFakeClock();
    const running = job({ id: 'job_01run', status: 'processing' });
    const { requests } = stubHistory(() => [running]);
    renderWithApp(
      <>
        <Follow job={running} />
        <JobsPage />
      </>,
    );
    await screen.findByRole('table', { name: 'Jobs' });
    const reads = requests.filter((r) => isJobsList(r.path)).length;
    act(() => vi.advanceTimersByTime(3 * UNFOLLOWED_JOB_REFRESH_MS));
    expect(requests.filter((r) => isJobsList(r.path)).length).toBe(reads);
  });
});

describe('cursor lists (infinite queries)', () => {
  it('"Load more" asks for the next cursor, shows a row once, and a re-read asks for every loaded page again', async () => {
    const user = userEvent.setup();
    const a = job({ id: 'job_a', status: 'processing', createdAt: '2025-11-03T10:00:00.000Z' });
    const b = job({ id: 'job_b', status: 'completed', createdAt: '2025-11-02T10:00:00.000Z' });
    const c = job({ id: 'job_c', status: 'failed', createdAt: '2025-11-01T10:00:00.000Z' });
    let aNow = a;
    const { requests } = stubFetch(({ path }) => {
      if (!isJobsList(path)) return undefined;
      // Page 2 repeats b, as a page does when a newer row pushed b down between the two reads.
      if (path.includes('cursor=c1')) return jsonResponse(200, { jobs: [b, c], nextCursor: null });
      return jsonResponse(200, { jobs: [aNow, b], nextCursor: 'c1' });
    });
    renderWithApp(
      <>
        <Follow job={a} />
        <RunningJobs />
        <JobsPage />
      </>,
    );
    const table = await screen.findByRole('table', { name: 'Jobs' });
    const statuses = () =>
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((row) => within(row).getAllByRole('cell')[2]?.textContent);
    expect(statuses()).toEqual(['Running', 'Completed']);

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await within(table).findByText('Failed');
    expect(statuses()).toEqual(['Running', 'Completed', 'Failed']);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(requests.filter((r) => isJobsList(r.path)).map((r) => r.path)).toEqual([
      '/api/statements/jobs?limit=25',
      '/api/statements/jobs?limit=25&cursor=c1',
    ]);

    // The followed job ends: the history is read again, both pages, and stays three rows.
    aNow = { ...a, status: 'completed' };
    const before = requests.length;
    act(() => FakeEventSource.latest().emit('completed', finishedEvent({ id: 'job_a' })));
    await waitFor(() => expect(statuses()).toEqual(['Completed', 'Completed', 'Failed']));
    expect(
      requests
        .slice(before)
        .filter((r) => isJobsList(r.path))
        .map((r) => r.path),
    ).toEqual(['/api/statements/jobs?limit=25', '/api/statements/jobs?limit=25&cursor=c1']);
  });
});
