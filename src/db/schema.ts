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
  created_at: string;
  updated_at: string;
}

export interface LedgerEntriesTable {
  id: string;
  property_id: string;
  date: string;
  description: string;
  amount: number;
  type: string;
  created_at: string;
}

export interface Database {
  owners: OwnersTable;
  properties: PropertiesTable;
  child_listings: ChildListingsTable;
  statements: StatementsTable;
  ledger_entries: LedgerEntriesTable;
}
