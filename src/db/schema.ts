/**
 * Table types for Kysely. Column types are chosen to mean the same on SQLite and PostgreSQL:
 * integers for cents and flags, text for ids, ISO dates and JSON documents, so one set of
 * repositories serves both dialects.
 */
import type { Generated } from 'kysely';

export interface OwnersTable {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  is_active: number;
  synced_at: string;
}

export interface PropertiesTable {
  id: string;
  owner_id: string | null;
  name: string;
  nickname: string | null;
  currency: string;
  is_listed: number;
  /** Hundredths of a percent: 15% = 1500. Exact, unlike a float column. */
  commission_bp: Generated<number>;
  commission_basis: Generated<string>;
  owner_remits_taxes: Generated<number>;
  synced_at: string;
  settings_updated_at: string | null;
  /** JSON: string[] — the Hostify listing's tags (migration 007). */
  tags: Generated<string>;
}

/** Child (channel) listings and the property they belong to. */
export interface ChildListingsTable {
  id: string;
  property_id: string;
}

export interface StatementsTable {
  id: string;
  property_id: string;
  owner_id: string | null;
  period_start: string;
  period_end: string;
  calculation_type: string;
  currency: string;
  status: string;
  version: number;
  net_payout: number;
  /** JSON: StatementLine[] */
  lines: string;
  /** JSON: LedgerEntry[] */
  expenses: string;
  /** JSON: LedgerEntry[] */
  adjustments: string;
  /** JSON: StatementTotals */
  totals: string;
  /** JSON: PropertySettings as used */
  settings: string;
  /** JSON: ExcludedReservation[]; null on statements stored before migration 007. */
  excluded: string | null;
  /** JSON: StatementWarning[]; null on statements stored before migration 007. */
  warnings: string | null;
  warning_count: Generated<number>;
  /** JSON: StatementOverride[] it applied; null on statements stored before migration 015. */
  overrides: string | null;
  /** JSON: ManualLine[]; null on statements stored before migration 015. */
  manual_lines: string | null;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  updated_by: string | null;
  sent_at: string | null;
  sent_to: string | null;
}

/** Line review of a property's statement for one period (migration 015). */
export interface StatementOverridesTable {
  id: string;
  property_id: string;
  period_start: string;
  period_end: string;
  /** exclude | include | manual */
  kind: string;
  reservation_id: string | null;
  reason: string | null;
  description: string | null;
  /** Signed cents (bigint: PostgreSQL answers it as a string; read through Number). */
  amount: number | null;
  counts_toward_commission: number | null;
  created_at: string;
  created_by: string | null;
}

export interface DeliveriesTable {
  id: string;
  statement_id: string;
  recipient: string;
  /** sent | failed */
  status: string;
  via: string | null;
  message_id: string | null;
  error: string | null;
  resend: Generated<number>;
  created_by: string | null;
  created_at: string;
}

export interface JobNotificationsTable {
  job_id: string;
  user_id: string;
  /** sent | failed | skipped */
  status: string;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  /** JSON */
  value: string;
  updated_at: string;
  updated_by: string | null;
}

export interface ScheduleRunsTable {
  /** e.g. monthly_generation:2025-10-01:2025-10-31 — unique: one run per period. */
  period_key: string;
  job_id: string | null;
  claimed_at: string;
  /** The process that claimed it (host and pid), for the log and for people. */
  claimed_by: string;
}

export interface LedgerEntriesTable {
  id: string;
  property_id: string;
  date: string;
  description: string;
  amount: number;
  type: string;
  created_at: string;
  /** Migration 016: what an imported file said besides the description (null when it said nothing). */
  category: string | null;
  vendor: string | null;
  /** The import batch the entry came from; null for an entry added by hand. */
  import_batch_id: string | null;
}

/** One imported expense file (migration 016); kept, marked undone, after an undo. */
export interface ImportBatchesTable {
  id: string;
  file_name: string;
  file_sha256: string;
  entry_count: number;
  /** JSON: ImportTotal[] — per type and currency. */
  totals: string;
  created_at: string;
  created_by: string | null;
  undone_at: string | null;
  undone_by: string | null;
}

export interface JobsTable {
  id: string;
  type: string;
  status: string;
  /** JSON: the job type's parameters */
  params: string;
  dedupe_key: string | null;
  runner: Generated<string>;
  total: number | null;
  progress: Generated<number>;
  /** Items finished, by outcome, in the spec's words (migration 012 renamed succeeded/failed). */
  generated: Generated<number>;
  skipped: Generated<number>;
  errors: Generated<number>;
  /** 1 once the work items exist (planning is done). */
  planned: Generated<number>;
  retry_of: string | null;
  created_by: string | null;
  error: string | null;
  /** JSON: JobResult, written once when the job ends. */
  result: string | null;
  /** JSON: reservations planning could not attribute to any property (migration 007). */
  unattributed: string | null;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  /** runInBackground jobs: until when the running process vouches for it (migration 010). */
  lease_until: string | null;
}

export interface JobItemsTable {
  job_id: string;
  property_id: string;
  property_name: string;
  owner_id: string | null;
  /** pending | succeeded | skipped | failed */
  status: string;
  /** Finish order within the job (1-based); the SSE event id of the item. */
  seq: number | null;
  reason: string | null;
  error_code: string | null;
  error: string | null;
  statement_id: string | null;
  attempts: Generated<number>;
  /** JSON: what the item needs to run without calling Hostify again. */
  payload: string;
  finished_at: string | null;
  /** The batch planning put the item in: one unit of queue work (migration 010). */
  batch: Generated<number>;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  /** admin | editor | viewer */
  role: string;
  password_hash: string;
  disabled: Generated<number>;
  notify_on_job_end: Generated<number>;
  /** 1 after an admin reset the password: the user must choose a new one before anything else. */
  must_change_password: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** Counters of the shared rate limiters (src/security/rate-limit-store.ts). */
export interface RateLimitsTable {
  key: string;
  points: number;
  /** Milliseconds since the epoch; null never expires. */
  expire: number | null;
}

/** Slots of the shared Hostify rate window (src/hostify/postgres-rate-window.ts, PostgreSQL only). */
export interface HostifyRateWindowTable {
  key: string;
  slot: number;
  /** Milliseconds since the epoch, by the database's clock; 0 = never used. */
  started_at: number;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  token_hash: string;
  user_id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  user_id: string | null;
  user_email: string | null;
  /** The client's IP (migration 009). */
  ip: string | null;
  /** 'user' | 'schedule' | 'system' (migration 013; null before it). */
  actor: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  /** JSON */
  details: string | null;
}

/** The manager's details on the owners' documents: one row, id `company` (migration 014). */
export interface CompanyDetailsTable {
  id: string;
  /** Null while only a logo was saved (the documents show COMPANY_NAME). */
  name: string | null;
  /** Postal address lines joined by "\n" ('' for none). */
  address: Generated<string>;
  email: string | null;
  phone: string | null;
  /** PNG or JPEG bytes (bytea on PostgreSQL, BLOB on SQLite). */
  logo: Uint8Array | null;
  logo_type: string | null;
  logo_updated_at: string | null;
  updated_at: string;
  updated_by: string | null;
}

/** An owner's choice of how statements are e-mailed (migration 017); no row = `combined`. */
export interface OwnerDeliveryPreferencesTable {
  owner_id: string;
  /** combined | per_property */
  delivery: string;
  updated_at: string;
  updated_by: string | null;
}

export interface Database {
  owners: OwnersTable;
  properties: PropertiesTable;
  child_listings: ChildListingsTable;
  statements: StatementsTable;
  ledger_entries: LedgerEntriesTable;
  import_batches: ImportBatchesTable;
  jobs: JobsTable;
  job_items: JobItemsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  deliveries: DeliveriesTable;
  job_notifications: JobNotificationsTable;
  settings: SettingsTable;
  schedule_runs: ScheduleRunsTable;
  rate_limits: RateLimitsTable;
  hostify_rate_window: HostifyRateWindowTable;
  company_details: CompanyDetailsTable;
  statement_overrides: StatementOverridesTable;
  owner_delivery_preferences: OwnerDeliveryPreferencesTable;
}
