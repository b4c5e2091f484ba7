/**
 * Properties with their owner and statement settings. Admins edit the settings inline (PUT
 * /api/properties/:id/settings); new settings apply to statements generated afterwards, since
 * each statement keeps a snapshot of the settings it was computed with.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { api, errorMessage, type Owner, type Property, type PropertySettings } from '../api.js';
import { useAuth } from '../auth.js';
import { LoadState } from '../components/LoadState.js';
import { BASIS_LABELS, taxesText } from '../components/SettingsText.js';
import { formatPercent } from '../format.js';
import { ownersQuery, propertiesQuery, propertySaved } from '../queries.js';
import { useTitle } from '../useTitle.js';

const BASES: PropertySettings['commissionBasis'][] = ['net', 'gross', 'accommodation'];

function EditSettingsRow({
  property,
  ownerName,
  onSaved,
  onCancel,
}: {
  property: Property;
  ownerName: string;
  onSaved: (p: Property) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [percent, setPercent] = useState(String(property.settings.commissionPercent));
  const [basis, setBasis] = useState(property.settings.commissionBasis);
  const [ownerRemitsTaxes, setOwnerRemitsTaxes] = useState(property.settings.ownerRemitsTaxes);
  const client = useQueryClient();
  /** A number the form refuses before asking the server. */
  const [invalid, setInvalid] = useState<string | null>(null);
  const saving = useMutation({
    mutationFn: (settings: PropertySettings) => api.updateSettings(property.id, settings),
    onSuccess: (saved) => {
      propertySaved(client, saved);
      onSaved(saved);
    },
  });
  const busy = saving.isPending;
  const error = invalid ?? (saving.error ? errorMessage(saving.error) : null);
  const firstInput = useRef<HTMLInputElement>(null);
  // Keyboard users land in the row they chose to edit.
  useEffect(() => firstInput.current?.focus(), []);

  function save(event?: FormEvent) {
    event?.preventDefault();
    const commissionPercent = Number(percent);
    if (percent.trim() === '' || !Number.isFinite(commissionPercent)) {
      setInvalid('Commission: enter a number from 0 to 100.');
      return;
    }
    setInvalid(null);
    saving.mutate({ commissionPercent, commissionBasis: basis, ownerRemitsTaxes });
  }

  return (
    <tr className="editing">
      {/* The inputs are named "<label> <property>" via this cell, so the name appears once. */}
      <th scope="row" id={`${id}-name`}>
        {property.name}
      </th>
      <td>{ownerName}</td>
      <td>{property.currency}</td>
      <td>{property.isListed ? 'yes' : 'no'}</td>
      <td>
        <label className="visually-hidden" id={`${id}-pct-label`} htmlFor={`${id}-pct`}>
          Commission % for
        </label>
        <input
          ref={firstInput}
          id={`${id}-pct`}
          aria-labelledby={`${id}-pct-label ${id}-name`}
          className="input-narrow"
          type="number"
          min={0}
          max={100}
          step={0.01}
          value={percent}
          disabled={busy}
          onChange={(e) => setPercent(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') save();
            if (e.key === 'Escape') onCancel();
          }}
        />
      </td>
      <td>
        <label className="visually-hidden" id={`${id}-basis-label`} htmlFor={`${id}-basis`}>
          Commission basis for
        </label>
        <select
          id={`${id}-basis`}
          aria-labelledby={`${id}-basis-label ${id}-name`}
          value={basis}
          disabled={busy}
          onChange={(e) => setBasis(e.target.value as PropertySettings['commissionBasis'])}
        >
          {BASES.map((b) => (
            <option key={b} value={b}>
              {BASIS_LABELS[b] ?? b}
            </option>
          ))}
        </select>
      </td>
      <td>
        <div className="field-check">
          <input
            id={`${id}-tax`}
            type="checkbox"
            checked={ownerRemitsTaxes}
            disabled={busy}
            onChange={(e) => setOwnerRemitsTaxes(e.target.checked)}
          />
          <label htmlFor={`${id}-tax`}>Owner remits taxes</label>
        </div>
      </td>
      <td className="nowrap">
        <button type="button" className="button-small button-primary" disabled={busy} onClick={() => save()}>
          Save
        </button>{' '}
        <button type="button" className="button-small" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
        {error ? (
          <p role="alert" className="form-error">
            {error}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

export function PropertiesPage() {
  useTitle('Properties');
  const id = useId();
  const { can } = useAuth();
  const mayEdit = can('settings:edit');
  const [ownerFilter, setOwnerFilter] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const list = useQuery(propertiesQuery(ownerFilter || undefined));
  const { data } = list;
  const loading = list.isPending;
  const error = list.error ? errorMessage(list.error) : null;
  const owners = useQuery(ownersQuery());
  const ownerNames = useMemo(
    () => new Map((owners.data?.owners ?? []).map((o: Owner) => [o.id, o.name || o.email])),
    [owners.data],
  );
  const properties = data?.properties ?? [];
  const ownerName = (ownerId: string | null) => (ownerId ? (ownerNames.get(ownerId) ?? ownerId) : '—');

  return (
    <>
      <div className="page-head">
        <h1>Properties</h1>
      </div>
      <div className="filters filters-inline">
        <div className="field">
          <label htmlFor={`${id}-owner`}>Filter by owner</label>
          <select id={`${id}-owner`} value={ownerFilter} onChange={(e) => setOwnerFilter(e.target.value)}>
            <option value="">All owners</option>
            {owners.data?.owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name || o.email}
              </option>
            ))}
          </select>
        </div>
      </div>
      {mayEdit ? (
        <p className="hint">
          Changed settings apply to statements generated afterwards; existing ones keep theirs.
        </p>
      ) : null}

      <LoadState loading={loading} error={error} what="properties" />
      {!loading && !error && properties.length === 0 ? <p className="empty">No properties.</p> : null}

      {properties.length > 0 ? (
        <div className="table-wrap">
          <table aria-label="Properties">
            <thead>
              <tr>
                <th scope="col">Property</th>
                <th scope="col">Owner</th>
                <th scope="col">Currency</th>
                <th scope="col">Listed</th>
                <th scope="col">Commission</th>
                <th scope="col">Basis</th>
                <th scope="col">Taxes</th>
                {mayEdit ? (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {properties.map((p) =>
                editing === p.id ? (
                  <EditSettingsRow
                    key={p.id}
                    property={p}
                    ownerName={ownerName(p.ownerId)}
                    onCancel={() => setEditing(null)}
                    onSaved={() => setEditing(null)}
                  />
                ) : (
                  <tr key={p.id}>
                    <th scope="row">{p.name}</th>
                    <td>{ownerName(p.ownerId)}</td>
                    <td>{p.currency}</td>
                    <td>{p.isListed ? 'yes' : 'no'}</td>
                    <td>{formatPercent(p.settings.commissionPercent)}</td>
                    <td>{BASIS_LABELS[p.settings.commissionBasis] ?? p.settings.commissionBasis}</td>
                    <td>{taxesText(p.settings.ownerRemitsTaxes)}</td>
                    {mayEdit ? (
                      <td>
                        <button
                          type="button"
                          className="button-small"
                          aria-label={`Edit settings of ${p.name}`}
                          onClick={() => setEditing(p.id)}
                        >
                          Edit
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
