/**
 * Records an expense or adjustment for a property (POST /api/expenses). Entries belong to the
 * property, not to a statement: a draft includes them once it is regenerated. The server offers
 * no edit or delete of entries, which the form says up front.
 */
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, type LedgerEntry } from '../api.js';
import { parseAmountToCents } from '../format.js';
import { checkDate, checkRequired } from '../formChecks.js';
import { FieldError } from './FieldError.js';
import { useFieldErrors } from './useFieldErrors.js';

type Field = 'type' | 'date' | 'description' | 'amount';
const FIELDS: readonly Field[] = ['type', 'date', 'description', 'amount'];
const MAX_DESCRIPTION = 500;

export interface AddLedgerEntryFormProps {
  propertyId: string;
  currency: string;
  defaultDate: string;
  onAdded: (entry: LedgerEntry) => void;
}

export function AddLedgerEntryForm({ propertyId, currency, defaultDate, onAdded }: AddLedgerEntryFormProps) {
  const id = useId();
  const [type, setType] = useState<'expense' | 'adjustment'>('expense');
  const [date, setDate] = useState(defaultDate);
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState('');
  const fields = useFieldErrors(FIELDS, (field) => `${id}-${field}`);
  /** What is said for the form as a whole (an API error of no field here). */
  const [error, setError] = useState<string | null>(null);
  // No query to invalidate: the entry reaches the statement only when the draft is regenerated.
  const record = useMutation({
    mutationFn: api.createExpense,
    onSuccess: ({ entry }) => {
      onAdded(entry);
      setDescription('');
      setAmount('');
    },
    onError: (e) => setError(fields.fromApi(e)),
  });
  const busy = record.isPending;

  function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const cents = parseAmountToCents(amount);
    const valid = fields.check({
      date: checkDate(date, 'Date'),
      description:
        checkRequired(description, 'Description') ??
        (description.trim().length > MAX_DESCRIPTION
          ? `Description can be at most ${MAX_DESCRIPTION} characters.`
          : undefined),
      amount:
        cents === null
          ? amount.trim()
            ? 'Amount must be a positive amount such as 125 or 125.50.'
            : 'Enter the amount.'
          : undefined,
    });
    if (!valid || cents === null) return;
    record.mutate({ propertyId, date, description: description.trim(), amount: cents, type });
  }

  return (
    <form className="ledger-form" onSubmit={submit} noValidate>
      <h3>Add expense</h3>
      <p className="hint">
        Entries are recorded for the property and picked up when you regenerate this draft. They cannot be
        edited or deleted afterwards; to correct one, add an adjustment.
      </p>
      <fieldset disabled={busy} className="plain-fieldset field-row">
        <div className="field">
          <label htmlFor={`${id}-type`}>Type</label>
          <select
            id={`${id}-type`}
            value={type}
            {...fields.aria('type')}
            onChange={(e) => {
              setType(e.target.value as typeof type);
              fields.clear('type');
            }}
          >
            <option value="expense">Expense</option>
            <option value="adjustment">Adjustment</option>
          </select>
          <FieldError id={fields.errorId('type')} message={fields.errors.type} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>Date</label>
          <input
            id={`${id}-date`}
            type="date"
            required
            value={date}
            {...fields.aria('date')}
            onChange={(e) => {
              setDate(e.target.value);
              fields.clear('date');
            }}
          />
          <FieldError id={fields.errorId('date')} message={fields.errors.date} />
        </div>
        <div className="field field-wide">
          <label htmlFor={`${id}-description`}>Description</label>
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
          <label htmlFor={`${id}-amount`}>Amount ({currency})</label>
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
        <div className="field field-submit">
          <button type="submit">{type === 'expense' ? 'Add expense' : 'Add adjustment'}</button>
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
