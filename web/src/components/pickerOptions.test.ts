import { describe, expect, it } from 'vitest';
import type { Owner, Property } from '../api.js';
import { properties } from '../test/helpers.js';
import { ownerNameMap, ownerOptions, propertyOptions } from './pickerOptions.js';

const owner = (id: string, name: string, email: string, propertyCount = 1): Owner => ({
  id,
  name,
  email,
  firstName: name.split(' ')[0] ?? '',
  lastName: name.split(' ')[1] ?? '',
  propertyCount,
  delivery: 'combined',
});

describe('owner options', () => {
  const owners = [
    owner('7', 'Sam Lee', 'sam.south@example.com', 1),
    owner('3', 'Ann Lee', 'ann@example.com', 12),
    owner('5', 'sam lee', 'sam.north@example.com', 3),
  ];

  it('show name, e-mail and the number of properties, in natural order', () => {
    expect(ownerOptions(owners).map((o) => [o.label, o.detail, o.meta])).toEqual([
      ['Ann Lee', 'ann@example.com', '12 properties'],
      ['sam lee', 'sam.north@example.com', '3 properties'],
      ['Sam Lee', 'sam.south@example.com', '1 property'],
    ]);
  });

  it('write a shared name with the e-mail wherever the name stands alone', () => {
    const names = ownerNameMap(owners);
    expect(names.get('3')).toBe('Ann Lee');
    expect(names.get('5')).toBe('sam lee (sam.north@example.com)');
    expect(names.get('7')).toBe('Sam Lee (sam.south@example.com)');
    expect(ownerOptions(owners).find((o) => o.value === '7')?.selectedText).toBe(
      'Sam Lee (sam.south@example.com)',
    );
  });

  it('fall back to the e-mail for an owner without a name', () => {
    expect(ownerNameMap([owner('9', '  ', 'nameless@example.com')]).get('9')).toBe('nameless@example.com');
  });
});

describe('property options', () => {
  it('sort naturally and can be found by id, nickname and tag', () => {
    const base = properties[0] as Property;
    const list: Property[] = [
      { ...base, id: '1', name: 'Unit 10', nickname: 'Top floor', tags: ['Beach'] },
      { ...base, id: '2', name: 'Unit 2', nickname: null, tags: [] },
    ];
    const options = propertyOptions(list);
    expect(options.map((o) => o.label)).toEqual(['Unit 2', 'Unit 10']);
    expect(options[1]).toMatchObject({ detail: 'Top floor · #1', meta: 'USD' });
    expect(options[1]?.keywords).toEqual(expect.arrayContaining(['1', 'Top floor', 'Beach']));
  });
});
