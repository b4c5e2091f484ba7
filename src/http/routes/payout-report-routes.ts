/**
 * The payout report of a period, what the manager's bank transfers are prepared from: as JSON
 * for the screen, as CSV for the spreadsheet, and the periods that have statements (the
 * screen's picker). Read-only, for every signed-in role.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  type PayoutReportDto,
  type PayoutReportQuery,
  payoutPeriodsSchema,
  payoutReportQuerySchema,
  payoutReportSchema,
} from '../../contract/payout-report.js';
import { payoutCsv, payoutCsvFileName } from '../../documents/payout-csv.js';
import type { PayoutReport } from '../../domain/payout-report.js';
import type { Period } from '../../domain/types.js';
import type { AppDeps } from '../app-deps.js';
import { answer, nonJson, refusal, withExamples } from '../openapi/answers.js';
import { errorExample } from '../openapi/examples.js';
import {
  payoutPeriodsExample,
  payoutReportExample,
  payoutReportModelExample,
} from '../openapi/payout-examples.js';

const periodOf = (q: PayoutReportQuery): Period => ({ start: q.periodStart, end: q.periodEnd });

function presentPayoutReport(report: PayoutReport): PayoutReportDto {
  const { period, ...rest } = report;
  return { periodStart: period.start, periodEnd: period.end, ...rest };
}

const query = withExamples(payoutReportQuerySchema, {
  example: { periodStart: '2025-10-01', periodEnd: '2025-10-31' },
});

const badPeriod = refusal(
  'The period is not valid (validation_error): dates that exist, periodStart ≤ periodEnd, at most 366 days',
  {
    example: errorExample('validation_error', 'periodEnd: periodEnd must not be before periodStart', [
      { path: 'periodEnd', message: 'periodEnd must not be before periodStart' },
    ]),
  },
);

export const payoutReportRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/reports/payouts',
      {
        config: { permission: 'read' },
        schema: {
          tags: ['reports'],
          summary:
            'Payout report: per owner the net payout per currency of the final and sent statements of exactly this period',
          querystring: query,
          response: {
            200: answer(
              payoutReportSchema,
              'Per owner (by name; statements without an owner grouped last): the net payout per currency (negative: the owner owes the manager), the statements it adds up, the drafts not included, and the properties without a statement; totals per currency, never across currencies',
              { example: payoutReportExample },
            ),
            400: badPeriod,
          },
        },
      },
      async (request) => presentPayoutReport(await deps.payoutReport.report(periodOf(request.query))),
    );

    app.get(
      '/api/reports/payouts.csv',
      {
        config: { permission: 'read' },
        schema: {
          tags: ['reports'],
          summary: 'The payout report as CSV: one row per owner and currency',
          querystring: query,
          response: {
            200: nonJson(
              'text/csv',
              'One row per owner and currency (UTF-8), as an attachment named after the period; drafts are named in `draftsNotIncluded`, not added to `netPayout`',
              { example: payoutCsv(payoutReportModelExample) },
            ),
            400: badPeriod,
          },
        },
      },
      async (request, reply) => {
        const period = periodOf(request.query);
        const report = await deps.payoutReport.report(period);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${payoutCsvFileName(period)}"`)
          .send(payoutCsv(report));
      },
    );

    app.get(
      '/api/reports/payouts/periods',
      {
        config: { permission: 'read' },
        schema: {
          tags: ['reports'],
          summary: 'The latest periods that have statements (for choosing the report’s period)',
          response: {
            200: answer(
              payoutPeriodsSchema,
              'Up to 24 periods, latest end first, with their statement counts',
              {
                example: payoutPeriodsExample,
              },
            ),
          },
        },
      },
      async () => ({
        periods: (await deps.payoutReport.periods()).map((p) => ({
          periodStart: p.period.start,
          periodEnd: p.period.end,
          statementCount: p.statementCount,
        })),
      }),
    );
  };
