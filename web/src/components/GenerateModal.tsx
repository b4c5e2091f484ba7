/**
 * The spec's Generate Statement modal. "Generate All Owner Statements" sends ownerId "all" and
 * gets a 202 with a background job; one owner (optionally one property) gets a 201 at once. The
 * form is disabled while the request runs; success closes the modal with a notice, an error keeps
 * it open. Owner and property are searchable pickers (name, e-mail, id); the fields are checked
 * before sending, each problem said under its field, and so are the API's validation errors.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { api, type CalculationType, errorMessage, type GenerateOutcome } from '../api.js';
import { explainError, isExplained } from '../errorText.js';
import { type FieldErrors, invalidFields, mapApiError } from '../fieldErrors.js';
import { formatPeriod, monthRange } from '../format.js';
import { checkPeriod, endDateBounds, onlyErrors } from '../formChecks.js';
import { countsInWords } from '../jobText.js';
import { CALCULATION_TYPE_WORDS } from '../labels.js';
import { propertiesQuery, statementsChanged, tagsQuery } from '../queries.js';
import { Combobox } from './Combobox.js';
import { Dialog } from './Dialog.js';
import { describedBy, FieldError, focusFirst } from './FieldError.js';
import type { NoticeInput } from './Notices.js';
import { ownerOptions, propertyOptions } from './pickerOptions.js';
import { Spinner } from './Spinner.js';
import { useOwners } from './useOwners.js';

export const BULK_NOTICE: NoticeInput = {
  tone: 'info',
  title: '🚀 Bulk Statement Generation Started!',
  lines: [
    'This process is running in the background and may take several minutes to complete.',
    '✅ You can close this window and check back later.',
    '📊 The statements will appear in the list once generation is complete.',
    'Tip: Progress shows live below — no need to refresh the page.',
  ],
};

export const SUCCESS_TITLE = '✅ Statement generated successfully';
const WITH_ERRORS_TITLE = '⚠ Statements generated with errors';

/** Error lines listed at most in a notice; the rest are on the statements list. */
const MAX_ERROR_LINES = 5;

function noticeFor(outcome: GenerateOutcome): NoticeInput {
  switch (outcome.kind) {
    case 'job':
      return { ...BULK_NOTICE, jobId: outcome.jobId };
    case 'statement': {
      const s = outcome.statement;
      return {
        tone: 'success',
        title: SUCCESS_TITLE,
        lines: [`${s.propertyName ?? s.propertyId} · ${formatPeriod(s.periodStart, s.periodEnd)}`],
      };
    }
    case 'owner': {
      const counts = countsInWords(
        {
          generated: outcome.statements.length,
          skipped: outcome.skipped.length,
          errors: outcome.errors.length,
        },
        null,
      );
      const errors = outcome.errors
        .slice(0, MAX_ERROR_LINES)
        .map(
          (e) =>
            `${e.propertyName}: ${e.error}${e.code && isExplained(e.code) ? ` — ${explainError(e.code).next}` : ''}`,
        );
      return {
        tone: outcome.errors.length > 0 ? 'warning' : 'success',
        title: outcome.errors.length > 0 ? WITH_ERRORS_TITLE : SUCCESS_TITLE,
        lines: [counts, ...errors],
      };
    }
  }
}

const CALCULATION_TYPES = (Object.keys(CALCULATION_TYPE_WORDS) as CalculationType[]).map((value) => ({
  value,
  label: CALCULATION_TYPE_WORDS[value].label,
}));

/** The request's fields, in the form's order (the first invalid one gets the focus). */
type Field = 'ownerId' | 'propertyId' | 'tag' | 'startDate' | 'endDate' | 'calculationType';
const FIELDS: readonly Field[] = ['ownerId', 'propertyId', 'tag', 'startDate', 'endDate', 'calculationType'];
const INPUT_SUFFIX: Record<Field, string> = {
  ownerId: 'owner',
  propertyId: 'property',
  tag: 'tag',
  startDate: 'start',
  endDate: 'end',
  calculationType: 'calc',
};

export interface GenerateModalProps {
  onClose: () => void;
  /** Shows a notice in the layout (the spec's alerts). */
  onNotice: (notice: NoticeInput) => void;
  /** A background job started (202): follow its progress (its events refresh the lists). */
  onJobStarted?: (jobId: string) => void;
  /** Pre-selected owner, e.g. the dashboard's owner filter. */
  initialOwnerId?: string;
}

export function GenerateModal({ onClose, onNotice, onJobStarted, initialOwnerId }: GenerateModalProps) {
  const id = useId();
  const [all, setAll] = useState(false);
  const [ownerId, setOwnerId] = useState(initialOwnerId ?? '');
  const [propertyId, setPropertyId] = useState('');
  const [period, setPeriod] = useState(() => monthRange(-1));
  const [calculationType, setCalculationType] = useState<CalculationType>('checkout');
  const owners = useOwners();
  const [tag, setTag] = useState('');
  const client = useQueryClient();
  // The tag picker appears with "Generate All": the tags are loaded the first time it is checked.
  const tagsRead = useQuery({ ...tagsQuery(), enabled: all });
  const tags = tagsRead.data?.tags;
  const propertiesRead = useQuery({ ...propertiesQuery(ownerId), enabled: ownerId !== '' });
  const properties = ownerId ? propertiesRead.data?.properties : undefined;
  const loadError = tagsRead.error
    ? `Cannot load tags: ${errorMessage(tagsRead.error)}`
    : propertiesRead.error && ownerId
      ? `Cannot load properties: ${errorMessage(propertiesRead.error)}`
      : null;
  const [error, setError] = useState<string | null>(null);
  /** What the server refused, under its fields; cleared by the next change. */
  const [serverErrors, setServerErrors] = useState<FieldErrors<Field>>({});
  /** The checks show after a first try to submit, and for the dates as soon as they are edited. */
  const [submitted, setSubmitted] = useState(false);
  const [datesEdited, setDatesEdited] = useState(false);
  const focusAfterBusy = useRef<Field[]>([]);
  const inputId = (field: Field) => `${id}-${INPUT_SUFFIX[field]}`;
  const errorId = (field: Field) => `${inputId(field)}-error`;

  const clientErrors = useMemo(
    () =>
      onlyErrors<FieldErrors<Field>>({
        ownerId: !all && !ownerId ? 'Choose an owner, or check “Generate All Owner Statements”.' : undefined,
        ...checkPeriod(period.start, period.end),
      }),
    [all, ownerId, period],
  );
  const fieldErrors: FieldErrors<Field> = {
    ...serverErrors,
    ...(submitted
      ? clientErrors
      : datesEdited
        ? { startDate: clientErrors.startDate, endDate: clientErrors.endDate }
        : {}),
  };
  const fieldProps = (field: Field) => describedBy(errorId(field), fieldErrors[field]);
  const ownerChoices = useMemo(() => ownerOptions(owners.owners), [owners.owners]);
  const propertyChoices = useMemo(() => (properties ? propertyOptions(properties) : null), [properties]);

  // The server's field errors arrive while the form is disabled: focus the first once it is not.
  useEffect(() => {
    if (busy || focusAfterBusy.current.length === 0) return;
    focusFirst(focusAfterBusy.current.map(inputId));
    focusAfterBusy.current = [];
  });

  function edited() {
    setServerErrors({});
    setError(null);
  }

  const generate = useMutation({
    mutationFn: api.generate,
    onSuccess: (outcome) => {
      onNotice(noticeFor(outcome));
      if (outcome.kind === 'job') onJobStarted?.(outcome.jobId);
      else void statementsChanged(client);
      onClose();
    },
    onError: (e) => {
      // The API's refusals go under the fields this form shows; the rest is said for the form.
      const visible = FIELDS.filter((f) => (all ? f !== 'ownerId' && f !== 'propertyId' : f !== 'tag'));
      const mapped = mapApiError(e, visible);
      setServerErrors(mapped.fields);
      setError(mapped.form);
      focusAfterBusy.current = invalidFields(mapped.fields, FIELDS);
    },
  });
  const busy = generate.isPending;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    const invalid = invalidFields(clientErrors, FIELDS);
    if (invalid.length > 0) {
      setError(null);
      focusFirst(invalid.map(inputId));
      return;
    }
    setError(null);
    setServerErrors({});
    generate.mutate({
      ownerId: all ? 'all' : ownerId,
      ...(!all && propertyId ? { propertyId } : {}),
      ...(all && tag ? { tag } : {}),
      startDate: period.start,
      endDate: period.end,
      calculationType,
    });
  }

  return (
    <Dialog title="Generate Statement" onClose={onClose} closable={!busy} className="generate-modal">
      <form onSubmit={submit} noValidate>
        <fieldset disabled={busy} className="plain-fieldset">
          <div className="field-check">
            <input
              id={`${id}-all`}
              type="checkbox"
              checked={all}
              onChange={(e) => {
                setAll(e.target.checked);
                edited();
              }}
            />
            <label htmlFor={`${id}-all`}>Generate All Owner Statements</label>
          </div>

          {all ? (
            <>
              <p className="hint">
                {tag
                  ? `Only the properties tagged “${tag}” are generated in the background.`
                  : "Every owner's properties are generated in the background."}
              </p>
              <div className="field">
                <label htmlFor={`${id}-tag`}>Only properties tagged …</label>
                <select
                  id={`${id}-tag`}
                  value={tag}
                  {...fieldProps('tag')}
                  onChange={(e) => {
                    setTag(e.target.value);
                    edited();
                  }}
                >
                  <option value="">{tags ? 'Any tag (all properties)' : 'Loading tags…'}</option>
                  {tags?.map((t) => (
                    <option key={t.tag} value={t.tag}>
                      {t.tag} ({t.propertyCount} {t.propertyCount === 1 ? 'property' : 'properties'})
                    </option>
                  ))}
                </select>
                <FieldError id={errorId('tag')} message={fieldErrors.tag} />
              </div>
            </>
          ) : (
            <div className="field-row">
              <div className="field">
                <label htmlFor={`${id}-owner`}>Owner</label>
                <Combobox
                  id={`${id}-owner`}
                  label="Owners"
                  options={owners.loading && owners.owners.length === 0 ? null : ownerChoices}
                  value={ownerId}
                  placeholder="Type a name or e-mail"
                  loadingText="Loading owners…"
                  invalid={Boolean(fieldErrors.ownerId)}
                  describedBy={fieldProps('ownerId')['aria-describedby']}
                  onChange={(value) => {
                    setOwnerId(value);
                    setPropertyId('');
                    edited();
                  }}
                />
                <FieldError id={errorId('ownerId')} message={fieldErrors.ownerId} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-property`}>Property</label>
                <Combobox
                  id={`${id}-property`}
                  label="Properties"
                  options={ownerId ? propertyChoices : []}
                  value={propertyId}
                  emptyLabel="All properties of the owner"
                  loadingText="Loading properties…"
                  disabled={!ownerId}
                  invalid={Boolean(fieldErrors.propertyId)}
                  describedBy={fieldProps('propertyId')['aria-describedby']}
                  onChange={(value) => {
                    setPropertyId(value);
                    edited();
                  }}
                />
                <FieldError id={errorId('propertyId')} message={fieldErrors.propertyId} />
              </div>
            </div>
          )}

          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-start`}>Start date</label>
              <input
                id={`${id}-start`}
                type="date"
                value={period.start}
                required
                {...fieldProps('startDate')}
                onChange={(e) => {
                  setPeriod((p) => ({ ...p, start: e.target.value }));
                  setDatesEdited(true);
                  edited();
                }}
              />
              <FieldError id={errorId('startDate')} message={fieldErrors.startDate} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-end`}>End date</label>
              <input
                id={`${id}-end`}
                type="date"
                value={period.end}
                required
                {...endDateBounds(period.start)}
                {...fieldProps('endDate')}
                onChange={(e) => {
                  setPeriod((p) => ({ ...p, end: e.target.value }));
                  setDatesEdited(true);
                  edited();
                }}
              />
              <FieldError id={errorId('endDate')} message={fieldErrors.endDate} />
            </div>
          </div>
          <div className="presets">
            <button
              type="button"
              className="button-small"
              onClick={() => {
                setPeriod(monthRange(0));
                edited();
              }}
            >
              This month
            </button>
            <button
              type="button"
              className="button-small"
              onClick={() => {
                setPeriod(monthRange(-1));
                edited();
              }}
            >
              Last month
            </button>
          </div>

          <div className="field">
            <label htmlFor={`${id}-calc`}>Calculation type</label>
            <select
              id={`${id}-calc`}
              value={calculationType}
              {...fieldProps('calculationType')}
              onChange={(e) => {
                setCalculationType(e.target.value as CalculationType);
                edited();
              }}
            >
              {CALCULATION_TYPES.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
            <FieldError id={errorId('calculationType')} message={fieldErrors.calculationType} />
          </div>

          {owners.error && !all ? (
            <p role="alert" className="form-error">
              Cannot load owners: {owners.error}
            </p>
          ) : null}
          {loadError ? (
            <p role="alert" className="form-error">
              {loadError}
            </p>
          ) : null}
          {error ? (
            <p role="alert" className="form-error">
              {error}
            </p>
          ) : null}
          {busy ? (
            <p className="busy-line">
              <Spinner label={all ? 'Generating Statements for All Owners...' : 'Generating...'} />
            </p>
          ) : null}

          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button-primary">
              Generate
            </button>
          </div>
        </fieldset>
      </form>
    </Dialog>
  );
}
