import { describe, expect, it } from 'vitest';
import { Turns } from './turns.js';

describe('Turns', () => {
  it('runs at most `concurrency` turns at once, in order, and returns their results', async () => {
    const turns = new Turns(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        turns.run(async () => {
          running++;
          most = Math.max(most, running);
          order.push(i);
          await new Promise((r) => setImmediate(r));
          running--;
          return i * 10;
        }),
      ),
    );
    expect(results).toEqual([0, 10, 20, 30, 40, 50]);
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(turns.queued).toBe(0);
  });

  it('lets timers and I/O callbacks run between turns of synchronous work', async () => {
    const turns = new Turns(1);
    const events: string[] = [];
    // A timer due at once must get in before the tenth turn, though every turn is synchronous.
    setTimeout(() => events.push('timer'), 0);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        turns.run(() => {
          const until = Date.now() + 2;
          while (Date.now() < until) {
            // busy, as a page of SQLite reads is
          }
          events.push(`turn ${i}`);
        }),
      ),
    );
    expect(events.indexOf('timer')).toBeGreaterThan(-1);
    expect(events.indexOf('timer')).toBeLessThan(events.indexOf('turn 9'));
  });

  it('passes the turn on when work fails', async () => {
    const turns = new Turns(1);
    await expect(turns.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await turns.run(() => 'next')).toBe('next');
  });
});
