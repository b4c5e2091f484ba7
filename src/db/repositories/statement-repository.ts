/**
 * Statements: at most one per (property, period), enforced by a unique index. Generation is an
 * upsert that replaces a draft in place (same id, version + 1) and never touches a final or sent
 * statement, so running the same unit of work twice still leaves exactly one statement.
 */

import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type {
  CalculationType,
  ComputedStatement,
  ExcludedReservation,
  LedgerEntry,
  ManualLine,
  Period,
  PropertySettings,
  StatementLine,
  StatementOverride,
  StatementStatus,
  StatementTotals,
  StatementWarning,
} from '../../domain/types.js';
import { newId } from '../../lib/ids.js';
import { type Db, isPostgres } from '../database.js';
import { toPage } from '../page.js';
import type { Database, StatementsTable } from '../schema.js';

export interface StoredStatement extends ComputedStatement {
  id: string;
  ownerId: string | null;
  propertyName: string | null;
  status: StatementStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The user who first generated it (for a job: who started the job). */
  createdBy: string | null;
  updatedBy: string | null;
  /** When and to whom it was last e-mailed. */
  sentAt: string | null;
  sentTo: string | null;
  /** The line-review overrides it was computed with, oldest first. */
  overrides: StatementOverride[];
}

export type StatementSummary = Omit<
  StoredStatement,
  'lines' | 'manualLines' | 'expenses' | 'adjustments' | 'excluded' | 'warnings' | 'overrides'
> & {
  lineCount: number;
  warningCount: number;
};

/** The list's filters, without its page (what bulk actions select by). */
export type StatementFilter = Omit<StatementListFilter, 'limit' | 'after'>;

/** Who a statement is for, without its contents: what bulk actions show per statement. */
export interface StatementLabel {
  id: string;
  propertyId: string;
  propertyName: string | null;
  ownerId: string | null;
  period: Period;
  status: StatementStatus;
}

/** Ids per `in (…)` query: far below SQLite's and PostgreSQL's limits on bound parameters. */
const IDS_PER_QUERY = 500;

export interface StatementListFilter {
  ownerId?: string;
  propertyId?: string;
  status?: StatementStatus;
  /** Statements whose period starts on or after this date. */
  periodStart?: string;
  /** Statements whose period ends on or before this date. */
  periodEnd?: string;
  limit: number;
  /** The id after which to continue (ids sort by creation time, newest first). */
  after?: string;
}

type Row = Omit<StatementsTable, 'warning_count'> & { warning_count: number; property_name: string | null };

const parse = <T>(json: string): T => JSON.parse(json) as T;

function toStored(r: Row): StoredStatement {
  return {
    id: r.id,
    propertyId: r.property_id,
    propertyName: r.property_name,
    ownerId: r.owner_id,
    currency: r.currency,
    period: { start: r.period_start, end: r.period_end },
    calculationType: r.calculation_type as CalculationType,
    settings: parse<PropertySettings>(r.settings),
    lines: parse<StatementLine[]>(r.lines),
    // Statements stored before migration 015 had no line review.
    manualLines: r.manual_lines === null ? [] : parse<ManualLine[]>(r.manual_lines),
    expenses: parse<LedgerEntry[]>(r.expenses),
    adjustments: parse<LedgerEntry[]>(r.adjustments),
    totals: parse<StatementTotals>(r.totals),
    // Statements stored before migration 007 recorded neither: they stay as they were.
    excluded: r.excluded === null ? [] : parse<ExcludedReservation[]>(r.excluded),
    warnings: r.warnings === null ? [] : parse<StatementWarning[]>(r.warnings),
    status: r.status as StatementStatus,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    createdBy: r.created_by,
    updatedBy: r.updated_by,
    sentAt: r.sent_at,
    sentTo: r.sent_to,
    overrides: r.overrides === null ? [] : parse<StatementOverride[]>(r.overrides),
  };
}

function toSummary(r: Row): StatementSummary {
  const {
    lines,
    manualLines: _m,
    expenses: _e,
    adjustments: _a,
    excluded: _x,
    warnings: _w,
    overrides: _o,
    ...rest
  } = toStored(r);
  return { ...rest, lineCount: lines.length, warningCount: Number(r.warning_count ?? 0) };
}

/** The list's filters on a query of `statements as s` (one definition for the list and bulk actions). */
const matching =
  (filter: StatementFilter) =>
  (eb: ExpressionBuilder<Database & { s: StatementsTable }, 's'>): Expression<SqlBool> => {
    const all: Expression<SqlBool>[] = [];
    if (filter.ownerId !== undefined) all.push(eb('s.owner_id', '=', filter.ownerId));
    if (filter.propertyId !== undefined) all.push(eb('s.property_id', '=', filter.propertyId));
    if (filter.status !== undefined) all.push(eb('s.status', '=', filter.status));
    if (filter.periodStart !== undefined) all.push(eb('s.period_start', '>=', filter.periodStart));
    if (filter.periodEnd !== undefined) all.push(eb('s.period_end', '<=', filter.periodEnd));
    return eb.and(all);
  };

export class StatementRepository {
  constructor(private readonly db: Db) {}

  private baseSelect() {
    return this.db
      .selectFrom('statements as s')
      .leftJoin('properties as p', 'p.id', 's.property_id')
      .selectAll('s')
      .select('p.name as property_name');
  }

  async get(id: string): Promise<StoredStatement | undefined> {
    const row = await this.baseSelect().where('s.id', '=', id).executeTakeFirst();
    return row && toStored(row);
  }

  /**
   * The final (not yet sent) statements of exactly this period, by property: what "send all"
   * e-mails. Only the columns it needs, so a period of thousands stays cheap.
   */
  async finalForPeriod(
    period: Period,
    filter: { ownerId?: string; propertyIds?: readonly string[] } = {},
  ): Promise<Array<{ id: string; propertyId: string; propertyName: string | null; ownerId: string | null }>> {
    let q = this.db
      .selectFrom('statements as s')
      .leftJoin('properties as p', 'p.id', 's.property_id')
      .select(['s.id', 's.property_id', 's.owner_id', 'p.name as property_name'])
      .where('s.status', '=', 'final')
      .where('s.period_start', '=', period.start)
      .where('s.period_end', '=', period.end);
    if (filter.ownerId !== undefined) q = q.where('s.owner_id', '=', filter.ownerId);
    if (filter.propertyIds !== undefined) {
      if (filter.propertyIds.length === 0) return [];
      q = q.where('s.property_id', 'in', [...filter.propertyIds]);
    }
    const rows = await q.orderBy('s.property_id').execute();
    return rows.map((r) => ({
      id: r.id,
      propertyId: r.property_id,
      propertyName: r.property_name,
      ownerId: r.owner_id,
    }));
  }

  /**
   * Every statement of exactly this period, whatever its status, by property: what "send all"
   * plans per owner with (a combined owner's drafts hold back their whole e-mail). Only the
   * columns planning needs.
   */
  async ofPeriod(
    period: Period,
    filter: { ownerId?: string } = {},
  ): Promise<
    Array<{
      id: string;
      propertyId: string;
      propertyName: string | null;
      ownerId: string | null;
      status: StatementStatus;
    }>
  > {
    let q = this.db
      .selectFrom('statements as s')
      .leftJoin('properties as p', 'p.id', 's.property_id')
      .select(['s.id', 's.property_id', 's.owner_id', 's.status', 'p.name as property_name'])
      .where('s.period_start', '=', period.start)
      .where('s.period_end', '=', period.end);
    if (filter.ownerId !== undefined) q = q.where('s.owner_id', '=', filter.ownerId);
    const rows = await q.orderBy('s.property_id').execute();
    return rows.map((r) => ({
      id: r.id,
      propertyId: r.property_id,
      propertyName: r.property_name,
      ownerId: r.owner_id,
      status: r.status as StatementStatus,
    }));
  }

  /**
   * The status of each of these properties' statements of exactly this period (one query).
   * `lock` (inside a transaction): on PostgreSQL the rows stay locked until it ends, in property
   * order, so two regenerations of one statement (a line review and a bulk job, say) run one
   * after the other and the second reads what the first committed. SQLite runs one write
   * transaction at a time anyway.
   */
  async statusesForPeriod(
    propertyIds: readonly string[],
    period: Period,
    { lock = false }: { lock?: boolean } = {},
  ): Promise<Map<string, StatementStatus>> {
    if (propertyIds.length === 0) return new Map();
    let q = this.db
      .selectFrom('statements')
      .select(['property_id', 'status'])
      .where('property_id', 'in', [...propertyIds])
      .where('period_start', '=', period.start)
      .where('period_end', '=', period.end)
      .orderBy('property_id');
    if (lock && isPostgres(this.db)) q = q.forUpdate();
    const rows = await q.execute();
    return new Map(rows.map((r) => [r.property_id, r.status as StatementStatus]));
  }

  /**
   * The whole statements of exactly this period that belong to the owner, or are of a property
   * the owner owns now (whoever they were made for): what an owner statement is put together
   * from (src/domain/owner-statement.ts decides which are its sections).
   */
  async forOwnerAndPeriod(ownerId: string, period: Period): Promise<StoredStatement[]> {
    const rows = await this.baseSelect()
      .where('s.period_start', '=', period.start)
      .where('s.period_end', '=', period.end)
      .where((eb) =>
        eb.or([
          eb('s.owner_id', '=', ownerId),
          eb('s.property_id', 'in', eb.selectFrom('properties').select('id').where('owner_id', '=', ownerId)),
        ]),
      )
      .orderBy('s.property_id')
      .execute();
    return rows.map(toStored);
  }

  /**
   * Every statement of the owner without its contents, latest period first: the owner page's
   * "statements by period". Only the columns it shows, so years of statements stay cheap.
   */
  async periodsOfOwner(ownerId: string): Promise<
    Array<{
      id: string;
      propertyId: string;
      propertyName: string | null;
      period: Period;
      status: StatementStatus;
      currency: string;
      netPayout: number;
    }>
  > {
    const rows = await this.db
      .selectFrom('statements as s')
      .leftJoin('properties as p', 'p.id', 's.property_id')
      .select(['s.id', 's.property_id', 's.period_start', 's.period_end', 's.status', 's.currency'])
      .select(['s.net_payout', 'p.name as property_name'])
      .where('s.owner_id', '=', ownerId)
      .orderBy('s.period_end', 'desc')
      .orderBy('s.period_start', 'desc')
      .orderBy('s.property_id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      propertyId: r.property_id,
      propertyName: r.property_name,
      period: { start: r.period_start, end: r.period_end },
      status: r.status as StatementStatus,
      currency: r.currency,
      netPayout: Number(r.net_payout),
    }));
  }

  /**
   * Stores a batch of freshly computed statements of one period in one statement: a new one is
   * inserted, a draft for the same property and period is replaced in place (version + 1), a
   * final or sent one is left alone. Returns the stored id and version of each property whose
   * statement was written (version 1: new; above: a draft replaced, whoever wrote it first); a
   * property missing from the answer held a final or sent statement. Run inside the caller's
   * transaction, so the statements and what records them commit together. `overrides`: the
   * line review each statement was computed with (kept with it, as its settings are).
   */
  async saveGeneratedMany(
    computed: ReadonlyArray<{
      statement: ComputedStatement;
      ownerId: string | null;
      overrides?: readonly StatementOverride[];
    }>,
    now: string,
    actorId: string | null,
  ): Promise<Map<string, { id: string; version: number }>> {
    if (computed.length === 0) return new Map();
    const rows = computed.map(({ statement, ownerId, overrides = [] }) => ({
      id: newId('stmt'),
      property_id: statement.propertyId,
      period_start: statement.period.start,
      period_end: statement.period.end,
      status: 'draft',
      version: 1,
      created_at: now,
      created_by: actorId,
      ...this.body(statement, ownerId, now, actorId),
      overrides: JSON.stringify(overrides),
    }));
    const saved = await this.db
      .insertInto('statements')
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(['property_id', 'period_start', 'period_end'])
          .doUpdateSet((eb) => ({
            owner_id: eb.ref('excluded.owner_id'),
            calculation_type: eb.ref('excluded.calculation_type'),
            currency: eb.ref('excluded.currency'),
            net_payout: eb.ref('excluded.net_payout'),
            lines: eb.ref('excluded.lines'),
            expenses: eb.ref('excluded.expenses'),
            adjustments: eb.ref('excluded.adjustments'),
            totals: eb.ref('excluded.totals'),
            settings: eb.ref('excluded.settings'),
            excluded: eb.ref('excluded.excluded'),
            warnings: eb.ref('excluded.warnings'),
            warning_count: eb.ref('excluded.warning_count'),
            manual_lines: eb.ref('excluded.manual_lines'),
            overrides: eb.ref('excluded.overrides'),
            updated_at: eb.ref('excluded.updated_at'),
            updated_by: eb.ref('excluded.updated_by'),
            version: sql<number>`statements.version + 1`,
          }))
          .where('statements.status', '=', 'draft'),
      )
      .returning(['id', 'property_id', 'version'])
      .execute();
    return new Map(saved.map((r) => [r.property_id, { id: r.id, version: Number(r.version) }]));
  }

  private body(computed: ComputedStatement, ownerId: string | null, now: string, actorId: string | null) {
    return {
      owner_id: ownerId,
      calculation_type: computed.calculationType,
      currency: computed.currency,
      net_payout: computed.totals.netPayout,
      lines: JSON.stringify(computed.lines),
      expenses: JSON.stringify(computed.expenses),
      adjustments: JSON.stringify(computed.adjustments),
      totals: JSON.stringify(computed.totals),
      settings: JSON.stringify(computed.settings),
      excluded: JSON.stringify(computed.excluded),
      warnings: JSON.stringify(computed.warnings),
      warning_count: computed.warnings.length,
      manual_lines: JSON.stringify(computed.manualLines),
      updated_at: now,
      updated_by: actorId,
    };
  }

  async list(
    filter: StatementListFilter,
  ): Promise<{ statements: StatementSummary[]; nextCursor: string | null }> {
    let q = this.baseSelect();
    q = q.where(matching(filter));
    if (filter.after !== undefined) q = q.where('s.id', '<', filter.after);
    const rows = await q
      .orderBy('s.id', 'desc')
      .limit(filter.limit + 1)
      .execute();
    const { items, nextCursor } = toPage(rows, filter.limit, toSummary);
    return { statements: items, nextCursor };
  }

  /** How many statements the list would show for `filter` over all its pages. */
  async count(filter: StatementFilter): Promise<number> {
    const row = await this.db
      .selectFrom('statements as s')
      .select((eb) => eb.fn.countAll().as('n'))
      .where(matching(filter))
      .executeTakeFirstOrThrow();
    // PostgreSQL answers count(*) as a bigint string, SQLite as a number.
    return Number(row.n);
  }

  /**
   * The ids of the statements the list would show for `filter`, newest first, at most `limit`
   * (ask for one more than allowed to tell "too many").
   */
  async idsMatching(filter: StatementFilter, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('statements as s')
      .select('s.id')
      .where(matching(filter))
      .orderBy('s.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /** The labels of those of `ids` that exist (one query per few hundred ids). */
  async labelsOf(ids: readonly string[]): Promise<Map<string, StatementLabel>> {
    const labels = new Map<string, StatementLabel>();
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
      const chunk = ids.slice(i, i + IDS_PER_QUERY);
      const rows = await this.db
        .selectFrom('statements as s')
        .leftJoin('properties as p', 'p.id', 's.property_id')
        .select(['s.id', 's.property_id', 's.owner_id', 's.period_start', 's.period_end', 's.status'])
        .select('p.name as property_name')
        .where('s.id', 'in', chunk)
        .execute();
      for (const r of rows) {
        labels.set(r.id, {
          id: r.id,
          propertyId: r.property_id,
          propertyName: r.property_name,
          ownerId: r.owner_id,
          period: { start: r.period_start, end: r.period_end },
          status: r.status as StatementStatus,
        });
      }
    }
    return labels;
  }

  /** Moves a statement from one status to another; false when it was not in `from` any more. */
  async changeStatus(
    id: string,
    from: StatementStatus,
    to: StatementStatus,
    now: string,
    actorId: string | null = null,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('statements')
      .set({ status: to, updated_at: now, updated_by: actorId })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Marks a statement sent to `recipient`, only if it is still in `from` (final for a first
   * send, sent for an explicit resend): two people pressing Send at once cannot both send it.
   */
  async markSent(
    id: string,
    from: 'final' | 'sent',
    recipient: string,
    now: string,
    actorId: string | null,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('statements')
      .set({ status: 'sent', sent_at: now, sent_to: recipient, updated_at: now, updated_by: actorId })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Marks all of `ids` sent to `recipient` if every one of them is still final; returns how many
   * it changed. Run it in a transaction and roll back unless that is all of them: an owner's
   * combined e-mail claims all their statements or none.
   */
  async markAllSent(
    ids: readonly string[],
    recipient: string,
    now: string,
    actorId: string | null,
  ): Promise<number> {
    if (ids.length === 0) return 0;
    const r = await this.db
      .updateTable('statements')
      .set({ status: 'sent', sent_at: now, sent_to: recipient, updated_at: now, updated_by: actorId })
      .where('id', 'in', [...ids])
      .where('status', '=', 'final')
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Undoes markSent when the e-mail failed: the status and last sending as they were before. */
  async undoMarkSent(
    id: string,
    before: { status: 'final' | 'sent'; sentAt: string | null; sentTo: string | null },
    now: string,
  ): Promise<void> {
    await this.db
      .updateTable('statements')
      .set({ status: before.status, sent_at: before.sentAt, sent_to: before.sentTo, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'sent')
      .execute();
  }

  /** Deletes a draft; false when it is missing or not a draft. */
  async deleteDraft(id: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('statements')
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }
}
