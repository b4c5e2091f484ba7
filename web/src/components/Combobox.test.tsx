import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Combobox, type ComboboxOption } from './Combobox.js';

const OPTIONS: ComboboxOption[] = [
  { value: '1', label: 'Ann Lee', detail: 'ann@example.com', meta: '2 properties' },
  { value: '2', label: 'José Núñez', detail: 'jose@example.org', meta: '1 property', keywords: ['hx-77'] },
  { value: '3', label: 'Ann Lee', detail: 'ann.lee@other.net', meta: '5 properties' },
];

function Harness({
  options = OPTIONS,
  onChange = () => undefined,
  initial = '',
  emptyLabel,
  maxShown,
}: {
  options?: ComboboxOption[];
  onChange?: (value: string) => void;
  initial?: string;
  emptyLabel?: string;
  maxShown?: number;
}) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <label htmlFor="owner">Owner</label>
      <Combobox
        id="owner"
        label="Owners"
        options={options}
        value={value}
        emptyLabel={emptyLabel}
        maxShown={maxShown}
        onChange={(v) => {
          setValue(v);
          onChange(v);
        }}
      />
      <output aria-label="chosen">{value}</output>
      <button type="button">Next</button>
    </>
  );
}

const setup = (props: Parameters<typeof Harness>[0] = {}) => {
  const user = userEvent.setup();
  render(<Harness {...props} />);
  const input = screen.getByRole('combobox', { name: 'Owner' });
  const list = screen.getByRole('listbox', { name: 'Owners', hidden: true });
  const texts = () =>
    within(list)
      .queryAllByRole('option')
      .map((o) => o.textContent);
  const active = () => {
    const id = input.getAttribute('aria-activedescendant');
    return id ? document.getElementById(id) : null;
  };
  return { user, input, list, texts, active };
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Combobox', () => {
  it('is an ARIA combobox: collapsed input controlling a listbox, opened with ↓', async () => {
    const { user, input, list, active } = setup();
    expect(input).toHaveAttribute('aria-expanded', 'false');
    expect(input).toHaveAttribute('aria-autocomplete', 'list');
    expect(input).toHaveAttribute('aria-controls', list.id);
    expect(list).not.toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.tab({ shift: true });
    expect(input).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(input).toHaveAttribute('aria-expanded', 'true');
    expect(list).toBeVisible();
    expect(active()).toHaveTextContent('Ann Lee2 propertiesann@example.com');
    expect(active()).toHaveAttribute('aria-selected', 'true');
    expect(input).toHaveFocus(); // focus never leaves the input
  });

  it('moves with ↓ and ↑, picks with Enter, and shows the choice', async () => {
    const onChange = vi.fn();
    const { user, input, active } = setup({ onChange });
    await user.click(input);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(active()).toHaveTextContent('ann.lee@other.net');
    await user.keyboard('{ArrowDown}'); // stays on the last
    expect(active()).toHaveTextContent('ann.lee@other.net');
    await user.keyboard('{ArrowUp}');
    expect(active()).toHaveTextContent('José Núñez');
    await user.keyboard('{Enter}');
    expect(onChange).toHaveBeenCalledWith('2');
    expect(input).toHaveValue('José Núñez');
    expect(input).toHaveAttribute('aria-expanded', 'false');
    expect(input).not.toHaveAttribute('aria-activedescendant');
  });

  it('filters by name, e-mail or keyword as you type, ignoring case and accents', async () => {
    const { user, input, texts } = setup();
    await user.type(input, 'other');
    expect(texts()).toEqual(['Ann Lee5 propertiesann.lee@other.net']);
    await user.clear(input);
    await user.type(input, 'jose nunez');
    expect(texts()).toEqual(['José Núñez1 propertyjose@example.org']);
    await user.clear(input);
    await user.type(input, 'HX-77');
    expect(texts()).toHaveLength(1);
    await user.clear(input);
    await user.type(input, '3'); // the value (an id) is found too
    expect(texts()).toEqual(['Ann Lee5 propertiesann.lee@other.net']);
    await user.clear(input);
    await user.type(input, 'zzz');
    expect(texts()).toEqual([]);
    expect(screen.getByText('Nothing matches “zzz”.')).toBeInTheDocument();
  });

  it('highlights the first match, so typing then Enter picks it', async () => {
    const onChange = vi.fn();
    const { user, input } = setup({ onChange });
    await user.type(input, 'ann.lee{Enter}');
    expect(onChange).toHaveBeenCalledWith('3');
  });

  it('closes on Escape without choosing, and leaves that Escape to no one else', async () => {
    const onChange = vi.fn();
    const outer = vi.fn();
    const onEscape = (e: KeyboardEvent) => {
      if (e.key === 'Escape') outer();
    };
    document.addEventListener('keydown', onEscape);
    try {
      const { user, input } = setup({ onChange, initial: '1' });
      await user.click(input);
      await user.keyboard('{ArrowDown}');
      expect(input).toHaveAttribute('aria-expanded', 'true');
      await user.keyboard('{Escape}');
      expect(input).toHaveAttribute('aria-expanded', 'false');
      expect(outer).not.toHaveBeenCalled(); // a dialog around it stays open
      expect(input).toHaveValue('Ann Lee');
      await user.keyboard('{Escape}'); // closed: now the dialog may close
      expect(outer).toHaveBeenCalledTimes(1);
      expect(onChange).not.toHaveBeenCalled();
    } finally {
      document.removeEventListener('keydown', onEscape);
    }
  });

  it('reverts what was typed when leaving with Tab, and a click on an option picks it', async () => {
    const onChange = vi.fn();
    const { user, input } = setup({ onChange, initial: '2' });
    await user.clear(input);
    await user.type(input, 'ann');
    await user.tab();
    expect(input).toHaveValue('José Núñez');
    expect(onChange).not.toHaveBeenCalled();

    await user.click(input);
    await user.click(screen.getByRole('option', { name: /ann\.lee@other\.net/ }));
    expect(onChange).toHaveBeenCalledWith('3');
    expect(screen.getByRole('status', { name: 'chosen' })).toHaveTextContent('3');
  });

  it('lists the "none" choice first and sends "" for it', async () => {
    const onChange = vi.fn();
    const { user, input, texts } = setup({ onChange, initial: '1', emptyLabel: 'All owners' });
    await user.click(input);
    expect(texts()[0]).toBe('All owners');
    await user.keyboard('{ArrowUp}{Enter}');
    expect(onChange).toHaveBeenCalledWith('');
    expect(input).toHaveValue('All owners');
  });

  it('cuts long lists, saying how many more typing can reach', async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ value: String(i), label: `Owner ${i}` }));
    const { user, input, texts } = setup({ options: many, maxShown: 10 });
    await user.click(input);
    expect(texts()).toHaveLength(10);
    expect(screen.getByText('20 more — keep typing to narrow the list.')).toBeInTheDocument();
    await user.type(input, 'Owner 29');
    expect(texts()).toEqual(['Owner 29']);
  });
});
