/**
 * Change my own password: the current one, the new one twice. The server checks the policy
 * (12+ characters, not a common password, not containing my e-mail) and ends my other sessions.
 */
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, errorMessage, type UserDto } from '../api.js';

export function ChangePasswordForm({
  currentLabel = 'Current password',
  onChanged,
}: {
  /** "One-time password" when the user signed in with one. */
  currentLabel?: string;
  onChanged?: (user: UserDto) => void;
}) {
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  /** What the form refuses before asking the server. */
  const [invalid, setInvalid] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (passwords: { current: string; next: string }) =>
      api.changePassword(passwords.current, passwords.next),
    onSuccess: ({ user }) => {
      setCurrent('');
      setNext('');
      setConfirm('');
      onChanged?.(user);
    },
  });
  const busy = change.isPending;
  const error = invalid ?? (change.error ? errorMessage(change.error) : null);
  const done = change.isSuccess;

  function submit(event: FormEvent) {
    event.preventDefault();
    change.reset();
    if (next !== confirm) {
      setInvalid('The new password and its confirmation differ.');
      return;
    }
    setInvalid(null);
    change.mutate({ current, next });
  }

  return (
    <form onSubmit={submit} aria-label="Change password">
      <fieldset disabled={busy} className="plain-fieldset">
        <div className="field">
          <label htmlFor={`${id}-current`}>{currentLabel}</label>
          <input
            id={`${id}-current`}
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-new`}>New password</label>
          <input
            id={`${id}-new`}
            type="password"
            autoComplete="new-password"
            required
            aria-describedby={`${id}-hint`}
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
          <span id={`${id}-hint`} className="hint">
            At least 12 characters; not a common password and not containing your e-mail.
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-confirm`}>Repeat the new password</label>
          <input
            id={`${id}-confirm`}
            type="password"
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
          />
        </div>
        <button type="submit" className="button-primary">
          Change password
        </button>
      </fieldset>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="hint">
          Password changed. Your other sessions were signed out.
        </p>
      ) : null}
    </form>
  );
}
