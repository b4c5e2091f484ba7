/**
 * The spec's `result` of a job, built from its finished items (pure: the store hands the rows).
 * Reconciliation warnings belong to generation: a delivery job's items are statements sent. A
 * bulk action's items are keyed by statement id, which every one of its entries names.
 */

import type { ResultRow } from '../model/job-store.js';
import type { DeliveryEntryDetails, JobResult, JobType, UnattributedEntry } from '../model/jobs.js';
import { deliveryEntryDetails } from './handlers/delivery-items.js';

export function buildJobResult(
  type: JobType,
  rows: readonly ResultRow[],
  unattributed: readonly UnattributedEntry[],
): JobResult {
  const generation = type === 'bulk_statement_generation';
  const byStatement = type === 'bulk_statement_action';
  // A delivery job's entries are e-mails: whose, and which statements each covered.
  const delivery = type === 'statement_delivery';
  const details = (r: ResultRow): DeliveryEntryDetails => (delivery ? deliveryEntryDetails(r.payload) : {});
  const result: JobResult = {
    summary: { generated: 0, skipped: 0, errors: 0 },
    results: { generated: [], skipped: [], errors: [] },
  };
  let warnings = 0;
  for (const r of rows) {
    const who = { propertyId: r.propertyId, propertyName: r.propertyName };
    if (r.status === 'succeeded') {
      warnings += r.warnings;
      result.results.generated.push({
        ...who,
        ownerId: r.ownerId,
        statementId: byStatement ? r.propertyId : r.statementId,
        ...(generation ? { warnings: r.warnings } : {}),
        ...details(r),
      });
    } else if (r.status === 'skipped') {
      result.results.skipped.push({
        ...who,
        reason: r.reason ?? 'unknown',
        ...(byStatement ? { statementId: r.propertyId } : {}),
        ...(delivery ? { ownerId: r.ownerId, ...details(r) } : {}),
      });
    } else {
      result.results.errors.push({
        ...who,
        code: r.code,
        error: r.error ?? 'unknown error',
        ...(byStatement ? { statementId: r.propertyId } : {}),
        ...(delivery ? { ownerId: r.ownerId, ...details(r) } : {}),
      });
    }
  }
  result.summary = {
    generated: result.results.generated.length,
    skipped: result.results.skipped.length,
    errors: result.results.errors.length,
  };
  if (generation) {
    // The generated statements' reconciliation warnings plus the unattributed reservations (§5).
    result.summary.warnings = warnings + unattributed.length;
    result.unattributed = [...unattributed];
  }
  return result;
}

/** How many items a result accounts for. */
export const resultCount = (result: JobResult | null): number =>
  result ? result.summary.generated + result.summary.skipped + result.summary.errors : 0;
