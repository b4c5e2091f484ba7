/** The properties an owner owns now, with their statement settings (edited on the Properties page). */
import { Link } from 'wouter';
import type { Property } from '../api.js';
import { formatPercent } from '../format.js';
import { sortProperties } from './pickerOptions.js';
import { BASIS_LABELS, taxesText } from './SettingsText.js';

export function OwnerPropertiesTable({ properties }: { properties: Property[] }) {
  if (properties.length === 0) return <p className="empty">The owner owns no property now.</p>;
  return (
    <>
      <div className="table-wrap">
        <table aria-label="Properties of the owner" className="sticky-first">
          <thead>
            <tr>
              <th scope="col">Property</th>
              <th scope="col">Currency</th>
              <th scope="col">Commission</th>
              <th scope="col">Basis</th>
              <th scope="col">Taxes</th>
            </tr>
          </thead>
          <tbody>
            {sortProperties(properties).map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  {p.name}
                  {p.nickname ? <span className="line-stay"> {p.nickname}</span> : null}
                </th>
                <td>{p.currency}</td>
                <td>{formatPercent(p.settings.commissionPercent)}</td>
                <td>{BASIS_LABELS[p.settings.commissionBasis] ?? p.settings.commissionBasis}</td>
                <td>{taxesText(p.settings.ownerRemitsTaxes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">
        Commission and taxes are set per property on the <Link href="/properties">Properties page</Link>; a
        statement keeps the settings it was generated with.
      </p>
    </>
  );
}
