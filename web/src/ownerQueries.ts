/**
 * The owner page's reads (TanStack Query, beside queries.ts): the owner's details with their
 * statements by period, and the owner statement of one period. Both are keyed under
 * ['statements', 'owner', …], in the statements family, because they are made of statements:
 * every change that re-reads statements (a status change, a generation, a job's end) re-reads
 * them too, and no page needs to know they exist.
 */
import { queryOptions } from '@tanstack/react-query';
import { api, type OwnerPeriod } from './api.js';

export const ownerQueryKeys = {
  details: (ownerId: string) => ['statements', 'owner', ownerId] as const,
  statement: (ownerId: string, period: OwnerPeriod) =>
    ['statements', 'owner', ownerId, 'statement', period.periodStart, period.periodEnd] as const,
};

export const ownerDetailsQuery = (ownerId: string) =>
  queryOptions({ queryKey: ownerQueryKeys.details(ownerId), queryFn: () => api.owner(ownerId) });

export const ownerStatementQuery = (ownerId: string, period: OwnerPeriod) =>
  queryOptions({
    queryKey: ownerQueryKeys.statement(ownerId, period),
    queryFn: () => api.ownerStatement(ownerId, period),
  });
