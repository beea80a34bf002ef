import type { LocalProjection } from '@ronghui/geo';
import {
  countPerCell,
  type CrimeRecord,
  DAY_MS,
  evaluateHotspots,
  getisOrdGiStar,
  gridCovering,
  midTime,
  riskSurface,
  ruleOfThumbBandwidth,
  topK,
} from '@ronghui/intel';
import type { IntelHotspotCell, IntelHotspots } from '@ronghui/contracts';

export interface HotspotParams {
  method: 'kde' | 'gistar';
  cellMeters: number;
  /** Training period [from, to); the forecast window is [to, to + forecastDays). */
  from: number;
  to: number;
  forecastDays: number;
  areaShare: number;
  bandwidthMeters?: number | undefined;
}

/** The hotspots answer without its `source` (which the service adds). */
export type HotspotResult = Omit<IntelHotspots, 'source'>;

/** Most cells a map needs: the flagged ones, significant Gi* clusters and the densest others. */
const MAX_CELLS = 1500;
const finite = (v: number) => (Number.isFinite(v) ? v : null);

/**
 * Fit a hotspot surface on the training crimes, flag the top area share, score it on the forecast
 * window (PAI, PEI) and return the cells as WGS-84 polygons. Gi* z and p are always given (counts
 * per cell, the cell and its 8 neighbours), whichever method ranks the cells.
 */
export function computeHotspots(
  records: readonly CrimeRecord[],
  projection: LocalProjection,
  p: HotspotParams,
): HotspotResult {
  const end = p.to + p.forecastDays * DAY_MS;
  const train = records.filter((r) => midTime(r) >= p.from && midTime(r) < p.to);
  const test = records.filter((r) => midTime(r) >= p.to && midTime(r) < end);
  const all = [...train, ...test];
  const grid = gridCovering(
    all.map((r) => r.x),
    all.map((r) => r.y),
    p.cellMeters,
    p.cellMeters,
  );
  const points = train.map((r) => ({ x: r.x, y: r.y, t: midTime(r) }));
  const bandwidthMeters =
    p.method === 'kde'
      ? (p.bandwidthMeters ??
        (train.length > 1
          ? ruleOfThumbBandwidth(
              train.map((r) => r.x),
              train.map((r) => r.y),
            )
          : p.cellMeters * 2))
      : null;
  const risk = riskSurface(grid, points, { method: p.method, bandwidthM: bandwidthMeters ?? p.cellMeters });
  const counts = countPerCell(
    grid,
    train.map((r) => r.x),
    train.map((r) => r.y),
  );
  const gi = getisOrdGiStar(counts, grid.nx, grid.ny);
  const testCounts = countPerCell(
    grid,
    test.map((r) => r.x),
    test.map((r) => r.y),
  );
  const e = evaluateHotspots(risk, testCounts, p.areaShare);
  const flagged = new Set(e.flagged);
  const keep = new Set<number>(flagged);
  for (const r of topK(risk, MAX_CELLS)) {
    if (keep.size >= MAX_CELLS) break;
    if ((r.score > 0 && counts[r.index]) || (gi.z[r.index] as number) > 1.96) keep.add(r.index);
  }
  const features: IntelHotspotCell[] = [...keep].map((c) => {
    const col = c % grid.nx;
    const row = Math.floor(c / grid.nx);
    const x0 = grid.x0 + col * grid.cellM;
    const y0 = grid.y0 + row * grid.cellM;
    const corner = (x: number, y: number): [number, number] => {
      const [lon, lat] = projection.toLngLat([x, y]);
      return [Number(lon.toFixed(6)), Number(lat.toFixed(6))];
    };
    const x1 = x0 + grid.cellM;
    const y1 = y0 + grid.cellM;
    return {
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [[corner(x0, y0), corner(x1, y0), corner(x1, y1), corner(x0, y1), corner(x0, y0)]],
      },
      properties: {
        cell: `${col},${row}`,
        value: risk[c] as number,
        count: counts[c] as number,
        z: gi.z[c] as number,
        p: gi.p[c] as number,
        flagged: flagged.has(c),
      },
    };
  });
  features.sort((a, b) => b.properties.value - a.properties.value);
  return {
    type: 'FeatureCollection',
    features,
    method: p.method,
    cellMeters: p.cellMeters,
    bandwidthMeters,
    train: {
      from: new Date(p.from).toISOString(),
      to: new Date(p.to).toISOString(),
      count: train.length,
      recordIds: train.map((r) => r.id),
    },
    forecast: {
      from: new Date(p.to).toISOString(),
      to: new Date(end).toISOString(),
      areaShare: p.areaShare,
      pai: finite(e.pai),
      pei: finite(e.pei),
      flaggedCrimes: e.n,
      studyCrimes: e.N,
      flaggedCells: e.a,
      studyCells: e.A,
      recordIds: test.map((r) => r.id),
    },
  };
}
