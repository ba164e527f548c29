import { describe, expect, it } from 'vitest';
import { acquireTokens, reserveTokens, takeTokens } from '@/lib/alerts/token-bucket';
import { useTestDatabase } from './harness';

useTestDatabase();

describe('the shared token bucket', () => {
  it('allows a burst up to capacity, then refuses and says how long to wait', async () => {
    const spec = { name: 'burst-test', capacity: 5, refillPerSecond: 1 };
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await takeTokens(spec, 1));
    expect(results.slice(0, 5).every((r) => r.ok)).toBe(true);
    const refused = results[5];
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.waitMs).toBeGreaterThan(0);
  });

  it('never hands out more than capacity to concurrent takers', async () => {
    const spec = { name: 'race-test', capacity: 20, refillPerSecond: 0.001 };
    const results = await Promise.all(Array.from({ length: 60 }, () => takeTokens(spec, 1)));
    expect(results.filter((r) => r.ok)).toHaveLength(20);
  });

  it('refills with time: acquire waits for tokens instead of failing', async () => {
    const spec = { name: 'refill-test', capacity: 2, refillPerSecond: 20 };
    await takeTokens(spec, 2);
    await acquireTokens(spec, 1);
    const after = await takeTokens(spec, 1);
    // Whatever happened, the bucket never goes negative: a second immediate take either fits or waits.
    expect(after.ok || after.waitMs > 0).toBe(true);
  });

  it('reserves beyond the balance with evenly spaced waits, and caps the debt', async () => {
    const spec = { name: 'reserve-test', capacity: 3, refillPerSecond: 0.001 };
    const results = await Promise.all(Array.from({ length: 8 }, () => reserveTokens(spec, 1, 3_000)));
    const waits = results.filter((r) => r.ok).map((r) => r.waitMs).sort((a, b) => a - b);
    // 3 from the full bucket at once; then 3 seconds of refill (3 tokens at 1/1000 s) may be owed, 1,000 s apart.
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    expect(waits).toHaveLength(6);
    for (let i = 3; i < 6; i += 1) expect(waits[i] - (i - 2) * 1_000_000).toBeLessThan(2_000);
    expect(results.filter((r) => !r.ok).every((r) => r.waitMs > 0)).toBe(true);
    // A plain take sees the debt and refuses.
    expect((await takeTokens(spec, 1)).ok).toBe(false);
  });
});

