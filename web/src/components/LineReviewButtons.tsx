/**
 * The review actions beside each line and each reservation left out, on a draft, for people who
 * may edit: "Exclude…" a counted line and "Include…" a reservation the rules left out (each asks
 * for a reason), and "Undo" where an override put the line or the reservation where it is
 * (removing that override). Every change regenerates the draft (useLineReview).
 */
import { useState } from 'react';
import type { StatementDto } from '../api.js';
import { formatDateRange } from '../format.js';
import { LineReviewReasonDialog } from './LineReviewReasonDialog.js';
import { useNotices } from './Notices.js';
import { useLineReview } from './useLineReview.js';
import './LineReview.css';

type Line = StatementDto['lines'][number];
type Excluded = StatementDto['excluded'][number];
type Override = StatementDto['overrides'][number];

const who = (guestName: string, reservationId: string) =>
  `${guestName || 'Reservation'} (reservation ${reservationId})`;

/** The override of `kind` on `reservationId`, if the statement has one. */
function overrideOf(s: StatementDto, kind: Override['kind'], reservationId: string): Override | undefined {
  return s.overrides.find((o) => o.kind === kind && o.reservationId === reservationId);
}

/** Removes one override, with the button's own busy state and error. */
function UndoButton({
  statement,
  override,
  label,
  text = 'Undo',
}: {
  statement: StatementDto;
  override: Override;
  label: string;
  text?: string;
}) {
  const { remove } = useLineReview(statement.id);
  const { notify } = useNotices();
  return (
    <button
      type="button"
      aria-label={label}
      disabled={remove.isPending}
      onClick={() =>
        remove.mutate(override.id, {
          onSuccess: () => notify({ tone: 'success', title: 'Override removed; the draft was regenerated' }),
          onError: (e) =>
            notify({ tone: 'error', title: 'Could not remove the override', lines: [e.message] }),
        })
      }
    >
      {text}
    </button>
  );
}

/** "Exclude…" for a counted line; "Undo" for one an inclusion put there. */
export function LineReviewLineAction({ statement, line }: { statement: StatementDto; line: Line }) {
  const [asking, setAsking] = useState(false);
  const { add } = useLineReview(statement.id);
  const { notify } = useNotices();
  const name = who(line.guestName, line.reservationId);
  const inclusion = line.included ? overrideOf(statement, 'include', line.reservationId) : undefined;
  if (inclusion)
    return <UndoButton statement={statement} override={inclusion} label={`Undo the inclusion of ${name}`} />;
  return (
    <>
      <button type="button" aria-label={`Exclude ${name}`} onClick={() => setAsking(true)}>
        Exclude…
      </button>
      {asking ? (
        <LineReviewReasonDialog
          title="Exclude this reservation?"
          message={`${name}, ${formatDateRange(line.checkIn, line.checkOut)}, is taken off the statement and listed as not counted, with your reason. Every regeneration keeps it out until the override is removed.`}
          confirmLabel="Exclude"
          onCancel={() => setAsking(false)}
          onSubmit={async (reason) => {
            await add.mutateAsync({ kind: 'exclude', reservationId: line.reservationId, reason });
            setAsking(false);
            notify({ tone: 'success', title: `Excluded ${name}; the draft was regenerated` });
          }}
        />
      ) : null}
    </>
  );
}

/** "Include…" for a reservation the rules left out; "Undo" for one an exclusion took off. */
export function LineReviewExcludedAction({
  statement,
  excluded,
}: {
  statement: StatementDto;
  excluded: Excluded;
}) {
  const [asking, setAsking] = useState(false);
  const { add } = useLineReview(statement.id);
  const { notify } = useNotices();
  const name = who(excluded.guestName, excluded.reservationId);
  const exclusion =
    excluded.overrideReason !== undefined
      ? overrideOf(statement, 'exclude', excluded.reservationId)
      : undefined;
  if (exclusion)
    return <UndoButton statement={statement} override={exclusion} label={`Undo the exclusion of ${name}`} />;
  return (
    <>
      <button type="button" aria-label={`Include ${name}`} onClick={() => setAsking(true)}>
        Include…
      </button>
      {asking ? (
        <LineReviewReasonDialog
          title="Count this reservation?"
          message={`${name} has the status “${excluded.status}”, which the statement does not count. Included, it is counted like a confirmed stay, and marked as included with your reason.`}
          confirmLabel="Include"
          onCancel={() => setAsking(false)}
          onSubmit={async (reason) => {
            await add.mutateAsync({ kind: 'include', reservationId: excluded.reservationId, reason });
            setAsking(false);
            notify({ tone: 'success', title: `Included ${name}; the draft was regenerated` });
          }}
        />
      ) : null}
    </>
  );
}

/** "Remove" for a line added on review. */
export function LineReviewManualAction({
  statement,
  line,
}: {
  statement: StatementDto;
  line: StatementDto['manualLines'][number];
}) {
  const override = statement.overrides.find((o) => o.id === line.id);
  if (!override) return null;
  return (
    <UndoButton
      statement={statement}
      override={override}
      label={`Remove the line “${line.description}”`}
      text="Remove"
    />
  );
}
