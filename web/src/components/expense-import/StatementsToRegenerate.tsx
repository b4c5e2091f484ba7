/**
 * The statements an import or an undo touches: drafts, each with "Regenerate" (POST
 * /api/statements/generate for its property, period and calculation type, which replaces the
 * draft in place), and final or sent ones, which are never changed and are only named.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { api } from '../../api.js';
import type { StatementRefDto } from '../../expenseImportApi.js';
import { formatPeriodShort } from '../../format.js';
import { statementsChanged } from '../../queries.js';
import { ApiErrorText } from '../ErrorExplanation.js';

function DraftLine({ statement }: { statement: StatementRefDto }) {
  const client = useQueryClient();
  const [done, setDone] = useState(false);
  const regenerate = useMutation({
    mutationFn: () =>
      api.generate({
        ownerId: statement.ownerId ?? '',
        propertyId: statement.propertyId,
        startDate: statement.periodStart,
        endDate: statement.periodEnd,
        calculationType: statement.calculationType,
      }),
    onSuccess: () => {
      setDone(true);
      void statementsChanged(client);
    },
  });
  const name = statement.propertyName ?? statement.propertyId;
  const period = formatPeriodShort(statement.periodStart, statement.periodEnd);
  return (
    <li>
      <Link href={`/statements/${statement.id}`}>
        {name}, {period}
      </Link>
      {statement.ownerId === null ? (
        <span className="hint">No owner: it cannot be regenerated from here.</span>
      ) : done ? (
        <span role="status">Regenerated.</span>
      ) : (
        <button
          type="button"
          className="button-small"
          aria-label={`Regenerate ${name}, ${period}`}
          disabled={regenerate.isPending}
          onClick={() => regenerate.mutate()}
        >
          {regenerate.isPending ? 'Regenerating…' : 'Regenerate'}
        </button>
      )}
      {regenerate.error ? (
        <span role="alert" className="form-error">
          <ApiErrorText error={regenerate.error} />
        </span>
      ) : null}
    </li>
  );
}

export function StatementsToRegenerate({
  drafts,
  closed = [],
  draftsIntro,
}: {
  drafts: StatementRefDto[];
  closed?: StatementRefDto[];
  draftsIntro: string;
}) {
  return (
    <>
      {drafts.length > 0 ? (
        <>
          <p>{draftsIntro}</p>
          <ul className="import-statements" aria-label="Drafts to regenerate">
            {drafts.map((s) => (
              <DraftLine key={s.id} statement={s} />
            ))}
          </ul>
        </>
      ) : null}
      {closed.length > 0 ? (
        <>
          <p>
            These final or sent statements cover an imported entry’s date. They are not changed and will not
            show it; move one back to draft and regenerate it if the owner must see the entry.
          </p>
          <ul className="import-statements" aria-label="Final statements not changed">
            {closed.map((s) => (
              <li key={s.id}>
                <Link href={`/statements/${s.id}`}>
                  {s.propertyName ?? s.propertyId}, {formatPeriodShort(s.periodStart, s.periodEnd)}
                </Link>{' '}
                <span className={`badge badge-${s.status}`}>{s.status}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
