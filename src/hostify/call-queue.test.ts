import { describe, expect, it } from 'vitest';
import { CallQueue } from './call-queue.js';

describe('CallQueue', () => {
  it('starts calls oldest first, passes results and errors through (synchronous throws too), and reports each end', async () => {
    const queue = new CallQueue();
    let ended = 0;
    const done = () => {
      ended++;
    };
    const order: number[] = [];
    const calls = [
      queue.enqueue(async () => {
        order.push(1);
        return 42;
      }, done),
      queue.enqueue(() => {
        order.push(2);
        return Promise.reject(new Error('boom'));
      }, done),
      queue.enqueue(() => {
        order.push(3);
        throw new Error('sync');
      }, done),
    ];
    expect(queue.size).toBe(3);
    while (queue.startNext());
    expect(queue.size).toBe(0);
    expect(queue.startNext()).toBe(false);
    await expect(calls[0]).resolves.toBe(42);
    await expect(calls[1]).rejects.toThrow('boom');
    await expect(calls[2]).rejects.toThrow('sync');
    expect(order).toEqual([1, 2, 3]);
    expect(ended).toBe(3);
  });
});
