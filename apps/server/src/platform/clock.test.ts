import { describe, expect, it } from 'vitest';
import { startingClock } from './clock.ts';

describe('startingClock', () => {
  it('starts at the given instant and runs on with real time', () => {
    let real = Date.parse('2026-12-07T02:00:00Z');
    const clock = startingClock(new Date('2026-12-08T09:00:00+08:00'), () => real);
    expect(clock.now().toISOString()).toBe('2026-12-08T01:00:00.000Z');
    real += 90_000;
    expect(clock.now().toISOString()).toBe('2026-12-08T01:01:30.000Z');
  });
});
