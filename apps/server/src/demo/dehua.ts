import {
  centroidOf,
  createLocalProjection,
  createRng,
  type GeoJSON,
  type LngLat,
  type LocalProjection,
  nearestInside,
  unionPolygons,
} from '@ronghui/geo';
import { type AreaKey, loadDehuaSourceData } from './dehua-data.ts';
import { buildGrids, type DemoGrid } from './dehua-grids.ts';
import { type DemoVillage, placeVillages } from './dehua-villages.ts';

/**
 * The Dehua County (德化县, 350526) demo organisation: the bureau, five joint-service areas, 18
 * township police stations, two county brigades, 222 villages and communities and 45 police grids.
 * Division codes and the outline are real (see data/SOURCES.md); positions, populations and grids are
 * generated from `seed` and are the same for the same seed.
 */
export interface DehuaDemo {
  readonly tenant: {
    readonly code: '350526';
    readonly name: '德化县公安局';
    readonly county: '德化县';
    readonly boundary: GeoJSON.MultiPolygon;
    readonly center: LngLat;
    /** Between the 浔中 and 龙浔 seats, the built-up county town. */
    readonly countyTown: LngLat;
    readonly attribution: string[];
  };
  readonly areas: {
    readonly key: AreaKey;
    /** 北片联勤区 … */
    readonly name: string;
    readonly townshipCodes: string[];
    /** Union of the area's grids. */
    readonly boundary: GeoJSON.MultiPolygon;
  }[];
  readonly townships: {
    readonly code: string;
    readonly name: string;
    readonly seat: LngLat;
    readonly areaKey: AreaKey;
    /** e.g. 杨梅派出所 */
    readonly stationName: string;
    /** Set when the seat from the CSV lay outside the outline and was moved inside. */
    readonly seatNote?: string;
  }[];
  readonly brigades: {
    readonly key: 'traffic' | 'patrol-swat';
    readonly name: '交警大队' | '巡特警大队';
    readonly position: LngLat;
  }[];
  readonly villages: DemoVillage[];
  readonly grids: DemoGrid[];
}

export type { DemoGrid, DemoVillage };

export const DEHUA_TENANT_CODE = '350526';
export const DEHUA_GRID_COUNT = 45;
const COUNTY_TOWN_TOWNSHIPS = new Set(['350526100', '350526101']); // 浔中镇, 龙浔镇
const AREA_ORDER: readonly AreaKey[] = ['center', 'east', 'south', 'west', 'north'];

/** A point in metres from `from`, kept inside the county. */
function offset(
  projection: LocalProjection,
  boundary: GeoJSON.MultiPolygon,
  from: LngLat,
  dx: number,
  dy: number,
): LngLat {
  const [x, y] = projection.toXY(from);
  return nearestInside(projection.toLngLat([x + dx, y + dy]), boundary, 1e-4) as LngLat;
}

export function buildDehuaDemo(seed = 350526): DehuaDemo {
  const source = loadDehuaSourceData();
  const { boundary } = source;
  const rng = createRng(seed);

  const townships = source.townships.map((t) => {
    const seat = nearestInside(t.seat, boundary, 1e-3) as LngLat;
    const moved = seat[0] !== t.seat[0] || seat[1] !== t.seat[1];
    return {
      code: t.code,
      name: t.name,
      seat,
      areaKey: t.areaKey,
      stationName: t.stationName,
      ...(moved ? { seatNote: `驻地坐标 ${t.seat.join(',')} 在县界外，已移至县界内最近点` } : {}),
    };
  });
  const seatOf = new Map(townships.map((t) => [t.code, t.seat]));
  const [xz, lx] = [seatOf.get('350526100')!, seatOf.get('350526101')!];
  const countyTown = [(xz[0] + lx[0]) / 2, (xz[1] + lx[1]) / 2] as LngLat;
  const projection = createLocalProjection(countyTown);

  const villages = placeVillages({
    villages: source.villages,
    seats: seatOf,
    countyTownCodes: COUNTY_TOWN_TOWNSHIPS,
    boundary,
    projection,
    rng,
  });
  const grids = buildGrids({
    tenantCode: DEHUA_TENANT_CODE,
    townships,
    villages,
    boundary,
    projection,
    rng,
    count: DEHUA_GRID_COUNT,
  });

  const areas = AREA_ORDER.map((key) => {
    const members = source.townships.filter((t) => t.areaKey === key);
    const codes = new Set(members.map((t) => t.code));
    const [first, ...rest] = grids.filter((g) => codes.has(g.townshipCode)).map((g) => g.boundary);
    return {
      key,
      name: `${members[0]!.areaLabel}联勤区`,
      townshipCodes: [...codes],
      boundary: unionPolygons(first!, ...rest),
    };
  });

  return {
    tenant: {
      code: DEHUA_TENANT_CODE,
      name: '德化县公安局',
      county: '德化县',
      boundary,
      center: nearestInside(centroidOf(boundary), boundary, 1e-3) as LngLat,
      countyTown,
      attribution: [...source.attribution],
    },
    areas,
    townships,
    brigades: [
      { key: 'traffic', name: '交警大队', position: offset(projection, boundary, countyTown, 600, 450) },
      {
        key: 'patrol-swat',
        name: '巡特警大队',
        position: offset(projection, boundary, countyTown, -550, -400),
      },
    ],
    villages,
    grids,
  };
}
