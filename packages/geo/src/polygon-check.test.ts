import { describe, expect, it } from 'vitest';
import { firstSelfCrossing, polygonProblems } from './polygon-check.ts';

const square = [
  [118, 25],
  [118.01, 25],
  [118.01, 25.01],
  [118, 25.01],
  [118, 25],
] as const;

describe('polygonProblems', () => {
  it('accepts a closed simple ring and a hole inside it', () => {
    expect(polygonProblems({ type: 'Polygon', coordinates: [square] })).toEqual([]);
    const hole = [
      [118.004, 25.004],
      [118.006, 25.004],
      [118.006, 25.006],
      [118.004, 25.004],
    ] as const;
    expect(polygonProblems({ type: 'Polygon', coordinates: [square, hole] })).toEqual([]);
  });
  it('names an open ring, a flat ring and a bow tie', () => {
    expect(polygonProblems({ type: 'Polygon', coordinates: [square.slice(0, 4)] })[0]!.path).toBe(
      '/coordinates/0',
    );
    const flat = [
      [118, 25],
      [118.01, 25],
      [118.02, 25],
      [118, 25],
    ] as const;
    expect(polygonProblems({ type: 'Polygon', coordinates: [flat] })[0]!.message).toMatch(/no area/);
    const bowTie = [
      [118, 25],
      [118.01, 25.01],
      [118.01, 25],
      [118, 25.01],
      [118, 25],
    ] as const;
    expect(firstSelfCrossing(bowTie)).toBe(0);
    expect(polygonProblems({ type: 'MultiPolygon', coordinates: [[square], [bowTie]] })).toEqual([
      { path: '/coordinates/1/0/0', message: 'edges cross each other (self-intersecting ring)' },
    ]);
  });
  it('names a hole outside its ring', () => {
    const away = [
      [119, 26],
      [119.01, 26],
      [119.01, 26.01],
      [119, 26],
    ] as const;
    expect(polygonProblems({ type: 'Polygon', coordinates: [square, away] })[0]!.path).toBe('/coordinates/1');
  });
});
