/**
 * The scaling benchmark's correctness check: every row must end `completed` with every owned
 * property accounted for once and exactly one statement per generated property, and the same
 * outcome on every row (the checksum); anything else stops the benchmark with an error.
 */
import { createHash } from 'node:crypto';
import { generateSimData } from '../src/hostify-sim/index.js';

export interface Period {
  startDate: string;
  endDate: string;
}

export type SimFacts = ReturnType<typeof simFacts>;

export interface JobDto {
  id: string;
  status: string;
  progress: number;
  total: number | null;
  error: string | null;
  result: {
    summary: { generated: number; skipped: number; errors: number };
    results: {
      generated: Array<{ propertyId: string; statementId: string | null }>;
      skipped: Array<{ propertyId: string; reason: string }>;
      errors: Array<{ propertyId: string; code: string | null }>;
    };
  } | null;
}

interface StatementSummary {
  id: string;
  propertyId: string;
  periodStart: string;
  periodEnd: string;
  calculationType: string;
  lineCount: number;
  totals: { netPayout: number };
}

/**
 * What the simulator's data guarantees (the same seeded generator the simulator process runs):
 * the owned properties; one of them has a reservation in another currency (the only error), one
 * has no activity at all (skipped). Others may have no stay in the period by chance and are
 * skipped too, so the complete split is compared across rows (the checksum) instead.
 */
export function simFacts(
  size: number,
  period: Period,
): { owned: Set<string>; noActivity: Set<string>; mixedCurrency: string } {
  const { facts } = generateSimData({
    seed: 1,
    owners: size / 10,
    propertiesPerOwner: 10,
    reservationsPerProperty: 12,
  });
  if (facts.focusStart !== period.startDate)
    throw new Error(`the simulator's focus month is ${facts.focusMonth}`);
  return {
    owned: new Set(facts.ownedPropertyIds),
    noActivity: new Set(facts.noActivityPropertyIds),
    mixedCurrency: facts.mixedCurrencyPropertyId,
  };
}

/**
 * Fails loudly unless the job completed with every owned property accounted for exactly once
 * (generated, skipped for no activity, or the mixed-currency error), and the store holds exactly
 * one statement for each generated property — the one the job reports — and no other statement
 * of the period. Returns a checksum of the outcome: which properties were generated, skipped and
 * errored, and every statement's net payout and line count (the same on every row, or wrong).
 */
export async function verify(
  base: string,
  auth: Record<string, string>,
  job: JobDto,
  label: string,
  facts: SimFacts,
  period: Period,
): Promise<string> {
  const { owned, noActivity, mixedCurrency } = facts;
  const problems: string[] = [];
  if (job.status !== 'completed') problems.push(`status ${job.status} (${job.error ?? 'no error'})`);
  if (job.total !== owned.size) problems.push(`total ${job.total}, expected ${owned.size}`);
  if (job.progress !== owned.size) problems.push(`progress ${job.progress}, expected ${owned.size}`);
  const r = job.result;
  if (!r) throw new Error(`WRONG RESULT (${label}): no result\n  ${problems.join('\n  ')}`);
  const generated = r.results.generated.map((g) => g.propertyId);
  const skipped = r.results.skipped.map((g) => g.propertyId);
  const errored = r.results.errors.map((g) => g.propertyId);
  const s = r.summary;
  if (s.generated !== generated.length || s.skipped !== skipped.length || s.errors !== errored.length)
    problems.push(`summary ${JSON.stringify(s)} does not match its lists`);
  const all = [...generated, ...skipped, ...errored];
  if (all.length !== owned.size || new Set(all).size !== owned.size || !all.every((id) => owned.has(id)))
    problems.push('the results do not account for every owned property exactly once');
  if (errored.length !== 1 || errored[0] !== mixedCurrency || r.results.errors[0]?.code !== 'mixed_currency')
    problems.push(
      `errors ${JSON.stringify(r.results.errors)}, expected only ${mixedCurrency} (mixed_currency)`,
    );
  if (![...noActivity].every((id) => skipped.includes(id)))
    problems.push('a property without activity was not skipped');
  if (!r.results.skipped.every((x) => x.reason === 'no_activity'))
    problems.push('a property was skipped for another reason than no_activity');
  const reportedStatement = new Map(r.results.generated.map((g) => [g.propertyId, g.statementId]));

  const seen = new Map<string, number>();
  const lines: string[] = [];
  let wrongId = 0;
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ periodStart: period.startDate, limit: '500' });
    if (cursor) query.set('cursor', cursor);
    const res = await fetch(`${base}/api/statements?${query}`, { headers: auth });
    if (res.status !== 200)
      throw new Error(`${label}: GET /api/statements → ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { statements: StatementSummary[]; nextCursor: string | null };
    for (const st of page.statements) {
      seen.set(st.propertyId, (seen.get(st.propertyId) ?? 0) + 1);
      if (st.periodEnd !== period.endDate || st.calculationType !== 'checkout')
        problems.push(
          `statement of ${st.propertyId} for ${st.periodStart}…${st.periodEnd} ${st.calculationType}`,
        );
      if (reportedStatement.get(st.propertyId) !== st.id) wrongId++;
      lines.push(`statement ${st.propertyId}:${st.totals.netPayout}:${st.lineCount}`);
    }
    cursor = page.nextCursor;
  } while (cursor);
  const duplicated = [...seen].filter(([, n]) => n > 1).length;
  const missing = generated.filter((id) => !seen.has(id)).length;
  const extra = [...seen.keys()].filter((id) => !reportedStatement.has(id)).length;
  if (duplicated > 0) problems.push(`${duplicated} properties with more than one statement`);
  if (missing > 0) problems.push(`${missing} generated properties without a statement`);
  if (extra > 0) problems.push(`${extra} statements of properties the job did not generate`);
  if (wrongId > 0) problems.push(`${wrongId} statements that are not the one the job reports`);
  if (problems.length > 0) throw new Error(`WRONG RESULT (${label}):\n  ${problems.join('\n  ')}`);
  for (const id of skipped) lines.push(`skipped ${id}`);
  for (const id of errored) lines.push(`error ${id}`);
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex').slice(0, 12);
}
