/**
 * Whether an e-mail of this statement actually went out (a delivery with status `sent`), which is
 * not the same as status `sent`: "Mark as sent without e-mailing" sets the status and mails
 * nothing. Asked only for sent statements (other ones answer 'not-emailed' without asking); the
 * history is in the statements family (queries.ts), so every change to the statement reads it
 * again, and a send adds its delivery at once. 'unknown' when the history could not be read.
 */
import { useQuery } from '@tanstack/react-query';
import type { StatementDto } from '../api.js';
import { statementDeliveriesQuery } from '../queries.js';

export type EmailState = 'checking' | 'emailed' | 'not-emailed' | 'unknown';

export function useEmailWentOut(
  statement: Pick<StatementDto, 'id' | 'status'>,
  enabled: boolean,
): EmailState {
  const ask = enabled && statement.status === 'sent';
  const history = useQuery({
    ...statementDeliveriesQuery(statement.id),
    enabled: ask,
    select: (r) => r.deliveries.some((d) => d.status === 'sent'),
  });
  if (!ask) return 'not-emailed';
  if (history.isPending) return 'checking';
  if (history.isError) return 'unknown';
  return history.data ? 'emailed' : 'not-emailed';
}
