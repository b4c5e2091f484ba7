/**
 * Examples for the API docs: one month end, October 2025, generated on 3 November. The amounts
 * are what the statement maths gives for these reservations (15 % commission on the net basis,
 * taxes remitted by the manager), so the totals add up as they would in a real answer. Typed
 * with the contract's types: an example that no longer fits the schema does not compile.
 */
import type { z } from 'zod';
import type { ErrorResponse } from '../../contract/common.js';
import type { JobAccepted, JobDto } from '../../contract/jobs.js';
import type {
  generateOwnerResponseSchema,
  generateRequestSchema,
  listStatementsResponseSchema,
  StatementDto,
  StatementSummaryDto,
} from '../../contract/statements.js';

export const ids = {
  accountant: 'usr_01k56aadr0m3x8q2v7n4c9t6ha',
  job: 'job_01k94kxfg0e5r7w2p9d3k8m1qz',
  retryJob: 'job_01k94manc0w4h8s2q6z9b3n7tx',
  seasideLoft: 'stmt_01k94kxfj8a2b5c7d9f3g6h8k1',
  harborView: 'stmt_01k94kxfk2c4e6g8j1m3p5r7t9',
} as const;

const settings = { commissionPercent: 15, commissionBasis: 'net', ownerRemitsTaxes: false } as const;

/** Seaside Loft's October: two stays and one repair. */
export const statementExample: StatementDto = {
  id: ids.seasideLoft,
  propertyId: '101',
  propertyName: 'Seaside Loft',
  ownerId: '1',
  periodStart: '2025-10-01',
  periodEnd: '2025-10-31',
  calculationType: 'checkout',
  currency: 'USD',
  status: 'draft',
  version: 1,
  totals: {
    accommodation: 120001,
    cleaning: 14000,
    otherFees: 2000,
    grossRevenue: 136001,
    channelFees: 18600,
    commission: 17610,
    taxes: 12050,
    ownerPayout: 99791,
    expenses: 12500,
    adjustments: 0,
    netPayout: 87291,
  },
  settings,
  lines: [
    {
      reservationId: '48213',
      guestName: 'Hannah Keller',
      source: 'Airbnb',
      checkIn: '2025-10-01',
      checkOut: '2025-10-05',
      nights: 4,
      nightsInPeriod: 4,
      accommodation: 100001,
      cleaning: 10000,
      otherFees: 0,
      grossRevenue: 110001,
      channelFees: 18000,
      commission: 13800,
      taxes: 12050,
      ownerPayout: 78201,
    },
    {
      reservationId: '48377',
      guestName: 'Daniel Ortiz',
      source: 'Booking.com',
      checkIn: '2025-10-16',
      checkOut: '2025-10-18',
      nights: 2,
      nightsInPeriod: 2,
      accommodation: 20000,
      cleaning: 4000,
      otherFees: 2000,
      grossRevenue: 26000,
      channelFees: 600,
      commission: 3810,
      taxes: 0,
      ownerPayout: 21590,
    },
  ],
  expenses: [
    {
      id: 'led_01k7hz4m9ab3c5d7e9f1g3h5j7',
      propertyId: '101',
      date: '2025-10-14',
      description: 'Replaced the hallway light fixture',
      amount: 12500,
      type: 'expense',
    },
  ],
  adjustments: [],
  excluded: [
    {
      reservationId: '48402',
      guestName: 'Priya Shah',
      checkIn: '2025-10-24',
      checkOut: '2025-10-27',
      status: 'cancelled',
      payout: null,
    },
  ],
  warnings: [],
  manualLines: [],
  overrides: [],
  createdAt: '2025-11-03T10:24:01.112Z',
  updatedAt: '2025-11-03T10:24:01.112Z',
  createdBy: ids.accountant,
  updatedBy: ids.accountant,
  sentAt: null,
  sentTo: null,
};

export const finalStatementExample: StatementDto = {
  ...statementExample,
  status: 'final',
  version: 2,
  updatedAt: '2025-11-03T10:40:12.530Z',
};

/** A statement as lists show it: without its lines and ledger, with their counts. */
function summaryOf(s: StatementDto): StatementSummaryDto {
  const {
    lines: l,
    manualLines: _m,
    expenses: _e,
    adjustments: _a,
    excluded: _x,
    warnings: w,
    overrides: _o,
    ...rest
  } = s;
  return { ...rest, lineCount: l.length, warningCount: w.length };
}
export const statementSummaryExample = summaryOf(statementExample);

const harborViewSummary: StatementSummaryDto = {
  ...statementSummaryExample,
  id: ids.harborView,
  propertyId: '104',
  propertyName: 'Harbor View',
  ownerId: '2',
  totals: {
    accommodation: 70000,
    cleaning: 8000,
    otherFees: 0,
    grossRevenue: 78000,
    channelFees: 10500,
    commission: 10125,
    taxes: 7000,
    ownerPayout: 57375,
    expenses: 0,
    adjustments: 0,
    netPayout: 57375,
  },
  createdAt: '2025-11-03T10:24:01.307Z',
  updatedAt: '2025-11-03T10:24:01.307Z',
  lineCount: 1,
  warningCount: 0,
};

export const listStatementsExample: z.output<typeof listStatementsResponseSchema> = {
  statements: [harborViewSummary, statementSummaryExample],
  nextCursor: 'c3RtdF8wMWs5NGt4ZmoxOGEyYjVjN2Q5ZjNnNmg4azE',
  total: 32,
};

export const generateRequestExamples: Record<
  string,
  { summary: string; value: z.input<typeof generateRequestSchema> }
> = {
  oneProperty: {
    summary: 'One property, now (201)',
    value: {
      ownerId: '1',
      propertyId: '101',
      startDate: '2025-10-01',
      endDate: '2025-10-31',
      calculationType: 'checkout',
    },
  },
  oneOwner: {
    summary: 'Every property of one owner, now (201)',
    value: { ownerId: '1', startDate: '2025-10-01', endDate: '2025-10-31', calculationType: 'checkout' },
  },
  allOwners: {
    summary: 'Generate All, in the background (202)',
    value: { ownerId: 'all', startDate: '2025-10-01', endDate: '2025-10-31', calculationType: 'checkout' },
  },
  tagged: {
    summary: 'Generate All for the properties tagged "Beach" (202)',
    value: {
      ownerId: 'all',
      startDate: '2025-10-01',
      endDate: '2025-10-31',
      calculationType: 'checkout',
      tag: 'Beach',
    },
  },
};

export const generateOwnerExample: z.output<typeof generateOwnerResponseSchema> = {
  message: 'Generated 1 statement(s); 1 skipped, 1 with errors',
  statements: [statementExample],
  skipped: [{ propertyId: '103', propertyName: 'Quiet Chalet', reason: 'no_activity' }],
  errors: [
    {
      propertyId: '102',
      propertyName: 'Mixed Money House',
      code: 'mixed_currency',
      error: 'reservation 48290 is in "EUR" but property 102 is in "USD"',
    },
  ],
};

export const jobAcceptedExample: JobAccepted = {
  message: 'Bulk statement generation started in background',
  jobId: ids.job,
  status: 'processing',
  note: 'This may take several minutes to complete...',
  statusUrl: `/api/statements/jobs/${ids.job}`,
};

const jobParams = { startDate: '2025-10-01', endDate: '2025-10-31', calculationType: 'checkout' };

export const processingJobExample: JobDto = {
  id: ids.job,
  type: 'bulk_statement_generation',
  status: 'processing',
  progress: 32,
  total: 160,
  startedAt: '2025-11-03T10:24:00.418Z',
  completedAt: null,
  result: null,
  error: null,
  params: jobParams,
  createdAt: '2025-11-03T10:24:00.102Z',
  counts: { generated: 31, skipped: 1, errors: 0 },
  retryOf: null,
  createdBy: ids.accountant,
};

export const completedJobExample: JobDto = {
  ...processingJobExample,
  status: 'completed',
  progress: 4,
  total: 4,
  completedAt: '2025-11-03T10:24:03.851Z',
  counts: { generated: 2, skipped: 1, errors: 1 },
  result: {
    summary: { generated: 2, skipped: 1, errors: 1, warnings: 0 },
    results: {
      generated: [
        {
          propertyId: '101',
          propertyName: 'Seaside Loft',
          ownerId: '1',
          statementId: ids.seasideLoft,
          warnings: 0,
        },
        {
          propertyId: '104',
          propertyName: 'Harbor View',
          ownerId: '2',
          statementId: ids.harborView,
          warnings: 0,
        },
      ],
      skipped: [{ propertyId: '103', propertyName: 'Quiet Chalet', reason: 'no_activity' }],
      errors: [
        {
          propertyId: '102',
          propertyName: 'Mixed Money House',
          code: 'mixed_currency',
          error: 'reservation 48290 is in "EUR" but property 102 is in "USD"',
        },
      ],
    },
  },
};

export const cancelledJobExample: JobDto = {
  ...processingJobExample,
  status: 'cancelled',
  completedAt: '2025-11-03T10:24:09.260Z',
  result: {
    summary: { generated: 31, skipped: 1, errors: 0, warnings: 0 },
    results: { generated: [], skipped: [], errors: [] },
  },
};

export const retryAcceptedExample: JobAccepted = {
  ...jobAcceptedExample,
  jobId: ids.retryJob,
  statusUrl: `/api/statements/jobs/${ids.retryJob}`,
};

/** What `GET /api/statements/jobs/{jobId}/events` sends for the completed job above. */
export const jobEventStreamExample = [
  'retry: 2000',
  '',
  'event: progress',
  'data: {"progress":0,"total":null,"counts":{"generated":0,"skipped":0,"errors":0}}',
  '',
  'id: 1',
  'event: item',
  `data: {"seq":1,"propertyId":"101","propertyName":"Seaside Loft","status":"succeeded","reason":null,"code":null,"error":null,"statementId":"${ids.seasideLoft}"}`,
  '',
  'id: 2',
  'event: item',
  'data: {"seq":2,"propertyId":"102","propertyName":"Mixed Money House","status":"failed","reason":null,"code":"mixed_currency","error":"reservation 48290 is in \\"EUR\\" but property 102 is in \\"USD\\"","statementId":null}',
  '',
  'id: 3',
  'event: item',
  'data: {"seq":3,"propertyId":"103","propertyName":"Quiet Chalet","status":"skipped","reason":"no_activity","code":null,"error":null,"statementId":null}',
  '',
  'id: 4',
  'event: item',
  `data: {"seq":4,"propertyId":"104","propertyName":"Harbor View","status":"succeeded","reason":null,"code":null,"error":null,"statementId":"${ids.harborView}"}`,
  '',
  'event: progress',
  'data: {"progress":4,"total":4,"counts":{"generated":2,"skipped":1,"errors":1}}',
  '',
  'event: completed',
  `data: {"id":"${ids.job}","type":"bulk_statement_generation","status":"completed","progress":4,"total":4,"startedAt":"2025-11-03T10:24:00.418Z","completedAt":"2025-11-03T10:24:03.851Z","error":null,"params":{"startDate":"2025-10-01","endDate":"2025-10-31","calculationType":"checkout"},"createdAt":"2025-11-03T10:24:00.102Z","counts":{"generated":2,"skipped":1,"errors":1},"retryOf":null,"createdBy":"${ids.accountant}","summary":{"generated":2,"skipped":1,"errors":1,"warnings":0}}`,
  '',
  '',
].join('\n');

export const errorExample = (code: string, message: string, details?: unknown): ErrorResponse => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

export const validationErrorExample = errorExample(
  'validation_error',
  'endDate: endDate must not be before startDate',
  [{ path: 'endDate', message: 'endDate must not be before startDate' }],
);
