import { type ActivityKind, activityPoints, cappedPoints } from '@ronghui/dispatch';
import { chinaDate, createLocalProjection, createRng, type LngLat, type Rng } from '@ronghui/geo';
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import type { DehuaDemo } from './dehua.ts';
import { scaleToTotal } from './dehua-villages.ts';

/**
 * How many confirmed records of each kind the 2023 history is generated with: the county's published
 * figures for that year (巡逻 3,200 余次, 调解帮助 260 余起, 救助 290 余人次, 协助抓获 73 人) and some
 * event security. The statistics count the generated records; nothing reads these numbers back.
 */
export const DEMO_ACTIVITY_TARGETS_2023: Record<ActivityKind, number> = {
  patrol: 3236,
  mediation: 264,
  rescue: 293,
  'arrest-assist': 73,
  'event-security': 118,
};

/** Which team kinds do which work more (a weight on top of the team's size). */
const AFFINITY: Record<ActivityKind, Record<string, number>> = {
  patrol: {},
  mediation: { guardian: 4, delivery: 0.3, forest: 0.3, reservoir: 0.3 },
  rescue: { forest: 4, reservoir: 4, delivery: 1.5 },
  'arrest-assist': { delivery: 3, guardian: 2, forest: 0.3, reservoir: 0.3 },
  'event-security': { guardian: 2, delivery: 0.5, forest: 0.5, reservoir: 0.5 },
};
/** [min, max) minutes, [min, max] people, the hours of day it starts in. */
const SHAPE: Record<
  ActivityKind,
  { minutes: [number, number]; people: [number, number]; hours: [number, number] }
> = {
  patrol: { minutes: [60, 181], people: [2, 5], hours: [18, 22] },
  mediation: { minutes: [30, 121], people: [1, 2], hours: [9, 20] },
  rescue: { minutes: [20, 241], people: [1, 4], hours: [6, 22] },
  'arrest-assist': { minutes: [15, 121], people: [1, 3], hours: [0, 23] },
  'event-security': { minutes: [120, 361], people: [3, 8], hours: [8, 18] },
};
const OUTCOMES: Record<ActivityKind, string[]> = {
  patrol: [
    '夜间巡逻，未发现异常',
    '巡查发现路灯损坏一处，已报村委',
    '提醒商户关好门窗、收好贵重物品',
    '劝离河边夜钓群众3人',
  ],
  mediation: [
    '调解邻里噪音纠纷，双方达成谅解',
    '协助化解宅基地界址争议',
    '劝解家庭矛盾，当事人情绪平复',
    '调处小额债务纠纷，约定分期归还',
  ],
  rescue: [
    '帮助走失老人返家',
    '协助救起落水儿童，送医检查无碍',
    '山林搜寻迷路游客，安全带回',
    '护送突发疾病群众就医',
  ],
  'arrest-assist': [
    '发现可疑人员并报警，协助民警抓获盗窃嫌疑人',
    '提供线索协助抓获诈骗嫌疑人',
    '协助围堵抢夺嫌疑人',
  ],
  'event-security': ['陶瓷文化节现场秩序维护', '春节庙会人流疏导', '马拉松赛道安保', '中考考点周边交通疏导'],
};
const REJECT_REASONS = ['与已确认记录重复', '时间地点无法核实', '不属于群防群治活动'];

function near(rng: Rng, at: LngLat, spreadM: number): LngLat {
  const p = createLocalProjection(at);
  return p.toLngLat([rng.normal() * spreadM, rng.normal() * spreadM]);
}
const uuid = (rng: Rng) => {
  const hex = Array.from({ length: 32 }, () => rng.int(16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[rng.int(4)]!;
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
};
const between = (rng: Rng, [a, b]: [number, number]) => a + rng.int(Math.max(1, b - a));

export interface ActivitiesDemoInput {
  tenantCode: string;
  actorId: string;
  now: Date;
  seed: number;
}

/**
 * Generates the demo activity history (deterministic, marked demo) over the seeded teams and members: the
 * confirmed 2023 records of {@link DEMO_ACTIVITY_TARGETS_2023} spread over the teams by size and kind
 * (the forest and reservoir teams rescue more, the 守护队 mediates more, the riders spot more suspects),
 * a few rejected ones, and the last three weeks up to today (confirmed, plus some waiting for the
 * station) so this month's ranking and the phone's points have something to show. Points follow the
 * same rules as a confirmation (per kind, duration bonus, daily cap). Bulk-inserted.
 */
export async function seedActivitiesDemo(
  trx: Kysely<DB>,
  demo: DehuaDemo,
  bulk: (trx: Kysely<DB>, table: keyof DB, rows: object[]) => Promise<void>,
  input: ActivitiesDemoInput,
) {
  const rng = createRng(input.seed ^ 0xac7_1e5);
  const { tenantCode, now } = input;
  const teams = await trx
    .selectFrom('volunteer_teams')
    .select(['id', 'kind', 'station_id', 'township', 'leader_user_id'])
    .where('tenant_code', '=', tenantCode)
    .where('demo', '=', true)
    .orderBy('name')
    .execute();
  const links = await trx
    .selectFrom('volunteer_team_members as l')
    .innerJoin('volunteer_members as m', (j) =>
      j.onRef('m.tenant_code', '=', 'l.tenant_code').onRef('m.id', '=', 'l.member_id'),
    )
    .select(['l.team_id', 'l.member_id', 'l.joined_on', 'm.user_id'])
    .where('l.tenant_code', '=', tenantCode)
    .where('l.left_on', 'is', null)
    .orderBy('l.team_id')
    .orderBy('l.member_id')
    .execute();
  const membersOf = new Map<string, typeof links>();
  for (const l of links) membersOf.set(l.team_id, [...(membersOf.get(l.team_id) ?? []), l]);
  const townshipByName = new Map(demo.townships.map((t) => [t.name, t]));
  const villagesOf = (township: string | null) => {
    const code = townshipByName.get(township ?? '')?.code;
    return demo.villages.filter((v) => v.townshipCode === code);
  };

  type Draft = {
    team: (typeof teams)[number];
    kind: ActivityKind;
    at: Date;
    status: 'confirmed' | 'rejected' | 'submitted';
    people?: string[];
  };
  const drafts: Draft[] = [];
  const dayMs = 86_400_000;
  const year2023 = Date.UTC(2023, 0, 1) - 8 * 3_600_000;
  const at2023 = (kind: ActivityKind) => {
    const [h0, h1] = SHAPE[kind].hours;
    return new Date(
      year2023 + rng.int(365) * dayMs + (h0 + rng.int(h1 - h0 + 1)) * 3_600_000 + rng.int(60) * 60_000,
    );
  };
  for (const kind of Object.keys(DEMO_ACTIVITY_TARGETS_2023) as ActivityKind[]) {
    const weights = teams.map((t) => (membersOf.get(t.id)?.length ?? 0) * (AFFINITY[kind][t.kind] ?? 1));
    const per = scaleToTotal(weights, DEMO_ACTIVITY_TARGETS_2023[kind]);
    teams.forEach((team, i) => {
      for (let k = 0; k < per[i]!; k++) drafts.push({ team, kind, at: at2023(kind), status: 'confirmed' });
      // About one in forty reports is turned down (a duplicate, or not verifiable).
      const rejected = Math.floor(per[i]! / 40);
      for (let k = 0; k < rejected; k++) drafts.push({ team, kind, at: at2023(kind), status: 'rejected' });
    });
  }
  // The last three weeks: patrols and the odd help, mostly confirmed, the newest waiting for the station.
  if (now.getFullYear() > 2023) {
    for (const team of teams) {
      const members = membersOf.get(team.id) ?? [];
      const linked = members.filter((m) => m.user_id).map((m) => m.member_id);
      const n = 2 + Math.round((members.length / 200) * 3);
      for (let k = 0; k < n + linked.length * 2; k++) {
        const kind: ActivityKind = rng.next() < 0.8 ? 'patrol' : rng.next() < 0.5 ? 'rescue' : 'mediation';
        const ago = 1 + rng.int(20);
        const at = new Date(now.getTime() - ago * dayMs - rng.int(6) * 3_600_000);
        const people = k < linked.length * 2 ? [linked[k % linked.length]!] : undefined;
        drafts.push({
          team,
          kind,
          at,
          status: ago <= 3 && rng.next() < 0.6 ? 'submitted' : 'confirmed',
          ...(people ? { people } : {}),
        });
      }
    }
  }
  drafts.sort((a, b) => a.at.getTime() - b.at.getTime());

  const activities: object[] = [];
  const people: object[] = [];
  const earned = new Map<string, number>();
  for (const d of drafts) {
    const id = uuid(rng);
    const shape = SHAPE[d.kind];
    const minutes = between(rng, shape.minutes);
    const day = chinaDate(d.at);
    const all = membersOf.get(d.team.id) ?? [];
    const joined = all.filter((m) => m.joined_on <= day);
    const pool = joined.length ? joined : all;
    const want = Math.min(pool.length, between(rng, [shape.people[0], shape.people[1] + 1]));
    const chosen = new Set(d.people ?? []);
    while (chosen.size < want) chosen.add(pool[rng.int(pool.length)]!.member_id);
    const villages = villagesOf(d.team.township);
    const village = villages.length ? villages[rng.int(villages.length)]! : null;
    const seat = townshipByName.get(d.team.township ?? '')?.seat ?? demo.tenant.countyTown;
    const [lon, lat] = near(rng, village?.position ?? seat, 300);
    const outcomes = OUTCOMES[d.kind];
    const decidedAt = new Date(d.at.getTime() + (minutes + 60 * (2 + rng.int(46))) * 60_000);
    const decider = d.team.leader_user_id ?? input.actorId;
    activities.push({
      tenant_code: tenantCode,
      id,
      kind: d.kind,
      status: d.status,
      team_id: d.team.id,
      station_id: d.team.station_id,
      township: d.team.township,
      lon,
      lat,
      address: `${d.team.township ?? ''}${village?.name ?? ''}`,
      occurred_at: d.at.toISOString(),
      duration_minutes: minutes,
      outcome: outcomes[rng.int(outcomes.length)]!,
      incident_id: null,
      dispute_id: null,
      patrol_run_id: null,
      callout_id: null,
      source: 'demo',
      submitted_by: input.actorId,
      submitted_at: new Date(d.at.getTime() + minutes * 60_000).toISOString(),
      decided_by: d.status === 'submitted' ? null : decider,
      decided_at: d.status === 'submitted' ? null : decidedAt.toISOString(),
      reason: d.status === 'rejected' ? REJECT_REASONS[rng.int(REJECT_REASONS.length)]! : null,
      demo: true,
    });
    [...chosen].forEach((memberId, i) => {
      const role = i === 0 ? 'lead' : 'participant';
      let points: number | null = null;
      if (d.status === 'confirmed') {
        const key = `${memberId}|${day}`;
        points = cappedPoints(activityPoints(d.kind, minutes, role), earned.get(key) ?? 0);
        earned.set(key, (earned.get(key) ?? 0) + points);
      }
      people.push({ tenant_code: tenantCode, activity_id: id, member_id: memberId, role, day, points });
    });
  }
  await bulk(trx, 'volunteer_activities', activities);
  await bulk(trx, 'volunteer_activity_people', people);
  return { activities: activities.length, people: people.length };
}
