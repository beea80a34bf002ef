import { readFileSync } from 'node:fs';
import type { GeoJSON, LngLat } from '@ronghui/geo';
import boundaryFeature from './data/dehua-boundary.json' with { type: 'json' };
import divisions from './data/dehua-divisions.json' with { type: 'json' };

/**
 * The committed Dehua files (see data/SOURCES.md), read once and typed. Everything generated for the
 * demo is derived from these.
 */

export type AreaKey = 'north' | 'south' | 'east' | 'west' | 'center';

export interface TownshipRow {
  readonly code: string;
  readonly name: string;
  readonly seat: LngLat;
  readonly stationName: string;
  readonly areaKey: AreaKey;
  /** 北片, 南片 … as written in the CSV. */
  readonly areaLabel: string;
}

export interface VillageRow {
  readonly code: string;
  readonly name: string;
  readonly townshipCode: string;
}

export interface DehuaSourceData {
  readonly boundary: GeoJSON.MultiPolygon;
  readonly townships: readonly TownshipRow[];
  readonly villages: readonly VillageRow[];
  readonly attribution: readonly string[];
}

const AREA_KEYS: Record<string, AreaKey> = {
  北片: 'north',
  南片: 'south',
  东片: 'east',
  西片: 'west',
  中片: 'center',
};

function parseTownshipsCsv(text: string): TownshipRow[] {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const expected = 'township_code,township,seat_lon_wgs84,seat_lat_wgs84,police_station,joint_area';
  if (header?.trim() !== expected) throw new Error(`townships-demo.csv: unexpected header "${header}"`);
  return lines.map((line, i) => {
    const [code, name, lon, lat, station, area] = line.split(',').map((s) => s.trim());
    const areaKey = AREA_KEYS[area ?? ''];
    const seat = [Number(lon), Number(lat)] as const;
    if (!code || !name || !station || !areaKey || !seat.every(Number.isFinite))
      throw new Error(`townships-demo.csv line ${i + 2} is malformed: ${line}`);
    return { code, name, seat: seat as LngLat, stationName: station, areaKey, areaLabel: area! };
  });
}

let cached: DehuaSourceData | undefined;

export function loadDehuaSourceData(): DehuaSourceData {
  if (cached) return cached;
  const csv = parseTownshipsCsv(readFileSync(new URL('./data/townships-demo.csv', import.meta.url), 'utf8'));
  const officialNames = new Map(divisions.townships.map((t) => [t.code, t.name]));
  for (const row of csv) {
    if (officialNames.get(row.code) !== row.name)
      throw new Error(`townships-demo.csv: ${row.code} ${row.name} does not match the division codes`);
  }
  if (csv.length !== officialNames.size) throw new Error('townships-demo.csv must list every township once');
  const townships = csv;
  const geometry = boundaryFeature.geometry;
  if (geometry.type !== 'MultiPolygon') throw new Error('dehua-boundary.json must hold a MultiPolygon');
  const props = boundaryFeature.properties;
  cached = {
    boundary: geometry as unknown as GeoJSON.MultiPolygon,
    townships,
    villages: divisions.villages,
    attribution: [
      `县界：${props.source}（${props.licence}），GCJ-02 经 gcoord（MIT）转换为 WGS-84`,
      `乡镇、村（社区）代码：${divisions.source}（${divisions.licence}）`,
      '乡镇驻地坐标为近似值，联勤片区划分、村（社区）位置与人口、警务网格均为演示数据',
    ],
  };
  return cached;
}
