import { createLocalProjection, type LngLat } from '@ronghui/geo';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PATROL_RULE,
  dwellSeconds,
  judgePatrol,
  lineCoverage,
  type PatrolTarget,
  patrolTargetOf,
  sampleLine,
  type TrackPoint,
  usablePoints,
} from './patrol-judge.ts';

const ORIGIN: LngLat = [118.1, 25.6];
const proj = createLocalProjection(ORIGIN);
const T0 = 1_800_000_000_000;
/** A point x, y metres from the origin, s seconds after T0. */
const at = (x: number, y: number, s: number, accuracyM?: number): TrackPoint => {
  const [lon, lat] = proj.toLngLat([x, y]);
  return { lon, lat, at: T0 + s * 1000, accuracyM: accuracyM ?? null };
};
const ll = (x: number, y: number) => {
  const [lon, lat] = proj.toLngLat([x, y]);
  return [lon, lat] as [number, number];
};
const window = { start: T0, end: T0 + 3_600_000 };
/** A walk from (x0,y0) to (x1,y1) with a fix every `step` seconds over `seconds`. */
const walk = (x0: number, y0: number, x1: number, y1: number, seconds: number, step = 10, from = 0) =>
  Array.from({ length: Math.floor(seconds / step) + 1 }, (_, i) => {
    const t = (i * step) / seconds;
    return at(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, from + i * step);
  });

describe('guard point (守点)', () => {
  const target: PatrolTarget = { kind: 'guard-point', point: ORIGIN };

  it('is completed after the minimum dwell inside the radius', () => {
    const track = walk(30, 0, -30, 20, 660);
    const j = judgePatrol(target, track, window);
    expect(j.completed).toBe(true);
    expect(j.insideS).toBe(660);
    expect(j.reason).toBeNull();
  });

  it('is not completed when the dwell is shorter than required', () => {
    const j = judgePatrol(target, walk(30, 0, -30, 20, 300), window);
    expect(j).toMatchObject({ completed: false, insideS: 300, required: 600, reason: 'too-short' });
  });

  it('does not count time spent outside the radius', () => {
    const j = judgePatrol(target, walk(300, 0, 400, 0, 900), window);
    expect(j).toMatchObject({ completed: false, insideS: 0 });
  });

  it('is accuracy-aware: a fix 130 m off with 40 m accuracy counts, one with 20 m does not', () => {
    const loose = [0, 60, 120, 600, 660].map((s) => at(130, 0, s, 40));
    expect(judgePatrol(target, loose, window).insideS).toBeGreaterThan(0);
    const tight = [0, 60, 120, 600, 660].map((s) => at(130, 0, s, 20));
    expect(judgePatrol(target, tight, window).insideS).toBe(0);
  });

  it('leaves out fixes too coarse to tell, and those outside the window', () => {
    const coarse = walk(0, 0, 0, 0, 900).map((p) => ({ ...p, accuracyM: 500 }));
    expect(judgePatrol(target, coarse, window)).toMatchObject({ completed: false, reason: 'no-points' });
    const early = walk(0, 0, 0, 0, 900, 10, -1000);
    const j = judgePatrol(target, early, window);
    expect(j.insideS).toBe(0);
    expect(j.pointsUsed).toBe(0);
    const late = walk(0, 0, 0, 0, 900, 10, 3_300);
    expect(judgePatrol(target, late, window).insideS).toBe(300);
  });

  it('caps a long gap between fixes', () => {
    const j = judgePatrol(target, [at(0, 0, 0), at(0, 0, 1800)], window);
    expect(j.insideS).toBe(DEFAULT_PATROL_RULE.maxGapS);
    expect(j.completed).toBe(false);
  });
});

describe('patrol line (巡线)', () => {
  const line = [ll(0, 0), ll(400, 0), ll(400, 300)];
  const target: PatrolTarget = { kind: 'patrol-line', line };

  it('samples the line every spacing metres, both ends included', () => {
    const s = sampleLine(line, 25);
    expect(s.length).toBe(29);
    expect(s[0]).toEqual(line[0]);
    expect(s[s.length - 1]).toEqual(line[2]);
  });

  it('is completed when the track walks the whole line within the tolerance', () => {
    const track = [...walk(0, 20, 400, 20, 400), ...walk(380, 0, 380, 300, 300, 10, 410)];
    const j = judgePatrol(target, track, window);
    expect(j.completed).toBe(true);
    expect(j.lineShare).toBe(1);
  });

  it('is not completed when only half is walked', () => {
    const j = judgePatrol(target, walk(0, 0, 350, 0, 350), window);
    expect(j.completed).toBe(false);
    expect(j.lineShare).toBeGreaterThan(0.4);
    expect(j.lineShare).toBeLessThan(0.8);
    expect(j.reason).toBe('line-not-covered');
  });

  it('does not count a track parallel but beyond the tolerance', () => {
    expect(lineCoverage(line, walk(0, 120, 400, 120, 400))).toBeLessThan(0.2);
  });

  it('counts the steps between sparse fixes close in time', () => {
    const sparse = [at(0, 0, 0), at(400, 0, 100), at(400, 300, 200)];
    expect(lineCoverage(line, sparse)).toBe(1);
    // The same fixes hours apart: only the fixes themselves count.
    const apart = [at(0, 0, 0), at(400, 0, 1000), at(400, 300, 2000)];
    expect(lineCoverage(line, apart)).toBeLessThan(0.4);
  });
});

describe('control area (控面)', () => {
  const square = [[ll(0, 0), ll(200, 0), ll(200, 200), ll(0, 200), ll(0, 0)]];
  const target: PatrolTarget = { kind: 'control-area', polygon: square };

  it('is completed after the minimum time inside the polygon', () => {
    const j = judgePatrol(target, walk(10, 10, 190, 190, 1000), window);
    expect(j).toMatchObject({ completed: true, insideS: 1000, required: 900 });
  });

  it('counts only the time inside', () => {
    const track = [...walk(-500, 100, -10, 100, 600), ...walk(10, 100, 190, 100, 500, 10, 610)];
    const j = judgePatrol(target, track, window);
    expect(j).toMatchObject({ completed: false, insideS: 500, reason: 'too-short' });
  });

  it('answers no-points for an empty track', () => {
    expect(judgePatrol(target, [], window)).toMatchObject({
      completed: false,
      reason: 'no-points',
      pointsUsed: 0,
    });
  });
});

describe('helpers', () => {
  it('usablePoints sorts by time and keeps one fix per instant', () => {
    const pts = usablePoints([at(0, 0, 20), at(1, 0, 10), at(2, 0, 10)], window);
    expect(pts.map((p) => p.at - T0)).toEqual([10_000, 20_000]);
  });

  it('dwellSeconds needs both ends of a step inside', () => {
    const pts = [at(0, 0, 0), at(0, 0, 10), at(500, 0, 20), at(0, 0, 30)];
    expect(dwellSeconds(pts, (p) => Math.abs(p.lon - ORIGIN[0]) < 1e-4, 120)).toBe(10);
  });

  it('patrolTargetOf refuses a geometry of the wrong type', () => {
    expect(patrolTargetOf('guard-point', { type: 'Point', coordinates: [1, 2] })).toEqual({
      kind: 'guard-point',
      point: [1, 2],
    });
    expect(() => patrolTargetOf('patrol-line', { type: 'Point', coordinates: [1, 2] })).toThrow(/LineString/);
  });
});
