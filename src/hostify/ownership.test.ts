import { describe, expect, it } from 'vitest';
import { isOwner, parseOwnerRoles } from './ownership.js';
import type { HostifyUser } from './types.js';

const user = (roles: string[], isActive = true): HostifyUser => ({
  id: '1',
  email: 'a@example.com',
  firstName: 'A',
  lastName: 'B',
  roles,
  isActive,
  listingIds: [],
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
