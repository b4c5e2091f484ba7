/**
 * The port between the job lifecycle and the database: jobs (what users see) and their work items
 * (what engines run, in batches). Every state change is conditional (`where status = …`), so a
 * cancelled job cannot be completed by a late worker and an item finished twice is counted once.
 * One SQL adapter implements it for SQLite and PostgreSQL (src/db/repositories/sql-job-store.ts);
 * its contract suite is test/contract/job-store.contract.ts.
 *
 * In the leaf src/model, so the adapter in src/db implements it without importing the job engine.
 * What a transaction hands a handler for its own writes is the type parameter `Tx`: the leaf
 * cannot name the database type (that would import src/db), and the two sides that use it agree
 * on it where they are wired — the SQL adapter is a `JobStore<Db>` (a Kysely transaction), and so
 * is the store the job lifecycle takes, whose handlers write through that `Db`.
 */
import type {
  FinishedItemView,
  ItemOutcome,
  ItemStatus,
  JobCounts,
  JobItem,
  JobRecord,
  JobResult,
  JobStatus,
  JobType,
  PlannedItem,
  UnattributedEntry,
} from './jobs.js';

export interface NewJob {
  type: JobType;
  params: Record<string, unknown>;
  dedupeKey: string | null;
  retryOf?: string | null;
  createdBy?: string | null;
  /** 'inprocess' for runInBackground jobs, which engines leave alone. Default 'engine'. */
  runner?: 'engine' | 'inprocess';
  /** runInBackground: until when the creating process vouches for the job. */
  leaseUntil?: string | null;
}

export interface JobListFilter {
  status?: JobStatus;
  type?: JobType;
  limit: number;
  /** Continue after this id (newest first). */
  after?: string;
}

export interface JobStats {
  byStatus: Record<JobStatus, number>;
  finished: number;
  averageDurationMs: number | null;
  maxDurationMs: number | null;
  itemsPerSecond: number | null;
}

/** A finished item as the result and the events show it, with its place in the finish order. */
export type SequencedItem = FinishedItemView & { seq: number };

/** A finished item with what the result needs beyond the event view. */
export interface ResultRow {
  propertyId: string;
  propertyName: string;
  ownerId: string | null;
  status: Exclude<ItemStatus, 'pending'>;
  reason: string | null;
  code: string | null;
  error: string | null;
  statementId: string | null;
  /** The generated statement's reconciliation warnings (0 without a statement). */
  warnings: number;
  /** The item's payload, when asked for (delivery jobs: what each e-mail covers). */
  payload?: unknown;
}

/** What one batch's recording changed: the items it finished now (in seq order) and the job's counters. */
export interface FinishedBatch {
  items: SequencedItem[];
  /** The job's status when the batch was recorded (a batch in flight may finish after a cancel). */
  status: JobStatus;
  progress: number;
  total: number;
  counts: JobCounts;
}

/** The jobs table. */
export interface JobRows {
  /**
   * A queued job, or the unfinished job with the same dedupe key (`created: false`). Inside a
   * transaction an identical job created meanwhile is a unique violation that ends the
   * transaction (the caller runs it again); outside one it is retried here.
   */
  create(job: NewJob, now: string): Promise<{ job: JobRecord; created: boolean }>;
  get(id: string): Promise<JobRecord | undefined>;
  /** The job without its result lists, and its result's summary (cheap for event streams). */
  getWithSummary(id: string): Promise<{ job: JobRecord; summary: JobResult['summary'] | null } | undefined>;
  getStatus(id: string): Promise<JobStatus | undefined>;
  /** Unfinished engine jobs, oldest first: what an engine resumes. */
  listActive(): Promise<JobRecord[]>;
  list(filter: JobListFilter): Promise<{ jobs: JobRecord[]; nextCursor: string | null }>;
  /** processing with `total`; false when the job is no longer queued or processing. */
  start(id: string, total: number, now: string): Promise<boolean>;
  /** Sets progress directly (runInBackground jobs, which have no items). */
  setProgress(id: string, progress: number): Promise<boolean>;
  /** Ends a job in `to` if it is still unfinished; false when something else ended it first. */
  finish(
    id: string,
    to: 'completed' | 'failed' | 'cancelled',
    fields: { result?: JobResult | null; error?: string | null },
    now: string,
  ): Promise<boolean>;
  /** Stores the result of a job that has already ended (a cancelled job's partial result). */
  saveResult(id: string, result: JobResult): Promise<void>;
  setUnattributed(id: string, entries: readonly UnattributedEntry[]): Promise<void>;
  getUnattributed(id: string): Promise<UnattributedEntry[]>;
  /** runInBackground: this process vouches for the job until `until`. */
  renewLease(id: string, until: string): Promise<void>;
  /**
   * Fails unfinished runInBackground jobs whose lease ended before `now` (their process stopped);
   * returns their ids.
   */
  failExpiredLeases(now: string): Promise<string[]>;
  deleteFinishedBefore(cutoff: string): Promise<number>;
  stats(): Promise<JobStats>;
}

/** The job_items table. */
export interface JobItemRows {
  /**
   * Stores the planned items in batches of `batchSize` (in the order given; a property listed
   * twice is one item), then starts the job.
   * Planning again after a crash re-inserts nothing that exists. False when the job ended meanwhile.
   */
  savePlan(jobId: string, items: readonly PlannedItem[], batchSize: number, now: string): Promise<boolean>;
  /** The batches that still have pending items, ascending. */
  pendingBatches(jobId: string): Promise<number[]>;
  /** A batch's pending items, by property id. */
  pendingInBatch(jobId: string, batch: number): Promise<JobItem[]>;
  getItem(jobId: string, propertyId: string): Promise<JobItem | undefined>;
  countPending(jobId: string): Promise<number>;
  /**
   * Inside a batch's transaction, before its writes: the items of `propertyIds` still pending,
   * locked until the commit (PostgreSQL), so a duplicate run of the batch waits and then finds
   * them recorded — it must write nothing for them.
   */
  claimPending(jobId: string, propertyIds: readonly string[]): Promise<Set<string>>;
  /** Counts a failed attempt on each item (so a restart does not reset the retry budget). */
  recordAttempts(jobId: string, propertyIds: readonly string[]): Promise<void>;
  /**
   * Records the outcomes of items that are still pending, gives them the next numbers of the
   * job's finish order and adds them to the job's counters — once per batch, in one statement on
   * PostgreSQL. Items already finished (a duplicate run) are left alone, an item given twice counts
   * once; null when none was pending.
   */
  finishBatch(
    jobId: string,
    outcomes: ReadonlyArray<{ item: JobItem; outcome: ItemOutcome }>,
    now: string,
  ): Promise<FinishedBatch | null>;
  /** Finished items with seq > afterSeq, in finish order (event stream replay). */
  finishedAfter(jobId: string, afterSeq: number, limit: number): Promise<SequencedItem[]>;
  /**
   * Every finished item, in finish order, for the job's result; with `payload` their payloads
   * too (small for delivery jobs; a generation job's hold reservations and are left out).
   */
  resultRows(jobId: string, options?: { payload?: boolean }): Promise<ResultRow[]>;
  failedPropertyIds(jobId: string): Promise<string[]>;
}

/** A transaction: the jobs and items tables inside it, and the same transaction for the caller's own writes. */
export interface JobStoreTransaction<Tx> {
  jobs: JobRows;
  items: JobItemRows;
  db: Tx;
}

export interface TransactionOptions {
  /**
   * The work may be lost in a database crash after its commit was acknowledged, because running
   * it again gives the same result (a batch of items): the commit need not wait for the disk.
   */
  replayable?: boolean;
}

/** `Tx`: the handle of a transaction for a handler's own writes (the SQL adapter: its `Db`). */
export interface JobStore<Tx> {
  readonly jobs: JobRows;
  readonly items: JobItemRows;
  /** Runs `work` in one transaction; everything it writes commits together or not at all. */
  transaction<T>(work: (tx: JobStoreTransaction<Tx>) => Promise<T>, options?: TransactionOptions): Promise<T>;
}
