/** Examples of the line-review routes: Seaside Loft's October draft after a review. */
import type { z } from 'zod';
import type { addOverrideRequestSchema } from '../../contract/line-review.js';
import type { StatementDto } from '../../contract/statements.js';
import { ids, statementExample } from './examples.js';

export const addOverrideRequestExamples: Record<
  string,
  { summary: string; value: z.input<typeof addOverrideRequestSchema> }
> = {
  exclude: {
    summary: 'Leave a counted reservation out',
    value: { kind: 'exclude', reservationId: '48377', reason: 'The owner stayed there themselves' },
  },
  include: {
    summary: 'Count a reservation the rules left out',
    value: { kind: 'include', reservationId: '48402', reason: 'Pending in Hostify, but the owner was paid' },
  },
  manual: {
    summary: 'Add a manual line',
    value: {
      kind: 'manual',
      description: 'Pool heating approved by the owner',
      amount: -4500,
      countsTowardCommission: false,
    },
  },
};

/** The example statement with its second stay excluded on review. */
export const reviewedStatementExample: StatementDto = {
  ...statementExample,
  version: 2,
  lines: statementExample.lines.slice(0, 1),
  totals: {
    accommodation: 100001,
    cleaning: 10000,
    otherFees: 0,
    grossRevenue: 110001,
    channelFees: 18000,
    commission: 13800,
    taxes: 12050,
    ownerPayout: 78201,
    expenses: 12500,
    adjustments: 0,
    netPayout: 65701,
  },
  excluded: [
    {
      reservationId: '48377',
      guestName: 'Daniel Ortiz',
      checkIn: '2025-10-16',
      checkOut: '2025-10-18',
      status: 'confirmed',
      payout: 25400,
      overrideReason: 'The owner stayed there themselves',
    },
    ...statementExample.excluded,
  ],
  overrides: [
    {
      id: 'ovr_01k94m2c7d9f3g6h8k1m3p5r7t',
      kind: 'exclude',
      reservationId: '48377',
      reason: 'The owner stayed there themselves',
      description: null,
      amount: null,
      countsTowardCommission: null,
      createdAt: '2025-11-03T10:31:44.902Z',
      createdBy: ids.accountant,
    },
  ],
  updatedAt: '2025-11-03T10:31:45.118Z',
};
