import { describe, expect, it } from 'vitest';
import { clusterRadius, hitLayout, layoutUnits, type ScreenUnit } from './unit-overlay-layout.ts';

const at = (id: string, x: number, y: number, extra: Record<string, unknown> = {}): ScreenUnit => ({
  x,
  y,
  properties: { id, kind: 'unit', ...extra },
});
const screen = { width: 800, height: 600, radius: 40 };

describe('layoutUnits', () => {
  it('keeps every unit on its own when not clustering, and leaves out units off screen', () => {
    const layout = layoutUnits([at('a', 10, 10), at('b', 12, 11), at('far', 2000, 10)], {
      ...screen,
      cluster: false,
    });
    expect(layout.singles.map((u) => u.properties.id)).toEqual(['a', 'b']);
    expect(layout.clusters).toEqual([]);
  });

  it('merges units of one cell into a cluster at their mean position; a lone unit stays a unit', () => {
    const layout = layoutUnits([at('a', 10, 10), at('b', 30, 20), at('c', 20, 30), at('d', 300, 300)], {
      ...screen,
      cluster: true,
    });
    expect(layout.singles.map((u) => u.properties.id)).toEqual(['d']);
    expect(layout.clusters).toEqual([{ x: 20, y: 20, count: 3, id: 0 }]);
  });

  it('ignores units that could not be projected', () => {
    const layout = layoutUnits([at('nan', Number.NaN, 5)], { ...screen, cluster: true });
    expect(layout.singles).toEqual([]);
    expect(layout.clusters).toEqual([]);
  });
});

describe('hitLayout', () => {
  const layout = layoutUnits([at('a', 100, 100), at('b', 108, 100), at('c', 500, 500), at('d', 510, 505)], {
    ...screen,
    cluster: false,
  });

  it('finds the nearest unit within the tolerance', () => {
    expect(hitLayout(layout, 106, 101, 12)?.properties.id).toBe('b');
    expect(hitLayout(layout, 99, 99, 12)?.properties.id).toBe('a');
    expect(hitLayout(layout, 200, 200, 12)).toBeNull();
  });

  it('reports a cluster by id and size, like a clustered map source', () => {
    const clustered = layoutUnits([at('c', 500, 500), at('d', 510, 505)], { ...screen, cluster: true });
    expect(hitLayout(clustered, 503, 502, 12)?.properties).toEqual({
      cluster: true,
      cluster_id: 0,
      point_count: 2,
    });
  });

  it('sizes cluster discs as the clustered layer did', () => {
    expect([2, 4, 5, 14, 15, 200].map(clusterRadius)).toEqual([10, 10, 14, 14, 20, 20]);
  });
});
