/**
 * The words the app shows for the API's enum values (issue 15 §10: a property manager reads
 * "By check-out date", not `checkout`). The values stay what the API sends and filters by; only
 * what is displayed goes through here.
 */
import type { CalculationType, JobStatus, OwnerStatementDto, StatementStatus } from './api.js';

type OwnerPropertyState = OwnerStatementDto['properties'][number]['state'];

interface CalculationTypeWords {
  /** In forms and details. */
  label: string;
  /** In a table cell or card, where room is short. */
  short: string;
}

export const CALCULATION_TYPE_WORDS: Record<CalculationType, CalculationTypeWords> = {
  checkout: { label: 'By check-out date', short: 'Check-out' },
  checkin: { label: 'By check-in date', short: 'Check-in' },
  calendar: { label: 'Nights in the period (prorated)', short: 'Nights (prorated)' },
};

export const STATEMENT_STATUS_LABELS: Record<StatementStatus, string> = {
  draft: 'Draft',
  final: 'Final',
  sent: 'Sent',
};

export const JOB_STATUS_LABELS: Record<JobStatus, string> = {
  queued: 'Queued',
  processing: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** The job statuses in their lifecycle's order (filters list them so). */
export const JOB_STATUSES = Object.keys(JOB_STATUS_LABELS) as JobStatus[];

const has = <T extends object>(record: T, key: string): key is Extract<keyof T, string> =>
  Object.hasOwn(record, key);

/**
 * A calculation type in words (`short` for tight spots). An unknown value (a newer server) shows
 * as it came rather than as nothing.
 */
export function calculationTypeLabel(value: string, form: 'label' | 'short' = 'label'): string {
  return has(CALCULATION_TYPE_WORDS, value) ? CALCULATION_TYPE_WORDS[value][form] : value;
}

/** A statement's or a job's status in words (the two sets of values do not overlap). */
export function statusLabel(value: string): string {
  if (has(STATEMENT_STATUS_LABELS, value)) return STATEMENT_STATUS_LABELS[value];
  if (has(JOB_STATUS_LABELS, value)) return JOB_STATUS_LABELS[value];
  return value;
}

/** `3, 'statement'` → "3 statements"; 1 → "1 statement". */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

/** A property's statement of a period, as the owner page shows it (DESIGN: owner statements). */
export const OWNER_PROPERTY_STATE_LABELS: Record<OwnerPropertyState, string> = {
  ...STATEMENT_STATUS_LABELS,
  missing: 'No statement',
  other_owner: 'Another owner’s',
};
