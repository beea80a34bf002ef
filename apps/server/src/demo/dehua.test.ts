import { readFileSync } from 'node:fs';
import {
  bboxOf,
  bboxUnion,
  createRng,
  type GeoJSON,
  geometryArea,
  intersectPolygons,
  multiPolygonGcjToWgs,
  pointInPolygon,
  bboxIntersects,
  unionPolygons,
  differencePolygons,
} from '@ronghui/geo';
import { describe, expect, it } from 'vitest';
import { sharedFixture } from '../../../../test/support/env.ts';
import { buildDehuaDemo } from './dehua.ts';
import { DEHUA_POPULATION } from './dehua-villages.ts';

const demo = buildDehuaDemo();
const county = demo.tenant.boundary;
const countyArea = geometryArea(county);
const km2 = (m2: number) => m2 / 1e6;

describe('buildDehuaDemo: organisation', () => {
  it('has 18 townships, 5 areas, 2 brigades, 222 villages and 45 grids with unique codes', () => {
    expect(demo.townships).toHaveLength(18);
    expect(demo.areas.map((a) => a.key).sort()).toEqual(['center', 'east', 'north', 'south', 'west']);
    expect(demo.brigades.map((b) => b.name)).toEqual(['交警大队', '巡特警大队']);
    expect(demo.villages).toHaveLength(222);
    expect(demo.grids).toHaveLength(45);
    expect(new Set(demo.villages.map((v) => v.code)).size).toBe(222);
    expect(demo.grids.map((g) => g.code)).toEqual(
      Array.from({ length: 45 }, (_, i) => `350526-G${String(i + 1).padStart(2, '0')}`),
    );
    expect(demo.grids[0]!.name).toBe('浔中第1警务网格');
  });

  it('uses the real codes and the demo CSV’s stations and areas', () => {
    const yangmei = demo.townships.find((t) => t.name === '杨梅乡');
    expect(yangmei).toMatchObject({ code: '350526200', stationName: '杨梅派出所', areaKey: 'north' });
    for (const v of demo.villages) {
      expect(v.code).toMatch(/^350526\d{6}$/);
      expect(v.code.slice(0, 9)).toBe(v.townshipCode);
    }
    const north = demo.areas.find((a) => a.key === 'north')!;
    expect(north.name).toBe('北片联勤区');
    expect(north.townshipCodes.sort()).toEqual([
      '350526108',
      '350526109',
      '350526200',
      '350526202',
      '350526204',
    ]);
    const areaCodes = demo.areas.flatMap((a) => a.townshipCodes).sort();
    expect(areaCodes).toEqual(demo.townships.map((t) => t.code).sort());
  });

  it('marks 社区/居委会 as communities and the rest as villages', () => {
    const kind = (name: string) => demo.villages.find((v) => v.name === name)?.kind;
    expect(kind('凤池社区居委会')).toBe('community');
    expect(kind('凤凰社区')).toBe('community');
    expect(kind('浔中村委会')).toBe('village');
  });
});

describe('buildDehuaDemo: geography', () => {
  it('has a county outline of about 2,211 km² after conversion to WGS-84', () => {
    expect(Math.abs(km2(countyArea) / 2211 - 1)).toBeLessThan(0.03);
  });

  it('puts seats, villages, brigades and the centre inside the county, the brigades in the county town', () => {
    for (const t of demo.townships) expect(pointInPolygon(t.seat, county)).toBe(true);
    for (const v of demo.villages) expect(pointInPolygon(v.position, county)).toBe(true);
    for (const b of demo.brigades) {
      expect(pointInPolygon(b.position, county)).toBe(true);
      expect(
        Math.abs(b.position[0] - demo.tenant.countyTown[0]) +
          Math.abs(b.position[1] - demo.tenant.countyTown[1]),
      ).toBeLessThan(0.03);
    }
    expect(pointInPolygon(demo.tenant.center, county)).toBe(true);
  });

  it('keeps every village inside its own grid, and each grid within one township', () => {
    const villageByCode = new Map(demo.villages.map((v) => [v.code, v]));
    const assigned = demo.grids.flatMap((g) => g.villageCodes);
    expect(assigned.sort()).toEqual(demo.villages.map((v) => v.code).sort());
    for (const g of demo.grids) {
      expect(g.villageCodes.length).toBeGreaterThan(0);
      for (const code of g.villageCodes) {
        const v = villageByCode.get(code)!;
        expect(v.townshipCode).toBe(g.townshipCode);
        expect(pointInPolygon(v.position, g.boundary)).toBe(true);
      }
      expect(g.population).toBe(g.villageCodes.reduce((s, c) => s + villageByCode.get(c)!.population, 0));
    }
  });

  it('partitions the county with its grids: areas add up, no overlaps, nothing left over', () => {
    const sum = demo.grids.reduce((s, g) => s + geometryArea(g.boundary), 0);
    expect(Math.abs(sum / countyArea - 1)).toBeLessThan(0.005);
    let overlap = 0;
    const boxes = demo.grids.map((g) => bboxOf(g.boundary));
    for (let i = 0; i < demo.grids.length; i++) {
      for (let j = i + 1; j < demo.grids.length; j++) {
        if (!bboxIntersects(boxes[i]!, boxes[j]!)) continue;
        overlap += geometryArea(intersectPolygons(demo.grids[i]!.boundary, demo.grids[j]!.boundary));
      }
    }
    expect(overlap).toBeLessThan(1e-6 * countyArea);
    const [first, ...rest] = demo.grids.map((g) => g.boundary);
    const uncovered = differencePolygons(county, unionPolygons(first!, ...rest));
    expect(geometryArea(uncovered)).toBeLessThan(1e-4 * countyArea);
  });

  it('draws every grid of the shipped seed as one piece, with comparable populations', () => {
    expect(demo.grids.filter((g) => g.boundary.type !== 'Polygon').map((g) => g.name)).toEqual([]);
    const pops = demo.grids.map((g) => g.population);
    expect(Math.max(...pops) / Math.min(...pops)).toBeLessThan(4);
  });

  it('gives each joint-service area the union of its grids', () => {
    for (const a of demo.areas) {
      const grids = demo.grids.filter((g) => a.townshipCodes.includes(g.townshipCode));
      const sum = grids.reduce((s, g) => s + geometryArea(g.boundary), 0);
      expect(Math.abs(geometryArea(a.boundary) / sum - 1)).toBeLessThan(1e-6);
    }
  });
});

describe('buildDehuaDemo: population', () => {
  it('adds up to about 340,000, larger in communities and in the county town', () => {
    const total = demo.villages.reduce((s, v) => s + v.population, 0);
    expect(Math.abs(total / DEHUA_POPULATION - 1)).toBeLessThan(0.01);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const of = (f: (v: (typeof demo.villages)[number]) => boolean) =>
      mean(demo.villages.filter(f).map((v) => v.population));
    expect(of((v) => v.kind === 'community')).toBeGreaterThan(2 * of((v) => v.kind === 'village'));
    const town = new Set(['350526100', '350526101']);
    expect(of((v) => town.has(v.townshipCode))).toBeGreaterThan(of((v) => !town.has(v.townshipCode)));
    for (const v of demo.villages) expect(v.population).toBeGreaterThan(100);
  });

  it('gives the county-town townships more grids than any other township', () => {
    const count = (code: string) => demo.grids.filter((g) => g.townshipCode === code).length;
    const others = demo.townships
      .filter((t) => !['350526100', '350526101'].includes(t.code))
      .map((t) => count(t.code));
    expect(Math.min(...others)).toBeGreaterThanOrEqual(1);
    expect(count('350526100')).toBeGreaterThan(Math.max(...others));
    expect(count('350526101')).toBeGreaterThan(Math.max(...others));
  });
});

describe('buildDehuaDemo: determinism', () => {
  it('is the same for the same seed and different for another', () => {
    expect(JSON.stringify(buildDehuaDemo(350526))).toBe(JSON.stringify(demo));
    const other = buildDehuaDemo(1);
    expect(other.villages.map((v) => v.position)).not.toEqual(demo.villages.map((v) => v.position));
    expect(other.grids).toHaveLength(45);
  });
});

const fixture = sharedFixture('dehua/boundary-350526-gcj02.json');

describe.skipIf(!fixture)('committed outline against the reference boundary fixture', () => {
  it('agrees on area within 3 % and on inside/outside for at least 95 % of sampled points', () => {
    const collection = JSON.parse(readFileSync(fixture!, 'utf8')) as {
      features: { geometry: GeoJSON.MultiPolygon }[];
    };
    const reference = multiPolygonGcjToWgs(collection.features[0]!.geometry);
    expect(Math.abs(geometryArea(reference) / countyArea - 1)).toBeLessThan(0.03);
    const box = bboxUnion(bboxOf(reference), bboxOf(county));
    const rng = createRng(2211);
    const n = 4000;
    let agree = 0;
    for (let i = 0; i < n; i++) {
      const p = [box[0] + rng.next() * (box[2] - box[0]), box[1] + rng.next() * (box[3] - box[1])] as const;
      if (pointInPolygon(p, reference) === pointInPolygon(p, county)) agree++;
    }
    expect(agree / n).toBeGreaterThanOrEqual(0.95);
  });
});
