/**
 * Builders of the simulator's wire records for tests that need a small explicit dataset
 * (`startHostifySim({ data })`).
 * Every builder fills the §4 fields with plausible values; pass overrides for what the test is about.
 */
import type { SimData, SimListing, SimReservation, SimUser } from '../../src/hostify-sim/types.js';

export function simListing(overrides: Partial<SimListing> & Pick<SimListing, 'id'>): SimListing {
  return {
    name: `Listing ${overrides.id}`,
    nickname: null,
    currency: 'USD',
    parent_id: null,
    is_listed: true,
    service_pms: 1,
    tags: [],
    ...overrides,
  };
}

export function simUser(overrides: Partial<SimUser> & Pick<SimUser, 'id'>): SimUser {
  return {
    username: `user${overrides.id}@example.com`,
    first_name: 'Test',
    last_name: `User ${overrides.id}`,
    roles: 'Listing Owner',
    is_active: 1,
    listings: [],
    ...overrides,
  };
}

export function simReservation(
  overrides: Partial<SimReservation> & Pick<SimReservation, 'id'>,
): SimReservation {
  return {
    listing_id: 1,
    parent_listing_id: null,
    checkIn: '2025-10-10',
    checkOut: '2025-10-12',
    nights: 2,
    status: 'accepted',
    source: 'Airbnb',
    currency: 'USD',
    guest_name: 'Guest',
    // Hostify's documented relations: extras include cleaning, subtotal = base + extras,
    // payout = subtotal − commission − transaction fee.
    base_price: 200,
    cleaning_fee: 50,
    extras_price: 50,
    subtotal: 250,
    tax_amount: 24,
    channel_commission: 7.5,
    transaction_fee: 0,
    payout_price: 242.5,
    created_at: '2025-09-01 10:00:00',
    ...overrides,
  };
}

export function simData(partial: Partial<SimData> = {}): SimData {
  return { listings: [], users: [], reservations: [], ...partial };
}
