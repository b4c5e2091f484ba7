/**
 * Owner statements: for an owner and a period, the owner's property statements of exactly that
 * period, one section each, with the owner's totals per currency and what each of the owner's
 * properties has for the period (src/domain/owner-statement.ts decides; this reads). Also the
 * owner page's overview: the owner, their properties, and their statements by period. It
 * changes nothing: a property's statement stays the unit that is generated, finalized and sent.
 */
import { MAX_PERIOD_DAYS } from '../contract/common.js';
import type { CatalogRepository, Owner, Property } from '../db/repositories/catalog-repository.js';
import type { DeliveryPreferenceRepository } from '../db/repositories/delivery-preference-repository.js';
import type { StatementRepository, StoredStatement } from '../db/repositories/statement-repository.js';
import type { CompanyProfile } from '../documents/company.js';
import type { OwnerPdfContext } from '../documents/owner-statement-pdf.js';
import { daysBetween, isValidIsoDate } from '../domain/dates.js';
import type { OwnerDelivery } from '../domain/owner-sending-plan.js';
import { assembleOwnerStatement, type OwnerStatementOf } from '../domain/owner-statement.js';
import type { Period, StatementStatus } from '../domain/types.js';
import { badRequest, notFound, unprocessable } from './errors.js';
import type { OnDemandCatalog } from './on-demand-sync.js';

/** An owner's statement of one period: the sections are the stored statements, whole. */
export type OwnerStatement = OwnerStatementOf<StoredStatement>;

/** An owner statement and what its PDF prints besides it (the manager). */
export interface OwnerStatementDocument {
  statement: OwnerStatement;
  ctx: OwnerPdfContext;
}

/** One of the owner's statements, as the owner page lists it by period. */
export interface OwnerPeriodEntry {
  id: string;
  propertyId: string;
  propertyName: string | null;
  status: StatementStatus;
  currency: string;
  netPayout: number;
}

export interface OwnerOverview {
  /** `delivery`: how "send all" e-mails the owner's statements (combined or per property). */
  owner: Owner & { name: string; delivery: OwnerDelivery };
  /** The properties the owner owns now, with their settings. */
  properties: Property[];
  /** Every period the owner has statements of, latest first, each with its statements. */
  periods: Array<{ period: Period; statements: OwnerPeriodEntry[] }>;
}

const fullName = (o: Owner) => `${o.firstName} ${o.lastName}`.trim();

export class OwnerStatementService {
  constructor(
    private readonly deps: {
      statements: Pick<StatementRepository, 'forOwnerAndPeriod' | 'periodsOfOwner'>;
      catalog: Pick<CatalogRepository, 'getOwner' | 'listProperties'>;
      /** An owner not known locally yet is looked for in Hostify first (DESIGN §6). */
      onDemandCatalog: Pick<OnDemandCatalog, 'requireOwner'>;
      company: { profile(): Promise<CompanyProfile> };
      deliveryPreferences: Pick<DeliveryPreferenceRepository, 'get'>;
    },
  ) {}

  /**
   * The owner statement of `ownerId` for exactly `period`. 404 for an unknown owner, 400 for a
   * period that is not one (the HTTP contract checks it too; other callers get the same rule).
   */
  async forOwner(ownerId: string, period: Period): Promise<OwnerStatement> {
    checkPeriod(period);
    const owner = await this.owner(ownerId);
    const [properties, statements] = await Promise.all([
      this.deps.catalog.listProperties({ ownerId }),
      this.deps.statements.forOwnerAndPeriod(ownerId, period),
    ]);
    return {
      owner: { id: owner.id, name: fullName(owner), email: owner.email },
      period,
      ...assembleOwnerStatement(ownerId, properties, statements),
    };
  }

  /** The owner statement for its PDF; 422 `no_statements` when the owner has none of the period. */
  async document(ownerId: string, period: Period): Promise<OwnerStatementDocument> {
    const [statement, company] = await Promise.all([
      this.forOwner(ownerId, period),
      this.deps.company.profile(),
    ]);
    if (statement.sections.length === 0) {
      throw unprocessable(
        'no_statements',
        `${statement.owner.name || `owner ${ownerId}`} has no statement of ${period.start} to ${period.end}; generate the period's statements first`,
      );
    }
    return { statement, ctx: { company } };
  }

  /** The owner, their properties, and their statements by period (the owner page). */
  async overview(ownerId: string): Promise<OwnerOverview> {
    const owner = await this.owner(ownerId);
    const [properties, entries, preference] = await Promise.all([
      this.deps.catalog.listProperties({ ownerId }),
      this.deps.statements.periodsOfOwner(ownerId),
      this.deps.deliveryPreferences.get(ownerId),
    ]);
    const periods: OwnerOverview['periods'] = [];
    for (const { period, ...entry } of entries) {
      const last = periods.at(-1);
      if (last && last.period.start === period.start && last.period.end === period.end)
        last.statements.push(entry);
      else periods.push({ period, statements: [entry] });
    }
    return {
      owner: { ...owner, name: fullName(owner), delivery: preference.delivery },
      properties,
      periods,
    };
  }

  /** Any owner the catalog knows (an inactive one too: their statements stay); else Hostify is asked. */
  private async owner(ownerId: string): Promise<Owner> {
    const known = await this.deps.catalog.getOwner(ownerId);
    if (known) return known;
    await this.deps.onDemandCatalog.requireOwner(ownerId);
    const synced = await this.deps.catalog.getOwner(ownerId);
    if (!synced) throw notFound('owner', ownerId);
    return synced;
  }
}

/** The HTTP contract's period rule (checkPeriodRange), for callers that do not come through it. */
function checkPeriod(period: Period): void {
  if (!isValidIsoDate(period.start) || !isValidIsoDate(period.end))
    throw badRequest('periodStart and periodEnd must be dates that exist (YYYY-MM-DD)');
  const days = daysBetween(period.start, period.end) + 1;
  if (days < 1) throw badRequest('periodEnd must not be before periodStart');
  if (days > MAX_PERIOD_DAYS)
    throw badRequest(`the period must be at most ${MAX_PERIOD_DAYS} days (it is ${days})`);
}
