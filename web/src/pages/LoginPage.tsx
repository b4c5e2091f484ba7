/** Sign in with e-mail and password; the server answers with the session cookie. */
import { type FormEvent, useId, useState } from 'react';
import { useAuth } from '../auth.js';
import { FieldError } from '../components/FieldError.js';
import { Spinner } from '../components/Spinner.js';
import { useFieldErrors } from '../components/useFieldErrors.js';
import { checkRequired } from '../formChecks.js';
import { useTitle } from '../useTitle.js';

const FIELDS = ['email', 'password'] as const;

export function LoginPage({ notice }: { notice?: string }) {
  useTitle('Sign in');
  const { signIn } = useAuth();
  const id = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fields = useFieldErrors(FIELDS, (field) => `${id}-${field}`);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (
      !fields.check({ email: checkRequired(email, 'E-mail'), password: checkRequired(password, 'Password') })
    ) {
      return;
    }
    setBusy(true);
    try {
      await signIn(email, password);
    } catch (e) {
      // A wrong password is the form's, not one field's: which of the two is wrong stays unsaid.
      setError(fields.fromApi(e));
      setBusy(false);
    }
  }

  return (
    <main className="login" id="main">
      <form className="login-card" onSubmit={(e) => void submit(e)} noValidate>
        <p className="brand">Owner Statements</p>
        <h1>Sign in</h1>
        {notice ? <p className="hint">{notice}</p> : null}
        <div className="field">
          <label htmlFor={`${id}-email`}>E-mail</label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="username"
            required
            value={email}
            {...fields.aria('email')}
            onChange={(e) => {
              setEmail(e.target.value);
              fields.clear('email');
            }}
          />
          <FieldError id={fields.errorId('email')} message={fields.errors.email} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>Password</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            {...fields.aria('password')}
            onChange={(e) => {
              setPassword(e.target.value);
              fields.clear('password');
            }}
          />
          <FieldError id={fields.errorId('password')} message={fields.errors.password} />
        </div>
        {error ? (
          <p role="alert" className="form-error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button-primary" disabled={busy}>
          Sign in
        </button>
        {busy ? <Spinner label="Signing in..." /> : null}
      </form>
    </main>
  );
}
