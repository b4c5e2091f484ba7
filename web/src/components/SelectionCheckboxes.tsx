/** The list's selection checkboxes: one per statement, and one for every statement shown. */
import { useEffect, useRef } from 'react';
import type { StatementSelection } from './useStatementSelection.js';

export function RowCheckbox({
  selection,
  id,
  label,
}: {
  selection: StatementSelection;
  id: string;
  /** Names the statement for screen readers ("Select Seaside Loft, Oct 2025"). */
  label: string;
}) {
  return (
    <input
      type="checkbox"
      className="select-box"
      aria-label={`Select ${label}`}
      checked={selection.isSelected(id)}
      onChange={() => selection.toggle(id)}
    />
  );
}

/** Ticked when every shown row is, half-ticked (indeterminate) when some are. */
export function ShownCheckbox({ selection, id }: { selection: StatementSelection; id?: string }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = selection.someShownSelected;
  }, [selection.someShownSelected]);
  return (
    <input
      ref={ref}
      id={id}
      type="checkbox"
      className="select-box"
      aria-label="Select all shown statements"
      checked={selection.allShownSelected}
      onChange={selection.toggleAllShown}
    />
  );
}
