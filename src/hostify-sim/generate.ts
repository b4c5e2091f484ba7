/**
 * Deterministic dataset for the simulator: owners, properties (some with a child channel
 * listing), reservations spread over `months` months, with the awkward cases a statement calculator
 * must survive placed at fixed structural positions (so `SimFacts` can name them for any seed):
 *
 *   owned property #0  showcase: stays across both focus-month boundaries, a zero-night stay,
 *                      odd cents (base_price "1000.01")
 *   owned property #1, #5, #9, …  have a child listing (listing_id = child, parent_listing_id
 *                      = parent for some reservations and null for others)
 *   owned property #2  a 60-night stay across the focus month
 *   owned property #3  no reservation at all overlapping the focus month (→ no_activity)
 *   owned property #4  USD listing with a confirmed EUR reservation (→ mixed_currency)
 *   owned property #5  cancelled / inquiry / declined reservations in the focus month
 *   owned property #6, #13, #20, …  EUR listings
 * (#k means index k mod the number of owned properties.) The seed only moves the ordinary stays
 * and amounts around.
 */
import { addDays, addMonths, firstDayOf, fromDayNumber, lastDayOf, toDayNumber } from './dates.js';
import { FIRST_NAMES, LAST_NAMES, makeReservation, type Stay } from './generate-reservation.js';
import { mulberry32, pick, randInt } from './prng.js';
import type { SimData, SimFacts, SimListing, SimReservation, SimUser } from './types.js';

export interface SimDataOptions {
  seed?: number;
  /** Active owners. One inactive owner, a manager and a cleaner are added. Default 5. */
  owners?: number;
  /** Default 4. */
  propertiesPerOwner?: number;
  /** Ordinary stays per property over the whole range (special cases come on top). Default 12. */
  reservationsPerProperty?: number;
  /** First month of data, `YYYY-MM`. Default `2025-08`. */
  startMonth?: string;
  /** Number of months of data. Default 6 (2025-08..2026-01). */
  months?: number;
}

export interface GeneratedSimData {
  data: SimData;
  facts: SimFacts;
}

const ADJECTIVES = ['Sunny', 'Quiet', 'Ocean', 'Old Town', 'Garden', 'Hillside', 'Harbor', 'Pine'];
const NOUNS = ['Loft', 'Villa', 'Studio', 'Cottage', 'Apartment', 'Bungalow', 'Suite', 'Cabin'];
const TAGS: string[][] = [['beach'], ['city', 'pet-friendly'], [], ['mountain'], ['family', '15%']];
/**
 * Tags in the three spellings accounts send (§4): the documented array, a comma-separated
 * string, and null for none.
 */
function spellTags(tags: string[], index: number): string[] | string | null {
  if (tags.length === 0) return index % 2 === 0 ? null : [];
  return index % 3 === 1 ? tags.join(', ') : [...tags];
}
/**
 * Owner role spellings, cycled: the documented "Listing Owner" (reference, Users > Assign role),
 * as a string and as an array, and the variants accounts show (§4).
 */
const OWNER_ROLES: Array<string | string[]> = [
  'Listing Owner',
  ['Listing Owner'],
  'Standard Listing Owner',
  ['Standard Owner'],
  'Owner',
  ['Listing Owner', 'Cleaner'],
];

interface PropertyPlan {
  index: number;
  listing: SimListing;
  child: SimListing | null;
  specials: Stay[];
  avoidFocusMonth: boolean;
}

export function generateSimData(options: SimDataOptions = {}): GeneratedSimData {
  const seed = options.seed ?? 1;
  const ownerCount = options.owners ?? 5;
  const perOwner = options.propertiesPerOwner ?? 4;
  const perProperty = options.reservationsPerProperty ?? 12;
  const startMonth = options.startMonth ?? '2025-08';
  const months = options.months ?? 6;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(startMonth))
    throw new RangeError(`startMonth must be YYYY-MM: ${startMonth}`);
  for (const [name, v, min] of [
    ['owners', ownerCount, 1],
    ['propertiesPerOwner', perOwner, 1],
    ['reservationsPerProperty', perProperty, 0],
    ['months', months, 1],
  ] as const) {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be an integer ≥ ${min}: ${v}`);
  }

  const rng = mulberry32(seed);
  const focusMonth = addMonths(startMonth, Math.min(2, months - 1));
  const focusStart = firstDayOf(focusMonth);
  const focusEnd = lastDayOf(focusMonth);
  const rangeStart = toDayNumber(firstDayOf(startMonth));
  const rangeEnd = toDayNumber(lastDayOf(addMonths(startMonth, months - 1))) + 1; // exclusive

  let nextListingId = 10001;
  let nextUserId = 1001;
  let nextReservationId = 500001;

  // ---- listings -------------------------------------------------------------------------------
  const listings: SimListing[] = [];
  const makeListing = (index: number, currency: string): SimListing => {
    const name = `${pick(rng, ADJECTIVES)} ${pick(rng, NOUNS)} ${index + 1}`;
    const listing: SimListing = {
      id: nextListingId++,
      name,
      nickname: index % 3 === 2 ? null : `${name.slice(0, 3).toUpperCase()}-${index + 1}`,
      currency,
      parent_id: null,
      is_listed: 1,
      service_pms: 1,
      tags: spellTags([...pick(rng, TAGS)], index),
    };
    listings.push(listing);
    return listing;
  };
  const makeChild = (parent: SimListing): SimListing => {
    const child: SimListing = {
      id: nextListingId++,
      name: `${parent.name} (Booking.com)`,
      nickname: null,
      // A child (channel) listing's currency is the parent's, and Hostify may send null (§4).
      currency: null,
      parent_id: parent.id,
      is_listed: 1,
      service_pms: 1,
      tags: null,
    };
    listings.push(child);
    return child;
  };

  const ownedCount = ownerCount * perOwner;
  const role = (k: number) => k % ownedCount;
  const SHOWCASE = role(0);
  const LONG_STAY = role(2);
  const NO_ACTIVITY = role(3);
  const MIXED = role(4);
  const STATUS_VARIETY = role(5);
  const PAYOUT_MISMATCH = role(6);
  const at = (offset: number) => addDays(focusStart, offset);

  const plans: PropertyPlan[] = [];
  const ownerListings: SimListing[][] = [];
  for (let o = 0; o < ownerCount; o++) {
    const mine: SimListing[] = [];
    for (let p = 0; p < perOwner; p++) {
      const index = o * perOwner + p;
      const listing = makeListing(index, index % 7 === 6 && index !== MIXED ? 'EUR' : 'USD');
      const child = index % 4 === 1 ? makeChild(listing) : null;
      mine.push(listing);
      plans.push({ index, listing, child, specials: [], avoidFocusMonth: false });
    }
    ownerListings.push(mine);
  }
  const planAt = (i: number): PropertyPlan => {
    const plan = plans[i];
    if (plan === undefined) throw new Error(`no property ${i}`);
    return plan;
  };

  planAt(SHOWCASE).specials.push(
    { checkIn: at(-3), checkOut: at(2), status: 'confirmed', tag: 'crossIn' },
    {
      checkIn: at(14),
      checkOut: at(14),
      status: 'accepted',
      tag: 'zeroNight',
      fields: {
        base_price: 150,
        cleaning_fee: 40,
        extras_price: undefined,
        tax_amount: 18,
        channel_commission: '5.70',
        transaction_fee: undefined,
        payout_price: '202.30',
      },
    },
    {
      checkIn: at(19),
      checkOut: at(23),
      status: 'accepted',
      tag: 'oddCents',
      fields: {
        base_price: '1000.01',
        cleaning_fee: 85.5,
        extras_price: null,
        tax_amount: '120.00',
        channel_commission: 150.01,
        transaction_fee: undefined,
        payout_price: '1055.50',
        source: 'Booking.com',
      },
    },
    { checkIn: addDays(focusEnd, -1), checkOut: addDays(focusEnd, 3), status: 'accepted', tag: 'crossOut' },
  );
  planAt(LONG_STAY).specials.push({
    checkIn: at(-21),
    checkOut: at(39),
    status: 'accepted',
    tag: 'longStay',
  });
  planAt(MIXED).specials.push({
    checkIn: at(9),
    checkOut: at(13),
    status: 'confirmed',
    currency: 'EUR',
    tag: 'mixed',
  });
  planAt(STATUS_VARIETY).specials.push(
    { checkIn: at(0), checkOut: at(2), status: 'cancelled', tag: 'uncounted', fields: { payout_price: 0 } },
    { checkIn: at(3), checkOut: at(5), status: 'pending', tag: 'uncounted' },
    { checkIn: at(6), checkOut: at(8), status: 'inquiry', tag: 'uncounted', fields: { payout_price: null } },
    { checkIn: at(9), checkOut: at(11), status: 'declined_inq', tag: 'uncounted' },
    {
      checkIn: at(12),
      checkOut: at(15),
      status: 'cancelled_by_guest',
      tag: 'cancellationIncome',
      fields: { payout_price: '120.00' },
    },
    { checkIn: at(21), checkOut: at(25), status: 'confirmed', tag: 'counted' },
  );
  // A partial refund Hostify applied to the payout only: the payout no longer reconciles.
  planAt(PAYOUT_MISMATCH).specials.push({
    checkIn: at(16),
    checkOut: at(19),
    status: 'accepted',
    tag: 'payoutMismatch',
    fields: {
      base_price: 300,
      cleaning_fee: 60,
      extras_price: 60,
      subtotal: 360,
      tax_amount: 0,
      channel_commission: 10.8,
      transaction_fee: 0,
      payout_price: 324.2,
    },
  });
  const noActivityPlan = planAt(NO_ACTIVITY);
  if (noActivityPlan.specials.length === 0) noActivityPlan.avoidFocusMonth = true;

  // The inactive owner's property and listings nobody owns.
  const inactivePlan: PropertyPlan = {
    index: ownedCount,
    listing: makeListing(ownedCount, 'USD'),
    child: null,
    specials: [],
    avoidFocusMonth: false,
  };
  const unownedPlans: PropertyPlan[] = [1, 2].map((k) => ({
    index: ownedCount + k,
    listing: makeListing(ownedCount + k, 'USD'),
    child: null,
    specials: [],
    avoidFocusMonth: false,
  }));
  const lastUnowned = unownedPlans[1];
  if (lastUnowned) lastUnowned.listing.is_listed = false;

  // ---- users ----------------------------------------------------------------------------------
  const users: SimUser[] = [];
  const person = (): { first: string; last: string } => ({
    first: pick(rng, FIRST_NAMES),
    last: pick(rng, LAST_NAMES),
  });
  const email = (first: string, last: string, id: number) =>
    `${`${first}.${last}`
      .normalize('NFD')
      .replace(/[^A-Za-z.]/g, '')
      .toLowerCase()}.${id}@example.com`;
  const makeUser = (
    roles: string | string[],
    isActive: boolean,
    listingIds: Array<number | string>,
  ): SimUser => {
    const id = nextUserId++;
    const { first, last } = person();
    const user: SimUser = {
      id,
      username: email(first, last, id),
      first_name: first,
      last_name: last,
      roles,
      is_active: isActive,
      listings: listingIds.map((lid) => ({ id: lid })),
    };
    users.push(user);
    return user;
  };
  const idNum = (id: SimListing['id']): number => Number(id);

  const manager = makeUser(
    'Manager',
    true,
    plans.slice(0, 3).map((p) => idNum(p.listing.id)),
  );
  const activeOwners: SimUser[] = [];
  let cleaner: SimUser | null = null;
  for (let o = 0; o < ownerCount; o++) {
    const mine = ownerListings[o] ?? [];
    let ids: Array<number | string> = mine.map((l) => idNum(l.id));
    // Variety the client must normalise: owner #2's listing ids are strings; owner #3 also lists
    // the child listing of its property (the owner owns the parent).
    if (o === 1) ids = ids.map(String);
    if (o === 2) {
      for (const l of mine) {
        const child = plans.find((p) => p.listing === l)?.child;
        if (child) ids.push(idNum(child.id));
      }
    }
    activeOwners.push(makeUser(OWNER_ROLES[o % OWNER_ROLES.length] ?? 'Listing Owner', true, ids));
    if (o === Math.min(1, ownerCount - 1)) cleaner = makeUser(['Cleaner'], true, []);
  }
  const accountant = makeUser(['Accountant', 'Manager'], true, []);
  const inactiveOwner = makeUser('Listing Owner', false, [idNum(inactivePlan.listing.id)]);
  // Reference, Users > Update user: is_active is an int 0-1; mix the spellings.
  users.forEach((u, i) => {
    u.is_active = u.is_active ? (i % 2 === 0 ? 1 : '1') : 0;
  });

  // ---- reservations ---------------------------------------------------------------------------
  const reservations: SimReservation[] = [];
  const tagged = new Map<string, string[]>();
  const childWithParent: string[] = [];
  const childWithoutParent: string[] = [];
  const nullCurrency: string[] = [];

  const generateFor = (plan: PropertyPlan, count: number): void => {
    const blocked = plan.specials.map((s) => [
      toDayNumber(s.checkIn),
      Math.max(toDayNumber(s.checkOut), toDayNumber(s.checkIn) + 1),
    ]);
    const focusFrom = toDayNumber(focusStart);
    const focusTo = toDayNumber(focusEnd);
    const stays: Stay[] = [];
    const stride = (rangeEnd - rangeStart) / Math.max(1, count);
    for (let k = 0; k < count; k++) {
      const segStart = rangeStart + Math.floor(k * stride);
      const segEnd = rangeStart + Math.floor((k + 1) * stride);
      const length = segEnd - segStart;
      // Draw before deciding to drop, so dropping a stay does not shift the rest of the data.
      const nights = randInt(rng, 1, Math.max(1, Math.min(10, length)));
      const ci = segStart + randInt(rng, 0, Math.max(0, length - nights));
      const co = ci + nights;
      if (length < 1) continue;
      if (blocked.some(([bs = 0, be = 0]) => ci < be && co > bs)) continue;
      if (plan.avoidFocusMonth && ci <= focusTo && co >= focusFrom) continue;
      stays.push({ checkIn: fromDayNumber(ci), checkOut: fromDayNumber(co) });
    }
    stays.push(...plan.specials);
    stays.sort((a, b) => (a.checkIn < b.checkIn ? -1 : a.checkIn > b.checkIn ? 1 : 0));
    let ordinary = 0;
    for (const stay of stays) {
      const r = makeReservation(rng, nextReservationId++, plan.listing, stay);
      if (plan.child && stay.tag === undefined) {
        // Some stays come in through the child channel listing, with or without the parent id.
        const kind = ordinary % 3;
        if (kind !== 0) {
          r.listing_id = plan.child.id;
          r.parent_listing_id = kind === 1 ? plan.listing.id : null;
          (kind === 1 ? childWithParent : childWithoutParent).push(String(r.id));
          // The channel listing has no currency of its own: neither has its reservation.
          if (kind === 2) {
            r.currency = null;
            nullCurrency.push(String(r.id));
          }
        }
      } else if (stay.tag === undefined && ordinary % 9 === 4) {
        r.currency = null;
        nullCurrency.push(String(r.id));
      }
      if (stay.tag === undefined) ordinary += 1;
      else tagged.set(stay.tag, [...(tagged.get(stay.tag) ?? []), String(r.id)]);
      reservations.push(r);
    }
  };
  for (const plan of plans) generateFor(plan, perProperty);
  generateFor(inactivePlan, perProperty);
  for (const plan of unownedPlans) generateFor(plan, 3);

  // ---- facts ----------------------------------------------------------------------------------
  const s = (id: SimListing['id']) => String(id);
  const first = (tag: string) => tagged.get(tag)?.[0] ?? '';
  const parentOfListing = new Map(
    listings.map((l) => [s(l.id), l.parent_id === null ? s(l.id) : s(l.parent_id)]),
  );
  const active = new Set<string>();
  for (const r of reservations) {
    if (r.checkIn <= focusEnd && r.checkOut >= focusStart) {
      active.add(
        r.parent_listing_id === null ? (parentOfListing.get(s(r.listing_id)) ?? '') : s(r.parent_listing_id),
      );
    }
  }
  const ownerOfProperty: Record<string, string> = {};
  plans.forEach((p, i) => {
    const owner = activeOwners[Math.floor(i / perOwner)];
    if (owner) ownerOfProperty[s(p.listing.id)] = s(owner.id);
  });

  const facts: SimFacts = {
    focusMonth,
    focusStart,
    focusEnd,
    activeOwnerIds: activeOwners.map((u) => s(u.id)),
    inactiveOwnerId: s(inactiveOwner.id),
    nonOwnerUserIds: [manager, cleaner, accountant]
      .filter((u): u is SimUser => u !== null)
      .map((u) => s(u.id)),
    staffUserIds: [manager, cleaner, accountant].filter((u): u is SimUser => u !== null).map((u) => s(u.id)),
    ownedPropertyIds: plans.map((p) => s(p.listing.id)),
    ownerOfProperty,
    inactiveOwnerPropertyIds: [s(inactivePlan.listing.id)],
    unownedListingIds: unownedPlans.map((p) => s(p.listing.id)),
    childListings: plans.flatMap((p) =>
      p.child ? [{ childId: s(p.child.id), parentId: s(p.listing.id) }] : [],
    ),
    eurPropertyIds: plans.filter((p) => p.listing.currency === 'EUR').map((p) => s(p.listing.id)),
    childReservationIdsWithParent: childWithParent,
    childReservationIdsWithoutParent: childWithoutParent,
    showcasePropertyId: s(planAt(SHOWCASE).listing.id),
    crossMonthReservationIds: [first('crossIn'), first('crossOut')],
    zeroNightReservationId: first('zeroNight'),
    oddCentsReservationId: first('oddCents'),
    longStayPropertyId: s(planAt(LONG_STAY).listing.id),
    longStayReservationId: first('longStay'),
    mixedCurrencyPropertyId: s(planAt(MIXED).listing.id),
    mixedCurrencyReservationId: first('mixed'),
    noActivityPropertyIds: plans.map((p) => s(p.listing.id)).filter((id) => !active.has(id)),
    statusVarietyPropertyId: s(planAt(STATUS_VARIETY).listing.id),
    uncountedReservationIds: tagged.get('uncounted') ?? [],
    cancellationIncomeReservationId: first('cancellationIncome'),
    nullCurrencyReservationIds: nullCurrency,
    payoutMismatchReservationIds: tagged.get('payoutMismatch') ?? [],
  };

  return { data: { listings, users, reservations }, facts };
}
