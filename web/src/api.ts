/**
 * Typed client of the HTTP API. Request and response types come from the server's own zod
 * contract (src/contract), so a contract change breaks this file at compile time rather than the
 * app at run time. Responses are not validated here, nor on the server as it sends them (it
 * writes plain JSON; its tests hold every answer to the route's response schema). Only types are
 * imported, so zod stays out of the bundle.
 */
import type { z } from 'zod';
import type {
  changePasswordResponseSchema,
  createUserRequestSchema,
  createUserResponseSchema,
  loginResponseSchema,
  meResponseSchema,
  resetPasswordResponseSchema,
  UserDto,
  UserNameDto,
  updateUserRequestSchema,
} from '../../src/contract/auth.js';
import type {
  BulkAction,
  BulkRequest,
  BulkResultDto,
  bulkAcceptedSchema,
} from '../../src/contract/bulk-actions.js';
import type {
  createExpenseRequestSchema,
  createExpenseResponseSchema,
  ownersResponseSchema,
  propertiesResponseSchema,
  propertySchema,
  updateSettingsRequestSchema,
} from '../../src/contract/catalog.js';
import type { ErrorResponse } from '../../src/contract/common.js';
import type { CompanyDto, UpdateCompanyRequest } from '../../src/contract/company.js';
import type {
  DeliveryDto,
  OutboxMailContentDto,
  OutboxMailDto,
  ScheduleDto,
  SendAllPreview,
  SendAllRequest,
  UpdateScheduleRequest,
} from '../../src/contract/delivery.js';
import type {
  JobAccepted,
  JobDto,
  JobFinishedEventDto,
  JobItemEventDto,
  JobProgressEventDto,
  jobStatusSchema,
  listJobsResponseSchema,
} from '../../src/contract/jobs.js';
import type { AddOverrideRequest } from '../../src/contract/line-review.js';
import type { OwnerDetailsDto, OwnerStatementDto } from '../../src/contract/owner-statements.js';
import type {
  PayoutPeriodsDto,
  PayoutReportDto,
  PayoutReportQuery,
} from '../../src/contract/payout-report.js';
import type {
  GenerateRequest,
  generateOneResponseSchema,
  generateOwnerResponseSchema,
  generateRequestSchema,
  listStatementsResponseSchema,
  StatementDto,
  statementStatusSchema,
  tagsResponseSchema,
} from '../../src/contract/statements.js';

export type {
  PayoutOwnerDto,
  PayoutPeriodsDto,
  PayoutReportDto,
  PayoutReportQuery,
  PayoutStatementDto,
} from '../../src/contract/payout-report.js';
export type { StatementOverrideDto, StatementSummaryDto } from '../../src/contract/statements.js';
/** A line-review override as the client sends it (POST /api/statements/:id/overrides). */
export type AddOverrideInput = AddOverrideRequest;
export type { CompanyDto, OwnerDetailsDto, OwnerStatementDto };
/** The company details as the settings form sends them ('' = none). */
export type CompanyInput = Pick<UpdateCompanyRequest, 'name' | 'addressLines'> & {
  email: string | null;
  phone: string | null;
};
export type {
  DeliveryDto,
  JobAccepted,
  JobDto,
  JobFinishedEventDto,
  JobItemEventDto,
  JobProgressEventDto,
  OutboxMailContentDto,
  OutboxMailDto,
  ScheduleDto,
  SendAllPreview,
  SendAllRequest,
  StatementDto,
  UserDto,
  UserNameDto,
};
export type JobType = JobDto['type'];
/** The schedule as the settings form sends it. */
export type ScheduleInput = Pick<UpdateScheduleRequest, 'enabled' | 'cron' | 'timezone'> &
  Partial<Pick<UpdateScheduleRequest, 'calculationType'>>;
export type LoginResponse = z.infer<typeof loginResponseSchema>;
export type Me = z.infer<typeof meResponseSchema>;
export type Owner = z.infer<typeof ownersResponseSchema>['owners'][number];
/** `combined`: one e-mail per owner and period; `per_property`: one per statement. */
export type OwnerDeliveryChoice = Owner['delivery'];
export type Property = z.infer<typeof propertySchema>;
export type PropertySettings = z.infer<typeof updateSettingsRequestSchema>;
export type StatementStatus = z.infer<typeof statementStatusSchema>;
export type JobStatus = z.infer<typeof jobStatusSchema>;
export type ListStatementsResponse = z.infer<typeof listStatementsResponseSchema>;
export type ListJobsResponse = z.infer<typeof listJobsResponseSchema>;
/** The body as the client sends it (calculationType may be left to its default). */
export type GenerateInput = z.input<typeof generateRequestSchema>;
export type GenerateOneResponse = z.infer<typeof generateOneResponseSchema>;
export type GenerateOwnerResponse = z.infer<typeof generateOwnerResponseSchema>;
export type CreateExpenseInput = z.infer<typeof createExpenseRequestSchema>;
export type LedgerEntry = z.infer<typeof createExpenseResponseSchema>['entry'];
export type CreateUserInput = z.infer<typeof createUserRequestSchema>;
export type CreateUserResponse = z.infer<typeof createUserResponseSchema>;
export type UpdateUserInput = z.input<typeof updateUserRequestSchema>;
export type CalculationType = GenerateRequest['calculationType'];
export type { BulkAction, BulkRequest, BulkResultDto };
export type BulkAccepted = z.infer<typeof bulkAcceptedSchema>;
/** POST /api/statements/bulk: carried out now (200), or a background job (202). */
export type BulkOutcome = ({ kind: 'result' } & BulkResultDto) | ({ kind: 'job' } & BulkAccepted);

/**
 * The three answers of POST /api/statements/generate, told apart by status and shape:
 * 202 → a background job; 201 → one statement, or one owner's statements.
 */
export type GenerateOutcome =
  | ({ kind: 'job' } & JobAccepted)
  | ({ kind: 'statement' } & GenerateOneResponse)
  | ({ kind: 'owner' } & GenerateOwnerResponse);

/** A non-2xx answer (or no answer: status 0) with the server's error code and message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/** A message fit for the user from anything thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called on every 401 (the session ended or never existed) so the app can show the login page. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => {
    unauthorizedListeners.delete(listener);
  };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | undefined | null>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The contract's error body, `{ error: { code, message, details? } }`. */
function isErrorResponse(payload: unknown): payload is ErrorResponse {
  if (typeof payload !== 'object' || payload === null || !('error' in payload)) return false;
  const error: unknown = payload.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

async function send(method: Method, path: string, body?: unknown): Promise<Response> {
  const write = method !== 'GET';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: write
        ? { accept: 'application/json', 'content-type': 'application/json' }
        : { accept: 'application/json' },
      // Fastify refuses an empty body declared as JSON, so body-less writes send `{}`.
      body: write ? JSON.stringify(body ?? {}) : undefined,
    });
  } catch {
    throw new ApiError(0, 'network_error', 'Cannot reach the server. Check your connection and try again.');
  }
  if (response.ok) return response;

  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // Not JSON (a proxy's error page, say): fall back to the status line below.
  }
  const error = isErrorResponse(payload)
    ? new ApiError(response.status, payload.error.code, payload.error.message, payload.error.details)
    : new ApiError(
        response.status,
        'http_error',
        `The server answered ${response.status} ${response.statusText}`.trim(),
      );
  // A failed sign-in is also 401, but it is the login form's business, not a session end.
  if (response.status === 401 && path !== '/api/auth/login') {
    for (const listener of unauthorizedListeners) listener();
  }
  throw error;
}

/** A JSON request and its answer (for API modules beside this one, such as expenseImportApi.ts). */
export async function json<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const response = await send(method, path, body);
  return (await response.json()) as T;
}

async function noContent(method: Method, path: string, body?: unknown): Promise<void> {
  await send(method, path, body);
}

const enc = encodeURIComponent;

export interface StatementsQuery {
  ownerId?: string;
  propertyId?: string;
  status?: StatementStatus;
  periodStart?: string;
  periodEnd?: string;
  limit?: number;
  cursor?: string;
}

export interface OwnerPeriod {
  periodStart: string;
  periodEnd: string;
}

/** The file name of an attachment: `filename*` (any script) when given, else `filename`. */
export function attachmentName(response: Response): string | null {
  const header = response.headers.get('content-disposition') ?? '';
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended);
    } catch {
      // A malformed encoding: the plain name below.
    }
  }
  return /filename="([^"]*)"/i.exec(header)?.[1] ?? null;
}

export interface JobsQuery {
  status?: JobStatus;
  limit?: number;
  cursor?: string;
}

export const api = {
  login: (email: string, password: string) =>
    json<LoginResponse>('POST', '/api/auth/login', { email, password }),
  logout: () => noContent('POST', '/api/auth/logout'),
  me: () => json<Me>('GET', '/api/auth/me'),
  /** My own password; my other sessions end, this one stays. */
  changePassword: (currentPassword: string, newPassword: string) =>
    json<z.infer<typeof changePasswordResponseSchema>>('PUT', '/api/auth/me/password', {
      currentPassword,
      newPassword,
    }),

  owners: () => json<z.infer<typeof ownersResponseSchema>>('GET', '/api/owners'),
  /** The owned properties' Hostify tags, for "Generate All" by tag. */
  tags: () => json<z.infer<typeof tagsResponseSchema>>('GET', '/api/tags'),
  properties: (ownerId?: string) =>
    json<z.infer<typeof propertiesResponseSchema>>('GET', withQuery('/api/properties', { ownerId })),
  updateSettings: (propertyId: string, settings: PropertySettings) =>
    json<Property>('PUT', `/api/properties/${enc(propertyId)}/settings`, settings),

  async generate(input: GenerateInput): Promise<GenerateOutcome> {
    const response = await send('POST', '/api/statements/generate', input);
    if (response.status === 202) return { kind: 'job', ...((await response.json()) as JobAccepted) };
    const body = (await response.json()) as GenerateOneResponse | GenerateOwnerResponse;
    return 'statement' in body ? { kind: 'statement', ...body } : { kind: 'owner', ...body };
  },
  /** One owner: details, the properties they own, their statements by period. */
  owner: (id: string) => json<OwnerDetailsDto>('GET', `/api/owners/${enc(id)}`),
  /** The owner statement of exactly this period (JSON). */
  ownerStatement: (id: string, period: OwnerPeriod) =>
    json<OwnerStatementDto>('GET', withQuery(`/api/owners/${enc(id)}/statement`, { ...period })),
  /** The owner PDF of the period, with the file name the server gives it. */
  async ownerStatementPdf(id: string, period: OwnerPeriod): Promise<{ blob: Blob; fileName: string }> {
    const response = await send('GET', withQuery(`/api/owners/${enc(id)}/statement.pdf`, { ...period }));
    return { blob: await response.blob(), fileName: attachmentName(response) ?? 'owner-statement.pdf' };
  },
  listStatements: (query: StatementsQuery = {}) =>
    json<ListStatementsResponse>('GET', withQuery('/api/statements', { ...query })),
  getStatement: (id: string) => json<StatementDto>('GET', `/api/statements/${enc(id)}`),
  setStatementStatus: (id: string, status: StatementStatus) =>
    json<StatementDto>('PUT', `/api/statements/${enc(id)}/status`, { status }),
  deleteStatement: (id: string) => noContent('DELETE', `/api/statements/${enc(id)}`),
  /** Line review of a draft: the draft regenerated with the override, or without it. */
  addStatementOverride: (id: string, input: AddOverrideInput) =>
    json<StatementDto>('POST', `/api/statements/${enc(id)}/overrides`, input),
  removeStatementOverride: (id: string, overrideId: string) =>
    json<StatementDto>('DELETE', `/api/statements/${enc(id)}/overrides/${enc(overrideId)}`),
  /** E-mails the PDF to the owner; `resend` is required once it has been sent. */
  sendStatement: (id: string, resend = false) =>
    json<{ statement: StatementDto; delivery: DeliveryDto }>('POST', `/api/statements/${enc(id)}/send`, {
      resend,
    }),
  /** Every attempt to e-mail the statement, oldest first (failed ones too). */
  statementDeliveries: (id: string) =>
    json<{ deliveries: DeliveryDto[] }>('GET', `/api/statements/${enc(id)}/deliveries`),
  /** What "send all" would e-mail for exactly this period (and owner). */
  sendAllPreview: (input: SendAllRequest) =>
    json<SendAllPreview>('GET', withQuery('/api/statements/send/preview', { ...input })),
  /** Starts the background job that e-mails every final statement of the period (202). */
  sendAll: (input: SendAllRequest) =>
    json<JobAccepted & { count: number; emails: number; owners: number }>(
      'POST',
      '/api/statements/send',
      input,
    ),
  /** How "send all" e-mails the owner's statements: one combined e-mail, or one per property. */
  setOwnerDelivery: (ownerId: string, delivery: OwnerDeliveryChoice) =>
    json<Owner>('PUT', `/api/owners/${enc(ownerId)}/delivery`, { delivery }),
  /** One action on many statements, by ids or by the list's filters. */
  async bulk(request: BulkRequest): Promise<BulkOutcome> {
    const response = await send('POST', '/api/statements/bulk', request);
    if (response.status === 202) return { kind: 'job', ...((await response.json()) as BulkAccepted) };
    return { kind: 'result', ...((await response.json()) as BulkResultDto) };
  },
  /** A ZIP of these statements' PDFs (at most MAX_ZIP_IDS). */
  pdfZip: async (ids: readonly string[]): Promise<Blob> =>
    (await send('POST', '/api/statements/pdf-zip', { ids })).blob(),
  /** The payout report of exactly this period (what the bank transfers are prepared from). */
  payoutReport: (period: PayoutReportQuery) =>
    json<PayoutReportDto>('GET', withQuery('/api/reports/payouts', { ...period })),
  /** Its CSV's address: a same-origin link, so the session cookie authenticates the download. */
  payoutReportCsvUrl: (period: PayoutReportQuery) => withQuery('/api/reports/payouts.csv', { ...period }),
  /** The latest periods that have statements, latest first. */
  payoutPeriods: () => json<PayoutPeriodsDto>('GET', '/api/reports/payouts/periods'),
  createExpense: (input: CreateExpenseInput) =>
    json<z.infer<typeof createExpenseResponseSchema>>('POST', '/api/expenses', input),

  listJobs: (query: JobsQuery = {}) =>
    json<ListJobsResponse>('GET', withQuery('/api/statements/jobs', { ...query })),
  getJob: (jobId: string) => json<JobDto>('GET', `/api/statements/jobs/${enc(jobId)}`),
  cancelJob: (jobId: string) => json<JobDto>('POST', `/api/statements/jobs/${enc(jobId)}/cancel`),
  retryJob: (jobId: string) => json<JobAccepted>('POST', `/api/statements/jobs/${enc(jobId)}/retry`),
  jobEventsUrl: (jobId: string) => `/api/statements/jobs/${enc(jobId)}/events`,

  getSchedule: () => json<ScheduleDto>('GET', '/api/settings/schedule'),
  updateSchedule: (input: ScheduleInput) => json<ScheduleDto>('PUT', '/api/settings/schedule', input),
  /** The company details on the owners' PDFs and e-mails. */
  getCompany: () => json<CompanyDto>('GET', '/api/settings/company'),
  updateCompany: (input: CompanyInput) => json<CompanyDto>('PUT', '/api/settings/company', input),
  /** A PNG or JPEG file's bytes, base64-encoded. */
  uploadLogo: (image: string) => json<CompanyDto>('PUT', '/api/settings/company/logo', { image }),
  removeLogo: () => json<CompanyDto>('DELETE', '/api/settings/company/logo'),
  /** The logo's address; `version` (its upload time) makes the browser fetch a new one. */
  companyLogoUrl: (version: string | null) =>
    withQuery('/api/settings/company/logo', { v: version ?? undefined }),
  listOutbox: () => json<{ active: boolean; mails: OutboxMailDto[] }>('GET', '/api/outbox'),
  getOutboxMail: (id: string) => json<OutboxMailContentDto>('GET', `/api/outbox/${enc(id)}`),

  listUsers: () => json<{ users: UserDto[] }>('GET', '/api/users'),
  /** Every user's display name (any signed-in user may read it), for "by …" columns. */
  userNames: () => json<{ users: UserNameDto[] }>('GET', '/api/users/names'),
  updatePreferences: (prefs: { notifyOnJobEnd: boolean }) =>
    json<UserDto>('PUT', '/api/auth/me/preferences', prefs),
  createUser: (input: CreateUserInput) => json<CreateUserResponse>('POST', '/api/users', input),
  updateUser: (id: string, input: UpdateUserInput) => json<UserDto>('PATCH', `/api/users/${enc(id)}`, input),
  /** A one-time password (in this answer only) the user must replace at sign-in. */
  resetPassword: (id: string) =>
    json<z.infer<typeof resetPasswordResponseSchema>>('POST', `/api/users/${enc(id)}/reset-password`),
  /** Clears the user's sign-in delays. */
  unlockUser: (id: string) => json<{ user: UserDto }>('POST', `/api/users/${enc(id)}/unlock`),
};

/**
 * The server's limits, repeated here because importing them would pull zod into the bundle
 * (api.test.ts holds them equal): statements per PDF ZIP, and ids per bulk request.
 */
export const MAX_ZIP_IDS = 200;
export const MAX_BULK_IDS = 1000;

export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'cancelled'];
export const isJobFinished = (status: JobStatus) => FINISHED_JOB_STATUSES.includes(status);
