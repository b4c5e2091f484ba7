/**
 * A small Hostify data set whose statements are worked out by hand below, so integration tests
 * can compare exact cents. Period: October 2025, calculation type `checkout`.
 *
 * Owner 1 (Olivia) owns 101 (with child listing 111), 102 and 103; owner 2 (Omar) owns 104.
 * 105 belongs to a manager (not an owner), 106 to an inactive owner: neither is generated.
 */
import { simData, simListing, simReservation, simUser } from '../../src/hostify-sim/index.js';

export const PERIOD = { startDate: '2025-10-01', endDate: '2025-10-31' } as const;

export const knownData = () =>
  simData({
    listings: [
      simListing({ id: 101, name: 'Seaside Loft', currency: 'USD' }),
      simListing({ id: 111, name: 'Seaside Loft (Airbnb)', currency: 'USD', parent_id: 101 }),
      simListing({ id: 102, name: 'Mixed Money House', currency: 'USD' }),
      simListing({ id: 103, name: 'Quiet Chalet', currency: 'EUR' }),
      simListing({ id: 104, name: 'Harbor View', currency: 'USD' }),
      simListing({ id: 105, name: 'Managers Flat', currency: 'USD' }),
      simListing({ id: 106, name: 'Retired Owner Villa', currency: 'USD' }),
    ],
    users: [
      simUser({
        id: 1,
        first_name: 'Olivia',
        last_name: 'Owner',
        roles: ['Owner'],
        listings: [{ id: 101 }, { id: 102 }, { id: 103 }],
      }),
      simUser({
        id: 2,
        first_name: 'Omar',
        last_name: 'Owner',
        roles: 'owner,cleaner',
        listings: [{ id: 104 }],
      }),
      simUser({ id: 3, first_name: 'Mia', last_name: 'Manager', roles: 'manager', listings: [{ id: 105 }] }),
      simUser({
        id: 4,
        first_name: 'Ivan',
        last_name: 'Inactive',
        roles: 'owner',
        is_active: false,
        listings: [{ id: 106 }],
      }),
    ],
    reservations: [
      // R1: odd cents and string money.
      simReservation({
        id: 1,
        listing_id: 101,
        checkIn: '2025-10-01',
        checkOut: '2025-10-05',
        nights: 4,
        status: 'accepted',
        base_price: '1000.01',
        cleaning_fee: 100,
        extras_price: 0,
        tax_amount: 120.5,
        channel_commission: 150,
        transaction_fee: '30.00',
      }),
      // R2: child listing naming its parent; null and missing fees.
      simReservation({
        id: 2,
        listing_id: 111,
        parent_listing_id: 101,
        checkIn: '2025-10-20',
        checkOut: '2025-10-22',
        nights: 2,
        status: 'confirmed',
        base_price: 300,
        cleaning_fee: 50,
        extras_price: 25.5,
        tax_amount: 0,
        channel_commission: null,
        transaction_fee: undefined,
      }),
      // R3: child listing without parent_listing_id (attributed through the listing's parent_id).
      simReservation({
        id: 3,
        listing_id: 111,
        parent_listing_id: null,
        checkIn: '2025-10-25',
        checkOut: '2025-10-31',
        nights: 6,
        status: 'accepted',
        base_price: 600,
        cleaning_fee: 0,
        extras_price: 0,
        tax_amount: 60,
        channel_commission: 60,
        transaction_fee: 0,
      }),
      // Left out: cancelled, inquiry, and a check-out after the period.
      simReservation({
        id: 4,
        listing_id: 101,
        checkIn: '2025-10-06',
        checkOut: '2025-10-08',
        status: 'cancelled',
      }),
      simReservation({
        id: 5,
        listing_id: 101,
        checkIn: '2025-10-09',
        checkOut: '2025-10-10',
        status: 'inquiry',
      }),
      simReservation({
        id: 6,
        listing_id: 101,
        checkIn: '2025-10-30',
        checkOut: '2025-11-02',
        status: 'accepted',
      }),
      // 102: one USD and one EUR reservation → mixed_currency.
      simReservation({
        id: 7,
        listing_id: 102,
        checkIn: '2025-10-02',
        checkOut: '2025-10-04',
        currency: 'USD',
      }),
      simReservation({
        id: 8,
        listing_id: 102,
        checkIn: '2025-10-11',
        checkOut: '2025-10-13',
        currency: 'EUR',
        status: 'confirmed',
      }),
      // 104.
      simReservation({
        id: 9,
        listing_id: 104,
        checkIn: '2025-10-03',
        checkOut: '2025-10-10',
        nights: 7,
        status: 'accepted',
        base_price: 700,
        cleaning_fee: 80,
        extras_price: 0,
        tax_amount: 70,
        channel_commission: 105,
        transaction_fee: 0,
      }),
      // Not an owner's property: never generated.
      simReservation({ id: 10, listing_id: 105, checkIn: '2025-10-03', checkOut: '2025-10-05' }),
      simReservation({ id: 11, listing_id: 106, checkIn: '2025-10-03', checkOut: '2025-10-05' }),
    ],
  });

/**
 * Property 101, October 2025, checkout, default settings (15 % of net, taxes kept):
 * R1 gross 1000.01+100 = 110001, channel 150+30 = 18000, commission round(92001×0.15 = 13800.15)
 *    = 13800, payout 110001−18000−13800 = 78201, taxes 12050.
 * R2 gross 300+50+25.50 = 37550, channel 0, commission round(5632.5) = 5633 (half away from
 *    zero), payout 31917.
 * R3 gross 60000, channel 6000, commission 8100, payout 45900, taxes 6000.
 */
export const EXPECTED_101_TOTALS = {
  accommodation: 100001 + 30000 + 60000,
  cleaning: 10000 + 5000,
  otherFees: 2550,
  grossRevenue: 110001 + 37550 + 60000,
  channelFees: 18000 + 6000,
  commission: 13800 + 5633 + 8100,
  taxes: 12050 + 6000,
  ownerPayout: 78201 + 31917 + 45900,
  expenses: 0,
  adjustments: 0,
  netPayout: 78201 + 31917 + 45900,
};

/** Property 104: gross 78000, channel 10500; net basis 15 %: commission 10125, payout 57375. */
export const EXPECTED_104_DEFAULT = {
  grossRevenue: 78000,
  channelFees: 10500,
  commission: 10125,
  ownerPayout: 57375,
};
/** Property 104 with 12.5 % of gross: commission 9750, payout 78000 − 10500 − 9750 = 57750. */
export const EXPECTED_104_GROSS_12_5 = { commission: 9750, ownerPayout: 57750 };
