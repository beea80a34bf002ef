import { Delaunay } from 'd3-delaunay';
import type { BBox } from './bbox.ts';
import type { Position, Ring } from './geojson.ts';

/**
 * Voronoi cell of each site, clipped to `bounds`, as closed convex rings (planar: project lon/lat
 * first where distances matter). A site that duplicates an earlier one gets an empty ring.
 */
export function voronoiCells(sites: readonly Position[], bounds: BBox): Ring[] {
  const delaunay = Delaunay.from(
    sites,
    (p) => p[0],
    (p) => p[1],
  );
  const voronoi = delaunay.voronoi([bounds[0], bounds[1], bounds[2], bounds[3]]);
  return sites.map((_, i) => {
    const cell = voronoi.cellPolygon(i);
    return cell ? cell.map(([x, y]) => [x, y] as Position) : [];
  });
}

/**
 * For each site, the sites whose Voronoi cells share an edge with its cell inside `bounds`
 * (the Delaunay neighbours), in ascending order.
 */
export function voronoiNeighbours(sites: readonly Position[], bounds: BBox): number[][] {
  const delaunay = Delaunay.from(
    sites,
    (p) => p[0],
    (p) => p[1],
  );
  const voronoi = delaunay.voronoi([bounds[0], bounds[1], bounds[2], bounds[3]]);
  return sites.map((_, i) => [...voronoi.neighbors(i)].sort((a, b) => a - b));
}
