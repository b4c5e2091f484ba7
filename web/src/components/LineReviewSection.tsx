/**
 * The statement's line review: every override in force (what it does, why or for how much, who
 * added it and when), "Remove" for each, and the form that adds a manual line — the buttons and
 * the form only on a draft, for people who may edit; everyone else sees the list. The overrides
 * are kept per property and period, so regenerating the draft keeps them.
 */
import { OVERRIDE_WARNING_CODES } from '../../../src/domain/types.js';
import type { StatementDto } from '../api.js';
import { useAuth } from '../auth.js';
import { formatDateTime, formatMoney } from '../format.js';
import { ManualLineForm } from './ManualLineForm.js';
import { useNotices } from './Notices.js';
import { useLineReview } from './useLineReview.js';
import { useUserNames } from './useUserNames.js';
import './LineReview.css';

type Override = StatementDto['overrides'][number];

/** What an override does, in words. */
export function overrideText(o: Override, currency: string): { what: string; detail: string } {
  switch (o.kind) {
    case 'exclude':
      return { what: `Excluded reservation ${o.reservationId}`, detail: o.reason ?? '' };
    case 'include':
      return { what: `Included reservation ${o.reservationId}`, detail: o.reason ?? '' };
    case 'manual':
      return {
        what: `Manual line: ${o.description}`,
        detail: `${formatMoney(o.amount ?? 0, currency)}, ${o.countsTowardCommission ? 'counts toward commission' : 'no commission'}`,
      };
  }
}

function RemoveButton({ statement, override }: { statement: StatementDto; override: Override }) {
  const { remove } = useLineReview(statement.id);
  const { notify } = useNotices();
  const { what } = overrideText(override, statement.currency);
  return (
    <button
      type="button"
      aria-label={`Remove: ${what}`}
      disabled={remove.isPending}
      onClick={() =>
        remove.mutate(override.id, {
          onSuccess: () =>
            notify({ tone: 'success', title: `Removed: ${what}`, lines: ['The draft was regenerated.'] }),
          onError: (e) =>
            notify({ tone: 'error', title: 'Could not remove the override', lines: [e.message] }),
        })
      }
    >
      {remove.isPending ? 'Removing…' : 'Remove'}
    </button>
  );
}

export function LineReviewSection({ statement: s }: { statement: StatementDto }) {
  const { can } = useAuth();
  const userName = useUserNames();
  const editable = can('statements:edit') && s.status === 'draft';
  return (
    <section aria-labelledby="review-heading">
      <h2 id="review-heading">Line review ({s.overrides.length})</h2>
      {s.overrides.length === 0 ? (
        <p className="empty">No overrides: the statement counts what the rules count.</p>
      ) : (
        <div className="table-wrap line-review-list">
          <table aria-label="Overrides">
            <thead>
              <tr>
                <th scope="col">Change</th>
                <th scope="col">Reason or amount</th>
                <th scope="col">Added</th>
                {editable ? (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {s.overrides.map((o) => {
                const { what, detail } = overrideText(o, s.currency);
                return (
                  <tr key={o.id}>
                    <th scope="row">{what}</th>
                    <td>{detail}</td>
                    <td className="nowrap">
                      {formatDateTime(o.createdAt)} by {userName(o.createdBy)}
                    </td>
                    {editable ? (
                      <td className="line-review-cell">
                        <RemoveButton statement={s} override={o} />
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {editable ? (
        <ManualLineForm statement={s} />
      ) : s.status !== 'draft' ? (
        <p className="hint">The line review can be changed while the statement is a draft.</p>
      ) : null}
    </section>
  );
}

/**
 * Overrides that change nothing, shown with the other warnings: those whose reservation the
 * statement no longer takes, and the others (e.g. an inclusion of a cancelled reservation).
 */
export function LineReviewWarnings({ warnings }: { warnings: StatementDto['warnings'] }) {
  const gone = warnings.filter((w) => w.code === 'override_reservation_missing');
  const idle = warnings.filter(
    (w) => w.code !== 'override_reservation_missing' && OVERRIDE_WARNING_CODES.includes(w.code),
  );
  return (
    <>
      <GoneOverrides gone={gone} />
      {idle.length > 0 ? (
        <div className="warning-summary line-review-warnings" role="status">
          <p>
            <strong>
              ⚠ {idle.length === 1 ? 'An override changes' : `${idle.length} overrides change`} nothing on
              this statement.
            </strong>{' '}
            The reason is given below; remove {idle.length === 1 ? 'it' : 'them'} under Line review.
          </p>
          <ul aria-label="Overrides that change nothing">
            {idle.map((w) => (
              <li key={`${w.code}-${w.reservationId}-${w.message}`}>{w.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

function GoneOverrides({ gone }: { gone: StatementDto['warnings'] }) {
  if (gone.length === 0) return null;
  return (
    <div className="warning-summary line-review-warnings" role="status">
      <p>
        <strong>
          ⚠ {gone.length === 1 ? 'An override names' : `${gone.length} overrides name`} a reservation this
          statement does not take.
        </strong>{' '}
        Nothing was changed by {gone.length === 1 ? 'it' : 'them'}; remove {gone.length === 1 ? 'it' : 'them'}{' '}
        under Line review if no longer needed.
      </p>
      <ul aria-label="Overrides without their reservation">
        {gone.map((w) => (
          <li key={`${w.code}-${w.reservationId}-${w.message}`}>{w.message}</li>
        ))}
      </ul>
    </div>
  );
}
