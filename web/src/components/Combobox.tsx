/**
 * A searchable picker following the ARIA combobox pattern (list autocomplete, WAI-ARIA APG): a text
 * input with role="combobox" that filters a listbox as you type. Focus stays in the input; the
 * highlighted option is announced through aria-activedescendant. Keys: ↓/↑ open the list and move,
 * Enter picks, Escape closes (and only with the list closed reaches an enclosing dialog), Tab
 * leaves without changing the choice. Each option shows a name, a second line (an e-mail) and a
 * note on the right ("3 properties"); typing matches any of those and the option's keywords (ids).
 * A native <select> cannot do this: it neither searches by e-mail nor shows two lines.
 */
import { type KeyboardEvent, useEffect, useMemo, useState } from 'react';
import { matchesQuery } from '../naturalSort.js';
import './Combobox.css';

export interface ComboboxOption {
  value: string;
  /** The name, in bold. */
  label: string;
  /** A second line, e.g. the owner's e-mail. */
  detail?: string;
  /** A note on the right, e.g. "3 properties". */
  meta?: string;
  /** More text typing finds (ids, nicknames) without showing it. */
  keywords?: readonly string[];
  /** The input's text once chosen (default: the label), e.g. "Ann Lee (ann@example.com)". */
  selectedText?: string;
}

export interface ComboboxProps {
  /** The input's id: a <label htmlFor> names the combobox. */
  id: string;
  /** Names the list of options (the field's label). */
  label: string;
  /** null while loading. */
  options: readonly ComboboxOption[] | null;
  /** The chosen option's value; '' for none (or for the `emptyLabel` choice). */
  value: string;
  onChange: (value: string) => void;
  /** A first choice meaning "no value", e.g. "All owners". */
  emptyLabel?: string;
  placeholder?: string;
  /** Shown while `options` is null. */
  loadingText?: string;
  disabled?: boolean;
  invalid?: boolean;
  /** Ids of the hint or error below the field. */
  describedBy?: string;
  /** Longer lists are cut there, with a note to keep typing: hundreds of DOM rows help nobody. */
  maxShown?: number;
}

const EMPTY: ComboboxOption = { value: '', label: '' };

export function Combobox({
  id,
  label,
  options,
  value,
  onChange,
  emptyLabel,
  placeholder,
  loadingText = 'Loading…',
  disabled,
  invalid,
  describedBy,
  maxShown = 100,
}: ComboboxProps) {
  const listId = `${id}-listbox`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const [open, setOpen] = useState(false);
  /** What the user typed; null while the input shows the chosen option. */
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(-1);

  const selected = options?.find((o) => o.value === value);
  // An unknown value (not among the options once loaded) shows as itself rather than vanishing.
  const shownText = selected
    ? (selected.selectedText ?? selected.label)
    : value
      ? options === null
        ? ''
        : value
      : (emptyLabel ?? '');

  const { items, hidden } = useMemo(() => {
    const all = options ?? [];
    const typed = query?.trim() ?? '';
    const matching = typed ? all.filter((o) => matchesQuery(typed, optionTexts(o))) : all;
    const withEmpty =
      emptyLabel !== undefined && !typed ? [{ ...EMPTY, label: emptyLabel }, ...matching] : matching;
    return { items: withEmpty.slice(0, maxShown), hidden: Math.max(0, withEmpty.length - maxShown) };
  }, [options, query, emptyLabel, maxShown]);

  // Keep the highlighted option in view while moving with the arrows.
  useEffect(() => {
    if (!open || active < 0) return;
    document.getElementById(`${id}-option-${active}`)?.scrollIntoView?.({ block: 'nearest' });
  });

  function openList(at: number) {
    setOpen(true);
    setActive(Math.min(at, items.length - 1));
  }

  function close() {
    setOpen(false);
    setQuery(null);
    setActive(-1);
  }

  function choose(option: ComboboxOption) {
    close();
    if (option.value !== value) onChange(option.value);
  }

  const selectedIndex = () => items.findIndex((o) => o.value === value);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open || event.altKey) openList(Math.max(0, selectedIndex()));
        else setActive((a) => Math.min(a + 1, items.length - 1));
        return;
      case 'ArrowUp':
        event.preventDefault();
        if (!open) openList(selectedIndex() >= 0 ? selectedIndex() : items.length - 1);
        else setActive((a) => Math.max(a - 1, 0));
        return;
      case 'Enter': {
        if (!open) return; // Enter on a closed picker submits the form, as on any input.
        event.preventDefault();
        const option = items[active] ?? (items.length === 1 ? items[0] : undefined);
        if (option) choose(option);
        return;
      }
      case 'Escape':
        if (!open) return; // The dialog around it closes.
        event.preventDefault();
        event.stopPropagation();
        close();
        return;
      case 'Tab':
        if (open) close();
        return;
    }
  }

  const activeId = open && active >= 0 && active < items.length ? optionId(active) : undefined;
  const typed = query?.trim() ?? '';

  return (
    <div className={`combobox${open ? ' combobox-open' : ''}`}>
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy || undefined}
        placeholder={options === null ? loadingText : placeholder}
        disabled={disabled}
        value={query ?? shownText}
        // A long choice ("Name (e-mail)") may be cut by the field's width: the whole on hover.
        title={query === null && shownText ? shownText : undefined}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          // The first match is highlighted, so typing part of an e-mail then Enter picks it.
          setActive(e.target.value.trim() ? 0 : -1);
        }}
        onFocus={(e) => e.target.select()}
        onClick={() => {
          if (!open) openList(Math.max(0, selectedIndex()));
        }}
        onBlur={close}
        onKeyDown={onKeyDown}
      />
      <span className="combobox-arrow" aria-hidden="true">
        ▾
      </span>
      <div className="combobox-popup" hidden={!open}>
        <div
          id={listId}
          role="listbox"
          aria-label={label}
          // A click on an option must not blur the input first (which would close the list).
          onMouseDown={(e) => e.preventDefault()}
        >
          {open
            ? items.map((option, index) => (
                // The options are reached with the arrows from the input (aria-activedescendant), never
                // focused themselves; their click is the mouse's way to pick.
                // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the combobox input
                // biome-ignore lint/a11y/useKeyWithClickEvents: the input handles the keys
                <div
                  key={option.value || '(empty)'}
                  id={optionId(index)}
                  role="option"
                  aria-selected={index === active}
                  className={[
                    'combobox-option',
                    index === active ? 'combobox-option-active' : '',
                    option.value === value ? 'combobox-option-chosen' : '',
                  ].join(' ')}
                  onClick={() => choose(option)}
                  onMouseMove={() => setActive(index)}
                >
                  <span className="combobox-option-label">{option.label}</span>
                  {option.meta ? <span className="combobox-option-meta">{option.meta}</span> : null}
                  {option.detail ? <span className="combobox-option-detail">{option.detail}</span> : null}
                </div>
              ))
            : null}
        </div>
        {open && options === null ? <p className="combobox-note">{loadingText}</p> : null}
        {open && options !== null && items.length === 0 ? (
          <p className="combobox-note">{typed ? `Nothing matches “${typed}”.` : 'Nothing to choose.'}</p>
        ) : null}
        {open && hidden > 0 ? (
          <p className="combobox-note">{hidden} more — keep typing to narrow the list.</p>
        ) : null}
      </div>
    </div>
  );
}

function optionTexts(option: ComboboxOption): (string | undefined)[] {
  return [option.label, option.detail, option.value, ...(option.keywords ?? [])];
}
