/**
 * The job model shared by the job service, the engines, the store and the HTTP layer. A job is a
 * durable record users see; its work items are what engines execute: one property each (one
 * statement per property and period), or for a bulk action one statement each — its key, the
 * item's `propertyId`, is then the statement id.
 * A leaf (src/model imports nothing else), so the database and the HTTP contract can use it
 * without depending on the job engine (test/architecture/import-graph.test.ts holds that).
 */

export const JOB_STATUSES = ['queued', 'processing', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * Bulk generation of a period's statements; e-mailing a period's final statements to their
 * owners; one action (finalize, back to draft, send, delete) on selected statements.
 */
export const JOB_TYPES = [
  'bulk_statement_generation',
  'statement_delivery',
  'bulk_statement_action',
] as const;
export type JobType = (typeof JOB_TYPES)[number];

/**
 * The job's items finished so far, by outcome, in the spec's words: `generated` counts the
 * items that succeeded (for a delivery job, statements sent), `errors` the items that failed.
 */
export interface JobCounts {
  generated: number;
  skipped: number;
  errors: number;
}

/** A statement a delivery job's entry covers, with its status when the job planned it. */
export interface CoveredStatement {
  statementId: string;
  propertyId: string;
  propertyName: string | null;
  status: 'draft' | 'final' | 'sent';
}

/**
 * What a delivery job's entries add (other jobs' entries have none of it): whose e-mail it was
 * and the statements it covered. `mail: 'owner'` is one combined e-mail to the owner (its key,
 * `propertyId`, is `owner:<ownerId>` and `propertyName` the owner's name), listing all their
 * statements of the period (the drafts of a `not_ready` owner among them); `mail: 'statement'`
 * is one statement's e-mail.
 */
export interface DeliveryEntryDetails {
  mail?: 'owner' | 'statement';
  ownerName?: string | null;
  statements?: CoveredStatement[];
}

export interface GeneratedEntry extends DeliveryEntryDetails {
  propertyId: string;
  propertyName: string;
  ownerId: string | null;
  statementId: string | null;
  /** Reconciliation warnings on the generated statement (DESIGN.md §5). */
  warnings?: number;
}

/** A reservation planning could not attribute to any known property (§4, `unattributed_reservation`). */
export interface UnattributedEntry {
  reservationId: string | null;
  listingId: string | null;
  message: string;
}

export interface SkippedEntry extends DeliveryEntryDetails {
  /** A delivery job's owner. */
  ownerId?: string | null;
  propertyId: string;
  propertyName: string;
  reason: string;
  /** A bulk action's statement (skipped and errors entries of other jobs name none). */
  statementId?: string;
}

export interface ErrorEntry extends DeliveryEntryDetails {
  /** A delivery job's owner. */
  ownerId?: string | null;
  propertyId: string;
  propertyName: string;
  code: string | null;
  error: string;
  /** A bulk action's statement. */
  statementId?: string;
}

/**
 * The spec's `result`: a summary and the three lists. `summary.warnings` (Σ the generated
 * statements' warnings + the unattributed reservations) and `unattributed` are additions (§5).
 */
export interface JobResult {
  summary: { generated: number; skipped: number; errors: number; warnings?: number };
  results: { generated: GeneratedEntry[]; skipped: SkippedEntry[]; errors: ErrorEntry[] };
  unattributed?: UnattributedEntry[];
}

export interface JobRecord {
  id: string;
  type: JobType;
  status: JobStatus;
  params: Record<string, unknown>;
  dedupeKey: string | null;
  total: number | null;
  progress: number;
  counts: JobCounts;
  planned: boolean;
  retryOf: string | null;
  createdBy: string | null;
  error: string | null;
  result: JobResult | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
}

export type ItemStatus = 'pending' | 'succeeded' | 'skipped' | 'failed';

export interface JobItem {
  jobId: string;
  propertyId: string;
  propertyName: string;
  ownerId: string | null;
  status: ItemStatus;
  seq: number | null;
  reason: string | null;
  errorCode: string | null;
  error: string | null;
  statementId: string | null;
  attempts: number;
  /** The batch planning put the item in (one unit of queue work). */
  batch: number;
  payload: unknown;
}

/** A work item as planning produces it. */
export interface PlannedItem {
  propertyId: string;
  propertyName: string;
  ownerId: string | null;
  payload: unknown;
}

/** How one item ended. */
export type ItemOutcome =
  | { status: 'succeeded'; statementId: string | null }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; code: string | null; error: string };

/** What the engines publish while jobs run (SSE, e-mail notifications and logs listen). */
export type JobEvent =
  /**
   * A batch was recorded: its items in finish order (dense `seq`, one higher than the last
   * recorded before them) and the job's counters after it. One event per batch, not per item.
   */
  | {
      type: 'items';
      jobId: string;
      items: Array<FinishedItemView & { seq: number }>;
      progress: number;
      total: number;
      counts: JobCounts;
    }
  /** Progress without items (runInBackground jobs set it directly). */
  | { type: 'progress'; jobId: string; progress: number; total: number; counts: JobCounts }
  | { type: 'finished'; jobId: string; status: 'completed' | 'failed' | 'cancelled'; job: JobRecord };

export interface FinishedItemView {
  propertyId: string;
  propertyName: string;
  status: Exclude<ItemStatus, 'pending'>;
  reason: string | null;
  code: string | null;
  error: string | null;
  statementId: string | null;
}
