import { describe, expect, it } from 'vitest';
import { repairExampleArrays } from './example-arrays.js';

describe('repairExampleArrays', () => {
  it('turns index-keyed objects inside examples back into arrays, and leaves schemas alone', () => {
    const doc = {
      schema: { type: 'object', properties: { properties: { type: 'array' } } },
      example: { properties: { 0: { id: 'a' }, 1: { id: 'b' } }, name: 'x' },
      examples: { one: { summary: 'One', value: { list: { 0: 1 } } } },
      nested: { schema: { examples: [{ properties: { 0: 'z' } }] } },
    };
    expect(repairExampleArrays(doc)).toEqual({
      schema: { type: 'object', properties: { properties: { type: 'array' } } },
      example: { properties: [{ id: 'a' }, { id: 'b' }], name: 'x' },
      examples: { one: { summary: 'One', value: { list: [1] } } },
      nested: { schema: { examples: [{ properties: ['z'] }] } },
    });
  });
});
