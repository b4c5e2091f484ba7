/**
 * A password shown once (a new user's generated one, or a reset's one-time password), with a copy
 * button: the admin passes it on, so copying it whole beats retyping it.
 */
import { useRef } from 'react';
import { CopyButton } from './CopyButton.js';

export function OneTimePassword({
  email,
  password,
  oneTime,
  onDismiss,
}: {
  email: string;
  password: string;
  /** A reset's password: the user must choose a new one at sign-in. */
  oneTime: boolean;
  onDismiss: () => void;
}) {
  const code = useRef<HTMLElement>(null);
  return (
    <div className="card generated-password" aria-live="polite">
      <p>
        {oneTime ? 'One-time password' : 'Password'} for <strong>{email}</strong> (shown only once — copy it
        now{oneTime ? '; they must choose a new one when they sign in' : ''}):
      </p>
      <p className="button-row">
        <code ref={code} className="secret">
          {password}
        </code>
        <CopyButton text={password} label="Copy password" source={code} />
      </p>
      <button type="button" className="button-small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
