/** A unit projected to the screen (CSS pixels), with the feature properties the map describes it by. */
export interface ScreenUnit {
  x: number;
  y: number;
  properties: Record<string, unknown>;
}

export interface UnitCluster {
  x: number;
  y: number;
  count: number;
  /** Stable within one layout: what a click on the cluster reports as `cluster_id`. */
  id: number;
}

export interface UnitLayout {
  singles: ScreenUnit[];
  clusters: UnitCluster[];
}

/**
 * Groups units that fall in the same `radius`-pixel cell into one cluster at their mean position (the cells of
 * MapLibre's clustered sources are about as wide); a cell with one unit keeps the unit. With `cluster` false
 * every unit stands alone. Units outside `width` × `height` (plus a margin for the icon) are left out.
 */
export function layoutUnits(
  units: readonly ScreenUnit[],
  options: { cluster: boolean; radius: number; width: number; height: number; margin?: number },
): UnitLayout {
  const margin = options.margin ?? 32;
  const onScreen = units.filter(
    (u) =>
      u.x >= -margin &&
      u.y >= -margin &&
      u.x <= options.width + margin &&
      u.y <= options.height + margin &&
      Number.isFinite(u.x) &&
      Number.isFinite(u.y),
  );
  if (!options.cluster) return { singles: onScreen, clusters: [] };
  const cells = new Map<string, ScreenUnit[]>();
  for (const u of onScreen) {
    const key = `${Math.floor(u.x / options.radius)}:${Math.floor(u.y / options.radius)}`;
    const cell = cells.get(key);
    if (cell) cell.push(u);
    else cells.set(key, [u]);
  }
  const singles: ScreenUnit[] = [];
  const clusters: UnitCluster[] = [];
  for (const members of cells.values()) {
    if (members.length === 1) {
      singles.push(members[0]!);
      continue;
    }
    let x = 0;
    let y = 0;
    for (const m of members) {
      x += m.x;
      y += m.y;
    }
    clusters.push({
      x: x / members.length,
      y: y / members.length,
      count: members.length,
      id: clusters.length,
    });
  }
  return { singles, clusters };
}

/** Radius of a cluster disc, as the clustered unit layer draws it (10, 14 or 20 px by size). */
export function clusterRadius(count: number): number {
  return count < 5 ? 10 : count < 15 ? 14 : 20;
}

/**
 * What is under the pointer: the nearest single unit within `tolerance` pixels (the selected unit and later
 * ones are drawn on top, so they win ties), else a cluster whose disc contains the point, else null.
 */
export function hitLayout(
  layout: UnitLayout,
  x: number,
  y: number,
  tolerance: number,
): { properties: Record<string, unknown> } | null {
  let best: ScreenUnit | null = null;
  let bestD = tolerance * tolerance;
  for (const u of layout.singles) {
    const d = (u.x - x) ** 2 + (u.y - y) ** 2;
    if (d <= bestD) {
      best = u;
      bestD = d;
    }
  }
  if (best) return { properties: best.properties };
  for (const c of layout.clusters) {
    const r = clusterRadius(c.count) + 2;
    if ((c.x - x) ** 2 + (c.y - y) ** 2 <= r * r)
      return { properties: { cluster: true, cluster_id: c.id, point_count: c.count } };
  }
  return null;
}
