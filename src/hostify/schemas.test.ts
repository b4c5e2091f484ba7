import { describe, expect, it } from 'vitest';
import { listingSchema, reservationSchema, userSchema } from './schemas.js';

const RLO = '\u202E';
const LRI = '\u2066';

describe('Hostify names', () => {
  it('lose bidirectional control characters (visual spoofing) and keep every letter', () => {
    const listing = listingSchema.parse({
      id: 1,
      name: `Beach ${RLO}esuoH`,
      nickname: `${LRI}שלום`,
      currency: 'USD',
    });
    expect(listing).toMatchObject({ name: 'Beach esuoH', nickname: 'שלום' });
    const user = userSchema.parse({
      id: 2,
      username: 'o@example.com',
      first_name: `Zo${RLO}ë`,
      last_name: `Müller${LRI}`,
      is_active: 1,
      roles: 'Listing Owner',
      listings: [],
    });
    expect(user).toMatchObject({ firstName: 'Zoë', lastName: 'Müller' });
    const reservation = reservationSchema.parse({
      id: 3,
      listing_id: 1,
      checkIn: '2025-10-01',
      checkOut: '2025-10-03',
      status: 'accepted',
      guest_name: `Ana ${RLO}avliS`,
      source: `Air${RLO}bnb`,
    });
    expect(reservation).toMatchObject({ guestName: 'Ana avliS', source: 'Airbnb' });
  });
});
