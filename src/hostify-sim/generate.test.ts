import { describe, expect, it } from 'vitest';
import { generateSimData } from './generate.js';
import type { SimData, SimReservation } from './types.js';

const MONEY_FIELDS = [
  'base_price',
  'cleaning_fee',
  'extras_price',
  'subtotal',
  'tax_amount',
  'channel_commission',
  'transaction_fee',
  'payout_price',
] as const;

const overlaps = (r: SimReservation, from: string, to: string) => r.checkIn <= to && r.checkOut >= from;

function propertyOf(data: SimData, r: SimReservation): string {
  if (r.parent_listing_id !== null) return String(r.parent_listing_id);
  const listing = data.listings.find((l) => String(l.id) === String(r.listing_id));
  return String(listing?.parent_id ?? r.listing_id);
}

describe('generateSimData', () => {
  const { data, facts } = generateSimData();
  const byId = new Map(data.reservations.map((r) => [String(r.id), r]));
  const get = (id: string): SimReservation => {
    const r = byId.get(id);
    if (r === undefined) throw new Error(`no reservation ${id}`);
    return r;
  };

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateSimData({ seed: 1 })).toEqual(generateSimData({ seed: 1 }));
    expect(generateSimData({ seed: 2 }).data).not.toEqual(data);
    // The awkward cases sit at the same places for every seed.
    expect(generateSimData({ seed: 2 }).facts.mixedCurrencyPropertyId).toBe(facts.mixedCurrencyPropertyId);
  });

  it('has the default sizes: 5 owners × 4 properties, ~12 stays each', () => {
    expect(facts.activeOwnerIds).toHaveLength(5);
    expect(facts.ownedPropertyIds).toHaveLength(20);
    expect(data.reservations.length).toBeGreaterThan(200);
    expect(facts.focusMonth).toBe('2025-10');
    const inOctober = data.reservations.filter((r) => overlaps(r, '2025-10-01', '2025-10-31'));
    expect(inOctober.length).toBeGreaterThan(40);
    const months = new Set(data.reservations.map((r) => r.checkIn.slice(0, 7)));
    for (const m of ['2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01'])
      expect(months).toContain(m);
  });

  it('has owners with varied role spellings, non-owners and one inactive owner', () => {
    const users = new Map(data.users.map((u) => [String(u.id), u]));
    const roleKinds = new Set(facts.activeOwnerIds.map((id) => JSON.stringify(users.get(id)?.roles)));
    expect(roleKinds.size).toBe(5);
    expect([...roleKinds]).toEqual(
      expect.arrayContaining([
        '"Listing Owner"',
        '["Listing Owner"]',
        '"Standard Listing Owner"',
        '["Standard Owner"]',
      ]),
    );
    expect(users.get(facts.inactiveOwnerId)).toMatchObject({ roles: 'Listing Owner', is_active: 0 });
    for (const id of facts.nonOwnerUserIds)
      expect(JSON.stringify(users.get(id)?.roles)).not.toMatch(/owner/i);
    // Every owned property is in its owner's listings; unowned listings are in no owner's.
    for (const [propertyId, ownerId] of Object.entries(facts.ownerOfProperty)) {
      expect(users.get(ownerId)?.listings.map((l) => String(l.id))).toContain(propertyId);
    }
    const ownersListings = facts.activeOwnerIds.flatMap(
      (id) => users.get(id)?.listings.map((l) => String(l.id)) ?? [],
    );
    for (const id of facts.unownedListingIds) expect(ownersListings).not.toContain(id);
  });

  it('places each awkward case where the facts say', () => {
    const [crossIn, crossOut] = facts.crossMonthReservationIds.map(get);
    if (crossIn === undefined || crossOut === undefined) throw new Error('two cross-month stays');
    expect(crossIn.checkIn < '2025-10-01' && crossIn.checkOut > '2025-10-01').toBe(true);
    expect(crossOut.checkIn <= '2025-10-31' && crossOut.checkOut > '2025-10-31').toBe(true);
    expect(get(facts.zeroNightReservationId)).toMatchObject({
      checkIn: '2025-10-15',
      checkOut: '2025-10-15',
      nights: 0,
    });
    const odd = get(facts.oddCentsReservationId);
    expect(odd).toMatchObject({ base_price: '1000.01', extras_price: null });
    expect('transaction_fee' in odd).toBe(false);
    expect(get(facts.longStayReservationId).nights).toBe(60);
    const mixed = get(facts.mixedCurrencyReservationId);
    const mixedListing = data.listings.find((l) => String(l.id) === facts.mixedCurrencyPropertyId);
    expect(mixed.currency).toBe('EUR');
    expect(mixedListing?.currency).toBe('USD');
    expect(['accepted', 'confirmed']).toContain(mixed.status);
    expect(facts.uncountedReservationIds.map((id) => get(id).status).sort()).toEqual([
      'cancelled',
      'declined_inq',
      'inquiry',
      'pending',
    ]);
    expect(get(facts.cancellationIncomeReservationId)).toMatchObject({
      status: 'cancelled_by_guest',
      payout_price: '120.00',
    });
    expect(facts.payoutMismatchReservationIds).toHaveLength(1);
    expect(facts.nullCurrencyReservationIds.length).toBeGreaterThan(0);
    for (const id of facts.nullCurrencyReservationIds) expect(get(id).currency).toBeNull();
    expect(facts.eurPropertyIds.length).toBeGreaterThan(0);
  });

  it('has owned properties with no reservation touching the focus month', () => {
    expect(facts.noActivityPropertyIds.length).toBeGreaterThan(0);
    for (const id of facts.noActivityPropertyIds) {
      const touching = data.reservations.filter(
        (r) => propertyOf(data, r) === id && overlaps(r, facts.focusStart, facts.focusEnd),
      );
      expect(touching).toEqual([]);
      expect(data.reservations.some((r) => propertyOf(data, r) === id)).toBe(true);
    }
  });

  it('has child-listing reservations with and without parent_listing_id', () => {
    const children = new Map(facts.childListings.map((c) => [c.childId, c.parentId]));
    expect(facts.childReservationIdsWithParent.length).toBeGreaterThan(0);
    expect(facts.childReservationIdsWithoutParent.length).toBeGreaterThan(0);
    for (const id of facts.childReservationIdsWithParent) {
      const r = get(id);
      expect(String(r.parent_listing_id)).toBe(children.get(String(r.listing_id)));
    }
    for (const id of facts.childReservationIdsWithoutParent) {
      const r = get(id);
      expect(r.parent_listing_id).toBeNull();
      expect(children.has(String(r.listing_id))).toBe(true);
    }
  });

  it('follows the documented money relations: extras hold cleaning, subtotal = base + extras', () => {
    const cents = (v: unknown) => Math.round(Number(v ?? 0) * 100);
    let checked = 0;
    for (const r of data.reservations) {
      if (r.extras_price === undefined || r.extras_price === null || r.subtotal === undefined) continue;
      if (r.id === Number(facts.payoutMismatchReservationIds[0])) continue;
      expect(cents(r.extras_price)).toBeGreaterThanOrEqual(cents(r.cleaning_fee));
      expect(cents(r.subtotal)).toBe(cents(r.base_price) + cents(r.extras_price));
      if (!/cancel|no_show/.test(r.status) && r.payout_price !== null) {
        expect(cents(r.payout_price)).toBe(
          cents(r.subtotal) - cents(r.channel_commission) - cents(r.transaction_fee),
        );
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('has every kind of status in realistic proportions, mostly accepted', () => {
    const { data: big } = generateSimData({ owners: 50 });
    const counts = new Map<string, number>();
    for (const r of big.reservations) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    const share = (s: string) => (counts.get(s) ?? 0) / big.reservations.length;
    expect(share('accepted')).toBeGreaterThan(0.6);
    for (const s of [
      'cancelled',
      'inquiry',
      'pending',
      'moved',
      'completed',
      'cancelled_by_guest',
      'no_show',
    ])
      expect(counts.get(s) ?? 0).toBeGreaterThan(0);
    const cancelled = big.reservations.filter((r) => r.status === 'cancelled');
    expect(cancelled.some((r) => Number(r.payout_price) > 0)).toBe(true);
    expect(cancelled.some((r) => Number(r.payout_price) === 0)).toBe(true);
  });

  it('writes money with at most two decimals, as numbers, strings, null or missing', () => {
    const kinds = new Set<string>();
    for (const seed of [1, 2, 3]) {
      for (const r of generateSimData({ seed }).data.reservations) {
        for (const field of MONEY_FIELDS) {
          const v = r[field];
          kinds.add(v === undefined ? 'missing' : v === null ? 'null' : typeof v);
          if (typeof v === 'number') expect(String(v)).toMatch(/^\d+(\.\d{1,2})?$/);
          if (typeof v === 'string') expect(v).toMatch(/^\d+\.\d{2}$/);
        }
      }
    }
    expect([...kinds].sort()).toEqual(['missing', 'null', 'number', 'string']);
  });

  it('never overlaps two stays of the same listing', () => {
    const byListing = new Map<string, SimReservation[]>();
    for (const r of data.reservations) {
      const key = propertyOf(data, r);
      byListing.set(key, [...(byListing.get(key) ?? []), r]);
    }
    for (const stays of byListing.values()) {
      const sorted = [...stays].sort((a, b) => a.checkIn.localeCompare(b.checkIn));
      for (let i = 1; i < sorted.length; i++) {
        expect((sorted[i]?.checkIn ?? '') >= (sorted[i - 1]?.checkOut ?? '')).toBe(true);
      }
    }
  });

  // How long it takes is bench/hostify-timing.ts's figure, not a unit test's threshold.
  it('generates the benchmark size (5,000 properties × 12)', () => {
    const big = generateSimData({ owners: 1250, propertiesPerOwner: 4, reservationsPerProperty: 12 });
    expect(big.facts.ownedPropertyIds).toHaveLength(5000);
    expect(big.data.reservations.length).toBeGreaterThan(55_000);
    expect(new Set(big.data.reservations.map((r) => String(r.id))).size).toBe(big.data.reservations.length);
  });
});
