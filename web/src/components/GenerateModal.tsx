/**
 * The spec's Generate Statement modal. "Generate All Owner Statements" sends ownerId "all" and
 * gets a 202 with a background job; one owner (optionally one property) gets a 201 at once. The
 * form is disabled while the request runs; success closes the modal with a notice, an error keeps
 * it open with the server's message.
 */
import { type FormEvent, useEffect, useId, useState } from 'react';
import {
  api,
  type CalculationType,
  errorMessage,
  type GenerateOutcome,
  type Owner,
  type Property,
} from '../api.js';
import { formatPeriod, monthRange } from '../format.js';
import { CALCULATION_TYPE_WORDS } from '../labels.js';
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

/** Error lines listed at most in a notice; the rest are on the statements list. */
const MAX_ERROR_LINES = 5;

function noticeFor(outcome: GenerateOutcome): NoticeInput {
  switch (outcome.kind) {
    case 'job':
      return BULK_NOTICE;
    case 'statement': {
      const s = outcome.statement;
      return {
        tone: 'success',
        title: SUCCESS_TITLE,
        lines: [`${s.propertyName ?? s.propertyId} · ${formatPeriod(s.periodStart, s.periodEnd)}`],
      };
    }
    case 'owner': {
      const counts = `${outcome.statements.length} generated · ${outcome.skipped.length} skipped · ${outcome.errors.length} errors`;
      const errors = outcome.errors.slice(0, MAX_ERROR_LINES).map((e) => `${e.propertyName}: ${e.error}`);
      return {
        tone: outcome.errors.length > 0 ? 'error' : 'success',
        title: SUCCESS_TITLE,
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
  /** A background job started (202): follow its progress. */
  onJobStarted?: (jobId: string) => void;
  /** Statements were generated now (201): refresh lists. */
  onGenerated?: () => void;
  /** Pre-selected owner, e.g. the dashboard's owner filter. */
  initialOwnerId?: string;
}

export function GenerateModal({
  onClose,
  onNotice,
  onJobStarted,
  onGenerated,
  initialOwnerId,
}: GenerateModalProps) {
  const id = useId();
  const [all, setAll] = useState(false);
  const [ownerId, setOwnerId] = useState(initialOwnerId ?? '');
  const [propertyId, setPropertyId] = useState('');
  const [period, setPeriod] = useState(() => monthRange(-1));
  const [calculationType, setCalculationType] = useState<CalculationType>('checkout');
  const [owners, setOwners] = useState<Owner[] | null>(null);
  const [tags, setTags] = useState<Array<{ tag: string; propertyCount: number }> | null>(null);
  const [tag, setTag] = useState('');
  const [properties, setProperties] = useState<Property[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stale = false;
    api
      .owners()
      .then((r) => {
        if (!stale) setOwners(r.owners);
      })
      .catch((e: unknown) => {
        if (!stale) setLoadError(`Cannot load owners: ${errorMessage(e)}`);
      });
    return () => {
      stale = true;
    };
  }, []);

  // The tag picker appears with "Generate All": load the tags the first time it is checked.
  useEffect(() => {
    if (!all || tags !== null) return;
    let stale = false;
    api
      .tags()
      .then((r) => {
        if (!stale) setTags(r.tags);
      })
      .catch((e: unknown) => {
        if (!stale) setLoadError(`Cannot load tags: ${errorMessage(e)}`);
      });
    return () => {
      stale = true;
    };
  }, [all, tags]);

  useEffect(() => {
    setProperties(null);
    if (!ownerId) return;
    let stale = false;
    api
      .properties(ownerId)
      .then((r) => {
        if (!stale) setProperties(r.properties);
      })
      .catch((e: unknown) => {
        if (!stale) setLoadError(`Cannot load properties: ${errorMessage(e)}`);
      });
    return () => {
      stale = true;
    };
  }, [ownerId]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!all && !ownerId) {
      setError('Choose an owner, or check "Generate All Owner Statements".');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const outcome = await api.generate({
        ownerId: all ? 'all' : ownerId,
        ...(!all && propertyId ? { propertyId } : {}),
        ...(all && tag ? { tag } : {}),
        startDate: period.start,
        endDate: period.end,
        calculationType,
      });
      onNotice(noticeFor(outcome));
      if (outcome.kind === 'job') onJobStarted?.(outcome.jobId);
      else onGenerated?.();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  }

  return (
    <Dialog title="Generate Statement" onClose={onClose} closable={!busy} className="generate-modal">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset disabled={busy} className="plain-fieldset">
          <div className="field-check">
            <input
              id={`${id}-all`}
              type="checkbox"
              checked={all}
              onChange={(e) => {
                setAll(e.target.checked);
                setError(null);
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
