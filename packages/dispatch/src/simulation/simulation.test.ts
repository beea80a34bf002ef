import { createRng } from '@ronghui/geo';
import { describe, expect, it } from 'vitest';
import { HOURLY_WEIGHTS, simulateIncidents } from './incident-profile.ts';
import { bearing, positionAt, track } from './polyline.ts';

describe('driving along a track', () => {
  const t = track([
    [118.0, 25.0],
    [118.01, 25.0],
    [118.01, 25.01],
  ]);

  it('measures the track', () => {
    expect(t.lengthM).toBeGreaterThan(2_000);
    expect(t.lengthM).toBeLessThan(2_200);
  });

  it('finds the position and heading at a distance', () => {
    const start = positionAt(t, 0);
    expect(start).toMatchObject({ lon: 118.0, lat: 25.0, done: false });
    expect(start.heading).toBeCloseTo(90, 0);
    const mid = positionAt(t, t.cumulative[1]! / 2);
    expect(mid.lon).toBeCloseTo(118.005, 6);
    expect(mid.lat).toBeCloseTo(25.0, 9);
    const turn = positionAt(t, t.cumulative[1]! + 10);
    expect(turn.heading).toBeCloseTo(0, 0);
    expect(positionAt(t, t.lengthM + 5)).toMatchObject({ lon: 118.01, lat: 25.01, done: true });
  });

  it('computes compass bearings', () => {
    expect(bearing([118, 25], [118, 26])).toBeCloseTo(0, 6);
    expect(bearing([118, 25], [117, 25])).toBeCloseTo(270, 0);
  });
});

describe('simulated 110 calls', () => {
  const spots = [
    { code: 'a', lon: 118.2, lat: 25.5, weight: 9 },
    { code: 'b', lon: 118.0, lat: 25.7, weight: 1 },
  ];
  const day = 86_400_000;
  const start = Date.UTC(2026, 10, 1, 16); // 00:00 in UTC+8

  it('follows the daily profile and the spot weights on average, deterministically', () => {
    const a = simulateIncidents(createRng(7), start, start + 30 * day, 200, spots);
    const b = simulateIncidents(createRng(7), start, start + 30 * day, 200, spots);
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(30 * 200 * 0.9);
    expect(a.length).toBeLessThan(30 * 200 * 1.1);
    const byHour = new Array(24).fill(0);
    for (const i of a) byHour[Math.floor(((i.at + 8 * 3_600_000) % day) / 3_600_000)]++;
    const peak = HOURLY_WEIGHTS.indexOf(Math.max(...HOURLY_WEIGHTS));
    expect(byHour[peak]).toBeGreaterThan(byHour[3] * 3);
    const share = a.filter((i) => i.spot.code === 'a').length / a.length;
    expect(share).toBeGreaterThan(0.85);
    expect(share).toBeLessThan(0.95);
    expect(a.every((i, k) => k === 0 || a[k - 1]!.at <= i.at)).toBe(true);
  });
});
