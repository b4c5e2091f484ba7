/**
 * The payout report of a period (read model): per owner the net payout per currency of the final
 * and sent statements of exactly that period, with what is not in it (drafts, properties without a
 * statement). The sums are the domain's (buildPayoutReport); this loads what they need in three
 * queries, whatever the number of owners. It changes nothing.
 */
import type { CatalogRepository } from '../db/repositories/catalog-repository.js';
import type {
  PeriodStatementsRepository,
  PeriodWithStatements,
} from '../db/repositories/period-statements-repository.js';
import { buildPayoutReport, type PayoutOwnerInfo, type PayoutReport } from '../domain/payout-report.js';
import type { Period } from '../domain/types.js';

/** Periods offered by the report's picker. */
export const RECENT_PERIODS = 24;

export class PayoutReportQueries {
  constructor(
    private readonly deps: {
      periodStatements: PeriodStatementsRepository;
      catalog: CatalogRepository;
    },
  ) {}

  /** `period` is valid (the HTTP contract checks dates, order and length). */
  async report(period: Period): Promise<PayoutReport> {
    const { periodStatements, catalog } = this.deps;
    const [statements, owners, properties] = await Promise.all([
      periodStatements.ofPeriod(period),
      catalog.listOwners(),
      catalog.listProperties({ ownedOnly: true }),
    ]);
    const ownerInfo = new Map<string, PayoutOwnerInfo>(
      owners.map((o) => [o.id, { id: o.id, name: `${o.firstName} ${o.lastName}`.trim(), email: o.email }]),
    );
    const active = new Set(owners.filter((o) => o.isActive).map((o) => o.id));
    return buildPayoutReport({
      period,
      statements,
      owners: ownerInfo,
      // What generation covers: an inactive owner's properties are not expected to have one.
      properties: properties.flatMap((p) =>
        p.ownerId !== null && active.has(p.ownerId) ? [{ id: p.id, name: p.name, ownerId: p.ownerId }] : [],
      ),
    });
  }

  /** The latest periods that have statements, for choosing one. */
  periods(): Promise<PeriodWithStatements[]> {
    return this.deps.periodStatements.periods(RECENT_PERIODS);
  }
}
