/**
 * Examples for the owner routes' docs: Olivia's October 2025 — Seaside Loft final in USD, Quiet
 * Chalet still a draft in EUR, Mixed Money House without a statement. The totals are added up by
 * the code that adds up real answers, so they are right by construction.
 */
import type { OwnerDetailsDto, OwnerStatementDto } from '../../contract/owner-statements.js';
import type { StatementDto } from '../../contract/statements.js';
import { totalsByCurrency } from '../../domain/owner-totals.js';
import { finalStatementExample, ids, statementExample } from './examples.js';

const quietChaletId = 'stmt_01k94kxfm4d6f8h1k3n5q7s9v2';

const quietChalet: StatementDto = {
  ...statementExample,
  id: quietChaletId,
  propertyId: '103',
  propertyName: 'Quiet Chalet',
  currency: 'EUR',
  totals: {
    accommodation: 84000,
    cleaning: 9000,
    otherFees: 0,
    grossRevenue: 93000,
    channelFees: 13950,
    commission: 11858,
    taxes: 0,
    ownerPayout: 67192,
    expenses: 0,
    adjustments: 2500,
    netPayout: 69692,
  },
  lines: [
    {
      reservationId: '48511',
      guestName: 'Marta Rossi',
      source: 'Airbnb',
      checkIn: '2025-10-09',
      checkOut: '2025-10-16',
      nights: 7,
      nightsInPeriod: 7,
      accommodation: 84000,
      cleaning: 9000,
      otherFees: 0,
      grossRevenue: 93000,
      channelFees: 13950,
      commission: 11858,
      taxes: 0,
      ownerPayout: 67192,
    },
  ],
  expenses: [],
  adjustments: [
    {
      id: 'led_01k7j02n4bc6d8f1g3h5k7m9p2',
      propertyId: '103',
      date: '2025-10-20',
      description: 'Refund of the September cleaning surcharge',
      amount: 2500,
      type: 'adjustment',
    },
  ],
  excluded: [],
};

const seasideLoft = finalStatementExample;

export const ownerStatementExample: OwnerStatementDto = {
  owner: { id: '1', name: 'Olivia Owner', email: 'olivia@example.com' },
  periodStart: '2025-10-01',
  periodEnd: '2025-10-31',
  sections: [quietChalet, seasideLoft],
  totals: totalsByCurrency([quietChalet, seasideLoft]),
  properties: [
    {
      propertyId: '102',
      propertyName: 'Mixed Money House',
      currency: 'USD',
      state: 'missing',
      statementId: null,
      netPayout: null,
      ownedNow: true,
    },
    {
      propertyId: '103',
      propertyName: 'Quiet Chalet',
      currency: 'EUR',
      state: 'draft',
      statementId: quietChaletId,
      netPayout: quietChalet.totals.netPayout,
      ownedNow: true,
    },
    {
      propertyId: '101',
      propertyName: 'Seaside Loft',
      currency: 'USD',
      state: 'final',
      statementId: ids.seasideLoft,
      netPayout: seasideLoft.totals.netPayout,
      ownedNow: true,
    },
  ],
  missing: [{ propertyId: '102', propertyName: 'Mixed Money House' }],
  drafts: [{ propertyId: '103', propertyName: 'Quiet Chalet', statementId: quietChaletId }],
  ready: false,
};

const settings = statementExample.settings;

export const ownerDetailsExample: OwnerDetailsDto = {
  owner: {
    id: '1',
    email: 'olivia@example.com',
    firstName: 'Olivia',
    lastName: 'Owner',
    name: 'Olivia Owner',
    isActive: true,
    delivery: 'combined',
  },
  properties: [
    {
      id: '102',
      ownerId: '1',
      name: 'Mixed Money House',
      nickname: null,
      currency: 'USD',
      isListed: true,
      tags: [],
      settings,
    },
    {
      id: '103',
      ownerId: '1',
      name: 'Quiet Chalet',
      nickname: 'Chalet',
      currency: 'EUR',
      isListed: true,
      tags: ['15%', 'pm'],
      settings,
    },
    {
      id: '101',
      ownerId: '1',
      name: 'Seaside Loft',
      nickname: null,
      currency: 'USD',
      isListed: true,
      tags: ['Beach', 'pm'],
      settings,
    },
  ],
  periods: [
    {
      periodStart: '2025-10-01',
      periodEnd: '2025-10-31',
      statements: [
        {
          id: quietChaletId,
          propertyId: '103',
          propertyName: 'Quiet Chalet',
          status: 'draft',
          currency: 'EUR',
          netPayout: quietChalet.totals.netPayout,
        },
        {
          id: ids.seasideLoft,
          propertyId: '101',
          propertyName: 'Seaside Loft',
          status: 'final',
          currency: 'USD',
          netPayout: seasideLoft.totals.netPayout,
        },
      ],
    },
    {
      periodStart: '2025-09-01',
      periodEnd: '2025-09-30',
      statements: [
        {
          id: 'stmt_01k6b2s8q1c3e5g7j9m2p4r6t8',
          propertyId: '101',
          propertyName: 'Seaside Loft',
          status: 'sent',
          currency: 'USD',
          netPayout: 64210,
        },
      ],
    },
  ],
};
