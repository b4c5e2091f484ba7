/**
 * The payout report of one period: per owner, what the manager transfers — the net payout per
 * currency of the owner's final and sent statements — and what is deliberately not in it, so a
 * transfer is never prepared on unfinished or missing numbers:
 * - drafts are listed with their amounts but never added up (they may still change);
 * - the owner's properties without a statement for the period are named (no activity, or not
 *   generated yet: the report cannot tell which, the manager can).
 *
 * Money is never converted: one sum per currency (totalsByCurrency, the same addition the owner
 * statement uses). A negative net payout (the owner owes the manager) stays negative, so it is
 * shown as owed and never silently netted against someone else's transfer. Statements without an
 * owner are grouped, not dropped: their money is in the report's totals as "unassigned".
 * Pure: the caller loads the statements, owners and properties.
 */
import { totalsByCurrency } from './owner-totals.js';
import { statementNumber } from './statement-number.js';
import type { Cents, Period, StatementStatus, StatementTotals } from './types.js';

/** A stored statement of the period, as the report reads it (no lines needed). */
export interface PeriodStatement {
  id: string;
  propertyId: string;
  propertyName: string | null;
  /** The owner it was generated for (null: the property had none). */
  ownerId: string | null;
  status: StatementStatus;
  currency: string;
  totals: StatementTotals;
}

export interface PayoutOwnerInfo {
  id: string;
  /** First and last name, as the documents print them ('' when Hostify has none). */
  name: string;
  email: string;
}

/** A property of an active owner, from the catalog. */
export interface OwnedProperty {
  id: string;
  name: string;
  ownerId: string;
}

export interface PayoutStatement {
  id: string;
  /** The statement number printed for the owner (statementNumber). */
  number: string;
  propertyId: string;
  propertyName: string | null;
  status: StatementStatus;
  currency: string;
  netPayout: Cents;
}

export interface CurrencyPayout {
  currency: string;
  /** Σ netPayout of the owner's final and sent statements in this currency; negative = owed. */
  netPayout: Cents;
  statementCount: number;
}

export interface PropertyRef {
  propertyId: string;
  propertyName: string;
}

export interface PayoutOwner {
  /** null: the group of statements without an owner. */
  ownerId: string | null;
  /** null for the no-owner group, and for an owner the catalog no longer knows. */
  name: string | null;
  email: string | null;
  /** One per currency, alphabetical; empty when every statement is still a draft. */
  payouts: CurrencyPayout[];
  /** The final and sent statements the payouts add up. */
  statements: PayoutStatement[];
  /** Drafts of the period: listed, not added up. */
  drafts: PayoutStatement[];
  /** The owner's properties with no statement of the period (no activity, or not generated). */
  withoutStatement: PropertyRef[];
}

export interface ReportCurrencyTotals {
  currency: string;
  /** Σ of every included statement's net payout (= toPay − owed + unassigned). */
  netPayout: Cents;
  /** Σ of the owners' positive net payouts: the transfers to make. */
  toPay: Cents;
  /** Σ of what owners with a negative net payout owe (a positive number). */
  owed: Cents;
  /** Net payout of statements without an owner: nobody to transfer it to yet. */
  unassigned: Cents;
  /** Owners (not the no-owner group) with a payout in this currency. */
  ownerCount: number;
  statementCount: number;
}

export interface PayoutReport {
  period: Period;
  /** By name in natural order; the no-owner group last. */
  owners: PayoutOwner[];
  totals: ReportCurrencyTotals[];
  counts: {
    /** Owner groups listed (the no-owner group included). */
    owners: number;
    /** Final and sent statements added up. */
    statements: number;
    drafts: number;
    propertiesWithoutStatement: number;
    ownersWithoutStatement: number;
  };
  /** Active owners with properties but no statement of the period at all. */
  ownersWithoutStatement: Array<{
    ownerId: string;
    name: string;
    email: string;
    properties: PropertyRef[];
  }>;
}

/** Statuses whose amounts are paid out: a draft may still change. */
export const PAID_STATUSES: readonly StatementStatus[] = ['final', 'sent'];

/** Natural, locale-aware order ("Unit 2" before "Unit 10", case and accents not deciding), as the web sorts. */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const compareText = (a: string, b: string) => collator.compare(a, b);

function checkedSum(a: Cents, b: Cents, what: string): Cents {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new RangeError(`${what} out of safe integer range: ${sum}`);
  return sum;
}

const byProperty = (a: PayoutStatement, b: PayoutStatement) =>
  compareText(a.propertyName ?? a.propertyId, b.propertyName ?? b.propertyId) ||
  compareText(a.currency, b.currency) ||
  compareText(a.propertyId, b.propertyId);

const byPropertyName = (a: PropertyRef, b: PropertyRef) =>
  compareText(a.propertyName, b.propertyName) || compareText(a.propertyId, b.propertyId);

function toPayoutStatement(s: PeriodStatement, period: Period): PayoutStatement {
  return {
    id: s.id,
    number: statementNumber(s.propertyId, period),
    propertyId: s.propertyId,
    propertyName: s.propertyName,
    status: s.status,
    currency: s.currency.trim().toUpperCase(),
    netPayout: s.totals.netPayout,
  };
}

export function buildPayoutReport(input: {
  period: Period;
  /** Statements of exactly this period. */
  statements: readonly PeriodStatement[];
  /** Every owner the catalog knows (inactive ones too: a statement may name one). */
  owners: ReadonlyMap<string, PayoutOwnerInfo>;
  /** The properties of active owners (what generation covers). */
  properties: readonly OwnedProperty[];
}): PayoutReport {
  const { period } = input;
  const groups = new Map<string | null, PeriodStatement[]>();
  for (const s of input.statements) {
    const list = groups.get(s.ownerId);
    if (list) list.push(s);
    else groups.set(s.ownerId, [s]);
  }
  const withStatement = new Set(input.statements.map((s) => s.propertyId));
  const missingByOwner = new Map<string, PropertyRef[]>();
  for (const p of input.properties) {
    if (withStatement.has(p.id)) continue;
    const list = missingByOwner.get(p.ownerId) ?? [];
    list.push({ propertyId: p.id, propertyName: p.name });
    missingByOwner.set(p.ownerId, list);
  }

  const owners: PayoutOwner[] = [];
  for (const [ownerId, statements] of groups) {
    const paid = statements.filter((s) => PAID_STATUSES.includes(s.status));
    const info = ownerId === null ? undefined : input.owners.get(ownerId);
    owners.push({
      ownerId,
      name: info ? info.name || null : null,
      email: info ? info.email || null : null,
      payouts: totalsByCurrency(paid).map((c) => ({
        currency: c.currency,
        netPayout: c.totals.netPayout,
        statementCount: c.statementCount,
      })),
      statements: paid.map((s) => toPayoutStatement(s, period)).sort(byProperty),
      drafts: statements
        .filter((s) => !PAID_STATUSES.includes(s.status))
        .map((s) => toPayoutStatement(s, period))
        .sort(byProperty),
      withoutStatement: (ownerId === null ? [] : (missingByOwner.get(ownerId) ?? [])).sort(byPropertyName),
    });
  }
  owners.sort(
    (a, b) =>
      Number(a.ownerId === null) - Number(b.ownerId === null) ||
      compareText(a.name ?? a.ownerId ?? '', b.name ?? b.ownerId ?? '') ||
      compareText(a.email ?? '', b.email ?? '') ||
      compareText(a.ownerId ?? '', b.ownerId ?? ''),
  );

  const ownersWithoutStatement = [...missingByOwner]
    .filter(([ownerId]) => !groups.has(ownerId))
    .map(([ownerId, properties]) => {
      const info = input.owners.get(ownerId);
      return {
        ownerId,
        name: info?.name ?? '',
        email: info?.email ?? '',
        properties: properties.sort(byPropertyName),
      };
    })
    .sort(
      (a, b) => compareText(a.name || a.ownerId, b.name || b.ownerId) || compareText(a.ownerId, b.ownerId),
    );

  const paidAll = input.statements.filter((s) => PAID_STATUSES.includes(s.status));
  return {
    period,
    owners,
    totals: reportTotals(owners, paidAll),
    counts: {
      owners: owners.length,
      statements: paidAll.length,
      drafts: input.statements.length - paidAll.length,
      propertiesWithoutStatement: [...missingByOwner.values()].reduce((n, list) => n + list.length, 0),
      ownersWithoutStatement: ownersWithoutStatement.length,
    },
    ownersWithoutStatement,
  };
}

function reportTotals(
  owners: readonly PayoutOwner[],
  paid: readonly PeriodStatement[],
): ReportCurrencyTotals[] {
  return totalsByCurrency(paid).map(({ currency, statementCount, totals }) => {
    const entry: ReportCurrencyTotals = {
      currency,
      netPayout: totals.netPayout,
      toPay: 0,
      owed: 0,
      unassigned: 0,
      ownerCount: 0,
      statementCount,
    };
    for (const owner of owners) {
      const payout = owner.payouts.find((p) => p.currency === currency);
      if (!payout) continue;
      if (owner.ownerId === null) {
        entry.unassigned = checkedSum(entry.unassigned, payout.netPayout, 'unassigned');
        continue;
      }
      entry.ownerCount += 1;
      if (payout.netPayout > 0) entry.toPay = checkedSum(entry.toPay, payout.netPayout, 'toPay');
      else entry.owed = checkedSum(entry.owed, -payout.netPayout, 'owed');
    }
    return entry;
  });
}
