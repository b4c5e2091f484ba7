/**
 * What "send all final statements of a period" e-mails, owner by owner (pure: the statements of
 * the period and each owner's preference in, the plan out). The preview and the sending job plan
 * with this one function, so what the dialog announces is what the job does.
 *
 * - A `combined` owner (the default) gets ONE e-mail with one PDF holding all their statements
 *   of the period, and only when none of them is a draft: an owner with a draft left is "not
 *   ready" and gets nothing, so nobody is ever sent half of their month. Statements already sent
 *   are sections of that PDF (the owner sees the whole month) but are not sent "again": only the
 *   final ones are marked sent. An owner whose statements are all sent already gets nothing.
 * - A `per_property` owner gets one e-mail per final statement, as before; their drafts wait.
 * - A statement with no owner is planned on its own (its sending reports `no_recipient`).
 */
import type { StatementStatus } from './types.js';

export const OWNER_DELIVERIES = ['combined', 'per_property'] as const;
export type OwnerDelivery = (typeof OWNER_DELIVERIES)[number];
export const DEFAULT_OWNER_DELIVERY: OwnerDelivery = 'combined';

/** A statement of the period, as little as planning needs. */
export interface PeriodStatement {
  id: string;
  propertyId: string;
  propertyName: string | null;
  ownerId: string | null;
  status: StatementStatus;
}

export interface PlanOwner {
  name: string;
  delivery: OwnerDelivery;
}

/** One e-mail to one combined owner: every statement of theirs is a section, the finals are sent. */
export interface OwnerMail {
  kind: 'owner';
  ownerId: string;
  ownerName: string;
  /** All the owner's statements of the period, in the PDF's order (by property name). */
  sections: PeriodStatement[];
  /** The final ones among them: what this e-mail marks sent. */
  toSend: PeriodStatement[];
}

/** One e-mail with one statement (a per-property owner, or a statement with no owner). */
export interface StatementMail {
  kind: 'statement';
  ownerId: string | null;
  ownerName: string | null;
  statement: PeriodStatement;
}

export type PlannedMail = OwnerMail | StatementMail;

/** A combined owner with drafts left: nothing of theirs is sent. */
export interface OwnerNotReady {
  ownerId: string;
  ownerName: string;
  drafts: PeriodStatement[];
  /** Their final statements, which wait for the drafts. */
  finals: PeriodStatement[];
  /** Every statement of theirs in the period (the job item lists them). */
  sections: PeriodStatement[];
}

/** A combined owner whose statements of the period were all sent already. */
export interface OwnerAlreadySent {
  ownerId: string;
  ownerName: string;
  sections: PeriodStatement[];
}

export interface SendingPlan {
  mails: PlannedMail[];
  notReady: OwnerNotReady[];
  alreadySent: OwnerAlreadySent[];
}

const byName = (a: { name: string; id: string }, b: { name: string; id: string }) =>
  a.name.localeCompare(b.name, 'en', { numeric: true, sensitivity: 'base' }) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const sectionOrder = (a: PeriodStatement, b: PeriodStatement) =>
  byName(
    { name: a.propertyName ?? a.propertyId, id: a.propertyId },
    { name: b.propertyName ?? b.propertyId, id: b.propertyId },
  );

/** What an owner the catalog does not know is called, and how they are sent to. */
export const unknownOwner = (ownerId: string): PlanOwner => ({
  name: `owner ${ownerId}`,
  delivery: DEFAULT_OWNER_DELIVERY,
});

/**
 * The plan for `statements` (any status, of one period). `ownerOf` gives an owner's name and
 * preference (unknownOwner when the catalog has none). Owners come in name order, each owner's
 * statements in property-name order.
 */
export function planSending(
  statements: readonly PeriodStatement[],
  ownerOf: (ownerId: string) => PlanOwner,
): SendingPlan {
  const byOwner = new Map<string, PeriodStatement[]>();
  const ownerless: PeriodStatement[] = [];
  for (const s of statements) {
    if (s.ownerId === null) {
      ownerless.push(s);
      continue;
    }
    const list = byOwner.get(s.ownerId) ?? [];
    list.push(s);
    byOwner.set(s.ownerId, list);
  }
  const owners = [...byOwner.keys()].map((id) => ({ id, ...ownerOf(id) })).sort(byName);

  const plan: SendingPlan = { mails: [], notReady: [], alreadySent: [] };
  for (const owner of owners) {
    const sections = [...(byOwner.get(owner.id) ?? [])].sort(sectionOrder);
    const finals = sections.filter((s) => s.status === 'final');
    if (owner.delivery === 'per_property') {
      for (const statement of finals) {
        plan.mails.push({ kind: 'statement', ownerId: owner.id, ownerName: owner.name, statement });
      }
      continue;
    }
    const who = { ownerId: owner.id, ownerName: owner.name };
    const drafts = sections.filter((s) => s.status === 'draft');
    if (drafts.length > 0) plan.notReady.push({ ...who, drafts, finals, sections });
    else if (finals.length > 0) plan.mails.push({ kind: 'owner', ...who, sections, toSend: finals });
    else plan.alreadySent.push({ ...who, sections });
  }
  for (const statement of [...ownerless].sort(sectionOrder)) {
    if (statement.status === 'final') {
      plan.mails.push({ kind: 'statement', ownerId: null, ownerName: null, statement });
    }
  }
  return plan;
}

/** The statements a plan's e-mails mark sent, in plan order. */
export function statementsToSend(plan: SendingPlan): PeriodStatement[] {
  return plan.mails.flatMap((m) => (m.kind === 'owner' ? m.toSend : [m.statement]));
}

/** How many distinct owners the plan's e-mails go to (statements with no owner count as none). */
export function ownersMailed(plan: SendingPlan): number {
  return new Set(plan.mails.flatMap((m) => (m.ownerId === null ? [] : [m.ownerId]))).size;
}
