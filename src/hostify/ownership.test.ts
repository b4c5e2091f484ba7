import { describe, expect, it } from 'vitest';
import { isOwner, listingParentsOf, propertyIdOf } from './ownership.js';
import type { HostifyListing, HostifyUser } from './types.js';

const user = (roles: string[], isActive = true): HostifyUser => ({
  id: '1',
  email: 'a@example.com',
  firstName: 'A',
  lastName: 'B',
  roles,
  isActive,
  listingIds: [],
});

const listing = (id: string, parentId: string | null): HostifyListing => ({
  id,
  name: id,
  nickname: null,
  currency: 'USD',
  parentId,
  isListed: true,
});

describe('isOwner', () => {
  it('is true for an active user with an owner role in any case', () => {
    expect(isOwner(user(['owner']))).toBe(true);
    expect(isOwner(user(['Owner']))).toBe(true);
    expect(isOwner(user(['cleaner', ' OWNER ']))).toBe(true);
  });
  it('is false for inactive owners and other roles', () => {
    expect(isOwner(user(['owner'], false))).toBe(false);
    expect(isOwner(user(['manager', 'cleaner']))).toBe(false);
    expect(isOwner(user([]))).toBe(false);
  });
});

describe('propertyIdOf', () => {
  const parents = listingParentsOf([listing('10', null), listing('11', '10'), listing('20', null)]);

  it('uses parent_listing_id when Hostify sent it', () => {
    expect(propertyIdOf({ listingId: '11', parentListingId: '10' }, parents)).toBe('10');
  });
  it("falls back to the child listing's parent", () => {
    expect(propertyIdOf({ listingId: '11', parentListingId: null }, parents)).toBe('10');
  });
  it('is the listing itself for a top-level or unknown listing', () => {
    expect(propertyIdOf({ listingId: '20', parentListingId: null }, parents)).toBe('20');
    expect(propertyIdOf({ listingId: '99', parentListingId: null }, parents)).toBe('99');
  });
});
