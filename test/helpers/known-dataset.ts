/**
 * A small Hostify data set in Hostify's documented shape (DESIGN.md §4: "Listing Owner" roles,
 * extras_price holding every guest-paid fee with cleaning included, subtotal = base + extras,
 * payout = subtotal − channel commission − transaction fee, children only through
 * /listings/{id}), whose statements are worked out by hand below, so integration tests can
 * compare exact cents. Period: October 2025, calculation type `checkout`.
 *
 * Owner 1 (Olivia, "Listing Owner") owns 101 (with child listing 111, which is not in /listings
 * nor in her listings: a reservation on it without parent_listing_id needs one GET /listings/111),
 * 102 and 103; owner 2 (Omar, ["Standard Owner", "Cleaner"]) owns 104. 105 belongs to a manager
 * (not an owner), 106 to an inactive owner: neither is generated. Reservation 14 is on listing 999,
 * which Hostify does not know (404): it belongs to no property and is reported.
 *
 * Tags: 101 ["Beach", "pm"] (array), 103 "15%, pm" (comma string), 104 null.
 */
import { simData, simListing, simReservation, simUser } from './sim-fixtures.js';

export const PERIOD = { startDate: '2025-10-01', endDate: '2025-10-31' } as const;

export const knownData = () =>
  simData({
    listings: [
      simListing({ id: 101, name: 'Seaside Loft', currency: 'USD', tags: ['Beach', 'pm'] }),
      // A child (channel) listing: served only by /listings/111 and /listings/children/101.
      simListing({ id: 111, name: 'Seaside Loft (Airbnb)', currency: null, parent_id: 101, tags: null }),
      simListing({ id: 102, name: 'Mixed Money House', currency: 'USD' }),
      simListing({ id: 103, name: 'Quiet Chalet', currency: 'EUR', tags: '15%, pm' }),
      simListing({ id: 104, name: 'Harbor View', currency: 'USD', tags: null }),
      simListing({ id: 105, name: 'Managers Flat', currency: 'USD' }),
      simListing({ id: 106, name: 'Retired Owner Villa', currency: 'USD' }),
    ],
    users: [
      simUser({
        id: 1,
        first_name: 'Olivia',
        last_name: 'Owner',
        roles: 'Listing Owner',
        listings: [{ id: 101 }, { id: 102 }, { id: 103 }],
      }),
      simUser({
        id: 2,
        first_name: 'Omar',
        last_name: 'Owner',
        roles: ['Standard Owner', 'Cleaner'],
        listings: [{ id: 104 }],
      }),
      simUser({ id: 3, first_name: 'Mia', last_name: 'Manager', roles: 'Manager', listings: [{ id: 105 }] }),
      simUser({
        id: 4,
        first_name: 'Ivan',
        last_name: 'Inactive',
        roles: 'Listing Owner',
        is_active: 0,
        listings: [{ id: 106 }],
      }),
    ],
    reservations: [
      // R1: odd cents and string money; extras_price = the cleaning fee (nothing else).
      simReservation({
        id: 1,
        listing_id: 101,
        checkIn: '2025-10-01',
        checkOut: '2025-10-05',
        nights: 4,
        status: 'accepted',
        base_price: '1000.01',
        cleaning_fee: 100,
        extras_price: 100,
        subtotal: '1100.01',
        tax_amount: 120.5,
        channel_commission: 150,
        transaction_fee: '30.00',
        payout_price: '920.01',
      }),
      // R2: child listing naming its parent; extras 75.50 = cleaning 50 + 25.50 other fees;
      // null and missing channel fees.
      simReservation({
        id: 2,
        listing_id: 111,
        parent_listing_id: 101,
        checkIn: '2025-10-20',
        checkOut: '2025-10-22',
        nights: 2,
        status: 'confirmed',
        currency: null,
        base_price: 300,
        cleaning_fee: 50,
        extras_price: 75.5,
        subtotal: 375.5,
        tax_amount: 0,
        channel_commission: null,
        transaction_fee: undefined,
        payout_price: 375.5,
      }),
      // R3: child listing without parent_listing_id (attributed through GET /listings/111) and
      // without a currency (then the listing's). Its payout 550 reconciles with neither
      // 600 − 60 = 540 nor 540 + 60 taxes = 600: a payout_mismatch warning, amounts unchanged.
      simReservation({
        id: 3,
        listing_id: 111,
        parent_listing_id: null,
        checkIn: '2025-10-25',
        checkOut: '2025-10-31',
        nights: 6,
        status: 'accepted',
        currency: null,
        base_price: 600,
        cleaning_fee: 0,
        extras_price: 0,
        subtotal: 600,
        tax_amount: 60,
        channel_commission: 60,
        transaction_fee: 0,
        payout_price: 550,
      }),
      // Left out and listed as excluded: cancelled without payout, an inquiry.
      simReservation({
        id: 4,
        listing_id: 101,
        checkIn: '2025-10-06',
        checkOut: '2025-10-08',
        status: 'cancelled',
        payout_price: 0,
      }),
      simReservation({
        id: 5,
        listing_id: 101,
        checkIn: '2025-10-09',
        checkOut: '2025-10-10',
        status: 'inquiry',
        guest_name: 'Ina Inquiry',
        payout_price: null,
      }),
      // Checks out after the period: not taken by checkout, so not excluded either.
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
        extras_price: 80,
        subtotal: 780,
        tax_amount: 70,
        channel_commission: 105,
        transaction_fee: 0,
        payout_price: 675,
      }),
      // Not an owner's property: never generated.
      simReservation({ id: 10, listing_id: 105, checkIn: '2025-10-03', checkOut: '2025-10-05' }),
      simReservation({ id: 11, listing_id: 106, checkIn: '2025-10-03', checkOut: '2025-10-05' }),
      // R12: cancelled by the guest with a payout: cancellation income (accommodation = 120).
      simReservation({
        id: 12,
        listing_id: 101,
        checkIn: '2025-10-12',
        checkOut: '2025-10-15',
        status: 'cancelled_by_guest',
        base_price: 450,
        tax_amount: 54,
        payout_price: 120,
      }),
      // R13: completed; no extras_price, so fees = subtotal − base = 60: cleaning 40, other 20.
      simReservation({
        id: 13,
        listing_id: 101,
        checkIn: '2025-10-16',
        checkOut: '2025-10-18',
        status: 'completed',
        base_price: 200,
        cleaning_fee: 40,
        extras_price: undefined,
        subtotal: 260,
        tax_amount: 0,
        channel_commission: 6,
        transaction_fee: 0,
        payout_price: 254,
      }),
      // R14: on a listing Hostify does not know: belongs to no property (reported, not dropped).
      simReservation({ id: 14, listing_id: 999, checkIn: '2025-10-03', checkOut: '2025-10-05' }),
    ],
  });

/**
 * Property 101, October 2025, checkout, default settings (15 % of net, taxes kept). Lines in
 * check-in order R1, R12, R13, R2, R3:
 * R1  gross 1000.01 + 100 = 110001 (fees = extras 100, all cleaning), channel 150 + 30 = 18000,
 *     commission round(92001 × 0.15 = 13800.15) = 13800, payout 110001 − 18000 − 13800 = 78201,
 *     taxes 12050.
 * R12 cancellation income: accommodation = payout 12000, all else 0; commission 1800,
 *     payout 10200.
 * R13 fees = 260 − 200 = 60: cleaning min(40, 60) = 4000, other 2000; gross 26000, channel 600,
 *     commission round(25400 × 0.15) = 3810, payout 21590.
 * R2  gross 300 + 75.50 = 37550 (cleaning 5000, other 2550), channel 0, commission
 *     round(5632.5) = 5633 (half away from zero), payout 31917.
 * R3  gross 60000, channel 6000, commission 8100, payout 45900, taxes 6000 (payout_mismatch).
 */
export const EXPECTED_101_LINES = ['1', '12', '13', '2', '3'];
export const EXPECTED_101_TOTALS = {
  accommodation: 100001 + 12000 + 20000 + 30000 + 60000,
  cleaning: 10000 + 0 + 4000 + 5000 + 0,
  otherFees: 0 + 0 + 2000 + 2550 + 0,
  grossRevenue: 110001 + 12000 + 26000 + 37550 + 60000,
  channelFees: 18000 + 0 + 600 + 0 + 6000,
  commission: 13800 + 1800 + 3810 + 5633 + 8100,
  taxes: 12050 + 0 + 0 + 0 + 6000,
  ownerPayout: 78201 + 10200 + 21590 + 31917 + 45900,
  expenses: 0,
  adjustments: 0,
  netPayout: 78201 + 10200 + 21590 + 31917 + 45900,
};
/** 101's excluded reservations: R4 (cancelled, payout 0) and R5 (inquiry, no payout). */
export const EXPECTED_101_EXCLUDED = [
  { reservationId: '4', status: 'cancelled', payout: 0 },
  { reservationId: '5', status: 'inquiry', payout: null },
];

/** Property 104: gross 78000, channel 10500; net basis 15 %: commission 10125, payout 57375. */
export const EXPECTED_104_DEFAULT = {
  grossRevenue: 78000,
  channelFees: 10500,
  commission: 10125,
  ownerPayout: 57375,
};
/** Property 104 with 12.5 % of gross: commission 9750, payout 78000 − 10500 − 9750 = 57750. */
export const EXPECTED_104_GROSS_12_5 = { commission: 9750, ownerPayout: 57750 };
