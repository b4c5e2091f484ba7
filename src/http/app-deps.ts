/** Everything buildApp needs, wired by compose.ts (from main.ts or a test). */
import type { Logger } from 'pino';
import type { TrustProxy } from '../config.js';
import type { PdfRenderer } from '../documents/pdf-pool.js';
import type { JobService } from '../jobs/job-service.js';
import type { Clock } from '../lib/clock.js';
import type { JobItemRows, JobRows } from '../model/job-store.js';
import type { Outbox } from '../notify/outbox.js';
import type { RequestLimit } from '../security/request-limit.js';
import type { AuditService } from '../services/audit-service.js';
import type { AuthService } from '../services/auth-service.js';
import type { BulkStatementActions } from '../services/bulk-statement-actions.js';
import type { CatalogQueries } from '../services/catalog-queries.js';
import type { CatalogService } from '../services/catalog-service.js';
import type { CompanyService } from '../services/company-service.js';
import type { ExpenseImportService } from '../services/expense-import-service.js';
import type { GenerateAllService } from '../services/generate-all-service.js';
import type { ImmediateGenerationService } from '../services/immediate-generation-service.js';
import type { LedgerService } from '../services/ledger-service.js';
import type { LineReviewService } from '../services/line-review-service.js';
import type { OwnerDeliverySettings } from '../services/owner-delivery-settings.js';
import type { OwnerStatementService } from '../services/owner-statements.js';
import type { PayoutReportQueries } from '../services/payout-report.js';
import type { PropertySettingsService } from '../services/property-settings-service.js';
import type { ScheduleService } from '../services/schedule-service.js';
import type { SendAllService } from '../services/send-all-service.js';
import type { StatementDelivery } from '../services/statement-delivery.js';
import type { StatementLifecycle } from '../services/statement-lifecycle.js';
import type { StatementQueries } from '../services/statement-queries.js';
import type { UserService } from '../services/user-service.js';
import type { ExportLimiter } from './export-limiter.js';
import type { HostPolicy } from './host-policy.js';
import type { StreamSlots } from './stream-slots.js';

/** The read side of the job store the event stream needs (a job's status and finished items). */
export interface JobEventReads {
  jobs: Pick<JobRows, 'getStatus' | 'getWithSummary'>;
  items: Pick<JobItemRows, 'finishedAfter'>;
}

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export interface AppDeps {
  logger: Logger;
  clock: Clock;
  // ---- use cases (every change goes through one of these, with its audit row) ----
  catalogService: CatalogService;
  propertySettings: PropertySettingsService;
  /** How each owner's statements are e-mailed (combined or per property). */
  ownerDeliverySettings: OwnerDeliverySettings;
  ledger: LedgerService;
  /** Expense files: preview, import as a batch, undo. */
  expenseImports: ExpenseImportService;
  immediateGeneration: ImmediateGenerationService;
  generateAll: GenerateAllService;
  lifecycle: StatementLifecycle;
  /** Line review of drafts: exclusions, inclusions and manual lines. */
  lineReview: LineReviewService;
  jobService: JobService;
  authService: AuthService;
  userService: UserService;
  // ---- read models (they change nothing) ----
  catalogQueries: CatalogQueries;
  statementQueries: StatementQueries;
  /** Owner statements (an owner's property statements of one period) and the owner page. */
  ownerStatements: OwnerStatementService;
  /** The payout report of a period (what bank transfers are prepared from). */
  payoutReport: PayoutReportQueries;
  /** The audit log, read by admins; entries are written by the use cases. */
  audit: Pick<AuditService, 'list'>;
  /** What the job event stream reads to replay a job. */
  jobEvents: JobEventReads;
  /** Generation requests per user (POST /api/statements/generate), in the shared store. */
  generationLimit: RequestLimit;
  /** How often an open job event stream sends a keep-alive and re-checks its job (default 15 s). */
  sseHeartbeatMs?: number;
  /** Open job event streams, per user and for the process (429 beyond). */
  streamSlots: StreamSlots;
  /** How often an open event stream re-checks that its user and credential are still valid (default 30 s). */
  sseAuthCheckMs?: number;
  /** Bytes a live event stream may have waiting for a slow client before it is closed (default 1 MiB). */
  sseMaxBufferedBytes?: number;
  /** How long a replay waits for a client that reads nothing before dropping it (default 30 s). */
  sseStallMs?: number;
  /** Renders statement PDFs and ZIPs off the event loop (a worker-thread pool). */
  pdfRenderer: PdfRenderer;
  /** Heavy exports (ZIPs of PDFs, list CSVs) per user. */
  exportLimiter: ExportLimiter;
  /** Each must resolve for /readyz to answer 200. */
  readiness: ReadinessCheck[];
  /**
   * Which proxies' X-Forwarded-* headers to believe: none (false), the nearest N hops, or these
   * addresses/CIDRs. Never "any": that would let every client forge its IP.
   */
  trustProxy: TrustProxy;
  /** The host names this app answers for and its origin for cookie writes (default: loopback only). */
  hostPolicy?: HostPolicy;
  /** The built web app (dist/web) to serve; none in API-only tests. */
  webRoot?: string;
  /** HTTP requests this process has sent to Hostify (for /metrics). */
  hostifyRequests: () => number;
  delivery: StatementDelivery;
  /** "Send all final statements of a period" (a background job). */
  sendAll: SendAllService;
  /** One action on many statements (in the request, or a background job). */
  bulkActions: BulkStatementActions;
  /** The monthly generation schedule's settings. */
  schedule: ScheduleService;
  /** Mails written to DATA_DIR/outbox (demo mode). */
  outbox: Outbox;
  /** The company details and logo on the owners' documents. */
  company: CompanyService;
  /** Shown by /healthz. */
  version: string;
}
