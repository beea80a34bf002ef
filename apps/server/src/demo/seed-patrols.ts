import { DEFAULT_PATROL_RULE, judgePatrol, patrolTargetOf, type TrackPoint } from '@ronghui/dispatch';
import { createLocalProjection, createRng, type LngLat } from '@ronghui/geo';
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.ts';

export interface PatrolsDemoInput {
  tenantCode: string;
  now: Date;
  seed: number;
  /** 曾坂古村落. */
  place: { lon: number; lat: number };
  /** The demo accounts of 古镇义警队 (volunteer-shangyong-1 walks yesterday's line). */
  users: { id: string; username: string; roles: string[]; org_id: string }[];
}

const uuid = (rng: ReturnType<typeof createRng>) => {
  const hex = Array.from({ length: 32 }, () => rng.int(16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[rng.int(4)]!;
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
};

const RULE = {
  radiusM: DEFAULT_PATROL_RULE.radiusM,
  minDwellMinutes: DEFAULT_PATROL_RULE.minDwellS / 60,
  lineShare: DEFAULT_PATROL_RULE.lineShare,
  lineToleranceM: DEFAULT_PATROL_RULE.lineToleranceM,
  minInsideMinutes: DEFAULT_PATROL_RULE.minInsideS / 60,
};

/**
 * The demo's patrols of 古镇义警队 around 曾坂古村落 (deterministic, marked demo): a guard point at the
 * village gate, a patrol line through the old village and a control area over it (created as patrol plan
 * features of the 上涌 station when it has none), today's tasks on them, yesterday's line walked and judged
 * by the same judge a real run gets, and yesterday's guard point missed.
 */
export async function seedPatrolsDemo(trx: Kysely<DB>, input: PatrolsDemoInput) {
  const rng = createRng(input.seed ^ 0x9a7e01);
  const { tenantCode, now } = input;
  const team = await trx
    .selectFrom('volunteer_teams')
    .select(['id', 'station_id', 'leader_user_id', 'created_by'])
    .where('tenant_code', '=', tenantCode)
    .where('name', '=', '古镇义警队')
    .executeTakeFirst();
  if (!team) return { features: 0, tasks: 0 };
  const createdBy = team.leader_user_id ?? team.created_by;
  const origin: LngLat = [input.place.lon, input.place.lat];
  const proj = createLocalProjection(origin);
  const at = (x: number, y: number) => {
    const [lon, lat] = proj.toLngLat([x, y]);
    return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6] as [number, number];
  };
  const existing = await trx
    .selectFrom('patrol_features')
    .select(['id', 'kind', 'name', 'geometry'])
    .where('tenant_code', '=', tenantCode)
    .where('station_id', '=', team.station_id)
    .execute();
  const wanted = [
    {
      kind: 'guard-point' as const,
      name: '曾坂古村落村口守点',
      geometry: { type: 'Point', coordinates: at(-60, -40) },
    },
    {
      kind: 'patrol-line' as const,
      name: '曾坂古村巡逻线',
      geometry: {
        type: 'LineString',
        coordinates: [at(-300, -120), at(-120, -60), at(60, 0), at(220, 90), at(380, 120)],
      },
    },
    {
      kind: 'control-area' as const,
      name: '曾坂古民居控面',
      geometry: {
        type: 'Polygon',
        coordinates: [[at(-150, -150), at(150, -150), at(150, 150), at(-150, 150), at(-150, -150)]],
      },
    },
  ];
  type DemoFeature = {
    id: string;
    kind: 'guard-point' | 'patrol-line' | 'control-area';
    name: string;
    geometry: { type: string; coordinates: unknown };
  };
  const features: DemoFeature[] = [];
  let created = 0;
  for (const w of wanted) {
    const have = existing.find((e) => e.kind === w.kind);
    if (have) {
      features.push({
        id: have.id,
        kind: w.kind,
        name: have.name,
        geometry: have.geometry as typeof w.geometry,
      });
      continue;
    }
    const id = uuid(rng);
    await trx
      .insertInto('patrol_features')
      .values({
        tenant_code: tenantCode,
        id,
        kind: w.kind,
        name: w.name,
        geometry: JSON.stringify(w.geometry),
        station_id: team.station_id,
        unit_ids: [],
        note: '古镇义警队巡护',
        created_by: createdBy,
      })
      .execute();
    features.push({ id, ...w });
    created++;
  }
  const hour = 3_600_000;
  const day = 24 * hour;
  const t0 = now.getTime();
  const task = (f: DemoFeature, start: number, end: number, status: string, note: string) => ({
    tenant_code: tenantCode,
    id: uuid(rng),
    team_id: team.id,
    station_id: team.station_id,
    feature_id: f.id,
    feature_kind: f.kind,
    feature_name: f.name,
    geometry: JSON.stringify(f.geometry),
    member_ids: '[]',
    starts_at: new Date(start),
    ends_at: new Date(end),
    status,
    rule: JSON.stringify(RULE),
    note,
    completed_run_id: null as string | null,
    demo: true,
    created_by: createdBy,
    created_at: new Date(Math.min(start, t0) - 2 * hour),
    updated_at: new Date(Math.min(end, t0)),
  });
  const [point, line, area] = features as [
    (typeof features)[number],
    (typeof features)[number],
    (typeof features)[number],
  ];
  const tasks = [
    task(point, t0 - hour, t0 + 3 * hour, 'planned', '村口值守，重点关注游客车辆'),
    task(line, t0 - 0.5 * hour, t0 + 4 * hour, 'planned', '沿古村主巷巡逻一圈'),
    task(area, t0 + hour, t0 + 5 * hour, 'planned', '古民居防火巡查'),
    task(point, t0 - day - 3 * hour, t0 - day - hour, 'missed', '昨晚村口值守'),
  ];
  // Yesterday's line, walked by volunteer-shangyong-1: a fix every 10 s along it, judged by the patrol judge.
  const walked = task(line, t0 - day, t0 - day + 3 * hour, 'completed', '昨日古村巡逻');
  const walker = input.users.find((u) => u.username === 'volunteer-shangyong-1');
  const member = walker
    ? await trx
        .selectFrom('volunteer_members')
        .select('id')
        .where('tenant_code', '=', tenantCode)
        .where('user_id', '=', walker.id)
        .executeTakeFirst()
    : undefined;
  if (walker && member) {
    const coords = (line.geometry as { coordinates: [number, number][] }).coordinates;
    const start = t0 - day + 20 * 60_000;
    const track: TrackPoint[] = [];
    let s = start;
    for (let i = 1; i < coords.length; i++) {
      const a = proj.toXY(coords[i - 1]!);
      const b = proj.toXY(coords[i]!);
      const steps = Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / 12);
      for (let k = 0; k < steps; k++) {
        const f = k / steps;
        const [lon, lat] = proj.toLngLat([
          a[0] + (b[0] - a[0]) * f + rng.normal() * 6,
          a[1] + (b[1] - a[1]) * f + rng.normal() * 6,
        ]);
        track.push({ lon, lat, at: s, accuracyM: 5 + rng.int(15) });
        s += 10_000;
      }
    }
    const endedAt = s + 60_000;
    const judgement = judgePatrol(
      patrolTargetOf('patrol-line', line.geometry),
      track,
      { start: walked.starts_at.getTime(), end: endedAt },
      { ...DEFAULT_PATROL_RULE },
    );
    const runId = uuid(rng);
    walked.status = judgement.completed ? 'completed' : 'missed';
    walked.completed_run_id = judgement.completed ? runId : null;
    tasks.push(walked);
    await trx.insertInto('patrol_tasks').values(tasks).execute();
    const last = track[track.length - 1]!;
    await trx
      .insertInto('patrol_runs')
      .values({
        tenant_code: tenantCode,
        id: runId,
        task_id: walked.id,
        team_id: team.id,
        station_id: team.station_id,
        member_id: member.id,
        user_id: walker.id,
        status: judgement.completed ? 'completed' : 'incomplete',
        started_at: new Date(start),
        ended_at: new Date(endedAt),
        points: track.length,
        last_lon: last.lon,
        last_lat: last.lat,
        last_at: new Date(last.at),
        judgement: JSON.stringify(judgement),
      })
      .execute();
    await trx
      .insertInto('patrol_points')
      .values(
        track.map((p) => ({
          tenant_code: tenantCode,
          run_id: runId,
          at: new Date(p.at),
          lon: p.lon,
          lat: p.lat,
          accuracy_m: p.accuracyM ?? null,
          received_at: new Date(p.at + 5_000),
        })),
      )
      .execute();
  } else await trx.insertInto('patrol_tasks').values(tasks).execute();
  return { features: created, tasks: tasks.length };
}
