import { act, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App.js';
import { EventSourceFactoryContext } from './components/useJobEvents.js';
import { STATEMENTS_REFRESH_MS } from './jobs.js';
import {
  errorResponse,
  FakeEventSource,
  fakeEventSourceFactory,
  job,
  jsonResponse,
  me,
  owners,
  properties,
  statement,
  stubFetch,
  useFakeClock,
  useRealClock,
} from './test/helpers.js';

beforeEach(() => {
  FakeEventSource.instances = [];
  window.history.replaceState(null, '', '/');
});
afterEach(() => {
  useRealClock();
  vi.restoreAllMocks();
});

function renderApp() {
  return render(
    <EventSourceFactoryContext.Provider value={fakeEventSourceFactory}>
      <App />
    </EventSourceFactoryContext.Provider>,
  );
}

describe('App', () => {
  it('shows the login page without a session, signs in, and lands on the statements', async () => {
    let signedIn = false;
    const { requests } = stubFetch(({ method, path }) => {
      if (path === '/api/auth/me')
        return signedIn
          ? jsonResponse(200, me('viewer'))
          : errorResponse(401, 'unauthorized', 'sign in first');
      if (method === 'POST' && path === '/api/auth/login') {
        signedIn = true;
        return jsonResponse(200, { user: me('viewer').user, token: 't', expiresAt: '2030-01-01T00:00:00Z' });
      }
      if (path.startsWith('/api/statements/jobs')) return jsonResponse(200, { jobs: [], nextCursor: null });
      if (path.startsWith('/api/statements'))
        return jsonResponse(200, { statements: [statement()], nextCursor: null });
      if (path === '/api/owners') return jsonResponse(200, { owners });
      if (path.startsWith('/api/properties')) return jsonResponse(200, { properties });
      return undefined;
    });
    const user = userEvent.setup();
    renderApp();

    await user.type(await screen.findByLabelText('E-mail'), 'viewer@example.com');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'Statements' })).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      email: 'viewer@example.com',
      password: 'correct horse battery',
    });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    for (const name of ['Statements', 'Jobs', 'Properties', 'Payouts']) {
      expect(within(nav).getByRole('link', { name })).toBeInTheDocument();
    }
    // Viewers: no Users page, no Generate button.
    expect(within(nav).queryByRole('link', { name: 'Users' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Generate Statement' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it('shows a failed sign-in in an alert', async () => {
    stubFetch(({ path }) =>
      path === '/api/auth/me'
        ? errorResponse(401, 'unauthorized', 'sign in first')
        : errorResponse(401, 'invalid_credentials', 'wrong e-mail or password'),
    );
    const user = userEvent.setup();
    renderApp();
    await user.type(await screen.findByLabelText('E-mail'), 'a@example.com');
    await user.type(screen.getByLabelText('Password'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The e-mail or password is wrong. Check both and try again.',
    );
  });

  it('follows running jobs found at load and refreshes the statements list as they generate (throttled)', async () => {
    // The refresh throttle runs on timers and Date.now: on a fake clock, "one more a second
    // later" is exact whatever the machine's speed.
    useFakeClock();
    const running = job({ id: 'job_01run', status: 'processing', progress: 3, total: 10 });
    /** Statements the job has generated so far: each list answer has them. */
    let generated = 0;
    const { requests } = stubFetch(({ path }) => {
      if (path === '/api/auth/me') return jsonResponse(200, me('editor'));
      if (path === '/api/statements/jobs?status=processing')
        return jsonResponse(200, { jobs: [running], nextCursor: null });
      if (path.startsWith('/api/statements/jobs')) return jsonResponse(200, { jobs: [], nextCursor: null });
      if (path.startsWith('/api/statements?')) {
        const made = Array.from({ length: generated }, (_, i) =>
          statement({ id: `stm_p${i + 1}`, propertyName: `P${i + 1}` }),
        );
        return jsonResponse(200, { statements: [statement(), ...made], nextCursor: null });
      }
      if (path === '/api/owners') return jsonResponse(200, { owners });
      if (path.startsWith('/api/properties')) return jsonResponse(200, { properties });
      return undefined;
    });
    renderApp();

    const table = await screen.findByRole('table', { name: 'Statements' });
    expect(within(table).getByRole('link', { name: 'Beach House' })).toHaveAttribute(
      'href',
      '/statements/stm_1',
    );
    expect(within(table).getByText('Draft')).toBeInTheDocument();
    const bar = await screen.findByRole('progressbar', { name: 'Job progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '3');
    expect(screen.getByRole('button', { name: 'Cancel job' })).toBeInTheDocument();
    expect(FakeEventSource.latest().url).toBe('/api/statements/jobs/job_01run/events');

    const lists = () => requests.filter((r) => r.path.startsWith('/api/statements?')).length;
    await waitFor(() => expect(lists()).toBe(1));
    const item = (seq: number) => ({
      seq,
      propertyId: `p${seq}`,
      propertyName: `P${seq}`,
      status: 'succeeded',
      reason: null,
      code: null,
      error: null,
      statementId: `stm_${seq}`,
    });
    // Five statements generated, one event at a time (each rendered on its own): one refresh at
    // once, the other four collapsed into one more a second later. The clock stands still
    // unless moved, and an invalidation asks for the list at once, so each count below is exact
    // when made: nothing is due until the clock is moved past it.
    const windowStart = Date.now();
    for (let seq = 1; seq <= 5; seq++) {
      generated = seq;
      act(() => FakeEventSource.latest().emit('item', item(seq)));
    }
    expect(lists()).toBe(2);
    // The first refresh lands (waiting for it moves the clock a little, never a whole second).
    await within(table).findByRole('link', { name: 'P1' });
    const rest = windowStart + STATEMENTS_REFRESH_MS - Date.now();
    expect(rest).toBeGreaterThan(1);
    act(() => vi.advanceTimersByTime(rest - 1));
    expect(lists()).toBe(2);
    act(() => vi.advanceTimersByTime(1));
    expect(lists()).toBe(3);
    await within(table).findByRole('link', { name: 'P5' });
    // Nothing else was pending: another second brings no refresh.
    act(() => vi.advanceTimersByTime(STATEMENTS_REFRESH_MS));
    expect(lists()).toBe(3);
  });
});
