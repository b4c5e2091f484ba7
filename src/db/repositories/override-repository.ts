/**
 * Line-review overrides (migration 015), kept per property and period rather than per statement
 * row: every regeneration of that property's statement for that period applies them, whoever
 * regenerates it (a person, a bulk job, the schedule).
 */
import type { OverrideKind, Period, StatementOverride } from '../../domain/types.js';
import { newId } from '../../lib/ids.js';
import type { Db } from '../database.js';
import type { StatementOverridesTable } from '../schema.js';

/** What a person adds: the kind's own fields (the others are left null). */
export type NewOverride =
  | { kind: 'exclude' | 'include'; reservationId: string; reason: string }
  | { kind: 'manual'; description: string; amount: number; countsTowardCommission: boolean };

/** Ids per `in (…)` query: far below SQLite's and PostgreSQL's limits on bound parameters. */
const IDS_PER_QUERY = 500;

function toOverride(r: StatementOverridesTable): StatementOverride {
  return {
    id: r.id,
    kind: r.kind as OverrideKind,
    reservationId: r.reservation_id,
    reason: r.reason,
    description: r.description,
    // PostgreSQL answers bigint as a string.
    amount: r.amount === null ? null : Number(r.amount),
    countsTowardCommission: r.counts_toward_commission === null ? null : r.counts_toward_commission === 1,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

export class OverrideRepository {
  constructor(private readonly db: Db) {}

  /** The overrides of these properties for exactly this period, by property, oldest first. */
  async forPeriod(propertyIds: readonly string[], period: Period): Promise<Map<string, StatementOverride[]>> {
    const byProperty = new Map<string, StatementOverride[]>();
    for (let i = 0; i < propertyIds.length; i += IDS_PER_QUERY) {
      const rows = await this.db
        .selectFrom('statement_overrides')
        .selectAll()
        .where('property_id', 'in', propertyIds.slice(i, i + IDS_PER_QUERY))
        .where('period_start', '=', period.start)
        .where('period_end', '=', period.end)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      for (const r of rows) {
        const list = byProperty.get(r.property_id) ?? [];
        list.push(toOverride(r));
        byProperty.set(r.property_id, list);
      }
    }
    return byProperty;
  }

  async add(
    propertyId: string,
    period: Period,
    override: NewOverride,
    now: string,
    actorId: string | null,
  ): Promise<StatementOverride> {
    const row: StatementOverridesTable = {
      id: newId('ovr'),
      property_id: propertyId,
      period_start: period.start,
      period_end: period.end,
      kind: override.kind,
      reservation_id: override.kind === 'manual' ? null : override.reservationId,
      reason: override.kind === 'manual' ? null : override.reason,
      description: override.kind === 'manual' ? override.description : null,
      amount: override.kind === 'manual' ? override.amount : null,
      counts_toward_commission: override.kind === 'manual' ? (override.countsTowardCommission ? 1 : 0) : null,
      created_at: now,
      created_by: actorId,
    };
    await this.db.insertInto('statement_overrides').values(row).execute();
    return toOverride(row);
  }

  /** Removes one override of this property and period; false when there is no such override. */
  async remove(propertyId: string, period: Period, id: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('statement_overrides')
      .where('id', '=', id)
      .where('property_id', '=', propertyId)
      .where('period_start', '=', period.start)
      .where('period_end', '=', period.end)
      .executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }
}
