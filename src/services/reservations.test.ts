import { describe, expect, it } from 'vitest';
import type { HostifyReservation, InvalidReservation } from '../hostify/types.js';
import {
  attributeReservations,
  propertyOfReservation,
  toDomainReservation,
  unknownListingIds,
} from './reservations.js';

const index = { properties: new Set(['10', '20']), children: new Map([['11', '10']]) };

function hostify(over: Partial<HostifyReservation>): HostifyReservation {
  return {
    id: 'r',
    listingId: '10',
    parentListingId: null,
    checkIn: '2025-10-01',
    checkOut: '2025-10-03',
    nights: 2,
    status: 'accepted',
    source: 'Airbnb',
    currency: 'USD',
    guestName: 'G',
    basePrice: 36000,
    cleaningFee: 7500,
    extrasPrice: 7500,
    subtotal: 43500,
    taxAmount: 0,
    channelCommission: 1305,
    transactionFee: 0,
    payoutPrice: 42195,
    createdAt: null,
    ...over,
  };
}

describe('attribution (DESIGN.md §4)', () => {
  it('parent_listing_id first, else the listing as a property, else a known child', () => {
    expect(propertyOfReservation({ listingId: '99', parentListingId: '20' }, index)).toBe('20');
    expect(propertyOfReservation({ listingId: '10', parentListingId: null }, index)).toBe('10');
    expect(propertyOfReservation({ listingId: '11', parentListingId: null }, index)).toBe('10');
    expect(propertyOfReservation({ listingId: '12', parentListingId: null }, index)).toBeNull();
  });

  it('a known child of a listing that is no property (inactive, unserviced) belongs to no property', () => {
    const withOrphan = {
      properties: index.properties,
      children: new Map([...index.children, ['31', '1999']]),
    };
    expect(propertyOfReservation({ listingId: '31', parentListingId: null }, withOrphan)).toBeNull();
    expect(propertyOfReservation({ listingId: '5', parentListingId: '31' }, withOrphan)).toBeNull();
    // It is reported, not looked up again: the catalog already knows the child.
    const out = attributeReservations([hostify({ id: 'r-orphan', listingId: '31' })], [], withOrphan);
    expect(out.unattributed.map((u) => u.reservationId)).toEqual(['r-orphan']);
    expect([...out.byProperty.keys()]).toEqual([]);
  });

  it('asks for each unknown listing once', () => {
    const records = [
      { listingId: '12', parentListingId: null },
      { listingId: '12', parentListingId: null },
      { listingId: '11', parentListingId: null },
      { listingId: '13', parentListingId: '77' },
      { listingId: null, parentListingId: null },
    ];
    expect(unknownListingIds(records, index)).toEqual(['12', '77']);
  });

  it('groups by property, keeps malformed records per property, and reports the rest', () => {
    const invalid: InvalidReservation[] = [
      { id: 'bad', listingId: '11', parentListingId: null, field: 'checkIn', message: 'expected YYYY-MM-DD' },
      { id: null, listingId: null, parentListingId: null, field: 'id', message: 'expected an id' },
    ];
    const out = attributeReservations(
      [hostify({ id: 'a' }), hostify({ id: 'b', listingId: '11' }), hostify({ id: 'c', listingId: '12' })],
      invalid,
      index,
    );
    expect(out.byProperty.get('10')?.map((r) => r.id)).toEqual(['a', 'b']);
    expect(out.invalidByProperty.get('10')).toEqual(['reservation bad: checkIn: expected YYYY-MM-DD']);
    expect(out.unattributed.map((u) => u.reservationId)).toEqual(['c', null]);
  });

  it("maps Hostify's money to the statement's columns (reservation 9876) and keeps payout and subtotal", () => {
    expect(toDomainReservation(hostify({ currency: null }), '10')).toMatchObject({
      accommodation: 36000,
      cleaning: 7500,
      otherFees: 0,
      channelFees: 1305,
      payout: 42195,
      subtotal: 43500,
      currency: '',
    });
  });
});
