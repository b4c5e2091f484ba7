/**
 * The payout report's reads (beside queries.ts, in its habits). Both keys sit in the
 * ['statements'] family: whatever changes statements (finalizing, sending, a generation job)
 * invalidates that family, so the report is read again and never shows a payout from before the
 * change.
 */
import { queryOptions } from '@tanstack/react-query';
import { api, type PayoutReportQuery } from './api.js';

export const payoutQueryKeys = {
  report: (period: PayoutReportQuery) => ['statements', 'payout-report', period] as const,
  periods: ['statements', 'payout-periods'] as const,
};

/**
 * No placeholder from the previous period while another loads: amounts shown under a period
 * must be that period's, even for a moment.
 */
export const payoutReportQuery = (period: PayoutReportQuery) =>
  queryOptions({ queryKey: payoutQueryKeys.report(period), queryFn: () => api.payoutReport(period) });

export const payoutPeriodsQuery = () =>
  queryOptions({ queryKey: payoutQueryKeys.periods, queryFn: () => api.payoutPeriods() });
