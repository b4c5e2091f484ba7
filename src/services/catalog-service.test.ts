import { describe, expect, it } from 'vitest';
import type { HostifyListing, HostifyUser } from '../hostify/types.js';
import { buildSnapshot } from './catalog-service.js';

const listing = (id: string, over: Partial<HostifyListing> = {}): HostifyListing => ({
  id,
  name: `L${id}`,
  nickname: null,
  currency: 'USD',
  parentId: null,
  isListed: true,
  tags: [],
  ...over,
});
const user = (id: string, roles: string[], listingIds: string[], isActive = true): HostifyUser => ({
  id,
  email: `${id}@example.com`,
  firstName: 'F',
  lastName: id,
  roles,
  isActive,
  listingIds,
});

describe('buildSnapshot (DESIGN.md §4)', () => {
  const listings = [listing('10', { tags: ['Beach'] }), listing('20'), listing('30', { currency: null })];

  it('gives an owner the parent of a child listing in their listings, from the looked-up children', () => {
    const snapshot = buildSnapshot(listings, [user('1', ['Listing Owner'], ['11'])], undefined, {
      children: new Map([['11', '10']]),
    });
    expect(snapshot.properties.find((p) => p.id === '10')).toMatchObject({ ownerId: '1', tags: ['Beach'] });
    expect(snapshot.childListings).toEqual([{ id: '11', propertyId: '10' }]);
  });

  it('takes owners by the default rule or HOSTIFY_OWNER_ROLES, active ones only', () => {
    const users = [
      user('1', ['Standard Owner'], ['10']),
      user('2', ['Manager'], ['20']),
      user('3', ['Listing Owner'], [], false),
    ];
    expect(buildSnapshot(listings, users).owners.map((o) => o.id)).toEqual(['1']);
    expect(
      buildSnapshot(listings, users, undefined, { ownerRoles: ['manager'] }).owners.map((o) => o.id),
    ).toEqual(['2']);
  });

  it('leaves out a parent listing without a currency, with a warning', () => {
    const warnings: unknown[] = [];
    const snapshot = buildSnapshot(listings, [], { warn: (o: unknown) => warnings.push(o) } as never);
    expect(snapshot.properties.map((p) => p.id)).toEqual(['10', '20']);
    expect(warnings).toEqual([{ listing: '30' }]);
  });
});
