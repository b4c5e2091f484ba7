/**
 * Settings: the monthly schedule that generates the previous month's statements (admins change
 * it as "Day 1 of every month at 06:00 in Europe/Berlin", or as cron under Advanced; everyone sees
 * it and its next run, in the schedule's zone), the user's own job e-mail preference and password.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { api, errorMessage, type ScheduleDto } from '../api.js';
import { useAuth } from '../auth.js';
import { ChangePasswordForm } from '../components/ChangePasswordForm.js';
import { CompanyDetailsSection } from '../components/CompanyDetailsSection.js';
import { LoadState } from '../components/LoadState.js';
import { NotifyPreference } from '../components/NotifyPreference.js';
import { NextRun, type NextRunState, TimeZoneSelect } from '../components/ScheduleFields.js';
import { queryKeys, scheduleQuery } from '../queries.js';
import {
  LAST_SIMPLE_DAY,
  parseSimpleCron,
  previewNextRun,
  type SimpleSchedule,
  simpleCron,
} from '../schedule.js';
import { useTitle } from '../useTitle.js';

/** The form's state: the simple sentence's fields, or the cron text when `advanced`. */
interface ScheduleDraft extends SimpleSchedule {
  enabled: boolean;
  advanced: boolean;
  /** The day or time changed since the sentence was shown. */
  sentenceEdited: boolean;
  cron: string;
  timezone: string;
}

function draftOf(s: ScheduleDto): ScheduleDraft {
  const simple = parseSimpleCron(s.cron);
  return {
    enabled: s.enabled,
    // An expression the sentence cannot say opens as cron, untouched.
    advanced: simple === null,
    sentenceEdited: false,
    day: simple?.day ?? 1,
    time: simple?.time ?? '06:00',
    cron: s.cron,
    timezone: s.timezone,
  };
}

const cronOf = (d: ScheduleDraft): string | null => (d.advanced ? d.cron.trim() || null : simpleCron(d));

const missing = (d: ScheduleDraft) => (d.advanced ? 'Enter a cron expression.' : 'Enter a time like 06:00.');

/**
 * The saved schedule's next run as the server computed it, or, while the form differs from what
 * is saved, a preview of what saving will give. Shown in the form's zone (the saved one until
 * changed).
 */
function nextRunShown(form: ScheduleDraft, saved: ScheduleDto): NextRunState {
  if (!form.enabled) return { kind: 'off' };
  const cron = cronOf(form);
  if (cron === saved.cron && form.timezone === saved.timezone && saved.enabled) {
    return { kind: 'saved', at: saved.nextRunAt };
  }
  if (!cron) return { kind: 'problem', message: missing(form) };
  const preview = previewNextRun(cron, form.timezone);
  return 'at' in preview
    ? { kind: 'preview', at: preview.at }
    : { kind: 'problem', message: preview.problem };
}

const DAYS = Array.from({ length: LAST_SIMPLE_DAY }, (_, i) => i + 1);

export function ScheduleSection() {
  const id = useId();
  const { can } = useAuth();
  const editable = can('settings:edit');
  const client = useQueryClient();
  const schedule = useQuery(scheduleQuery());
  const { data } = schedule;
  const loading = schedule.isPending;
  const error = schedule.error ? errorMessage(schedule.error) : null;
  const [form, setForm] = useState<ScheduleDraft | null>(null);
  const [saved, setSaved] = useState(false);
  const saving = useMutation({
    mutationFn: api.updateSchedule,
    onSuccess: (next) => {
      client.setQueryData(queryKeys.schedule, next);
      setSaved(true);
    },
  });
  /** A problem found before sending (no time, no expression), shown like the server's refusals. */
  const [formError, setFormError] = useState<string | null>(null);
  const save = {
    busy: saving.isPending,
    error: formError ?? (saving.error ? errorMessage(saving.error) : null),
    setError: setFormError,
  };

  useEffect(() => {
    if (data) setForm(draftOf(data));
  }, [data]);

  function change(patch: Partial<ScheduleDraft>) {
    if (!form) return;
    setSaved(false);
    setFormError(null);
    setForm({ ...form, ...patch });
  }

  function toggleAdvanced() {
    if (!form) return;
    if (form.advanced) {
      // To the sentence: it takes the expression over when it can say it.
      change({ advanced: false, sentenceEdited: false, ...(parseSimpleCron(form.cron.trim()) ?? {}) });
    } else {
      // To cron: the sentence, unless it was only looked at (an expression it cannot say stays).
      const keep = !form.sentenceEdited && !parseSimpleCron(form.cron.trim());
      change({ advanced: true, cron: keep ? form.cron : (simpleCron(form) ?? form.cron) });
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!form || !data) return;
    const cron = cronOf(form);
    if (!cron) {
      save.setError(missing(form));
      return;
    }
    setSaved(false);
    saving.mutate({
      enabled: form.enabled,
      cron,
      timezone: form.timezone,
      // Not edited here; sent so that saving keeps it.
      calculationType: data.calculationType,
    });
  }

  const nextRun = form && data ? nextRunShown(form, data) : null;
  const replaces = form && !form.advanced && data && !parseSimpleCron(data.cron) ? data.cron : null;

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
        <form onSubmit={submit} aria-label="Monthly schedule" noValidate>
          <fieldset disabled={!editable || save.busy} className="plain-fieldset">
            <div className="field-check">
              <input
                id={`${id}-enabled`}
                type="checkbox"
                checked={form.enabled}
                onChange={(e) => change({ enabled: e.target.checked })}
              />
              <label htmlFor={`${id}-enabled`}>Generate last month's statements on a schedule</label>
            </div>
            <fieldset className="plain-fieldset schedule-when">
              <legend className="visually-hidden">When it runs</legend>
              {form.advanced ? (
                <span className="schedule-part">
                  <label htmlFor={`${id}-cron`}>Cron expression</label>
                  <input
                    id={`${id}-cron`}
                    className="input-cron"
                    value={form.cron}
                    spellCheck={false}
                    autoComplete="off"
                    onChange={(e) => change({ cron: e.target.value })}
                    aria-describedby={`${id}-when-hint`}
                  />
                </span>
              ) : (
                <>
                  <span className="schedule-part">
                    <label htmlFor={`${id}-day`}>Day</label>
                    <select
                      id={`${id}-day`}
                      value={form.day}
                      onChange={(e) => change({ day: Number(e.target.value), sentenceEdited: true })}
                      aria-describedby={`${id}-when-hint`}
                    >
                      {DAYS.map((d) => (
                        <option key={d} value={d}>
                          {d}
                        </option>
                      ))}
                    </select>
                  </span>
                  <span className="schedule-part">
                    <span>of every month at</span>
                    <input
                      id={`${id}-time`}
                      type="time"
                      aria-label="Time"
                      required
                      value={form.time}
                      onChange={(e) => change({ time: e.target.value, sentenceEdited: true })}
                    />
                  </span>
                </>
              )}
              <span className="schedule-part">
                <span>in</span>
                <TimeZoneSelect
                  id={`${id}-tz`}
                  value={form.timezone}
                  onChange={(timezone) => change({ timezone })}
                />
              </span>
            </fieldset>
            <p id={`${id}-when-hint`} className="hint">
              {form.advanced
                ? 'minute hour day month weekday, read in the time zone chosen — "0 6 1 * *" is 06:00 on the 1st of every month.'
                : `Days 1–${LAST_SIMPLE_DAY}: every month has them, so no month is skipped. A run generates the whole previous month, so an early day gets statements out soonest.`}
              {replaces ? ` Saving replaces the expression "${replaces}".` : null}
            </p>
            <p>
              <button type="button" className="link-button" onClick={toggleAdvanced}>
                {form.advanced ? 'Use the simple form' : 'Advanced: use a cron expression'}
              </button>
            </p>
          </fieldset>
          {nextRun ? <NextRun state={nextRun} timeZone={form.timezone} /> : null}
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
      <CompanyDetailsSection />
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
