/**
 * Which statements of the list are selected for a bulk action: rows ticked one by one (always a
 * subset of the rows shown), or "all N matching the filters" — then the server selects by the
 * filters, rows not loaded yet included. The selection belongs to one set of filters: when
 * `filterKey` changes it starts empty, so an action never hits rows the user no longer sees.
 */
import { useCallback, useMemo, useState } from 'react';

export type SelectionMode = 'ids' | 'filter';

export interface StatementSelection {
  mode: SelectionMode;
  /** The selected rows shown (mode ids), or every row shown (mode filter). */
  ids: string[];
  /** How many statements the action would take. */
  count: number;
  isSelected: (id: string) => boolean;
  toggle: (id: string) => void;
  allShownSelected: boolean;
  someShownSelected: boolean;
  /** Ticks every shown row, or unticks them all when all are ticked. */
  toggleAllShown: () => void;
  /** Offered once every shown row is ticked and more match than are shown. */
  canSelectAllMatching: boolean;
  selectAllMatching: () => void;
  clear: () => void;
}

interface State {
  key: string;
  picked: ReadonlySet<string>;
  allMatching: boolean;
}

export function useStatementSelection(
  shownIds: readonly string[],
  /** How many statements match the filters in all; null when not known. */
  total: number | null,
  filterKey: string,
): StatementSelection {
  const [state, setState] = useState<State>({ key: filterKey, picked: new Set(), allMatching: false });
  // A selection made under other filters is no selection.
  const current: State =
    state.key === filterKey ? state : { key: filterKey, picked: new Set(), allMatching: false };

  const matchingBeyondShown = total !== null && total > shownIds.length;
  const filterMode = current.allMatching && matchingBeyondShown;
  const ids = useMemo(
    () => (current.allMatching ? [...shownIds] : shownIds.filter((id) => current.picked.has(id))),
    [current.allMatching, current.picked, shownIds],
  );
  const allShownSelected = shownIds.length > 0 && ids.length === shownIds.length;

  const toggle = useCallback(
    (id: string) =>
      setState((s) => {
        const base =
          s.key === filterKey ? s : { key: filterKey, picked: new Set<string>(), allMatching: false };
        // Unticking a row of "all matching" keeps the other shown rows ticked.
        const picked = new Set(base.allMatching ? shownIds : base.picked);
        if (picked.has(id)) picked.delete(id);
        else picked.add(id);
        return { key: filterKey, picked, allMatching: false };
      }),
    [filterKey, shownIds],
  );

  const toggleAllShown = useCallback(
    () =>
      setState(() =>
        allShownSelected
          ? { key: filterKey, picked: new Set(), allMatching: false }
          : { key: filterKey, picked: new Set(shownIds), allMatching: false },
      ),
    [allShownSelected, filterKey, shownIds],
  );

  const selectAllMatching = useCallback(
    () => setState({ key: filterKey, picked: new Set(shownIds), allMatching: true }),
    [filterKey, shownIds],
  );
  const clear = useCallback(
    () => setState({ key: filterKey, picked: new Set(), allMatching: false }),
    [filterKey],
  );

  return {
    mode: filterMode ? 'filter' : 'ids',
    ids,
    count: filterMode ? (total ?? ids.length) : ids.length,
    isSelected: (id) => current.allMatching || current.picked.has(id),
    toggle,
    allShownSelected,
    someShownSelected: ids.length > 0 && !allShownSelected,
    toggleAllShown,
    canSelectAllMatching: allShownSelected && !filterMode && matchingBeyondShown,
    selectAllMatching,
    clear,
  };
}
