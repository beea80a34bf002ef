import { createHash } from 'node:crypto';
import { chinaDateKey, createRng, type GeoJSON, pointInPolygon, type Rng } from '@ronghui/geo';
import {
  DEFAULT_DEADLINE_DAYS,
  deadlineOf,
  type HazardAction,
  type HazardKind,
  type HazardRating,
  type HazardState,
  nextState,
  type OverdueLevel,
  overdueLevel,
} from '@ronghui/hazards';
import type { Insertable, Kysely } from 'kysely';
import { bulkInsert } from '../platform/db/bulk-insert.ts';
import type { DB, HazardEventsTable, HazardsTable } from '../platform/db/schema.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Kind mix of a mountain county's reported hazards (demo proportions). */
const KIND_MIX: readonly [HazardKind, number][] = [
  ['fire', 0.22],
  ['public-order', 0.18],
  ['traffic', 0.16],
  ['building', 0.12],
  ['gas-electric', 0.12],
  ['geological', 0.1],
  ['other', 0.1],
];
const RATING_MIX: readonly [HazardRating, number][] = [
  ['satisfied', 0.8],
  ['basically-satisfied', 0.16],
  ['dissatisfied', 0.04],
];
const DESCRIPTION: Record<HazardKind, readonly string[]> = {
  fire: ['楼道堆放杂物堵塞消防通道', '出租屋电动车违规充电', '山林边焚烧秸秆'],
  'public-order': ['夜间聚集喧哗扰民', '闲散人员多次滋事', '出租屋人员登记不全'],
  traffic: ['村道弯道缺少警示标志', '路口视线被树木遮挡', '学校门口车辆乱停'],
  building: ['老旧土木房墙体开裂', '临街广告牌松动', '自建房加层无审批'],
  'gas-electric': ['私拉乱接电线', '餐饮店液化气瓶无减压阀', '电杆倾斜线路下垂'],
  geological: ['房后边坡雨后出现裂缝', '山坡落石威胁村道', '溪岸冲刷塌方'],
  other: ['废弃池塘无护栏', '路灯损坏多日', '井盖缺失'],
  'referred-call': ['110转网格事项'],
};
const DEPARTMENTS = ['县应急管理局', '县住建局', '县交通运输局', '县自然资源局', '供电公司', '燃气公司'];

function pick<T>(rng: Rng, options: readonly [T, number][]): T {
  let x = rng.next() * options.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of options) {
    x -= w;
    if (x <= 0) return v;
  }
  return options[options.length - 1]![0];
}

/** A community grid of the demo, with what the generator needs to place hazards in it. */
export interface DemoCommunityGrid {
  id: string;
  villageCode: string;
  villageName: string;
  policeGridId: string;
  stationId: string;
  stationName: string;
  boundary: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  bbox: readonly [number, number, number, number];
  population: number;
  /** Names of the grid workers serving it (reporters of its hazards). */
  workers: readonly string[];
}

export interface HazardSeed {
  rows: Insertable<HazardsTable>[];
  events: Insertable<HazardEventsTable>[];
  /** Last number used per China day (the live counter continues after it). */
  counters: Map<string, number>;
}

const RANK: Record<OverdueLevel, number> = { none: 0, warning: 1, overdue: 2, escalated: 3 };

/** The first instant at which a hazard reaches `level`, by halving between `from` and `to`. */
function reachedAt(
  level: OverdueLevel,
  state: HazardState,
  registered: number,
  deadline: number,
  from: number,
  to: number,
): number {
  let lo = from;
  let hi = to;
  while (hi - lo > 60_000) {
    const mid = (lo + hi) / 2;
    if (RANK[overdueLevel(state, registered, deadline, mid)] >= RANK[level]) hi = mid;
    else lo = mid;
  }
  return Math.ceil(hi / 60_000) * 60_000;
}

/** A point inside the grid (tries the grid's box; its centre when unlucky). */
export function pointIn(rng: Rng, g: DemoCommunityGrid): [number, number] {
  const [w, s, e, n] = g.bbox;
  for (let i = 0; i < 30; i++) {
    const p: [number, number] = [w + rng.next() * (e - w), s + rng.next() * (n - s)];
    if (pointInPolygon(p, g.boundary)) return p;
  }
  return [(w + e) / 2, (s + n) / 2];
}

/**
 * Hazards (隐患) for the demo: `count` reported over `year` and `recentCount` over the `recentDays`
 * before `now`, in community grids by population, with the kind mix above. Each walks the closed loop of
 * `@ronghui/hazards` (every step checked by `nextState`) as far as its times reach before `now`: the
 * year's are closed and mostly evaluated, the recent ones stand at every step, some past their deadline
 * (overdue, escalated to the station, then to the county, as the sweep does).
 */
export function generateHazardHistory(
  grids: readonly DemoCommunityGrid[],
  options: {
    tenantCode: string;
    countyId: string;
    actorId: string;
    now: Date;
    year: number;
    count: number;
    recentDays: number;
    recentCount: number;
    seed: number;
  },
): HazardSeed {
  const rng = createRng(options.seed);
  const now = options.now.getTime();
  const weights: [DemoCommunityGrid, number][] = grids.map((g) => [g, Math.max(g.population, 50)]);
  const yearStart = Date.UTC(options.year, 0, 1) - 8 * HOUR_MS;
  const yearDays = (Date.UTC(options.year + 1, 0, 1) - Date.UTC(options.year, 0, 1)) / DAY_MS;
  const times = [
    ...Array.from(
      { length: options.count },
      () => yearStart + rng.int(yearDays) * DAY_MS + (8 + rng.int(10)) * HOUR_MS + rng.int(60) * 60_000,
    ),
    ...Array.from({ length: options.recentCount }, () => now - rng.next() * options.recentDays * DAY_MS),
  ]
    .map((t) => Math.floor(t / 60_000) * 60_000)
    .sort((a, b) => a - b);
  const out: HazardSeed = { rows: [], events: [], counters: new Map() };
  for (const reportedAt of times) {
    const g = pick(rng, weights);
    const kind = pick(rng, KIND_MIX);
    const id = crypto.randomUUID();
    const [lon, lat] = pointIn(rng, g);
    const reporter = g.workers.length ? g.workers[rng.int(g.workers.length)]! : '网格员';
    const day = chinaDateKey(new Date(reportedAt));
    const seq = (out.counters.get(day) ?? 0) + 1;
    out.counters.set(day, seq);
    const texts = DESCRIPTION[kind];
    const description = `[演示] ${texts[rng.int(texts.length)]!}`;
    const events: Insertable<HazardEventsTable>[] = [];
    const ev = (at: number, kind: string, from: string | null, to: string | null, extra = {}) =>
      events.push({
        tenant_code: options.tenantCode,
        hazard_id: id,
        at: new Date(at),
        actor_id: kind === 'overdue' ? null : options.actorId,
        actor: kind === 'overdue' ? 'timer' : reporter,
        kind,
        from_status: from,
        to_status: to,
        note: null,
        detail: JSON.stringify(extra),
      });
    ev(reportedAt, 'created', null, 'reported', { kind, gridId: g.policeGridId, stationId: g.stationId });

    // The loop's steps with their times; the walk stops at the first one still in the future.
    const registeredAt = reportedAt + (0.5 + rng.next() * 4) * HOUR_MS;
    const deadline = deadlineOf(kind, registeredAt);
    const span = DEFAULT_DEADLINE_DAYS[kind] * DAY_MS;
    const dispatchedAt = registeredAt + (0.5 + rng.next() * 5) * HOUR_MS;
    const startedAt = dispatchedAt + (1 + rng.next() * 7) * HOUR_MS;
    // Work takes about a third of the time allowed; one in twelve runs past the deadline.
    const late = rng.next() < 0.08;
    const work = late
      ? span * (0.9 + rng.next() * 1.2)
      : span * Math.min(0.6, 0.3 * Math.exp(0.4 * rng.normal()));
    const rejected = rng.next() < 0.08;
    const reportedBackAt = startedAt + work;
    const steps: { action: HazardAction; at: number }[] = [
      { action: 'register', at: registeredAt },
      { action: 'dispatch', at: dispatchedAt },
      { action: 'start', at: startedAt },
      { action: 'report-back', at: reportedBackAt },
    ];
    let t = reportedBackAt;
    if (rejected) {
      t += (2 + rng.next() * 10) * HOUR_MS;
      steps.push({ action: 'reject', at: t });
      t += span * (0.05 + rng.next() * 0.15);
      steps.push({ action: 'report-back', at: t });
    }
    t += (2 + rng.next() * 10) * HOUR_MS;
    steps.push({ action: 'verify', at: t });
    t += (1 + rng.next() * 5) * HOUR_MS;
    steps.push({ action: 'close', at: t });
    const evaluated = rng.next() < 0.85;
    t += (1 + rng.next() * 4) * DAY_MS;
    if (evaluated) steps.push({ action: 'evaluate', at: t });
    // Of the recent ones, some stall on the way (the unit never reports back): they run overdue.
    const stallRoll = rng.next();
    const stallAt = 1 + rng.int(4);
    if (reportedAt > now - options.recentDays * DAY_MS && stallRoll < 0.12) steps.length = stallAt;
    const unitRoll = rng.next();
    const unit =
      unitRoll < 0.6
        ? { kind: 'village', id: g.villageCode, name: g.villageName }
        : unitRoll < 0.85
          ? { kind: 'station', id: g.stationId, name: g.stationName }
          : { kind: 'department', id: null, name: DEPARTMENTS[rng.int(DEPARTMENTS.length)]! };
    const rating = pick(rng, RATING_MIX);

    let state: HazardState = 'reported';
    let level: OverdueLevel = 'none';
    let escalatedTo: string | null = null;
    let closedAt: number | null = null;
    let updatedAt = reportedAt;
    let registered: number | null = null;
    /** The sweep's marks up to `until` while the hazard stands in `state`. */
    const sweep = (until: number) => {
      if (registered === null) return;
      const reached = overdueLevel(state, registered, deadline, until);
      for (const next of ['warning', 'overdue', 'escalated'] as const) {
        if (RANK[next] <= RANK[level] || RANK[next] > RANK[reached]) continue;
        level = next;
        escalatedTo =
          next === 'escalated' ? options.countyId : next === 'overdue' ? g.stationId : escalatedTo;
        ev(reachedAt(next, state, registered, deadline, registered, until), 'overdue', null, null, {
          level,
          deadlineAt: new Date(deadline).toISOString(),
          escalatedTo,
        });
      }
    };
    for (const s of steps) {
      if (s.at > now) break;
      sweep(s.at);
      const step = nextState(state, s.action);
      if (!step.ok) throw new Error(`demo hazard: ${step.reason}`);
      const detail: Record<string, unknown> = {};
      if (s.action === 'register') {
        registered = s.at;
        detail.deadlineAt = new Date(deadline).toISOString();
      }
      if (s.action === 'dispatch') detail.unit = unit;
      if (s.action === 'evaluate') detail.rating = rating;
      ev(s.at, s.action, state, step.to, detail);
      state = step.to;
      updatedAt = s.at;
      if (s.action === 'close') closedAt = s.at;
    }
    sweep(now);
    const dispatched = state !== 'reported' && state !== 'registered';
    out.rows.push({
      tenant_code: options.tenantCode,
      id,
      number: `YH${day}${String(seq).padStart(4, '0')}`,
      kind,
      status: state,
      description,
      lon,
      lat,
      address: `${g.stationName.replace(/派出所$/, '')} ${g.villageName}`,
      grid_id: g.policeGridId,
      station_id: g.stationId,
      org_id: g.policeGridId,
      community_grid_id: g.id,
      responsible_kind: dispatched ? unit.kind : null,
      responsible_id: dispatched ? unit.id : null,
      responsible_name: dispatched ? unit.name : null,
      reported_by_id: options.actorId,
      reported_by: reporter,
      reported_at: new Date(reportedAt),
      registered_at: registered === null ? null : new Date(registered),
      deadline_at: registered === null ? null : new Date(deadline),
      closed_at: closedAt === null ? null : new Date(closedAt),
      overdue: level,
      escalated_to: escalatedTo,
      rating: state === 'evaluated' ? rating : null,
      incident_id: null,
      incident_number: null,
      from_incident_id: null,
      from_incident_number: null,
      request_hash: createHash('sha256').update(`demo:${id}`).digest('hex'),
      updated_at: new Date(Math.max(updatedAt, ...events.map((e) => (e.at as Date).getTime()))),
      demo: true,
    });
    // Events of one hazard in time order (its timeline reads them by id).
    events.sort((a, b) => (a.at as Date).getTime() - (b.at as Date).getTime());
    out.events.push(...events);
  }
  return out;
}

/** Loads the demo's community grids with their station, village and current grid workers. */
export async function demoCommunityGrids(
  trx: Kysely<DB>,
  tenantCode: string,
  stationOfGrid: (policeGridId: string) => { id: string; name: string } | undefined,
): Promise<DemoCommunityGrid[]> {
  const [grids, villages, workers] = await Promise.all([
    trx
      .selectFrom('community_grids')
      .select([
        'id',
        'village_code',
        'police_grid_id',
        'boundary',
        'min_lon',
        'min_lat',
        'max_lon',
        'max_lat',
        'population',
      ])
      .where('tenant_code', '=', tenantCode)
      .orderBy('code')
      .execute(),
    trx
      .selectFrom('divisions')
      .select(['code', 'name'])
      .where('tenant_code', '=', tenantCode)
      .where('level', '=', 'village')
      .execute(),
    trx
      .selectFrom('grid_rosters')
      .select(['grid_id', 'name'])
      .where('tenant_code', '=', tenantCode)
      .where('grid_layer', '=', 'community')
      .where('ends_on', 'is', null)
      .orderBy('grid_id')
      .orderBy('role')
      .orderBy('name')
      .execute(),
  ]);
  const villageName = new Map(villages.map((v) => [v.code, v.name]));
  const workersOf = new Map<string, string[]>();
  for (const w of workers) workersOf.set(w.grid_id, [...(workersOf.get(w.grid_id) ?? []), w.name]);
  return grids.flatMap((g) => {
    const station = stationOfGrid(g.police_grid_id);
    if (!station) return [];
    return [
      {
        id: g.id,
        villageCode: g.village_code,
        villageName: villageName.get(g.village_code) ?? '',
        policeGridId: g.police_grid_id,
        stationId: station.id,
        stationName: station.name,
        boundary: (typeof g.boundary === 'string' ? JSON.parse(g.boundary) : g.boundary) as
          | GeoJSON.Polygon
          | GeoJSON.MultiPolygon,
        bbox: [g.min_lon, g.min_lat, g.max_lon, g.max_lat] as const,
        population: g.population ?? 0,
        workers: workersOf.get(g.id) ?? [],
      },
    ];
  });
}

/** The community grid holding a point, from the grids in memory (boxes first). */
export function locateIn(
  grids: readonly DemoCommunityGrid[],
  lon: number,
  lat: number,
): DemoCommunityGrid | undefined {
  return grids.find(
    (g) =>
      lon >= g.bbox[0] &&
      lon <= g.bbox[2] &&
      lat >= g.bbox[1] &&
      lat <= g.bbox[3] &&
      pointInPolygon([lon, lat], g.boundary),
  );
}

/** Writes the demo hazards (bulk) and moves the day counters past their numbers. */
export async function insertHazardSeed(trx: Kysely<DB>, seed: HazardSeed, tenantCode: string) {
  for (let i = 0; i < seed.rows.length; i += 2000)
    await bulkInsert(trx, 'hazards', seed.rows.slice(i, i + 2000));
  for (let i = 0; i < seed.events.length; i += 8000)
    await bulkInsert(trx, 'hazard_events', seed.events.slice(i, i + 8000), ['detail']);
  const counters = [...seed.counters].map(([day, last]) => ({ tenant_code: tenantCode, day, last }));
  if (counters.length) await bulkInsert(trx, 'hazard_counters', counters);
}
