/**
 * Owners and properties as Combobox options and as names in lists. Several owners can share a
 * name (in Hostify and in the demo data), so an option always shows the e-mail and the property
 * count, and a name shared by two owners is written with the e-mail wherever it stands alone.
 */
import type { Owner, Property } from '../api.js';
import { naturalSortBy } from '../naturalSort.js';
import type { ComboboxOption } from './Combobox.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const propertiesText = (n: number) => plural(n, 'property', 'properties');

const nameOf = (owner: Owner) => owner.name.trim() || owner.email;

export const sortOwners = (owners: readonly Owner[]) => naturalSortBy(owners, nameOf, (o) => o.email || o.id);

export const sortProperties = (properties: readonly Property[]) =>
  naturalSortBy(
    properties,
    (p) => p.name,
    (p) => p.id,
  );

/** Names written by more than one owner (compared without case). */
function sharedNames(owners: readonly Owner[]): Set<string> {
  const seen = new Map<string, number>();
  for (const o of owners) {
    const key = nameOf(o).toLocaleLowerCase();
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return new Set([...seen].filter(([, n]) => n > 1).map(([name]) => name));
}

/** Owner id → the name to show in a list: "Ann Lee", or "Ann Lee (ann@…)" when not unique. */
export function ownerNameMap(owners: readonly Owner[]): Map<string, string> {
  const shared = sharedNames(owners);
  return new Map(
    owners.map((o) => {
      const name = nameOf(o);
      return [o.id, shared.has(name.toLocaleLowerCase()) && o.email !== name ? `${name} (${o.email})` : name];
    }),
  );
}

/** Sorted owner options: name, e-mail, "N properties"; found by name, e-mail or id. */
export function ownerOptions(owners: readonly Owner[]): ComboboxOption[] {
  const names = ownerNameMap(owners);
  return sortOwners(owners).map((o) => ({
    value: o.id,
    label: nameOf(o),
    detail: o.email || `Owner ${o.id}`,
    meta: propertiesText(o.propertyCount),
    keywords: [o.id],
    selectedText: names.get(o.id),
  }));
}

/** Sorted property options (natural order: "Unit 2" before "Unit 10"); found by name, nickname, id or tag. */
export function propertyOptions(properties: readonly Property[]): ComboboxOption[] {
  return sortProperties(properties).map((p) => ({
    value: p.id,
    label: p.name,
    detail: [p.nickname && p.nickname !== p.name ? p.nickname : null, `#${p.id}`].filter(Boolean).join(' · '),
    meta: p.currency,
    keywords: [p.id, p.nickname ?? '', ...p.tags],
  }));
}
