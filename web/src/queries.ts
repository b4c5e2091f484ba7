/**
 * The app's one data layer (TanStack Query): every query key, the query options over api.ts, and
 * what the cache must forget or learn after a change. Pages read with useQuery / useInfiniteQuery
 * on these options and write with useMutation, then call the matching "changed" function here;
 * the job event stream (jobs.tsx) invalidates what a running job changes. No page keeps its own
 * copy of server data, counts its own versions or guards against stale answers: an answer is
 * stored under the key it was asked for, so a slow answer to an old filter never shows under a
 * new one.
 *
 * Keys are hierarchical, so a prefix names a family: ['statements'] is every list, every
 * statement and the send-all preview.
 */
import {
  infiniteQueryOptions,
  keepPreviousData,
  type Query,
  QueryClient,
  queryOptions,
} from '@tanstack/react-query';
import {
  api,
  type DeliveryDto,
  isApiError,
  type JobDto,
  type JobsQuery,
  type ListJobsResponse,
  type ListStatementsResponse,
  type Owner,
  type Property,
  type SendAllRequest,
  type StatementDto,
  type StatementSummaryDto,
  type StatementsQuery,
  type UserDto,
} from './api.js';

/** What selects a statements list (the pages are the infinite query's business). */
export type StatementFilters = Omit<StatementsQuery, 'limit' | 'cursor'>;
export type JobFilters = Omit<JobsQuery, 'limit' | 'cursor'>;

export const queryKeys = {
  statements: {
    all: ['statements'] as const,
    lists: () => ['statements', 'list'] as const,
    list: (filters: StatementFilters) => ['statements', 'list', filters] as const,
    detail: (id: string) => ['statements', 'detail', id] as const,
    /** Its e-mail attempts: in the family, so every change to statements reads them again. */
    deliveries: (id: string) => ['statements', 'deliveries', id] as const,
    sendAllPreview: (request: SendAllRequest) => ['statements', 'send-all-preview', request] as const,
  },
  jobs: {
    all: ['jobs'] as const,
    lists: () => ['jobs', 'list'] as const,
    list: (filters: JobFilters) => ['jobs', 'list', filters] as const,
    detail: (id: string) => ['jobs', 'detail', id] as const,
  },
  /**
   * The jobs running when the session started, which the progress bars follow. Not under
   * ['jobs']: job events invalidate that family, and must not re-run this discovery.
   */
  runningAtSignIn: ['running-at-sign-in'] as const,
  owners: ['owners'] as const,
  properties: {
    all: ['properties'] as const,
    list: (ownerId: string | null) => ['properties', ownerId] as const,
  },
  tags: ['tags'] as const,
  users: ['users'] as const,
  /** Every user's display name (GET /api/users/names, any role), for "by …" columns. */
  userNames: ['user-names'] as const,
  company: ['company'] as const,
  schedule: ['schedule'] as const,
  outbox: {
    all: ['outbox'] as const,
    list: () => ['outbox', 'list'] as const,
    mail: (id: string) => ['outbox', 'mail', id] as const,
  },
};

/** Statuses worth asking again for: no answer, or a proxy in front of a restarting server. */
const TRANSIENT_STATUSES = new Set([0, 502, 503, 504]);
const MAX_RETRIES = 2;

/**
 * The app's client. Reads are retried only when the failure may pass by itself (no answer, a
 * gateway error); anything else is the server's considered answer, shown at once with its
 * message. Writes are never retried: the user decides.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) =>
          failures < MAX_RETRIES && isApiError(error) && TRANSIENT_STATUSES.has(error.status),
      },
      mutations: { retry: false },
    },
  });
}

// ── Cursor lists ────────────────────────────────────────────────────────────────────────────

/**
 * The only polling left: a running job this browser does not follow (started elsewhere, by the
 * schedule or another user, after this session began) sends it no events, so the job history
 * and the job's page re-read it this often. Followed jobs need none (jobs.tsx).
 */
export const UNFOLLOWED_JOB_REFRESH_MS = 10_000;

export const STATEMENTS_PAGE_SIZE = 50;
export const JOBS_PAGE_SIZE = 25;

/**
 * Loaded pages as one list. A row can move to a later page between two page reads (a newer row
 * pushed it down), so a row already shown is not shown twice.
 */
function uniqueById<T extends { id: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    if (seen.has(row.id)) return false;
    seen.add(row.id);
    return true;
  });
}

export interface LoadedRows<T> {
  rows: T[];
  /** Where the next page starts; null when every row is loaded. */
  nextCursor: string | null;
}

export interface LoadedStatements extends LoadedRows<StatementSummaryDto> {
  /** How many match the filters in all ("50 of 312"): the first page says; null if it did not. */
  total: number | null;
}

const statementRows = (data: { pages: ListStatementsResponse[] }): LoadedStatements => ({
  rows: uniqueById(data.pages.flatMap((p) => p.statements)),
  nextCursor: data.pages.at(-1)?.nextCursor ?? null,
  total: data.pages[0]?.total ?? null,
});

const jobRows = (data: { pages: ListJobsResponse[] }): LoadedRows<JobDto> => ({
  rows: uniqueById(data.pages.flatMap((p) => p.jobs)),
  nextCursor: data.pages.at(-1)?.nextCursor ?? null,
});

/** A re-read (an invalidation) asks for every loaded page again, first to last, and swaps them at once. */
export const statementsListQuery = (filters: StatementFilters) =>
  infiniteQueryOptions({
    queryKey: queryKeys.statements.list(filters),
    queryFn: ({ pageParam }) =>
      api.listStatements({ ...filters, limit: STATEMENTS_PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: statementRows,
  });

export const jobsListQuery = (filters: JobFilters) =>
  infiniteQueryOptions({
    queryKey: queryKeys.jobs.list(filters),
    queryFn: ({ pageParam }) => api.listJobs({ ...filters, limit: JOBS_PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: jobRows,
  });

// ── Single reads ────────────────────────────────────────────────────────────────────────────

export const statementQuery = (id: string) =>
  queryOptions({ queryKey: queryKeys.statements.detail(id), queryFn: () => api.getStatement(id) });

export const statementDeliveriesQuery = (id: string) =>
  queryOptions({
    queryKey: queryKeys.statements.deliveries(id),
    queryFn: () => api.statementDeliveries(id),
  });

/** Asked afresh each time the dialog opens: the count it confirms must not be an old one. */
export const sendAllPreviewQuery = (request: SendAllRequest) =>
  queryOptions({
    queryKey: queryKeys.statements.sendAllPreview(request),
    queryFn: () => api.sendAllPreview(request),
    gcTime: 0,
  });

export const jobQuery = (id: string) =>
  queryOptions({ queryKey: queryKeys.jobs.detail(id), queryFn: () => api.getJob(id) });

/** Oldest first, so the progress bars keep the order in which the jobs were started. */
export const runningAtSignInQuery = () =>
  queryOptions({
    queryKey: queryKeys.runningAtSignIn,
    queryFn: async () => {
      const [processing, queued] = await Promise.all([
        api.listJobs({ status: 'processing' }),
        api.listJobs({ status: 'queued' }),
      ]);
      return [...processing.jobs, ...queued.jobs].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    // Once per session: later jobs are followed as they are started here.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    retry: false,
  });

export const ownersQuery = () => queryOptions({ queryKey: queryKeys.owners, queryFn: () => api.owners() });

export const propertiesQuery = (ownerId?: string) =>
  queryOptions({
    queryKey: queryKeys.properties.list(ownerId ?? null),
    queryFn: () => api.properties(ownerId),
  });

export const tagsQuery = () => queryOptions({ queryKey: queryKeys.tags, queryFn: () => api.tags() });

export const usersQuery = () => queryOptions({ queryKey: queryKeys.users, queryFn: () => api.listUsers() });

export const userNamesQuery = () =>
  queryOptions({ queryKey: queryKeys.userNames, queryFn: () => api.userNames() });

export const companyQuery = () =>
  queryOptions({ queryKey: queryKeys.company, queryFn: () => api.getCompany() });

export const scheduleQuery = () =>
  queryOptions({ queryKey: queryKeys.schedule, queryFn: () => api.getSchedule() });

export const outboxQuery = () =>
  queryOptions({ queryKey: queryKeys.outbox.list(), queryFn: () => api.listOutbox() });

/** The open mail stays on screen while the next one loads. */
export const outboxMailQuery = (id: string) =>
  queryOptions({
    queryKey: queryKeys.outbox.mail(id),
    queryFn: () => api.getOutboxMail(id),
    placeholderData: keepPreviousData,
  });

// ── After a change ──────────────────────────────────────────────────────────────────────────

const isStatement = (query: Query, id: string) => query.queryKey[1] === 'detail' && query.queryKey[2] === id;

/**
 * A statement changed (status, sent, regenerated): it is what the server answered, and every
 * list and preview is read again (the statement itself is not: the answer is it).
 */
export function statementSaved(client: QueryClient, statement: StatementDto): Promise<void> {
  client.setQueryData(queryKeys.statements.detail(statement.id), statement);
  return client.invalidateQueries({
    queryKey: queryKeys.statements.all,
    predicate: (query) => !isStatement(query, statement.id),
  });
}

/**
 * A statement was e-mailed: also the outbox has a new mail (demo mode). With the delivery the
 * server answered, its e-mail history knows at once that one went out (the re-read confirms it),
 * so "Resend" shows without a moment of the old answer.
 */
export function statementSent(
  client: QueryClient,
  statement: StatementDto,
  delivery?: DeliveryDto,
): Promise<void> {
  if (delivery) {
    client.setQueryData<{ deliveries: DeliveryDto[] }>(
      queryKeys.statements.deliveries(statement.id),
      (old) => (old ? { deliveries: [...old.deliveries, delivery] } : old),
    );
  }
  return Promise.all([
    statementSaved(client, statement),
    client.invalidateQueries({ queryKey: queryKeys.outbox.all }),
  ]).then(() => undefined);
}

export function statementDeleted(client: QueryClient, id: string): Promise<void> {
  client.removeQueries({ queryKey: queryKeys.statements.detail(id) });
  return client.invalidateQueries({ queryKey: queryKeys.statements.all });
}

/** Statements were generated: any list may hold them. */
export const statementsChanged = (client: QueryClient, options?: { cancelRefetch: boolean }) =>
  client.invalidateQueries({ queryKey: queryKeys.statements.all }, options);

/** A job started: the history lists it. */
export const jobStarted = (client: QueryClient) =>
  client.invalidateQueries({ queryKey: queryKeys.jobs.lists() });

/** A job's items or status moved: its page and the history show its counts. */
export const jobsChanged = (client: QueryClient, options?: { cancelRefetch: boolean }) =>
  client.invalidateQueries({ queryKey: queryKeys.jobs.all }, options);

/**
 * A job ended: its page (the result lists come only with a GET), the history, the statements it
 * generated or sent, and the outbox its e-mails went to.
 */
export function jobEnded(client: QueryClient): Promise<void> {
  return Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.jobs.all }),
    client.invalidateQueries({ queryKey: queryKeys.statements.all }),
    client.invalidateQueries({ queryKey: queryKeys.outbox.all }),
  ]).then(() => undefined);
}

/** A property's settings were saved: every properties list shows the server's answer. */
export function propertySaved(client: QueryClient, property: Property): void {
  client.setQueriesData<{ properties: Property[] }>({ queryKey: queryKeys.properties.all }, (old) =>
    old ? { properties: old.properties.map((p) => (p.id === property.id ? property : p)) } : old,
  );
}

/** A user was created or changed: the users list shows the answer, and every "who did it" name. */
export function userSaved(client: QueryClient, user: UserDto): void {
  void client.invalidateQueries({ queryKey: queryKeys.userNames });
  client.setQueryData<{ users: UserDto[] }>(queryKeys.users, (old) => {
    if (!old) return old;
    const known = old.users.some((u) => u.id === user.id);
    return { users: known ? old.users.map((u) => (u.id === user.id ? user : u)) : [...old.users, user] };
  });
}

/**
 * An owner's delivery preference changed: the owners list learns it from the answer, and every
 * send-all preview is asked again (it plans per owner by that preference).
 */
export async function ownerDeliveryChanged(client: QueryClient, owner: Owner): Promise<void> {
  client.setQueryData<{ owners: Owner[] }>(queryKeys.owners, (data) =>
    data ? { owners: data.owners.map((o) => (o.id === owner.id ? owner : o)) } : data,
  );
  await Promise.all([
    client.invalidateQueries({ queryKey: ['statements', 'send-all-preview'] }),
    // The owner page's details say it too (ownerQueries.ts keys them under ['statements', 'owner', id]).
    client.invalidateQueries({ queryKey: ['statements', 'owner', owner.id], exact: true }),
  ]);
}
