/**
 * Reads of the statements of one period as a whole, for the payout report: the statements of
 * exactly a period with their totals (never their lines, so a period of thousands stays cheap),
 * and which periods have statements at all. It writes nothing.
 */
import type { PeriodStatement } from '../../domain/payout-report.js';
import type { Period, StatementStatus, StatementTotals } from '../../domain/types.js';
import type { Db } from '../database.js';

export interface PeriodWithStatements {
  period: Period;
  statementCount: number;
}

export class PeriodStatementsRepository {
  constructor(private readonly db: Db) {}

  /**
   * The statements whose period is exactly `period` (not ones that overlap it or lie inside it:
   * a half-month statement is not part of the month's payout), with the property's name.
   */
  async ofPeriod(period: Period): Promise<PeriodStatement[]> {
    const rows = await this.db
      .selectFrom('statements as s')
      .leftJoin('properties as p', 'p.id', 's.property_id')
      .select(['s.id', 's.property_id', 's.owner_id', 's.status', 's.currency', 's.totals'])
      .select('p.name as property_name')
      .where('s.period_start', '=', period.start)
      .where('s.period_end', '=', period.end)
      .orderBy('s.property_id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      propertyId: r.property_id,
      propertyName: r.property_name,
      ownerId: r.owner_id,
      status: r.status as StatementStatus,
      currency: r.currency,
      totals: JSON.parse(r.totals) as StatementTotals,
    }));
  }

  /** The periods that have statements, latest end first, at most `limit`. */
  async periods(limit: number): Promise<PeriodWithStatements[]> {
    const rows = await this.db
      .selectFrom('statements')
      .select(['period_start', 'period_end'])
      .select((eb) => eb.fn.countAll().as('n'))
      .groupBy(['period_start', 'period_end'])
      .orderBy('period_end', 'desc')
      .orderBy('period_start', 'desc')
      .limit(limit)
      .execute();
    // PostgreSQL answers count(*) as a bigint string, SQLite as a number.
    return rows.map((r) => ({
      period: { start: r.period_start, end: r.period_end },
      statementCount: Number(r.n),
    }));
  }
}
