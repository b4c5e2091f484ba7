/**
 * Which column holds which field, and how dates and amounts are written. Pre-filled with the
 * server's suggestion; each change reads the file again with the new mapping.
 */
import { useId } from 'react';
import type { ImportMappingDto, PreviewImportResponse } from '../../expenseImportApi.js';
import { FIELD_LABELS, type ImportField, REQUIRED } from './importText.js';

const FIELDS = Object.keys(FIELD_LABELS) as ImportField[];

export function ImportMappingForm({
  headers,
  mapping,
  detected,
  disabled,
  onChange,
}: {
  headers: string[];
  mapping: ImportMappingDto;
  /** What the file's values show about their format (the preview's). */
  detected?: PreviewImportResponse['detected'];
  disabled: boolean;
  onChange: (mapping: ImportMappingDto) => void;
}) {
  const from = detected?.dateFormat ? detected.dateFormatFrom : null;
  const id = useId();
  const setColumn = (field: ImportField, value: string) =>
    onChange({ ...mapping, columns: { ...mapping.columns, [field]: value === '' ? null : Number(value) } });
  return (
    <fieldset className="plain-fieldset" disabled={disabled}>
      <legend>Columns</legend>
      <div className="import-mapping">
        {FIELDS.map((field) => (
          <div className="field" key={field}>
            <label htmlFor={`${id}-${field}`}>
              {FIELD_LABELS[field]} column{REQUIRED.includes(field) ? '' : ' (optional)'}
            </label>
            <select
              id={`${id}-${field}`}
              value={mapping.columns[field] ?? ''}
              onChange={(e) => setColumn(field, e.target.value)}
            >
              <option value="">{REQUIRED.includes(field) ? 'Choose a column' : 'None'}</option>
              {headers.map((header, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are positions; headers may repeat
                <option key={i} value={i}>
                  {`${i + 1}: ${header || '(no header)'}`}
                </option>
              ))}
            </select>
          </div>
        ))}
        {mapping.columns.type === null ? (
          <div className="field">
            <label htmlFor={`${id}-default-type`}>Every row is</label>
            <select
              id={`${id}-default-type`}
              value={mapping.defaultType}
              onChange={(e) =>
                onChange({ ...mapping, defaultType: e.target.value as ImportMappingDto['defaultType'] })
              }
            >
              <option value="expense">An expense (charged to the owner)</option>
              <option value="adjustment">An adjustment (credited to the owner)</option>
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-date-format`}>Date format</label>
          <select
            id={`${id}-date-format`}
            value={mapping.dateFormat}
            onChange={(e) =>
              onChange({ ...mapping, dateFormat: e.target.value as ImportMappingDto['dateFormat'] })
            }
          >
            <option value="YYYY-MM-DD">YYYY-MM-DD</option>
            <option value="DD/MM/YYYY">DD/MM/YYYY (day first)</option>
            <option value="MM/DD/YYYY">MM/DD/YYYY (month first)</option>
          </select>
          {from && detected?.dateFormat ? (
            <span className="import-read-as" id={`${id}-date-format-from`}>
              Row {from.row} has “{from.text}”, which can only be{' '}
              {detected.dateFormat === 'DD/MM/YYYY' ? 'day first' : 'month first'}: that suggests{' '}
              {detected.dateFormat}
            </span>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-decimal`}>Decimal separator</label>
          <select
            id={`${id}-decimal`}
            value={mapping.decimalSeparator}
            onChange={(e) =>
              onChange({
                ...mapping,
                decimalSeparator: e.target.value as ImportMappingDto['decimalSeparator'],
              })
            }
          >
            <option value="auto">As each amount shows</option>
            <option value=".">Point (1,234.56)</option>
            <option value=",">Comma (1.234,56)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-negative`}>Negative amounts</label>
          <select
            id={`${id}-negative`}
            value={mapping.negativeAmounts}
            onChange={(e) =>
              onChange({
                ...mapping,
                negativeAmounts: e.target.value as ImportMappingDto['negativeAmounts'],
              })
            }
          >
            <option value="refuse">Refuse them</option>
            <option value="expense">Expenses written as money out</option>
          </select>
        </div>
      </div>
      <p className="hint">
        Dates written year first always read. With YYYY-MM-DD, a day/month date reads only when it cannot be
        anything else (25/10/2025). “As each amount shows”: 1,234.56 and 1.234,56 read, 1,234 does not (it
        could be either); choose the separator to read it.
      </p>
    </fieldset>
  );
}
