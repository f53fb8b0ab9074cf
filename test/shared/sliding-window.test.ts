import { describe, expect, it } from 'vitest';
import { SlidingWindow } from '../../src/shared/sliding-window.ts';
import { manualClock } from '../helpers/sandbox-server.ts';

describe('SlidingWindow', () => {
  it('allows the limit in any window and says when the next slot frees', () => {
    const clock = manualClock();
    const window = new SlidingWindow({ limit: 3, windowMs: 60_000, now: clock.now });
    expect([1, 2, 3].map(() => window.take('k').allowed)).toEqual([true, true, true]);
    clock.advance(30_000);
    const refused = window.take('k');
    expect(refused).toMatchObject({ allowed: false, retryAfterMs: 30_000 });
    clock.advance(30_001);
    expect(window.take('k').allowed).toBe(true);
  });

  it('forgets keys that do not come back, so memory stays bounded', () => {
    const clock = manualClock();
    const window = new SlidingWindow({ limit: 5, windowMs: 1_000, now: clock.now });
    for (let i = 0; i < 999; i++) window.take(`once-${i}`);
    expect(window.trackedKeys).toBe(999);
    clock.advance(2_000);
    window.take('another');
    expect(window.trackedKeys).toBe(1);
  });
});
