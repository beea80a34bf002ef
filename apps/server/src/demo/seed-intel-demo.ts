import {
  CHINA_OFFSET_MS,
  createLocalProjection,
  createRng,
  type LngLat,
  nearestInside,
  type Rng,
} from '@ronghui/geo';
import { type CrimeRecord, DAY_MS, generateBurglaries, HOUR_MS, pickWeighted } from '@ronghui/intel';
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import type { DehuaDemo, DemoVillage } from './dehua.ts';

/** The demo history ends here (local midnight, 2026-11-28 Asia/Shanghai) and spans a year. */
export const INTEL_DEMO_END_MS = Date.UTC(2026, 10, 28) - CHINA_OFFSET_MS;
export const INTEL_DEMO_DAYS = 365;
/** Records of the series from the case study: masked night-time burglaries of self-built houses. */
export const MASK_SERIES_PREFIX = 'DH-M';
const COUNTY_TOWN = new Set(['350526100', '350526101']); // 浔中镇, 龙浔镇

const PROPERTY = ['现金', '金饰', '手机', '现金、金饰', '笔记本电脑', '香烟、酒', '茶叶'];
const SUSPECTS = ['不详', '男，约30岁', '男，中等身材', '两名男子', '不详'];

interface DemoCrime {
  record: Omit<CrimeRecord, 'id' | 'x' | 'y'>;
  lonLat: LngLat;
  id: string;
  property: string;
  suspect: string;
}

/** Keep a generated position in the county: within 600 m of its nearest village, inside the outline. */
function nearVillage(
  p: LngLat,
  villages: readonly DemoVillage[],
  demo: DehuaDemo,
): { at: LngLat; village: DemoVillage } {
  const proj = createLocalProjection(p);
  let best = villages[0] as DemoVillage;
  let bestD = Number.POSITIVE_INFINITY;
  for (const v of villages) {
    const [x, y] = proj.toXY(v.position);
    const d = Math.hypot(x, y);
    if (d < bestD) {
      bestD = d;
      best = v;
    }
  }
  const k = Math.min(1, 600 / Math.max(bestD, 1));
  const [vx, vy] = proj.toXY(best.position);
  const moved = proj.toLngLat([vx * (1 - k), vy * (1 - k)] as Parameters<typeof proj.toLngLat>[0]);
  return { at: nearestInside(moved, demo.tenant.boundary, 1e-4) as LngLat, village: best };
}

/** The case-study series: masked, 02:00–05:00, self-built houses in back lanes of 浔中/龙浔, recent weeks. */
function maskSeries(rng: Rng, demo: DehuaDemo): DemoCrime[] {
  const homes = demo.villages.filter((v) => COUNTY_TOWN.has(v.townshipCode));
  const proj = createLocalProjection(demo.tenant.countyTown);
  const crimes: DemoCrime[] = [];
  for (let i = 0; i < 12; i++) {
    const day = INTEL_DEMO_END_MS - (68 - Math.floor(i * 5.5 + rng.next() * 3)) * DAY_MS;
    const from = day + (2 + rng.next() * 1.5) * HOUR_MS;
    const to = Math.min(day + 5 * HOUR_MS, from + (0.5 + rng.next()) * HOUR_MS);
    const [hx, hy] = proj.toXY(demo.tenant.countyTown);
    const angle = rng.next() * 2 * Math.PI;
    const r = 150 + rng.next() * 750;
    const target = proj.toLngLat([hx + r * Math.cos(angle), hy + r * Math.sin(angle)] as Parameters<
      typeof proj.toLngLat
    >[0]);
    const { at } = nearVillage(target, homes, demo);
    const features = [
      '0101',
      '0301',
      ...(rng.next() < 0.6 ? ['0302'] : []),
      ...(rng.next() < 0.4 ? ['0401'] : []),
    ];
    crimes.push({
      id: `${MASK_SERIES_PREFIX}${String(i + 1).padStart(3, '0')}`,
      lonLat: at,
      property: rng.next() < 0.5 ? '现金' : '现金、金饰',
      suspect: '男，戴口罩、深色连帽衫，身高约170厘米',
      record: {
        occurredFrom: Math.round(from / 60_000) * 60_000,
        occurredTo: Math.round(to / 60_000) * 60_000,
        category: '050101',
        premise: '0101',
        method: rng.next() < 0.75 ? '0101' : '0201',
        features: features.sort(),
      },
    });
  }
  return crimes;
}

/**
 * A synthetic, seeded burglary history for the Dehua demo: the package generator's offenders and
 * background crimes, pulled to the demo villages, plus the case-study series. Solved generator series
 * keep their series id (training data for linkage weights); the case-study series is left unsolved.
 */
export function buildIntelDemo(demo: DehuaDemo, seed = 2026): DemoCrime[] {
  const rng = createRng(seed);
  const history = generateBurglaries(rng, {
    series: 40,
    background: 700,
    startMs: INTEL_DEMO_END_MS - INTEL_DEMO_DAYS * DAY_MS,
    days: INTEL_DEMO_DAYS,
    originLon: demo.tenant.countyTown[0],
    originLat: demo.tenant.countyTown[1],
  });
  // Where crimes happen follows where people live: villages weighted by population.
  const byPopulation = demo.villages.map((v) => [v, v.population] as const);
  const around = (v: DemoVillage, dx: number, dy: number): LngLat => {
    const proj = createLocalProjection(v.position);
    const p = proj.toLngLat([dx, dy] as Parameters<typeof proj.toLngLat>[0]);
    return nearestInside(p, demo.tenant.boundary, 1e-4) as LngLat;
  };
  // A series keeps the generator's shape (members around the offender's centre), drawn tighter
  // around one village chosen for it.
  const seriesAnchor = new Map<string, { village: DemoVillage; cx: number; cy: number }>();
  for (const r of history.records) {
    if (!r.seriesId || seriesAnchor.has(r.seriesId)) continue;
    const members = history.records.filter((m) => m.seriesId === r.seriesId);
    const cx = members.reduce((s, m) => s + m.x, 0) / members.length;
    const cy = members.reduce((s, m) => s + m.y, 0) / members.length;
    seriesAnchor.set(r.seriesId, { village: pickWeighted(rng, byPopulation), cx, cy });
  }
  const crimes = history.records.map((r, i): DemoCrime => {
    const anchor = r.seriesId ? seriesAnchor.get(r.seriesId) : undefined;
    const at = anchor
      ? around(anchor.village, (r.x - anchor.cx) * 0.4, (r.y - anchor.cy) * 0.4)
      : around(pickWeighted(rng, byPopulation), rng.normal() * 250, rng.normal() * 250);
    const { id: _id, x: _x, y: _y, lon: _lon, lat: _lat, ...record } = r;
    return {
      id: `DH-${String(i + 1).padStart(5, '0')}`,
      lonLat: at,
      property: PROPERTY[Math.floor(rng.next() * PROPERTY.length)] as string,
      suspect: SUSPECTS[Math.floor(rng.next() * SUSPECTS.length)] as string,
      record,
    };
  });
  return [...crimes, ...maskSeries(rng, demo)].sort((a, b) => a.record.occurredFrom - b.record.occurredFrom);
}

export async function seedIntelDemo(trx: Kysely<DB>, demo: DehuaDemo, createdBy: string): Promise<number> {
  const crimes = buildIntelDemo(demo);
  const gridOf = new Map<string, string>();
  for (const g of demo.grids) for (const v of g.villageCodes) gridOf.set(v, `grid-${g.code}`);
  const areaOf = new Map(demo.townships.map((t) => [t.code, `area-${t.areaKey}`]));
  const rows = crimes.map((c) => {
    const village = nearVillage(c.lonLat, demo.villages, demo).village;
    return {
      tenant_code: demo.tenant.code,
      id: c.id,
      occurred_from: new Date(c.record.occurredFrom),
      occurred_to: new Date(c.record.occurredTo),
      lon: Number(c.lonLat[0].toFixed(6)),
      lat: Number(c.lonLat[1].toFixed(6)),
      category: c.record.category,
      premise: c.record.premise,
      method: c.record.method,
      features: [...c.record.features],
      property: c.property,
      suspect: c.suspect,
      series_id: c.record.seriesId ?? null,
      source_incident_id: null,
      station_id: `station-${village.townshipCode}`,
      area_id: areaOf.get(village.townshipCode) ?? null,
      grid_id: gridOf.get(village.code) ?? null,
      created_by: createdBy,
    };
  });
  for (let i = 0; i < rows.length; i += 200)
    await trx
      .insertInto('crime_records')
      .values(rows.slice(i, i + 200))
      .execute();
  return rows.length;
}
