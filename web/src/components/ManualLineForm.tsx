/**
 * Adds a manual line to a draft on review: a description, a signed amount (negative deducts from
 * the owner's income) and whether the commission percent applies to it. The line is stored for
 * the property and period and the draft regenerated with it (useLineReview).
 */
import { type FormEvent, useId, useState } from 'react';
import type { StatementDto } from '../api.js';
import { formatMoney, parseAmountToCents } from '../format.js';
import { checkRequired } from '../formChecks.js';
import { FieldError } from './FieldError.js';
import { useNotices } from './Notices.js';
import { useFieldErrors } from './useFieldErrors.js';
import { useLineReview } from './useLineReview.js';
import './LineReview.css';

type Field = 'description' | 'amount' | 'countsTowardCommission';
const FIELDS: readonly Field[] = ['description', 'amount', 'countsTowardCommission'];
const MAX_DESCRIPTION = 500;
/**
 * The contract's limit (src/contract/line-review.ts), repeated: importing it would pull zod into
 * the bundle. ManualLineForm.test.tsx holds the two equal.
 */
export const MAX_MANUAL_AMOUNT = 10_000_000_000;

/** "45", "-45.50", "−1,250" as signed cents; null when it is no amount or 0. */
export function parseSignedCents(text: string): number | null {
  const trimmed = text.trim();
  const negative = /^[-−]/.test(trimmed);
  const cents = parseAmountToCents(negative ? trimmed.slice(1) : trimmed);
  if (cents === null) return null;
  return negative ? -cents : cents;
}

export function ManualLineForm({ statement }: { statement: StatementDto }) {
  const id = useId();
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState('');
  const [commission, setCommission] = useState(false);
  const fields = useFieldErrors(FIELDS, (field) => `${id}-${field}`);
  const [error, setError] = useState<string | null>(null);
  const { add } = useLineReview(statement.id);
  const { notify } = useNotices();
  const busy = add.isPending;

  function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const cents = parseSignedCents(amount);
    const valid = fields.check({
      description:
        checkRequired(description, 'Line description') ??
        (description.trim().length > MAX_DESCRIPTION
          ? `Line description can be at most ${MAX_DESCRIPTION} characters.`
          : undefined),
      amount:
        cents === null
          ? amount.trim()
            ? 'Line amount must be an amount other than 0, such as 125.50 or -40 for a deduction.'
            : 'Enter the line amount.'
          : Math.abs(cents) > MAX_MANUAL_AMOUNT
            ? `Line amount can be at most ${formatMoney(MAX_MANUAL_AMOUNT, statement.currency)} either way.`
            : undefined,
    });
    if (!valid || cents === null) return;
    const text = description.trim();
    add.mutate(
      { kind: 'manual', description: text, amount: cents, countsTowardCommission: commission },
      {
        onSuccess: () => {
          setDescription('');
          setAmount('');
          setCommission(false);
          notify({ tone: 'success', title: `Added the line “${text}”; the draft was regenerated` });
        },
        onError: (e) =>
          setError(fields.fromApi(e, { labels: { description: 'Line description', amount: 'Line amount' } })),
      },
    );
  }

  return (
    <form className="ledger-form manual-line-form" onSubmit={submit} noValidate>
      <h3>Add line</h3>
      <p className="hint">
        A line that is not a reservation: income, or a deduction with a minus sign. It is shown on the
        statement and the owner’s PDF, and kept when the draft is regenerated.
      </p>
      <fieldset disabled={busy} className="plain-fieldset field-row">
        <div className="field field-wide">
          <label htmlFor={`${id}-description`}>Line description</label>
          <input
            id={`${id}-description`}
            type="text"
            required
            maxLength={MAX_DESCRIPTION}
            value={description}
            {...fields.aria('description')}
            onChange={(e) => {
              setDescription(e.target.value);
              fields.clear('description');
            }}
          />
          <FieldError id={fields.errorId('description')} message={fields.errors.description} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-amount`}>Line amount ({statement.currency})</label>
          <input
            id={`${id}-amount`}
            type="text"
            inputMode="decimal"
            required
            placeholder="0.00"
            value={amount}
            {...fields.aria('amount')}
            onChange={(e) => {
              setAmount(e.target.value);
              fields.clear('amount');
            }}
          />
          <FieldError id={fields.errorId('amount')} message={fields.errors.amount} />
        </div>
        <div className="field field-check">
          <input
            id={`${id}-countsTowardCommission`}
            type="checkbox"
            checked={commission}
            onChange={(e) => setCommission(e.target.checked)}
          />
          <label htmlFor={`${id}-countsTowardCommission`}>Counts toward commission</label>
        </div>
        <div className="field field-submit">
          <button type="submit">{busy ? 'Adding…' : 'Add line'}</button>
        </div>
      </fieldset>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
