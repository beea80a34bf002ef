import { createLocalProjection, type LocalProjection } from '@ronghui/geo';
import type { CrimeRecord } from '@ronghui/intel';
import type { NewCrimeRow } from './intel.repo.ts';

export interface VillageRef {
  code: string;
  name: string;
  lon: number;
  lat: number;
  station_id: string | null;
  grid_id: string | null;
}

export interface Placement {
  stationId: string | null;
  areaId: string | null;
  gridId: string | null;
  villageName: string;
  /** Distance to the nearest village centre, metres. */
  distanceM: number;
}

/**
 * How the analysis sees one tenant: a local projection about the county centre (metres for the
 * algorithms) and the village, station, area and grid a position is attributed to.
 */
export interface CrimeContext {
  readonly projection: LocalProjection;
  place(lon: number, lat: number): Placement;
  toRecord(c: NewCrimeRow): CrimeRecord;
}

/** Positions farther than this from every village centre are outside the county. */
export const MAX_VILLAGE_DISTANCE_M = 15_000;

export function buildCrimeContext(
  center: readonly [number, number],
  villages: readonly VillageRef[],
  areaOfStation: (stationId: string) => string | null,
): CrimeContext {
  const projection = createLocalProjection(center);
  const xy = villages.map((v) => projection.toXY([v.lon, v.lat]));
  return {
    projection,
    place(lon, lat) {
      const p = projection.toXY([lon, lat]);
      let best = -1;
      let bestD = Number.POSITIVE_INFINITY;
      xy.forEach((q, i) => {
        const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      });
      const v = villages[best];
      if (!v) return { stationId: null, areaId: null, gridId: null, villageName: '', distanceM: bestD };
      return {
        stationId: v.station_id,
        areaId: v.station_id ? areaOfStation(v.station_id) : null,
        gridId: v.grid_id,
        villageName: v.name,
        distanceM: bestD,
      };
    },
    toRecord(c) {
      const [x, y] = projection.toXY([c.lon, c.lat]);
      return {
        id: c.id,
        occurredFrom: c.occurred_from.getTime(),
        occurredTo: c.occurred_to.getTime(),
        x,
        y,
        lon: c.lon,
        lat: c.lat,
        category: c.category,
        premise: c.premise,
        method: c.method,
        features: c.features,
        ...(c.property ? { property: c.property } : {}),
        ...(c.suspect ? { suspect: c.suspect } : {}),
        ...(c.series_id ? { seriesId: c.series_id } : {}),
      };
    },
  };
}
