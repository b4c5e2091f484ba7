import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StatementWarnings } from './StatementWarnings.js';

describe('StatementWarnings', () => {
  it('counts the warnings and explains each kind once, with the next step', () => {
    render(
      <StatementWarnings
        warnings={[
          { code: 'payout_mismatch', reservationId: '3', message: 'payout 550.00 differs' },
          { code: 'payout_mismatch', reservationId: '4', message: 'payout 10.00 differs' },
          { code: 'subtotal_mismatch', reservationId: '5', message: 'subtotal differs' },
        ]}
      />,
    );
    const region = screen.getByRole('status');
    expect(region).toHaveTextContent(/^3 reconciliation warnings:/);
    const items = within(screen.getByRole('list', { name: 'What the warnings mean' })).getAllByRole(
      'listitem',
    );
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^Payout mismatch \(2\): Hostify’s payout differs .* Compare the channel fees/),
      expect.stringMatching(/^Subtotal mismatch: Hostify’s subtotal differs/),
    ]);
  });

  it('shows nothing without warnings, and "1 reconciliation warning" for one', () => {
    const { container, rerender } = render(<StatementWarnings warnings={[]} />);
    expect(container).toBeEmptyDOMElement();
    rerender(
      <StatementWarnings warnings={[{ code: 'payout_mismatch', reservationId: '3', message: 'm' }]} />,
    );
    expect(screen.getByRole('status')).toHaveTextContent(/^1 reconciliation warning:/);
  });
});
