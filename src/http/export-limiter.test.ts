import { describe, expect, it } from 'vitest';
import { MemoryExportLimiter } from './export-limiter.js';

describe('MemoryExportLimiter', () => {
  it('allows a user their exports per minute, then says how long to wait; others are not affected', async () => {
    const limiter = new MemoryExportLimiter(2);
    expect(await limiter.take('u1')).toBe(0);
    expect(await limiter.take('u1')).toBe(0);
    const wait = await limiter.take('u1');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60_000);
    expect(await limiter.take('u2')).toBe(0);
  });
});
