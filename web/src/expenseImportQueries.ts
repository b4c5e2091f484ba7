/**
 * The expense import's part of the data layer (beside queries.ts): the batch history, and what
 * the cache forgets after an import or an undo. The preview is a mutation, not a query: it
 * uploads the file, and its answer belongs to the page that asked.
 */
import { type QueryClient, queryOptions } from '@tanstack/react-query';
import { expenseImportApi } from './expenseImportApi.js';
import { queryKeys } from './queries.js';

export const expenseImportKeys = {
  all: ['expense-imports'] as const,
  list: () => ['expense-imports', 'list'] as const,
};

export const importBatchesQuery = () =>
  queryOptions({ queryKey: expenseImportKeys.list(), queryFn: () => expenseImportApi.list() });

/**
 * Entries were imported or removed: the history, and every statement (a regenerated draft shows
 * them; the lists' totals change with it).
 */
export function ledgerImportChanged(client: QueryClient): Promise<void> {
  return Promise.all([
    client.invalidateQueries({ queryKey: expenseImportKeys.all }),
    client.invalidateQueries({ queryKey: queryKeys.statements.all }),
  ]).then(() => undefined);
}
