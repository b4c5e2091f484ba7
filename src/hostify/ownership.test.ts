import { describe, expect, it } from 'vitest';
import { isOwner, listingParentsOf, parseOwnerRoles, propertyIdOf } from './ownership.js';
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
  tags: [],
});

describe('isOwner', () => {
  it('is true for an active user with a role containing the word "owner", in any case', () => {
    // Hostify's documented role, and the variants accounts show (DESIGN.md §4).
    for (const role of [
      'Listing Owner',
      'Standard Listing Owner',
      'Standard Owner',
      'Owner',
      'owner',
      ' OWNER ',
    ])
      expect(isOwner(user([role]))).toBe(true);
    expect(isOwner(user(['Cleaner', 'Listing Owner']))).toBe(true);
  });
  it('is false for inactive owners and other roles (the word, not a substring)', () => {
    expect(isOwner(user(['Listing Owner'], false))).toBe(false);
    expect(isOwner(user(['Manager', 'Cleaner']))).toBe(false);
    expect(isOwner(user(['Co-ownership clerk']))).toBe(false);
    expect(isOwner(user([]))).toBe(false);
  });
  it('HOSTIFY_OWNER_ROLES replaces the rule with exact role names (trimmed, any case)', () => {
    const roles = parseOwnerRoles(' Proprietor , Landlord ');
    expect(roles).toEqual(['proprietor', 'landlord']);
    expect(isOwner(user(['PROPRIETOR']), roles)).toBe(true);
    expect(isOwner(user(['Listing Owner']), roles)).toBe(false);
    expect(isOwner(user(['Landlord'], false), roles)).toBe(false);
    expect(parseOwnerRoles(undefined)).toBeNull();
    expect(parseOwnerRoles(' , ')).toBeNull();
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
