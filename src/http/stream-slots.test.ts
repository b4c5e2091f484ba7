import { describe, expect, it } from 'vitest';
import { StreamSlots } from './stream-slots.js';

const take = (slots: StreamSlots, user: string) => {
  const r = slots.acquire(user);
  if ('refused' in r) throw new Error(`refused (${r.refused})`);
  return r.release;
};

describe('StreamSlots', () => {
  it('refuses a user past their limit, while others still get slots', () => {
    const slots = new StreamSlots({ perUser: 2, total: 10 });
    take(slots, 'a');
    take(slots, 'a');
    expect(slots.acquire('a')).toEqual({ refused: 'user', limit: 2 });
    take(slots, 'b');
    expect(slots.count()).toBe(3);
    expect(slots.count('a')).toBe(2);
  });

  it('refuses everyone past the process limit', () => {
    const slots = new StreamSlots({ perUser: 5, total: 3 });
    take(slots, 'a');
    take(slots, 'b');
    take(slots, 'c');
    expect(slots.acquire('d')).toEqual({ refused: 'process', limit: 3 });
  });

  it('frees a slot on release, once however often release is called', () => {
    const slots = new StreamSlots({ perUser: 1, total: 2 });
    const release = take(slots, 'a');
    take(slots, 'b');
    release();
    release();
    expect(slots.count()).toBe(1);
    expect(slots.count('a')).toBe(0);
    take(slots, 'a');
    expect(slots.acquire('c')).toEqual({ refused: 'process', limit: 2 });
  });
});
