/**
 * The spec's Generate Statement modal. "Generate All Owner Statements" sends ownerId "all" and
 * gets a 202 with a background job; one owner (optionally one property) gets a 201 at once. The
 * form is disabled while the request runs; success closes the modal with a notice, an error keeps
 * it open with the server's message.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, type CalculationType, errorMessage, type GenerateOutcome } from '../api.js';
import { explainError, isExplained } from '../errorText.js';
import { formatPeriod, monthRange } from '../format.js';
import { countsInWords } from '../jobText.js';
import { CALCULATION_TYPE_WORDS } from '../labels.js';
import { ownersQuery, propertiesQuery, statementsChanged, tagsQuery } from '../queries.js';
import { Dialog } from './Dialog.js';
import type { NoticeInput } from './Notices.js';
import { Spinner } from './Spinner.js';

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
  const [tag, setTag] = useState('');
  const client = useQueryClient();
  const ownersRead = useQuery(ownersQuery());
  const owners = ownersRead.data?.owners;
  // The tag picker appears with "Generate All": the tags are loaded the first time it is checked.
  const tagsRead = useQuery({ ...tagsQuery(), enabled: all });
  const tags = tagsRead.data?.tags;
  const propertiesRead = useQuery({ ...propertiesQuery(ownerId), enabled: ownerId !== '' });
  const properties = ownerId ? propertiesRead.data?.properties : undefined;
  const loadError = ownersRead.error
    ? `Cannot load owners: ${errorMessage(ownersRead.error)}`
    : tagsRead.error
      ? `Cannot load tags: ${errorMessage(tagsRead.error)}`
      : propertiesRead.error && ownerId
        ? `Cannot load properties: ${errorMessage(propertiesRead.error)}`
        : null;
  /** What the form refuses before asking the server. */
  const [invalid, setInvalid] = useState<string | null>(null);
  const generate = useMutation({
    mutationFn: api.generate,
    onSuccess: (outcome) => {
      onNotice(noticeFor(outcome));
      if (outcome.kind === 'job') onJobStarted?.(outcome.jobId);
      else void statementsChanged(client);
      onClose();
    },
  });
  const busy = generate.isPending;
  const error = invalid ?? (generate.error ? errorMessage(generate.error) : null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!all && !ownerId) {
      setInvalid('Choose an owner, or check "Generate All Owner Statements".');
      return;
    }
    setInvalid(null);
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
                setInvalid(null);
                generate.reset();
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
                <select id={`${id}-tag`} value={tag} onChange={(e) => setTag(e.target.value)}>
                  <option value="">{tags ? 'Any tag (all properties)' : 'Loading tags…'}</option>
                  {tags?.map((t) => (
                    <option key={t.tag} value={t.tag}>
                      {t.tag} ({t.propertyCount} {t.propertyCount === 1 ? 'property' : 'properties'})
                    </option>
                  ))}
                </select>
              </div>
            </>
          ) : (
            <div className="field-row">
              <div className="field">
                <label htmlFor={`${id}-owner`}>Owner</label>
                <select
                  id={`${id}-owner`}
                  value={ownerId}
                  onChange={(e) => {
                    setOwnerId(e.target.value);
                    setPropertyId('');
                  }}
                >
                  <option value="">{owners ? 'Select an owner' : 'Loading owners…'}</option>
                  {owners?.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name || o.email}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-property`}>Property</label>
                <select
                  id={`${id}-property`}
                  value={propertyId}
                  onChange={(e) => setPropertyId(e.target.value)}
                  disabled={!ownerId}
                >
                  <option value="">All properties of the owner</option>
                  {properties?.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
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
                onChange={(e) => setPeriod((p) => ({ ...p, start: e.target.value }))}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-end`}>End date</label>
              <input
                id={`${id}-end`}
                type="date"
                value={period.end}
                required
                onChange={(e) => setPeriod((p) => ({ ...p, end: e.target.value }))}
              />
            </div>
          </div>
          <div className="presets">
            <button type="button" className="button-small" onClick={() => setPeriod(monthRange(0))}>
              This month
            </button>
            <button type="button" className="button-small" onClick={() => setPeriod(monthRange(-1))}>
              Last month
            </button>
          </div>

          <div className="field">
            <label htmlFor={`${id}-calc`}>Calculation type</label>
            <select
              id={`${id}-calc`}
              value={calculationType}
              onChange={(e) => setCalculationType(e.target.value as CalculationType)}
            >
              {CALCULATION_TYPES.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
          </div>

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
