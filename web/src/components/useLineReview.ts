/**
 * The line review's writes on one draft (POST and DELETE /api/statements/:id/overrides). Each
 * answers the draft regenerated, which the cache stores as the statement (and every list is read
 * again), so the page shows the new lines and totals at once.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type AddOverrideInput, api } from '../api.js';
import { statementSaved } from '../queries.js';

export function useLineReview(statementId: string) {
  const client = useQueryClient();
  const add = useMutation({
    mutationFn: (input: AddOverrideInput) => api.addStatementOverride(statementId, input),
    onSuccess: (statement) => statementSaved(client, statement),
  });
  const remove = useMutation({
    mutationFn: (overrideId: string) => api.removeStatementOverride(statementId, overrideId),
    onSuccess: (statement) => statementSaved(client, statement),
  });
  return { add, remove };
}
