/**
 * An owner's statement for one period, put together from the property statements of exactly
 * that period: a manager pays owners, not properties, while each property's statement stays
 * the unit that is generated, finalized and audited. Pure: the caller reads the owner's
 * properties and the period's statements, this decides what the owner statement holds.
 *
 * Whose statement it is: the statement's own owner (recorded when it was generated, and moved
 * to the property's owner of the day whenever a draft is generated again). A final or sent
 * statement is the record of whom that property's money for the period belongs to, so a
 * property that changed hands keeps its earlier statements with the earlier owner:
 * - a statement of this owner is a section, even when the owner no longer owns the property;
 * - a property the owner owns now whose statement of the period was made for another owner is
 *   listed as `other_owner` (it is that owner's money, not this one's), and is no section.
 *
 * A property of the owner without a statement is `missing`: usually nothing happened there
 * (generation skips a property with no activity), sometimes it was not generated yet. It is
 * listed so an accountant sees it, but it does not hold the owner statement back: `ready` is
 * "no drafts, and at least one final or sent section". A draft always holds it back.
 */
import { type CurrencyTotals, totalsByCurrency } from './owner-totals.js';
import type { Cents, Period, StatementStatus, StatementTotals } from './types.js';

export const OWNER_PROPERTY_STATES = ['final', 'sent', 'draft', 'missing', 'other_owner'] as const;
/** A property's statement of the period, seen from the owner statement. */
export type OwnerPropertyState = (typeof OWNER_PROPERTY_STATES)[number];

/** What the owner statement needs of a stored statement (the whole statement is passed through). */
export interface SectionInput {
  id: string;
  propertyId: string;
  propertyName: string | null;
  ownerId: string | null;
  status: StatementStatus;
  currency: string;
  totals: StatementTotals;
}

export interface OwnedProperty {
  id: string;
  name: string;
  currency: string;
}

export interface OwnerPropertyStatus {
  propertyId: string;
  propertyName: string;
  /** The statement's currency, or the property's when it has none. */
  currency: string;
  state: OwnerPropertyState;
  /** This owner's statement of the period (none when missing or another owner's). */
  statementId: string | null;
  netPayout: Cents | null;
  /** False for a property the owner no longer owns but has a statement of this period for. */
  ownedNow: boolean;
}

export interface AssembledOwnerStatement<S extends SectionInput> {
  /** The owner's statements of the period, by property name in natural order. */
  sections: S[];
  /** Σ of the sections per currency (never summed across currencies). */
  totals: CurrencyTotals[];
  /** Every property of the owner (and each property of a section), by name in natural order. */
  properties: OwnerPropertyStatus[];
  missing: Array<{ propertyId: string; propertyName: string }>;
  drafts: Array<{ propertyId: string; propertyName: string; statementId: string }>;
  /** No section is a draft, and at least one is final or sent. */
  ready: boolean;
}

/** The owner statement of one owner and period, its sections being statements of type `S`. */
export interface OwnerStatementOf<S extends SectionInput> extends AssembledOwnerStatement<S> {
  owner: {
    id: string;
    /** First and last name; empty when Hostify has neither. */
    name: string;
    email: string;
  };
  period: Period;
}

/** Names people read: "Unit 2" before "Unit 10", letter case not deciding (as the web app sorts). */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const byName = (a: { name: string; id: string }, b: { name: string; id: string }) =>
  collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const nameOf = (s: SectionInput) => s.propertyName ?? `Property ${s.propertyId}`;

/**
 * The owner statement of `ownerId` from the owner's current properties and the statements of
 * exactly the period that either belong to the owner or are of one of those properties.
 */
export function assembleOwnerStatement<S extends SectionInput>(
  ownerId: string,
  owned: readonly OwnedProperty[],
  statements: readonly S[],
): AssembledOwnerStatement<S> {
  const sections = statements
    .filter((s) => s.ownerId === ownerId)
    .sort((a, b) => byName({ name: nameOf(a), id: a.propertyId }, { name: nameOf(b), id: b.propertyId }));
  const mine = new Map(sections.map((s) => [s.propertyId, s]));
  const others = new Map(statements.filter((s) => s.ownerId !== ownerId).map((s) => [s.propertyId, s]));

  const properties: Array<OwnerPropertyStatus & { sortName: string }> = [];
  const section = (s: S, ownedNow: boolean, name: string): OwnerPropertyStatus & { sortName: string } => ({
    propertyId: s.propertyId,
    propertyName: name,
    currency: s.currency,
    state: s.status,
    statementId: s.id,
    netPayout: s.totals.netPayout,
    ownedNow,
    sortName: name,
  });
  for (const p of owned) {
    const s = mine.get(p.id);
    if (s) {
      properties.push(section(s, true, p.name));
      continue;
    }
    const other = others.get(p.id);
    properties.push({
      propertyId: p.id,
      propertyName: p.name,
      currency: other?.currency ?? p.currency,
      state: other ? 'other_owner' : 'missing',
      statementId: null,
      netPayout: null,
      ownedNow: true,
      sortName: p.name,
    });
  }
  const ownedIds = new Set(owned.map((p) => p.id));
  for (const s of sections) if (!ownedIds.has(s.propertyId)) properties.push(section(s, false, nameOf(s)));
  properties.sort((a, b) =>
    byName({ name: a.sortName, id: a.propertyId }, { name: b.sortName, id: b.propertyId }),
  );
  const listed = properties.map(({ sortName: _sortName, ...p }) => p);

  const drafts = listed.flatMap((p) =>
    p.state === 'draft' && p.statementId
      ? [{ propertyId: p.propertyId, propertyName: p.propertyName, statementId: p.statementId }]
      : [],
  );
  return {
    sections,
    totals: totalsByCurrency(sections),
    properties: listed,
    missing: listed
      .filter((p) => p.state === 'missing')
      .map((p) => ({ propertyId: p.propertyId, propertyName: p.propertyName })),
    drafts,
    ready: drafts.length === 0 && sections.length > 0,
  };
}
