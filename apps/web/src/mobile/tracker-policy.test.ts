import { describe, expect, it } from 'vitest';
import { decide, defaultTrackerPolicy, intervals, metersBetween, type TrackerFix } from './tracker-policy.ts';

const at = (seconds: number, dLatMeters = 0, accuracy = 10): TrackerFix => ({
  lon: 118.24,
  lat: 25.49 + dLatMeters / 111_195,
  at: 1_000_000 + seconds * 1000,
  accuracy,
});

describe('tracker policy', () => {
  it('measures metres on the ground', () => {
    expect(metersBetween(at(0), at(0, 100))).toBeCloseTo(100, 0);
  });

  it('sends the first precise fix, then moves after the minimum interval, and a heartbeat standing still', () => {
    expect(decide(at(0), null, null)).toBe('send');
    expect(decide(at(0, 0, 500), null, null)).toBe('imprecise');
    expect(decide(at(5, 200), at(0), null)).toBe('too-soon');
    expect(decide(at(12, 200), at(0), null)).toBe('send');
    expect(decide(at(12, 10), at(0), null)).toBe('not-moved');
    expect(decide(at(61, 0), at(0), null)).toBe('send');
  });

  it('reports four times less often on a low battery that is not charging', () => {
    const low = { level: 0.1, charging: false };
    expect(intervals(low).minIntervalMs).toBe(defaultTrackerPolicy.minIntervalMs * 4);
    expect(decide(at(12, 200), at(0), low)).toBe('too-soon');
    expect(decide(at(41, 200), at(0), low)).toBe('send');
    expect(decide(at(61, 0), at(0), low)).toBe('not-moved');
    expect(decide(at(12, 200), at(0), { level: 0.1, charging: true })).toBe('send');
  });
});
