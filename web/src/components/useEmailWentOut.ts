/**
 * Whether an e-mail of this statement actually went out (a delivery with status `sent`), which is
 * not the same as status `sent`: "Mark as sent without e-mailing" sets the status and mails
 * nothing. Asked only for sent statements (other ones answer 'not-emailed' without asking), and
 * again whenever it is sent (sentAt changes); 'unknown' when the history could not be read.
 */
import { useCallback } from 'react';
import { api, type StatementDto } from '../api.js';
import { useApi } from '../useApi.js';

export type EmailState = 'checking' | 'emailed' | 'not-emailed' | 'unknown';

export function useEmailWentOut(
  statement: Pick<StatementDto, 'id' | 'status' | 'sentAt'>,
  enabled: boolean,
): EmailState {
  const { id, sentAt } = statement;
  const ask = enabled && statement.status === 'sent';
  // sentAt is in the dependencies only so that a send (which sets it) asks again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: sentAt re-reads the history
  const loader = useCallback(
    () => (ask ? api.statementDeliveries(id) : Promise.resolve(null)),
    [ask, id, sentAt],
  );
  const { data, error, loading } = useApi(loader);
  if (!ask) return 'not-emailed';
  if (loading) return 'checking';
  if (error || !data) return 'unknown';
  return data.deliveries.some((d) => d.status === 'sent') ? 'emailed' : 'not-emailed';
}
