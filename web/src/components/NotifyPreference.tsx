/**
 * "E-mail me when my jobs end": the signed-in user's own preference (PUT /api/auth/me/preferences).
 * The box shows the choice at once; a refusal puts it back and says why.
 */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage } from '../api.js';
import { useAuth } from '../auth.js';

export function NotifyPreference() {
  const { me } = useAuth();
  /** The value last saved here (the session's `me` is as it was at sign-in). */
  const [saved, setSaved] = useState<boolean | null>(null);
  const save = useMutation({
    mutationFn: (notifyOnJobEnd: boolean) => api.updatePreferences({ notifyOnJobEnd }),
    onSuccess: (user) => setSaved(user.notifyOnJobEnd),
  });
  if (!me) return null;
  const checked = save.isPending ? save.variables : (saved ?? me.user.notifyOnJobEnd);
  return (
    <div className="notify-preference">
      <div className="field-check">
        <input
          id="notify-on-job-end"
          type="checkbox"
          checked={checked}
          onChange={(e) => save.mutate(e.target.checked)}
        />
        <label htmlFor="notify-on-job-end">E-mail me when my jobs end</label>
      </div>
      {save.error ? (
        <p role="alert" className="form-error">
          {errorMessage(save.error)}
        </p>
      ) : null}
    </div>
  );
}
