import type { DisputeKind, DisputeMediator } from '@ronghui/contracts';
import { chinaDate, createRng, type Rng } from '@ronghui/geo';
import { generateIdNumber } from '@ronghui/ids';
import type { Insertable, Kysely } from 'kysely';
import { type DisputeEventInsert, dueAt } from '../modules/disputes/index.ts';
import type { DB, DisputePartiesTable, DisputesTable } from '../platform/db/schema.ts';
import type { DehuaDemo } from './dehua.ts';
import { type DemoCommunityGrid, locateIn, pointIn } from './seed-hazards.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Kind mix of a mountain county's screened disputes (demo proportions). */
const KIND_MIX: readonly [DisputeKind, number][] = [
  ['neighbours', 0.27],
  ['family', 0.18],
  ['homestead', 0.12],
  ['land-forest', 0.12],
  ['debt', 0.1],
  ['labour', 0.08],
  ['contract', 0.05],
  ['traffic-damage', 0.05],
  ['other', 0.03],
];
const RISK_MIX: readonly ['red' | 'yellow' | 'blue', number][] = [
  ['blue', 0.7],
  ['yellow', 0.245],
  ['red', 0.055],
];
const SURNAMES = '陈林郑黄苏赖徐连曾涂李王张刘吴颜许周';
const GIVEN = '国华志明秀英美玲建平德福金水文斌丽娟春生玉兰福清永安宝珠荣华';

const DESCRIPTION: Record<DisputeKind, string> = {
  homestead: '宅基地界址争议，双方对围墙走向各执一词',
  neighbours: '邻里因排水、噪音等琐事发生口角',
  family: '家庭成员间赡养、财产分配矛盾',
  labour: '务工人员追讨拖欠工资',
  debt: '民间借贷到期未还引发纠纷',
  'land-forest': '山林承包界址及林木权属争议',
  contract: '买卖合同履行争议',
  'traffic-damage': '轻微交通事故损害赔偿争议',
  other: '其他民间纠纷',
};

function pick<T>(rng: Rng, options: readonly [T, number][]): T {
  let x = rng.next() * options.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of options) {
    x -= w;
    if (x <= 0) return v;
  }
  return options[options.length - 1]![0];
}

const nameOf = (rng: Rng) =>
  SURNAMES[rng.int(SURNAMES.length)]! +
  GIVEN[rng.int(GIVEN.length)]! +
  (rng.next() < 0.6 ? GIVEN[rng.int(GIVEN.length)]! : '');
const phoneOf = (rng: Rng) => `1${'3578'[rng.int(4)]}${String(rng.int(1e9)).padStart(9, '0')}`;
const idOf = (rng: Rng) =>
  generateIdNumber(rng, {
    areaCode: '350526',
    birth: `${1945 + rng.int(55)}-${String(1 + rng.int(12)).padStart(2, '0')}-${String(1 + rng.int(28)).padStart(2, '0')}`,
    sex: rng.next() < 0.5 ? 'male' : 'female',
  });

export interface DisputeSeed {
  rows: Insertable<DisputesTable>[];
  parties: Insertable<DisputePartiesTable>[];
  events: DisputeEventInsert[];
}

/**
 * A year of screened disputes (矛盾纠纷排查) for the demo: `count` registrations spread over the year, in
 * villages by population, with the kind and risk mix above; most settled by agreement within the month,
 * a few failed and referred. Each has two parties, its mediators and its timeline.
 */
export function generateDisputeHistory(
  demo: DehuaDemo,
  gridOfVillage: ReadonlyMap<string, string>,
  stationOf: (townshipCode: string) => string,
  options: { tenantCode: string; year: number; count: number; seed: number; actorId: string },
): DisputeSeed {
  const rng = createRng(options.seed);
  const villages = demo.villages.filter((v) => gridOfVillage.has(v.code));
  const weights: [(typeof villages)[number], number][] = villages.map((v) => [v, v.population]);
  const townshipName = new Map(demo.townships.map((t) => [t.code, t.name]));
  const start = Date.UTC(options.year, 0, 1) - 8 * HOUR_MS;
  const yearDays = (Date.UTC(options.year + 1, 0, 1) - Date.UTC(options.year, 0, 1)) / DAY_MS;
  const out: DisputeSeed = { rows: [], parties: [], events: [] };
  const registered = Array.from(
    { length: options.count },
    () => start + rng.int(yearDays) * DAY_MS + (8 + rng.int(10)) * HOUR_MS + rng.int(60) * 60_000,
  ).sort((a, b) => a - b);
  registered.forEach((at, i) => {
    const v = pick(rng, weights);
    const kind = pick(rng, KIND_MIX);
    const risk = pick(rng, RISK_MIX);
    const id = crypto.randomUUID();
    const regAt = new Date(at);
    const gridWorker = nameOf(rng);
    const mediators: DisputeMediator[] = [
      { name: gridWorker, role: 'grid-worker' },
      { name: nameOf(rng), role: 'village-cadre' },
      ...(risk === 'red' ? [{ name: nameOf(rng), role: 'officer' as const }] : []),
    ];
    // Days to conclude: lognormal around 6 days, longer for red; about 5 % run past the month.
    const days = Math.max(0.2, Math.min(60, (risk === 'red' ? 10 : 5.5) * Math.exp(0.75 * rng.normal())));
    const concluded = new Date(at + days * DAY_MS);
    const outcome = rng.next();
    const settled = outcome < 0.955;
    const referred = !settled && outcome < 0.985;
    const followUp = new Date(concluded.getTime() + (7 + rng.int(21)) * DAY_MS);
    const ev = (
      e: Omit<DisputeEventInsert, 'tenant_code' | 'dispute_id' | 'actor_id' | 'actor' | 'detail'> & {
        detail?: object;
      },
    ) =>
      out.events.push({
        tenant_code: options.tenantCode,
        dispute_id: id,
        actor_id: options.actorId,
        actor: gridWorker,
        ...e,
        detail: JSON.stringify(e.detail ?? {}),
      });
    const parties = [nameOf(rng), nameOf(rng)];
    for (const [sort, name] of parties.entries())
      out.parties.push({
        tenant_code: options.tenantCode,
        id: crypto.randomUUID(),
        dispute_id: id,
        sort,
        name,
        phone: phoneOf(rng),
        id_number: idOf(rng),
      });
    ev({ at: regAt, kind: 'registered', from_status: 'registered', to_status: 'registered', note: null });
    ev({
      at: new Date(at + Math.min(days / 2, 1) * DAY_MS),
      kind: 'status',
      from_status: 'registered',
      to_status: 'mediating',
      note: null,
    });
    let status: string;
    if (settled) {
      ev({
        at: concluded,
        kind: 'agreement',
        from_status: 'mediating',
        to_status: 'settled',
        note: '双方达成调解协议',
      });
      ev({
        at: followUp,
        kind: 'follow-up',
        from_status: 'settled',
        to_status: 'followed-up',
        note: '协议已履行，双方无异议',
      });
      status = 'closed';
      ev({ at: followUp, kind: 'status', from_status: 'followed-up', to_status: 'closed', note: null });
    } else {
      ev({
        at: concluded,
        kind: 'status',
        from_status: 'mediating',
        to_status: 'failed',
        note: '双方分歧较大，调解不成',
      });
      status = 'failed';
      if (referred) {
        ev({
          at: concluded,
          kind: 'status',
          from_status: 'failed',
          to_status: 'referred',
          note: '引导当事人通过诉讼解决',
        });
        status = 'referred';
      }
    }
    out.rows.push({
      tenant_code: options.tenantCode,
      id,
      number: `JF${options.year}${String(i + 1).padStart(5, '0')}`,
      kind,
      risk,
      status,
      description: `[历史演示] ${DESCRIPTION[kind]}`,
      address: `${townshipName.get(v.townshipCode) ?? ''}${v.name}`,
      lon: v.position[0] + (rng.next() - 0.5) * 0.004,
      lat: v.position[1] + (rng.next() - 0.5) * 0.004,
      grid_id: gridOfVillage.get(v.code)!,
      station_id: stationOf(v.townshipCode),
      mediators: JSON.stringify(mediators),
      referral: referred
        ? JSON.stringify({ target: kind === 'labour' ? 'labour-arbitration' : 'court', note: null })
        : null,
      agreement: settled
        ? JSON.stringify({
            facts: DESCRIPTION[kind],
            responsibilities: '双方均有一定责任',
            obligations: '双方按约定履行，互不追究',
            performance: '当场履行',
            performBy: null,
            signedAt: concluded.toISOString(),
          })
        : null,
      registered_at: regAt,
      due_at: dueAt(regAt),
      concluded_at: concluded,
      closed_at: settled ? followUp : null,
      demo: true,
      created_by: options.actorId,
      updated_at: settled ? followUp : concluded,
    });
  });
  return out;
}

/** 浔中镇凤凰社区: a four-year homestead dispute settled at the 邻里中心警务室 by 郑汀煌 and 小陈. */
export function fenghuangStory(
  demo: DehuaDemo,
  gridOfVillage: ReadonlyMap<string, string>,
  stationOf: (townshipCode: string) => string,
  options: { tenantCode: string; actorId: string },
): DisputeSeed | null {
  const township = demo.townships.find((t) => t.name === '浔中镇');
  const village = demo.villages.find((v) => v.name === '凤凰社区' && v.townshipCode === township?.code);
  const gridId = village ? gridOfVillage.get(village.code) : undefined;
  if (!township || !village || !gridId) return null;
  const id = crypto.randomUUID();
  const t = (iso: string) => new Date(iso);
  const registered = t('2023-05-08T09:30:00+08:00');
  const place = '浔中镇凤凰社区邻里中心警务室';
  const mediators: DisputeMediator[] = [
    { name: '郑汀煌', role: 'grid-worker' },
    { name: '小陈', role: 'village-cadre' },
  ];
  const base = { tenant_code: options.tenantCode, dispute_id: id, actor_id: options.actorId };
  const meeting1 = {
    at: '2023-05-12T15:00:00.000Z',
    place,
    attendees: ['陈大爷', '刘大妈', '郑汀煌', '小陈'],
    summary: '双方各自陈述宅基地界址争议的由来，查看1990年代的建房批文及现场界桩。',
    outcome: '双方同意以原批文四至为准，约定一周后现场复核',
  };
  const meeting2 = {
    at: '2023-05-19T02:00:00.000Z',
    place,
    attendees: ['陈大爷', '刘大妈', '郑汀煌', '小陈', '社区干部'],
    summary: '现场复核界址，刘大妈家院墙越界约0.4米；双方就拆除重砌与费用分担协商一致。',
    outcome: '达成调解协议',
  };
  const events: DisputeEventInsert[] = [
    {
      ...base,
      at: registered,
      actor: '郑汀煌',
      kind: 'registered',
      from_status: 'registered',
      to_status: 'registered',
      note: '陈大爷到邻里中心警务室反映',
      detail: JSON.stringify({ risk: 'yellow', kind: 'homestead' }),
    },
    {
      ...base,
      at: t(meeting1.at),
      actor: '郑汀煌',
      kind: 'status',
      from_status: 'registered',
      to_status: 'mediating',
      note: '首次调解',
      detail: '{}',
    },
    {
      ...base,
      at: t(meeting1.at),
      actor: '郑汀煌',
      kind: 'meeting',
      from_status: null,
      to_status: null,
      note: meeting1.outcome,
      detail: JSON.stringify(meeting1),
    },
    {
      ...base,
      at: t(meeting2.at),
      actor: '郑汀煌',
      kind: 'meeting',
      from_status: null,
      to_status: null,
      note: meeting2.outcome,
      detail: JSON.stringify(meeting2),
    },
    {
      ...base,
      at: t('2023-05-19T03:30:00.000Z'),
      actor: '郑汀煌',
      kind: 'agreement',
      from_status: 'mediating',
      to_status: 'settled',
      note: '刘大妈拆除越界院墙并按原界重砌，陈大爷承担一半费用',
      detail: '{}',
    },
    {
      ...base,
      at: t('2023-06-20T01:00:00.000Z'),
      actor: '郑汀煌',
      kind: 'follow-up',
      from_status: 'settled',
      to_status: 'followed-up',
      note: '院墙已按界重砌，两家恢复往来',
      detail: '{}',
    },
    {
      ...base,
      at: t('2023-06-20T01:10:00.000Z'),
      actor: '郑汀煌',
      kind: 'status',
      from_status: 'followed-up',
      to_status: 'closed',
      note: null,
      detail: '{}',
    },
  ];
  return {
    rows: [
      {
        tenant_code: options.tenantCode,
        id,
        number: 'JF2023-FH001',
        kind: 'homestead',
        risk: 'yellow',
        status: 'closed',
        description: '陈大爷与刘大妈因宅基地界址争执四年，院墙越界、多次口角，曾引发推搡。',
        address: place,
        lon: village.position[0],
        lat: village.position[1],
        grid_id: gridId,
        station_id: stationOf(township.code),
        mediators: JSON.stringify(mediators),
        referral: null,
        agreement: JSON.stringify({
          facts:
            '陈大爷与刘大妈系凤凰社区相邻住户。2019年刘大妈翻建院墙，陈大爷认为院墙越过其宅基地界址，双方争执四年未果。经现场复核，院墙越界约0.4米。',
          responsibilities:
            '刘大妈翻建院墙时未与邻居确认界址，负主要责任；陈大爷长期以堵路方式对抗，负次要责任。',
          obligations:
            '一、刘大妈于2023年6月10日前拆除越界部分院墙，按1996年建房批文四至重砌；二、重砌费用由双方各承担一半；三、双方此后不再就该界址提出异议。',
          performance: '由社区网格员现场见证拆除与重砌，费用当场结清。',
          performBy: '2023-06-10',
          signedAt: '2023-05-19T03:30:00.000Z',
        }),
        registered_at: registered,
        due_at: dueAt(registered),
        concluded_at: t('2023-05-19T03:30:00.000Z'),
        closed_at: t('2023-06-20T01:10:00.000Z'),
        demo: true,
        created_by: options.actorId,
        updated_at: t('2023-06-20T01:10:00.000Z'),
      },
    ],
    parties: [
      {
        tenant_code: options.tenantCode,
        id: crypto.randomUUID(),
        dispute_id: id,
        sort: 0,
        name: '陈大爷',
        phone: '13859512368',
        id_number: '350526195203150011',
      },
      {
        tenant_code: options.tenantCode,
        id: crypto.randomUUID(),
        dispute_id: id,
        sort: 1,
        name: '刘大妈',
        phone: '13905951247',
        id_number: '350526195508220025',
      },
    ],
    events,
  };
}

/**
 * Places the disputes in the community grids of their village (the point moved into the grid chosen), lets the grid's own workers mediate
 * (their names on the mediators and the timeline) and records the mediation meetings (one, or two for a
 * hard case) between the start of mediation and its conclusion. Its own random stream: the disputes
 * themselves stay as generated.
 */
export function inCommunityGrids(seed: DisputeSeed, grids: readonly DemoCommunityGrid[], rngSeed: number) {
  const rng = createRng(rngSeed);
  const eventsOf = new Map<string, DisputeEventInsert[]>();
  for (const e of seed.events) eventsOf.set(e.dispute_id, [...(eventsOf.get(e.dispute_id) ?? []), e]);
  const meetings: DisputeEventInsert[] = [];
  const ofVillage = new Map<string, DemoCommunityGrid[]>();
  for (const g of grids) ofVillage.set(g.villageCode, [...(ofVillage.get(g.villageCode) ?? []), g]);
  for (const row of seed.rows) {
    const here = row.lon != null && row.lat != null ? locateIn(grids, row.lon, row.lat) : undefined;
    if (!here) continue;
    if (row.number.includes('-FH')) {
      row.community_grid_id = here.id;
      continue;
    }
    // Anywhere in the village, not only around its centre: one of the village's grids, a point inside it.
    const choices = ofVillage.get(here.villageCode) ?? [here];
    const g = choices[rng.int(choices.length)]!;
    if (g !== here) [row.lon, row.lat] = pointIn(rng, g);
    row.community_grid_id = g.id;
    const worker = g.workers.length ? g.workers[rng.int(g.workers.length)]! : null;
    const events = eventsOf.get(row.id) ?? [];
    if (worker) {
      const mediators = JSON.parse(row.mediators as string) as DisputeMediator[];
      const before = mediators[0]?.name;
      if (mediators[0]) mediators[0] = { ...mediators[0], name: worker };
      row.mediators = JSON.stringify(mediators);
      for (const e of events) if (e.actor === before) e.actor = worker;
    }
    const started = events.find((e) => e.to_status === 'mediating');
    if (!started || !row.concluded_at) continue;
    const from = new Date(started.at as Date).getTime();
    const to = new Date(row.concluded_at as Date).getTime();
    const n = row.risk !== 'blue' && rng.next() < 0.5 ? 2 : 1;
    for (let k = 0; k < n; k++) {
      const at = new Date(from + ((k + 0.5) / n) * (to - from) * 0.9);
      const meeting = {
        at: at.toISOString(),
        place: `${g.villageName}调解室`,
        attendees: [worker ?? '网格员', '当事双方'],
        summary: '听取双方陈述，释法明理',
        outcome: k === n - 1 ? '形成调解意见' : '约定再次调解',
      };
      meetings.push({
        tenant_code: row.tenant_code,
        dispute_id: row.id,
        at,
        actor_id: started.actor_id ?? null,
        actor: worker ?? started.actor,
        kind: 'meeting',
        from_status: null,
        to_status: null,
        note: meeting.outcome,
        detail: JSON.stringify(meeting),
      });
    }
  }
  seed.events.push(...meetings);
  return seed;
}

const at = (d: unknown) => new Date(d as Date | string).getTime();

/**
 * The disputes as they stand at `now`: registrations after it left out, steps after it not yet taken
 * (the dispute still registered or being mediated, no agreement, not closed).
 */
export function asOf(seed: DisputeSeed, now: Date): DisputeSeed {
  const t = now.getTime();
  const rows = seed.rows.filter((r) => at(r.registered_at) <= t);
  const keep = new Set(rows.map((r) => r.id));
  const events = seed.events.filter((e) => keep.has(e.dispute_id) && at(e.at) <= t);
  const latest = new Map<string, { at: number; status: string | null }>();
  for (const e of [...events].sort((a, b) => at(a.at) - at(b.at))) {
    const before = latest.get(e.dispute_id);
    latest.set(e.dispute_id, { at: at(e.at), status: e.to_status ?? before?.status ?? null });
  }
  for (const r of rows) {
    const last = latest.get(r.id);
    if (last?.status) r.status = last.status;
    if (r.concluded_at && at(r.concluded_at) > t) {
      r.concluded_at = null;
      r.agreement = null;
      r.referral = null;
    }
    if (r.closed_at && at(r.closed_at) > t) r.closed_at = null;
    if (last) r.updated_at = new Date(last.at);
  }
  return { rows, parties: seed.parties.filter((p) => keep.has(p.dispute_id)), events };
}

/**
 * The disputes of the demo: 2023's screened disputes (2,800 generated + the 凤凰社区 story = 2,801), and
 * this year's up to `now` (a year of `currentCount`, as they stand today: the recent ones still open).
 */
export async function seedDisputesDemo(
  trx: Kysely<DB>,
  insertMany: (trx: Kysely<DB>, seed: DisputeSeed) => Promise<void>,
  demo: DehuaDemo,
  gridOfVillage: ReadonlyMap<string, string>,
  stationOf: (townshipCode: string) => string,
  options: {
    tenantCode: string;
    actorId: string;
    count?: number;
    seed?: number;
    communityGrids?: readonly DemoCommunityGrid[];
    now?: Date;
    currentCount?: number;
  },
): Promise<number> {
  const history = generateDisputeHistory(demo, gridOfVillage, stationOf, {
    tenantCode: options.tenantCode,
    year: 2023,
    count: options.count ?? 2800,
    seed: options.seed ?? 2023,
    actorId: options.actorId,
  });
  const story = fenghuangStory(demo, gridOfVillage, stationOf, options);
  const year = options.now ? Number(chinaDate(options.now).slice(0, 4)) : null;
  const current =
    options.now && year && year > 2023
      ? asOf(
          generateDisputeHistory(demo, gridOfVillage, stationOf, {
            tenantCode: options.tenantCode,
            year,
            count: options.currentCount ?? 2400,
            seed: year,
            actorId: options.actorId,
          }),
          options.now,
        )
      : { rows: [], parties: [], events: [] };
  const all: DisputeSeed = {
    rows: [...history.rows, ...(story?.rows ?? []), ...current.rows],
    parties: [...history.parties, ...(story?.parties ?? []), ...current.parties],
    events: [...history.events, ...(story?.events ?? []), ...current.events],
  };
  if (options.communityGrids) inCommunityGrids(all, options.communityGrids, (options.seed ?? 2023) ^ 0x9e3b);
  // Meetings placed before the conclusion may still lie ahead for this year's open disputes.
  const now = options.now?.getTime() ?? Number.POSITIVE_INFINITY;
  all.events = all.events.filter((e) => at(e.at) <= now);
  await insertMany(trx, all);
  return all.rows.length;
}
