import { randomUUID } from 'node:crypto';
import {
  bboxOf,
  chinaDate,
  createLocalProjection,
  createRng,
  type GeoJSON,
  partitionBySites,
  type Rng,
  splitArea,
} from '@ronghui/geo';
import { type Kysely, sql } from 'kysely';
import {
  type CommunityGridRecord,
  communityGridRow,
  type RosterRecord,
  rosterRow,
} from '../modules/grids/index.ts';
import type { DB } from '../platform/db/schema.ts';
import type { FieldCrypto } from '../platform/privacy/field-crypto.ts';
import type { DehuaDemo } from './dehua.ts';

/** The bureau's "1+2+N" figures: appointed police assistants, full-time and part-time grid workers. */
export const DEHUA_ROSTER = { assistant: 250, fullTime: 619, partTime: 1_581 } as const;

/** People per community grid in the demo: a village of more people gets more grids (at most 6). */
const PEOPLE_PER_GRID = { community: 700, village: 1_000 } as const;

export interface PlannedCommunityGrid {
  code: string;
  name: string;
  villageCode: string;
  policeGridCode: string;
  boundary: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  population: number;
}

const simplest = (m: GeoJSON.MultiPolygon): GeoJSON.Polygon | GeoJSON.MultiPolygon =>
  m.coordinates.length === 1 ? { type: 'Polygon', coordinates: m.coordinates[0]! } : m;

/**
 * Community grids under the demo's villages: each police grid is split among its villages (nearest
 * village point), and a populous village's share is split again into similar pieces. The community grids
 * of a police grid therefore partition it.
 */
export function planCommunityGrids(demo: DehuaDemo, rng: Rng): PlannedCommunityGrid[] {
  const projection = createLocalProjection(demo.tenant.countyTown);
  const villageOf = new Map(demo.villages.map((v) => [v.code, v]));
  const out: PlannedCommunityGrid[] = [];
  for (const grid of demo.grids) {
    const villages = grid.villageCodes.map((c) => villageOf.get(c)!);
    const shares = partitionBySites(
      grid.boundary,
      villages.map((v) => v.position),
      projection,
    );
    villages.forEach((v, i) => {
      const share = shares[i]!;
      if (share.coordinates.length === 0) return;
      const wanted = Math.min(6, Math.max(1, Math.round(v.population / PEOPLE_PER_GRID[v.kind])));
      const pieces = wanted > 1 ? splitArea(share, wanted, projection, rng) : [share];
      // Number pieces from north to south.
      const ordered = pieces
        .map((p) => ({ p, north: bboxOf(p)[3] }))
        .sort((a, b) => b.north - a.north)
        .map(({ p }) => p);
      ordered.forEach((piece, n) => {
        out.push({
          code: `${v.code}-${String(n + 1).padStart(2, '0')}`,
          name: ordered.length > 1 ? `${v.name}第${n + 1}网格` : `${v.name}网格`,
          villageCode: v.code,
          policeGridCode: grid.code,
          boundary: simplest(piece),
          population: Math.round(v.population / ordered.length),
        });
      });
    });
  }
  return out;
}

/**
 * Splits `total` among weights in proportion (largest remainder), everyone getting at least `min` when
 * the total allows. The parts add up to `total`.
 */
export function apportion(total: number, weights: readonly number[], min = 0): number[] {
  if (weights.length === 0) return [];
  const floor = total >= min * weights.length ? min : 0;
  const rest = total - floor * weights.length;
  const sum = weights.reduce((s, w) => s + w, 0) || 1;
  const exact = weights.map((w) => (rest * w) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let left = rest - parts.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k]!.i]!++;
  return parts.map((p) => p + floor);
}

const SURNAMES = '陈林黄张李王吴刘蔡杨郑许赖苏曾邱叶郭周徐涂连颜郑';
const GIVEN = '志建文晓伟丽振国海秀德明少永俊雪金春燕美玉宝清荣华辉英芳平生福斌东杰梅水强娟峰';

function personName(rng: Rng): string {
  const given = GIVEN[rng.int(GIVEN.length)]! + (rng.next() < 0.7 ? GIVEN[rng.int(GIVEN.length)]! : '');
  return SURNAMES[rng.int(SURNAMES.length)]! + given;
}

function mobile(rng: Rng): string {
  const prefix = ['133', '135', '138', '139', '150', '158', '159', '186', '188', '189'][rng.int(10)]!;
  let rest = '';
  for (let i = 0; i < 8; i++) rest += String(rng.int(10));
  return prefix + rest;
}

export interface PlannedRoster {
  gridLayer: 'police' | 'community';
  gridKey: string;
  policeGridCode: string;
  role: RosterRecord['role'];
  name: string;
  phone: string;
  startsOn: string;
  endsOn: string | null;
  endReason: string | null;
}

/**
 * "1+2+N" for every police grid: one community officer and two auxiliaries on the police grid, the
 * county's police assistants spread over the police grids, full-time and part-time grid workers over the
 * community grids, all in proportion to the people served. A few earlier appointments that ended give
 * the rosters a history.
 */
export function planRosters(
  policeGrids: readonly { code: string; population: number }[],
  communityGrids: readonly { code: string; policeGridCode: string; population: number }[],
  figures: { assistant: number; fullTime: number; partTime: number },
  today: Date,
  rng: Rng,
): PlannedRoster[] {
  const DAY = 86_400_000;
  const started = () => chinaDate(today.getTime() - (30 + rng.int(3 * 365)) * DAY);
  const out: PlannedRoster[] = [];
  const add = (
    gridLayer: PlannedRoster['gridLayer'],
    gridKey: string,
    policeGridCode: string,
    role: PlannedRoster['role'],
  ) =>
    out.push({
      gridLayer,
      gridKey,
      policeGridCode,
      role,
      name: personName(rng),
      phone: mobile(rng),
      startsOn: started(),
      endsOn: null,
      endReason: null,
    });
  const assistants = apportion(
    figures.assistant,
    policeGrids.map((g) => g.population),
    1,
  );
  policeGrids.forEach((g, i) => {
    add('police', g.code, g.code, 'community-officer');
    add('police', g.code, g.code, 'auxiliary');
    add('police', g.code, g.code, 'auxiliary');
    for (let k = 0; k < assistants[i]!; k++) add('police', g.code, g.code, 'assistant');
  });
  const weights = communityGrids.map((c) => c.population);
  const fullTime = apportion(figures.fullTime, weights, 1);
  const partTime = apportion(figures.partTime, weights, 1);
  communityGrids.forEach((c, i) => {
    for (let k = 0; k < fullTime[i]!; k++) add('community', c.code, c.policeGridCode, 'full-time');
    for (let k = 0; k < partTime[i]!; k++) add('community', c.code, c.policeGridCode, 'part-time');
  });
  // History: one grid in eight had a full-time worker before the present one.
  communityGrids.forEach((c, i) => {
    if (i % 8 !== 0) return;
    const from = today.getTime() - (4 * 365 + rng.int(365)) * DAY;
    out.push({
      gridLayer: 'community',
      gridKey: c.code,
      policeGridCode: c.policeGridCode,
      role: 'full-time',
      name: personName(rng),
      phone: mobile(rng),
      startsOn: chinaDate(from),
      endsOn: chinaDate(from + (200 + rng.int(400)) * DAY),
      endReason: ['调任', '辞职', '换届'][rng.int(3)]!,
    });
  });
  return out;
}

/** Writes the demo's community grids and rosters (marked as demo data). */
export async function seedGridsDemo(
  trx: Kysely<DB>,
  demo: DehuaDemo,
  gridOrgId: (code: string) => string,
  crypto: FieldCrypto,
  now: Date,
  seed: number,
): Promise<{ communityGrids: number; rosters: number }> {
  const rng = createRng(seed ^ 0x6e1d);
  const tenant = demo.tenant.code;
  const planned = planCommunityGrids(demo, rng);
  const idOf = new Map(planned.map((p) => [p.code, randomUUID()]));
  const grids: CommunityGridRecord[] = planned.map((p) => ({
    id: idOf.get(p.code)!,
    code: p.code,
    name: p.name,
    villageCode: p.villageCode,
    policeGridId: gridOrgId(p.policeGridCode),
    boundary: p.boundary,
    bbox: [...bboxOf(p.boundary)] as [number, number, number, number],
    population: p.population,
    demo: true,
  }));
  const rosters = planRosters(demo.grids, planned, DEHUA_ROSTER, now, rng);
  for (let i = 0; i < grids.length; i += 50)
    await trx
      .insertInto('community_grids')
      .values(grids.slice(i, i + 50).map((g) => communityGridRow(tenant, g, 'seed-demo')))
      .execute();
  for (let i = 0; i < rosters.length; i += 300)
    await trx
      .insertInto('grid_rosters')
      .values(
        rosters.slice(i, i + 300).map((r) =>
          rosterRow(
            tenant,
            {
              id: randomUUID(),
              gridLayer: r.gridLayer,
              gridId: r.gridLayer === 'police' ? gridOrgId(r.gridKey) : idOf.get(r.gridKey)!,
              policeGridId: gridOrgId(r.policeGridCode),
              role: r.role,
              name: r.name,
              phone: crypto.encrypt(r.phone),
              userId: null,
              startsOn: r.startsOn,
              endsOn: r.endsOn,
              endReason: r.endReason,
              demo: true,
              createdAt: now,
            },
            'seed-demo',
          ),
        ),
      )
      .execute();
  return { communityGrids: grids.length, rosters: rosters.length };
}

/**
 * The demo's grid-worker accounts serve a community grid: each takes the first current full-time
 * appointment (by community grid code) in their police grid, under their own name, so the phone's 我的网格
 * knows which community grid is theirs. The counts of the roster do not change.
 */
export async function linkDemoGridWorkers(trx: Kysely<DB>, tenantCode: string): Promise<number> {
  const workers = await trx
    .selectFrom('users')
    .select(['id', 'display_name', 'org_id'])
    .where('tenant_code', '=', tenantCode)
    .where(sql<boolean>`'grid-worker' = ANY(roles)`)
    .orderBy('username')
    .execute();
  let linked = 0;
  for (const w of workers) {
    const row = await trx
      .selectFrom('grid_rosters as r')
      .innerJoin('community_grids as g', (j) =>
        j.onRef('g.id', '=', 'r.grid_id').onRef('g.tenant_code', '=', 'r.tenant_code'),
      )
      .select('r.id')
      .where('r.tenant_code', '=', tenantCode)
      .where('r.grid_layer', '=', 'community')
      .where('r.police_grid_id', '=', w.org_id)
      .where('r.role', '=', 'full-time')
      .where('r.ends_on', 'is', null)
      .where('r.user_id', 'is', null)
      .orderBy('g.code')
      .orderBy('r.starts_on')
      .executeTakeFirst();
    if (!row) continue;
    const name = w.display_name.split(' ').at(-1) ?? w.display_name;
    await trx.updateTable('grid_rosters').set({ user_id: w.id, name }).where('id', '=', row.id).execute();
    linked++;
  }
  return linked;
}
