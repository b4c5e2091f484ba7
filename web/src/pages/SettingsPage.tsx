/**
 * Settings: the monthly schedule that generates the previous month's statements (admins change
 * it; everyone sees it and its next run), the user's own job e-mail preference and password.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { api, errorMessage, type ScheduleDto } from '../api.js';
import { useAuth } from '../auth.js';
import { ChangePasswordForm } from '../components/ChangePasswordForm.js';
import { LoadState } from '../components/LoadState.js';
import { NotifyPreference } from '../components/NotifyPreference.js';
import { formatDateTime } from '../format.js';
import { queryKeys, scheduleQuery } from '../queries.js';
import { useTitle } from '../useTitle.js';

export function ScheduleSection() {
  const id = useId();
  const { can } = useAuth();
  const editable = can('settings:edit');
  const client = useQueryClient();
  const schedule = useQuery(scheduleQuery());
  const { data } = schedule;
  const loading = schedule.isPending;
  const error = schedule.error ? errorMessage(schedule.error) : null;
  const [form, setForm] = useState<Pick<ScheduleDto, 'enabled' | 'cron' | 'timezone'> | null>(null);
  const [saved, setSaved] = useState(false);
  const saving = useMutation({
    mutationFn: api.updateSchedule,
    onSuccess: (next) => {
      client.setQueryData(queryKeys.schedule, next);
      setSaved(true);
    },
  });
  const save = { busy: saving.isPending, error: saving.error ? errorMessage(saving.error) : null };

  useEffect(() => {
    if (data) setForm({ enabled: data.enabled, cron: data.cron, timezone: data.timezone });
  }, [data]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    setSaved(false);
    saving.mutate(form);
  }

  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Monthly generation</h2>
      <p className="hint">
        When the schedule fires, statements of the previous month are generated for all owners (like Generate
        All). Each month runs once, however many worker processes are running. Changes reach every worker
        within 30 seconds.
      </p>
      <LoadState loading={loading} error={error} what="the schedule" />
      {data && form ? (
        <form onSubmit={submit} aria-label="Monthly schedule">
          <div className="field field-check">
            <input
              id={`${id}-enabled`}
              type="checkbox"
              checked={form.enabled}
              disabled={!editable || save.busy}
              onChange={(e) => setForm({ ...form, enabled: e.target.checked })}
            />
            <label htmlFor={`${id}-enabled`}>Generate last month's statements on a schedule</label>
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-cron`}>Cron expression</label>
              <input
                id={`${id}-cron`}
                value={form.cron}
                readOnly={!editable}
                disabled={save.busy}
                onChange={(e) => setForm({ ...form, cron: e.target.value })}
                aria-describedby={`${id}-cron-hint`}
              />
              <span id={`${id}-cron-hint`} className="hint">
                minute hour day month weekday — "0 6 1 * *" is 06:00 on the 1st of every month
              </span>
            </div>
            <div className="field">
              <label htmlFor={`${id}-tz`}>Time zone</label>
              <input
                id={`${id}-tz`}
                value={form.timezone}
                readOnly={!editable}
                disabled={save.busy}
                onChange={(e) => setForm({ ...form, timezone: e.target.value })}
              />
            </div>
          </div>
          <p>
            Next run:{' '}
            <strong>{data.enabled && data.nextRunAt ? formatDateTime(data.nextRunAt) : 'off'}</strong>
          </p>
          {save.error ? (
            <p role="alert" className="form-error">
              {save.error}
            </p>
          ) : null}
          {saved && !save.error ? <p role="status">Schedule saved.</p> : null}
          {editable ? (
            <button type="submit" className="button-primary" disabled={save.busy}>
              {save.busy ? 'Saving...' : 'Save schedule'}
            </button>
          ) : (
            <p className="hint">Only admins change the schedule.</p>
          )}
        </form>
      ) : null}
    </section>
  );
}

export function SettingsPage() {
  useTitle('Settings');
  return (
    <>
      <h1>Settings</h1>
      <ScheduleSection />
      <section aria-labelledby="settings-notify-h">
        <h2 id="settings-notify-h">My notifications</h2>
        <NotifyPreference />
      </section>
      <section aria-labelledby="settings-password-h">
        <h2 id="settings-password-h">My password</h2>
        <ChangePasswordForm />
      </section>
    </>
  );
}
