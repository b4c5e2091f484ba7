/**
 * "E-mail me when my jobs end": the signed-in user's own preference (PUT /api/auth/me/preferences).
 */
import { useState } from 'react';
import { api, errorMessage } from '../api.js';
import { useAuth } from '../auth.js';

export function NotifyPreference() {
  const { me } = useAuth();
  const [on, setOn] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!me) return null;
  const checked = on ?? me.user.notifyOnJobEnd;
  return (
    <div className="notify-preference">
      <div className="field-check">
        <input
          id="notify-on-job-end"
          type="checkbox"
          checked={checked}
          onChange={async (e) => {
            const next = e.target.checked;
            setOn(next);
            setError(null);
            try {
              const user = await api.updatePreferences({ notifyOnJobEnd: next });
              setOn(user.notifyOnJobEnd);
            } catch (err) {
              setOn(!next);
              setError(errorMessage(err));
            }
          }}
        />
        <label htmlFor="notify-on-job-end">E-mail me when my jobs end</label>
      </div>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
