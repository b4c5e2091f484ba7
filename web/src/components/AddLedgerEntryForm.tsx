/**
 * Records an expense or adjustment for a property (POST /api/expenses). Entries belong to the
 * property, not to a statement: a draft includes them once it is regenerated. The server offers
 * no edit or delete of entries, which the form says up front.
 */
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, errorMessage, type LedgerEntry } from '../api.js';
import { parseAmountToCents } from '../format.js';

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
  /** What the form refuses before asking the server. */
  const [invalid, setInvalid] = useState<string | null>(null);
  // No query to invalidate: the entry reaches the statement only when the draft is regenerated.
  const record = useMutation({
    mutationFn: api.createExpense,
    onSuccess: ({ entry }) => {
      onAdded(entry);
      setDescription('');
      setAmount('');
    },
  });
  const busy = record.isPending;
  const error = invalid ?? (record.error ? errorMessage(record.error) : null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const cents = parseAmountToCents(amount);
    if (cents === null) {
      setInvalid('Amount: enter a positive amount such as 125 or 125.50.');
      return;
    }
    if (!description.trim()) {
      setInvalid('Description: must not be empty.');
      return;
    }
    setInvalid(null);
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
          <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as typeof type)}>
            <option value="expense">Expense</option>
            <option value="adjustment">Adjustment</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>Date</label>
          <input
            id={`${id}-date`}
            type="date"
            required
            value={date}
            onChange={(e) => setDate(e.target.value)}
          />
        </div>
        <div className="field field-wide">
          <label htmlFor={`${id}-description`}>Description</label>
          <input
            id={`${id}-description`}
            type="text"
            required
            maxLength={500}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
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
            onChange={(e) => setAmount(e.target.value)}
          />
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
