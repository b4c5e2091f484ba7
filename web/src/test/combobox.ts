/** Test helper: choose an option of a Combobox the way a user does (type, then click it). */
import { screen } from '@testing-library/react';
import type { userEvent } from '@testing-library/user-event';
import { expect } from 'vitest';

type User = ReturnType<typeof userEvent.setup>;

/** Types `text` (if any) into `combobox` and clicks the option named `name`. */
export async function chooseOption(user: User, combobox: HTMLElement, name: RegExp, text = '') {
  await user.click(combobox);
  if (text) {
    await user.clear(combobox);
    await user.type(combobox, text);
  }
  await user.click(await screen.findByRole('option', { name }));
  expect(combobox).toHaveAttribute('aria-expanded', 'false');
}
