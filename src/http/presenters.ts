/** Stored records → the HTTP contract's shapes. */
import type { StatementDto, StatementSummaryDto } from '../contract/statements.js';
import type { Owner, Property } from '../db/repositories/catalog-repository.js';
import type { StatementSummary, StoredStatement } from '../db/repositories/statement-repository.js';

export function presentStatement(s: StoredStatement): StatementDto {
  const { period, ...rest } = s;
  return { ...rest, periodStart: period.start, periodEnd: period.end };
}

export function presentStatementSummary(s: StatementSummary): StatementSummaryDto {
  const { period, ...rest } = s;
  return { ...rest, periodStart: period.start, periodEnd: period.end };
}

export const presentOwner = (o: Owner, propertyCount: number) => ({
  id: o.id,
  email: o.email,
  firstName: o.firstName,
  lastName: o.lastName,
  name: `${o.firstName} ${o.lastName}`.trim(),
  propertyCount,
});

export const presentProperty = (p: Property) => p;
