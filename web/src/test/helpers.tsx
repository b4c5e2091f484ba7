/**
 * Test helpers: a per-test fetch stub routed by method and path, JSON responses, fixtures, a fake
 * EventSource, and a render wrapper with the app's providers (no module mocks anywhere).
 */
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { type ReactNode, useEffect, useState } from 'react';
import { onTestFinished, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import type { JobDto, JobFinishedEventDto, Me, Owner, Property, StatementDto } from '../api.js';
import { AuthProvider, type Permission } from '../auth.js';
import { NoticesProvider, NoticesRegion } from '../components/Notices.js';
import {
  type EventSourceFactory,
  EventSourceFactoryContext,
  type EventSourceLike,
} from '../components/useJobEvents.js';
import { JobsProvider, useJobs } from '../jobs.js';
import { createQueryClient } from '../queries.js';

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

export const errorResponse = (status: number, code: string, message: string) =>
  jsonResponse(status, { error: { code, message } });

export interface SeenRequest {
  method: string;
  path: string;
  body: unknown;
  headers: Headers;
}

type Handler = (request: SeenRequest) => Response | Promise<Response> | undefined;

/**
 * Stubs fetch for this test. The handler answers by method and path; anything it leaves
 * unanswered gets a 404 in the API's error format. Returns the requests seen.
 */
export function stubFetch(handler: Handler) {
  const requests: SeenRequest[] = [];
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const request: SeenRequest = {
      method: init?.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      body,
      headers: new Headers(init?.headers),
    };
    requests.push(request);
    return (
      (await handler(request)) ??
      errorResponse(404, 'not_found', `no stub for ${request.method} ${request.path}`)
    );
  });
  return { spy, requests };
}

/**
 * Vitest's fake timers for `setTimeout`, `setInterval` (TanStack Query's refetchInterval), their
 * clears and `Date` — for code that waits on timers (throttles, delays, fallback re-reads), so a
 * test says "a second later" exactly instead of sleeping.
 * testing-library's async helpers (findBy…, waitFor) only know Jest's fake timers: they look
 * for a global `jest` to advance them, and would otherwise wait on a faked setTimeout for ever.
 * So this lends them vitest's clock under that name. Undo with `useRealClock()`.
 */
export function useFakeClock(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  (globalThis as { jest?: unknown }).jest = {
    advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms),
  };
}

export function useRealClock(): void {
  delete (globalThis as { jest?: unknown }).jest;
  vi.useRealTimers();
}

/** A promise with its resolve exposed, to hold a request pending. */
export function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export const owners: Owner[] = [
  {
    id: '1001',
    email: 'ann@example.com',
    firstName: 'Ann',
    lastName: 'Lee',
    name: 'Ann Lee',
    propertyCount: 2,
    delivery: 'combined',
  },
  {
    id: '1002',
    email: 'bob@example.com',
    firstName: 'Bob',
    lastName: 'Ray',
    name: 'Bob Ray',
    propertyCount: 1,
    delivery: 'combined',
  },
];

const settings = { commissionPercent: 15, commissionBasis: 'net' as const, ownerRemitsTaxes: false };

export const properties: Property[] = [
  {
    id: '10001',
    ownerId: '1001',
    name: 'Beach House',
    nickname: null,
    currency: 'USD',
    isListed: true,
    tags: [],
    settings,
  },
  {
    id: '10002',
    ownerId: '1001',
    name: 'City Loft',
    nickname: null,
    currency: 'EUR',
    isListed: true,
    tags: [],
    settings,
  },
];

const totals = {
  accommodation: 100000,
  cleaning: 10000,
  otherFees: 0,
  grossRevenue: 110000,
  channelFees: 5000,
  commission: 15750,
  taxes: 0,
  ownerPayout: 89250,
  expenses: 2500,
  adjustments: 1000,
  netPayout: 87750,
};

export function statement(overrides: Partial<StatementDto> = {}): StatementDto {
  return {
    id: 'stm_1',
    propertyId: '10001',
    propertyName: 'Beach House',
    ownerId: '1001',
    periodStart: '2025-10-01',
    periodEnd: '2025-10-31',
    calculationType: 'checkout',
    currency: 'USD',
    status: 'draft',
    version: 1,
    totals,
    settings,
    createdAt: '2025-11-01T10:00:00.000Z',
    updatedAt: '2025-11-01T10:00:00.000Z',
    createdBy: 'usr_1',
    updatedBy: null,
    sentAt: null,
    sentTo: null,
    excluded: [],
    warnings: [],
    manualLines: [],
    overrides: [],
    lines: [
      {
        reservationId: 'r1',
        guestName: 'Grace Hopper',
        source: 'airbnb',
        checkIn: '2025-10-03',
        checkOut: '2025-10-08',
        nights: 5,
        nightsInPeriod: 5,
        ...totals,
      },
    ],
    expenses: [
      {
        id: 'led_1',
        propertyId: '10001',
        date: '2025-10-15',
        description: 'Plumber',
        amount: 2500,
        type: 'expense',
      },
    ],
    adjustments: [
      {
        id: 'led_2',
        propertyId: '10001',
        date: '2025-10-20',
        description: 'Refund',
        amount: 1000,
        type: 'adjustment',
      },
    ],
    ...overrides,
  };
}

export function job(overrides: Partial<JobDto> = {}): JobDto {
  return {
    id: 'job_01abc',
    type: 'bulk_statement_generation',
    status: 'processing',
    progress: 0,
    total: 32,
    startedAt: '2025-11-01T10:00:00.000Z',
    completedAt: null,
    result: null,
    error: null,
    params: { startDate: '2025-10-01', endDate: '2025-10-31', calculationType: 'checkout' },
    createdAt: '2025-11-01T10:00:00.000Z',
    counts: { generated: 0, skipped: 0, errors: 0 },
    retryOf: null,
    createdBy: 'usr_1',
    ...overrides,
  };
}

/** The data of a stream's final event: the job without its result lists, with its summary. */
export function finishedEvent(overrides: Partial<JobFinishedEventDto> = {}): JobFinishedEventDto {
  const { result, ...rest } = job({ status: 'completed', completedAt: '2025-11-01T10:02:00.000Z' });
  return { ...rest, summary: result?.summary ?? null, ...overrides };
}

const ALL: Permission[] = [
  'statements:generate',
  'statements:edit',
  'jobs:manage',
  'settings:edit',
  'users:manage',
];

export function me(role: 'admin' | 'editor' | 'viewer' = 'admin'): Me {
  const permissions =
    role === 'admin'
      ? ALL
      : role === 'editor'
        ? ALL.filter((p) => p !== 'settings:edit' && p !== 'users:manage')
        : [];
  return {
    user: {
      id: 'usr_1',
      email: `${role}@example.com`,
      name: role,
      role,
      disabled: false,
      notifyOnJobEnd: false,
      mustChangePassword: false,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    },
    permissions: ['read', 'self', ...permissions],
    via: 'cookie',
  };
}

/** An EventSource stand-in: tests push named events into it. */
export class FakeEventSource implements EventSourceLike {
  static instances: FakeEventSource[] = [];
  readyState = 1;
  closed = false;
  private listeners = new Map<string, ((event: MessageEvent) => void)[]>();

  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }

  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  emit(type: string, data: unknown): void {
    const event = new MessageEvent(type, { data: JSON.stringify(data) });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  static latest(): FakeEventSource {
    const source = FakeEventSource.instances[FakeEventSource.instances.length - 1];
    if (!source) throw new Error('no EventSource was opened');
    return source;
  }
}

export const fakeEventSourceFactory: EventSourceFactory = (url) => new FakeEventSource(url);

/**
 * A query client as the app makes it (src/queries.ts), new for each test so no answer is cached
 * from another, and emptied when the test ends (no garbage-collection timers left behind).
 */
export function testQueryClient(): QueryClient {
  const client = createQueryClient();
  onTestFinished(() => client.clear());
  return client;
}

/** The data layer alone, for components rendered without the rest of the app. */
export function WithQueryClient({ client, children }: { client?: QueryClient; children: ReactNode }) {
  const [own] = useState(() => client ?? testQueryClient());
  return <QueryClientProvider client={own}>{children}</QueryClientProvider>;
}

/**
 * Renders with the app's providers: signed in as `role`, a memory router at `path`, and a fresh
 * query client (returned, so a test can look at what is cached).
 */
export function renderWithApp(
  ui: ReactNode,
  { role = 'admin', path = '/' }: { role?: 'admin' | 'editor' | 'viewer'; path?: string } = {},
) {
  const location = memoryLocation({ path, record: true });
  const queryClient = testQueryClient();
  const result = render(
    <QueryClientProvider client={queryClient}>
      <EventSourceFactoryContext.Provider value={fakeEventSourceFactory}>
        <Router hook={location.hook}>
          <NoticesProvider>
            <AuthProvider initialMe={me(role)}>
              <JobsProvider discover={false}>
                <NoticesRegion />
                {ui}
              </JobsProvider>
            </AuthProvider>
          </NoticesProvider>
        </Router>
      </EventSourceFactoryContext.Provider>
    </QueryClientProvider>,
  );
  return { ...result, location, queryClient };
}

/** Follows a job, as the dashboard does once it has started one (render it with <RunningJobs />). */
export function Follow({ job: followed }: { job: JobDto }) {
  const { track } = useJobs();
  useEffect(() => track(followed.id, followed), [track, followed]);
  return null;
}

/**
 * A screen of `width` px for this test: window.matchMedia answers max-width queries for it
 * (jsdom has no matchMedia, so pages otherwise render their wide layout). Undo with
 * vi.unstubAllGlobals().
 */
export function screenWidth(width: number): void {
  vi.stubGlobal('matchMedia', (query: string) => {
    const max = /\(max-width:\s*(\d+)px\)/.exec(query);
    return {
      matches: max ? width <= Number(max[1]) : false,
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    };
  });
}
