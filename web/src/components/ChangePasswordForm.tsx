/**
 * Change my own password: the current one, the new one twice. The server checks the policy
 * (12+ characters, not a common password, not containing my e-mail) and ends my other sessions.
 */
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, type UserDto } from '../api.js';
import { checkNewPassword, checkRequired } from '../formChecks.js';
import { FieldError } from './FieldError.js';
import { useFieldErrors } from './useFieldErrors.js';

type Field = 'currentPassword' | 'newPassword' | 'confirm';
const FIELDS: readonly Field[] = ['currentPassword', 'newPassword', 'confirm'];
const INPUT: Record<Field, string> = { currentPassword: 'current', newPassword: 'new', confirm: 'confirm' };

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
  const fields = useFieldErrors(FIELDS, (field) => `${id}-${INPUT[field]}`);
  /** What is said for the form as a whole (an API error of no field here). */
  const [error, setError] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (passwords: { current: string; next: string }) =>
      api.changePassword(passwords.current, passwords.next),
    onSuccess: ({ user }) => {
      setCurrent('');
      setNext('');
      setConfirm('');
      onChanged?.(user);
    },
    onError: (e) =>
      setError(
        fields.fromApi(e, {
          labels: { currentPassword: currentLabel },
          codeFields: { wrong_current_password: 'currentPassword', weak_password: 'newPassword' },
        }),
      ),
  });
  const busy = change.isPending;
  const done = change.isSuccess;

  function submit(event: FormEvent) {
    event.preventDefault();
    change.reset();
    setError(null);
    const valid = fields.check({
      currentPassword: checkRequired(current, currentLabel),
      newPassword: checkNewPassword(next),
      confirm:
        checkNewPassword(next) === undefined && next !== confirm
          ? 'The repeated password differs from the new password.'
          : undefined,
    });
    if (!valid) return;
    change.mutate({ current, next });
  }

  return (
    <form onSubmit={submit} aria-label="Change password" noValidate>
      <fieldset disabled={busy} className="plain-fieldset">
        <div className="field">
          <label htmlFor={`${id}-current`}>{currentLabel}</label>
          <input
            id={`${id}-current`}
            type="password"
            autoComplete="current-password"
            required
            value={current}
            {...fields.aria('currentPassword')}
            onChange={(e) => {
              setCurrent(e.target.value);
              fields.clear('currentPassword');
            }}
          />
          <FieldError id={fields.errorId('currentPassword')} message={fields.errors.currentPassword} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-new`}>New password</label>
          <input
            id={`${id}-new`}
            type="password"
            autoComplete="new-password"
            required
            value={next}
            {...fields.aria('newPassword', `${id}-hint`)}
            onChange={(e) => {
              setNext(e.target.value);
              fields.clear('newPassword');
            }}
          />
          <span id={`${id}-hint`} className="hint">
            At least 12 characters; not a common password and not containing your e-mail.
          </span>
          <FieldError id={fields.errorId('newPassword')} message={fields.errors.newPassword} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-confirm`}>Repeat the new password</label>
          <input
            id={`${id}-confirm`}
            type="password"
            autoComplete="new-password"
            required
            value={confirm}
            {...fields.aria('confirm')}
            onChange={(e) => {
              setConfirm(e.target.value);
              fields.clear('confirm');
            }}
          />
          <FieldError id={fields.errorId('confirm')} message={fields.errors.confirm} />
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
