/** Sign in with e-mail and password; the server answers with the session cookie. */
import { type FormEvent, useId, useState } from 'react';
import { errorMessage, isApiError } from '../api.js';
import { useAuth } from '../auth.js';
import { Spinner } from '../components/Spinner.js';
import { useTitle } from '../useTitle.js';

export function LoginPage({ notice }: { notice?: string }) {
  useTitle('Sign in');
  const { signIn } = useAuth();
  const id = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
    } catch (e) {
      setError(isApiError(e) && e.status === 401 ? 'Wrong e-mail or password.' : errorMessage(e));
      setBusy(false);
    }
  }

  return (
    <main className="login" id="main">
      <form className="login-card" onSubmit={(e) => void submit(e)}>
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
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>Password</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
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
