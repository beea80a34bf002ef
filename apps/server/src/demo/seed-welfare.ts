import { randomUUID } from 'node:crypto';
import {
  addDays,
  between,
  localDate,
  pick,
  type Random,
  seededRandom,
  yearSchedule,
} from '@ronghui/services';
import type { Kysely } from 'kysely';
import { bulkInsert } from '../platform/db/bulk-insert.ts';
import type { DB } from '../platform/db/schema.ts';
import type { FieldCrypto } from '../platform/privacy/field-crypto.ts';

const SURNAMES = [
  '陈',
  '林',
  '黄',
  '郑',
  '李',
  '王',
  '张',
  '吴',
  '刘',
  '苏',
  '徐',
  '曾',
  '赖',
  '邱',
  '颜',
  '连',
  '许',
  '涂',
  '郭',
  '蔡',
];
const GIVEN = [
  '志强',
  '建华',
  '文斌',
  '德福',
  '国平',
  '振东',
  '明辉',
  '晓燕',
  '丽娟',
  '春梅',
  '雅婷',
  '俊杰',
  '伟东',
  '少华',
  '清河',
  '金山',
  '荣发',
  '惠珍',
  '海燕',
  '育新',
  '良才',
  '永福',
  '美玲',
  '雪芳',
];
const CHILD_GIVEN = ['子涵', '欣怡', '浩然', '梓萱', '宇轩', '一诺', '思源', '雨桐', '晨曦', '沐阳'];
const HEALTH_NOTES = [
  '血压偏高，建议半年复查',
  '腰椎间盘突出，避免长时间久坐',
  '脂肪肝（轻度），注意饮食',
  '血糖偏高，需复查空腹血糖',
  '颈椎病，建议理疗',
  '甲状腺结节，定期复查',
];
const CHECK_RESULTS = ['未见明显异常', '血脂偏高', '轻度脂肪肝', '血压偏高', '尿酸偏高', '窦性心律不齐'];
const INJURIES = [
  '处警时被嫌疑人咬伤右手',
  '抓捕中扭伤左脚踝',
  '夜间巡逻摔伤膝盖',
  '交通事故现场处置被车辆剐蹭受伤',
  '连续加班后突发心脏不适住院',
  '急性阑尾炎手术住院',
  '抗洪抢险中手臂划伤',
  '追捕中小腿骨折',
];
const SCHOOLING_NEEDS = [
  '异地交流任职，子女需就近入学',
  '夫妻双警值班多，需安排离家近的学校',
  '子女随迁，需办理转学',
  '因公负伤民警子女入学照顾',
  '驻村所民警子女需入读县城学校',
];
const SCHOOLS = [
  '德化县实验小学',
  '德化县第二实验小学',
  '德化县浔中中心小学',
  '德化第一中学',
  '德化县第八中学',
  '德化县实验幼儿园',
  '德化县第三实验小学',
];

/** The three mechanisms of 2023: occasions, how many visits each, the day and the amount per visit. */
const HOLIDAYS_2023 = [
  { occasion: '中国人民警察节', on: ['2023-01-10'], visits: 40, yuan: [500, 800] },
  {
    occasion: '春节',
    on: ['2023-01-16', '2023-01-17', '2023-01-18', '2023-01-20'],
    visits: 90,
    yuan: [800, 1000],
  },
  { occasion: '端午节', on: ['2023-06-20', '2023-06-21'], visits: 40, yuan: [500, 600] },
  { occasion: '中秋·国庆', on: ['2023-09-26', '2023-09-27', '2023-09-28'], visits: 50, yuan: [600, 800] },
] as const;
const OPERATIONS_2023 = [
  { occasion: '全国两会期间安保', on: ['2023-03-08', '2023-03-10'], visits: 15, yuan: [300, 300] },
  { occasion: '中国（德化）陶瓷博览会安保', on: ['2023-10-20', '2023-10-21'], visits: 20, yuan: [300, 500] },
  { occasion: '杭州亚运会期间社会面安保', on: ['2023-09-24', '2023-10-05'], visits: 15, yuan: [300, 400] },
  { occasion: '春运交通安保', on: ['2023-01-25', '2023-02-05'], visits: 10, yuan: [300, 300] },
] as const;
/** Injuries and illnesses of 2023, each visited at once (日常伤病即时慰问). */
const DAILY_2023 = 55;
/** 2023's health-check campaign: the people examined of those asked to go. */
const CHECK_TARGETS_2023 = 342;
const CHECKS_DONE_2023 = 318;
/** Officers' children helped into school in 2023. */
const SCHOOLING_2023 = 21;

export interface WelfareSeedSummary {
  staff: number;
  condolences: number;
  injuries: number;
  healthChecks: number;
  schooling: number;
}

interface StaffSeed {
  id: string;
  kind: 'officer' | 'auxiliary' | 'civilian';
  orgId: string;
}

const personName = (random: Random) => pick(random, SURNAMES) + pick(random, GIVEN);
const yuanIn = (random: Random, [lo, hi]: readonly [number, number]) =>
  between(random, lo / 50, hi / 50) * 50;

/**
 * 爱警暖警 demo data (demo = true): about 360 staff across the bureau and its stations with generated names, the
 * 2023 condolence visits of the three mechanisms, the 2023 health-check campaign and its completions, the 2023
 * schooling cases, and this year's records up to yesterday. The year's figures are counted by the welfare
 * module's statistics from these rows (`GET /api/welfare/stats?year=2023`).
 */
export async function seedWelfareDemo(
  db: Kysely<DB>,
  options: { tenantCode: string; now: Date; seed: number; crypto: FieldCrypto },
): Promise<WelfareSeedSummary> {
  const { tenantCode, crypto } = options;
  const random = seededRandom(options.seed ^ 0x3e1f);
  const today = localDate(options.now);
  const thisYear = Number(today.slice(0, 4));
  const createdAt = options.now.toISOString();
  const orgs = await db
    .selectFrom('orgs')
    .select(['id', 'kind', 'name'])
    .where('tenant_code', '=', tenantCode)
    .where('kind', 'in', ['tenant', 'station'])
    .orderBy('sort')
    .orderBy('id')
    .execute();
  const bureau = orgs.find((o) => o.kind === 'tenant');
  const stations = orgs.filter((o) => o.kind === 'station');
  if (!bureau || stations.length === 0)
    throw new Error('the welfare demo needs the organisation seeded first');

  // ── Staff: each station 8 officers, 6 auxiliaries and a civilian; the bureau's offices the rest. ──
  const staff: StaffSeed[] = [];
  const add = (orgId: string, kind: StaffSeed['kind'], n: number) => {
    for (let i = 0; i < n; i++) staff.push({ id: randomUUID(), kind, orgId });
  };
  for (const s of stations) {
    add(s.id, 'officer', 8);
    add(s.id, 'auxiliary', 6);
    add(s.id, 'civilian', 1);
  }
  const rest = Math.max(0, 360 - staff.length);
  add(bureau.id, 'officer', Math.round(rest * 0.55));
  add(bureau.id, 'auxiliary', Math.round(rest * 0.22));
  add(bureau.id, 'civilian', rest - Math.round(rest * 0.55) - Math.round(rest * 0.22));
  const officers = staff.filter((s) => s.kind === 'officer');
  const uniformed = staff.filter((s) => s.kind !== 'civilian');

  // ── Health checks: the 2023 campaign (officers, auxiliaries and some civilians), this year's for all. ──
  const campaign2023 = randomUUID();
  const targets2023 = [...uniformed, ...staff.filter((s) => s.kind === 'civilian')].slice(
    0,
    CHECK_TARGETS_2023,
  );
  const checks: Record<string, unknown>[] = [];
  targets2023.forEach((s, i) => {
    const done = i % Math.ceil(targets2023.length / (targets2023.length - CHECKS_DONE_2023)) !== 3;
    checks.push({ s, campaign: campaign2023, done });
  });
  // Exactly CHECKS_DONE_2023 done: trim or top up from the end.
  let done2023 = checks.filter((c) => c.done).length;
  for (let i = checks.length - 1; i >= 0 && done2023 !== CHECKS_DONE_2023; i--) {
    const c = checks[i]!;
    if (done2023 > CHECKS_DONE_2023 && c.done) {
      c.done = false;
      done2023--;
    } else if (done2023 < CHECKS_DONE_2023 && !c.done) {
      c.done = true;
      done2023++;
    }
  }
  const checkRows: Record<string, unknown>[] = checks.map((c) => ({
    tenant_code: tenantCode,
    campaign_id: campaign2023,
    staff_id: (c.s as StaffSeed).id,
    done_on: c.done ? addDays('2023-04-10', between(random, 0, 230)) : null,
    result: c.done ? crypto.encrypt(pick(random, CHECK_RESULTS)) : null,
    demo: true,
    updated_at: createdAt,
  }));
  const campaigns: Record<string, unknown>[] = [
    {
      tenant_code: tenantCode,
      id: campaign2023,
      year: 2023,
      period: '2023年度',
      title: '2023年度民警辅警健康体检',
      starts_on: '2023-04-10',
      due_on: '2023-11-30',
      demo: true,
      created_by: 'seed-demo',
      created_at: createdAt,
    },
  ];
  // This year: everyone asked to go from March; about seven in ten done by yesterday.
  const lastDone = new Map<string, string>();
  const yearStart = `${thisYear}-03-01`;
  if (thisYear > 2023 && today > yearStart) {
    const campaignNow = randomUUID();
    const window = Math.max(
      1,
      Math.min(270, Math.round((Date.parse(today) - Date.parse(yearStart)) / 86_400_000) - 1),
    );
    campaigns.push({
      tenant_code: tenantCode,
      id: campaignNow,
      year: thisYear,
      period: `${thisYear}年度`,
      title: `${thisYear}年度民警辅警及职工健康体检`,
      starts_on: yearStart,
      due_on: `${thisYear}-12-31`,
      demo: true,
      created_by: 'seed-demo',
      created_at: createdAt,
    });
    for (const s of staff) {
      const done = random() < 0.7;
      const on = done ? addDays(yearStart, between(random, 0, window - 1)) : null;
      if (on) lastDone.set(s.id, on);
      checkRows.push({
        tenant_code: tenantCode,
        campaign_id: campaignNow,
        staff_id: s.id,
        done_on: on,
        result: on ? crypto.encrypt(pick(random, CHECK_RESULTS)) : null,
        demo: true,
        updated_at: createdAt,
      });
    }
  }

  const staffRows = staff.map((s, i) => {
    const surname = pick(random, SURNAMES);
    const name = surname + pick(random, GIVEN);
    const married = random() < 0.75;
    const kids = married ? between(random, 0, 2) : 0;
    const family = [
      ...(married ? [{ relation: '配偶', name: personName(random) }] : []),
      ...Array.from({ length: kids }, (_, k) => ({
        relation: k === 0 ? '子女' : '子女',
        name: surname + pick(random, CHILD_GIVEN),
      })),
      ...(random() < 0.3
        ? [{ relation: '父亲', name: surname + pick(random, GIVEN), note: '年迈独居' }]
        : []),
    ];
    // Last check: this year's when done, otherwise a day last year (so some are overdue, some due soon).
    const last = lastDone.get(s.id) ?? addDays(`${thisYear - 1}-01-05`, between(random, 0, 355));
    const position =
      s.kind === 'officer'
        ? i % 8 === 0
          ? s.orgId === bureau.id
            ? '科所队负责人'
            : '所长'
          : i % 8 === 1
            ? '教导员'
            : '民警'
        : s.kind === 'auxiliary'
          ? '辅警'
          : '文职人员';
    return {
      tenant_code: tenantCode,
      id: s.id,
      kind: s.kind,
      org_id: s.orgId,
      name: crypto.encrypt(name),
      position,
      phone: crypto.encrypt(
        `1${pick(random, ['35', '38', '39', '59', '77', '88'])}${String(between(random, 0, 99_999_999)).padStart(8, '0')}`,
      ),
      family: family.length ? crypto.encrypt(JSON.stringify(family)) : null,
      health_notes: random() < 0.3 ? crypto.encrypt(pick(random, HEALTH_NOTES)) : null,
      last_check_on: last,
      next_check_due: addDays(last, 365),
      children_needs: kids > 0 && random() < 0.15 ? pick(random, SCHOOLING_NEEDS) : null,
      active: true,
      demo: true,
      created_at: createdAt,
      updated_at: createdAt,
    };
  });

  // ── Condolences of 2023 under the three mechanisms; injuries each visited at once. ──
  const condolences: Record<string, unknown>[] = [];
  const injuries: Record<string, unknown>[] = [];
  const visit = (
    mechanism: string,
    s: StaffSeed,
    on: string,
    occasion: string | null,
    reason: string,
    yuan: number,
    injuryId: string | null = null,
  ) =>
    condolences.push({
      tenant_code: tenantCode,
      id: randomUUID(),
      mechanism,
      staff_id: s.id,
      injury_id: injuryId,
      occasion,
      reason,
      visitors: s.orgId === bureau.id ? '局党委委员、政工室' : '局领导、所领导、政工室',
      visited_on: on,
      amount_yuan: yuan,
      demo: true,
      created_by: 'seed-demo',
      created_at: createdAt,
    });
  for (const h of HOLIDAYS_2023)
    for (let n = 0; n < h.visits; n++) {
      const s = pick(random, staff);
      const reason = pick(random, ['节日坚守岗位', '家庭困难', '家有重病亲属', '夫妻双警', '退休老民警']);
      visit('holiday', s, pick(random, h.on), h.occasion, reason, yuanIn(random, h.yuan));
    }
  for (const o of OPERATIONS_2023)
    for (let n = 0; n < o.visits; n++)
      visit(
        'operation',
        pick(random, uniformed),
        pick(random, o.on),
        o.occasion,
        '一线执勤连续作战',
        yuanIn(random, o.yuan),
      );
  const injure = (s: StaffSeed, on: string, description: string) => {
    const id = randomUUID();
    injuries.push({
      tenant_code: tenantCode,
      id,
      staff_id: s.id,
      occurred_on: on,
      kind: /住院|突发/.test(description) && !/伤/.test(description) ? 'illness' : 'injury',
      description,
      on_duty: true,
      demo: true,
      created_by: 'seed-demo',
      created_at: createdAt,
    });
    return id;
  };
  for (let n = 0; n < DAILY_2023; n++) {
    const s = pick(random, uniformed);
    const on = addDays('2023-01-03', between(random, 0, 350));
    const description = pick(random, INJURIES);
    const id = injure(s, on, description);
    visit('daily', s, addDays(on, between(random, 0, 2)), null, description, yuanIn(random, [500, 2000]), id);
  }

  // This year up to yesterday: holidays, an operation, injuries visited, and two recent ones not yet visited.
  if (thisYear > 2023) {
    const before = (d: string) => d < today;
    const add2 = (d: string, n: number) => addDays(d, n);
    // The eve of each holiday on this year's official calendar (a fixed day when the year is not published).
    const holidays = yearSchedule(thisYear).holidays;
    const eve = (name: string, fallback: string) => {
      const first = holidays.find((h) => h.name === name)?.date;
      return first ? addDays(first, -1) : fallback;
    };
    for (const [occasion, on, n] of [
      ['中国人民警察节', `${thisYear}-01-10`, 12],
      ['春节', eve('春节', `${thisYear}-02-10`), 30],
      ['端午节', eve('端午节', `${thisYear}-06-01`), 10],
      ['中秋·国庆', eve('中秋节', `${thisYear}-09-28`), 15],
    ] as const)
      if (before(on))
        for (let i = 0; i < n; i++) visit('holiday', pick(random, staff), on, occasion, '节日坚守岗位', 600);
    if (before(`${thisYear}-10-18`))
      for (let i = 0; i < 8; i++)
        visit(
          'operation',
          pick(random, uniformed),
          `${thisYear}-10-18`,
          '中国（德化）陶瓷博览会安保',
          '一线执勤连续作战',
          300,
        );
    for (let i = 0; i < 12; i++) {
      const on = add2(`${thisYear}-01-05`, between(random, 0, 300));
      if (!before(add2(on, 3))) continue;
      const s = pick(random, uniformed);
      const description = pick(random, INJURIES);
      visit('daily', s, add2(on, 1), null, description, 1000, injure(s, on, description));
    }
    injure(officers[3]!, addDays(today, -4), '处警时被嫌疑人咬伤右手');
    injure(officers[20]!, addDays(today, -11), '连续加班后突发心脏不适住院');
  }

  // ── Schooling: 21 children placed in 2023; this year a few, two still open. ──
  const schooling: Record<string, unknown>[] = [];
  const school = (
    s: StaffSeed,
    requested: string,
    status: string,
    arranged: string | null,
    done: string | null,
  ) => {
    const stage = pick(random, ['kindergarten', 'primary', 'primary', 'junior', 'senior'] as const);
    schooling.push({
      tenant_code: tenantCode,
      id: randomUUID(),
      staff_id: s.id,
      child_name: crypto.encrypt(pick(random, SURNAMES) + pick(random, CHILD_GIVEN)),
      stage,
      need: pick(random, SCHOOLING_NEEDS),
      status,
      school: arranged ? pick(random, SCHOOLS) : null,
      requested_on: requested,
      arranged_on: arranged,
      done_on: done,
      demo: true,
      created_by: 'seed-demo',
      updated_at: createdAt,
    });
  };
  for (let n = 0; n < SCHOOLING_2023; n++) {
    const requested = addDays('2023-05-08', between(random, 0, 60));
    const arranged = addDays('2023-07-15', between(random, 0, 30));
    school(
      officers[(n * 7) % officers.length]!,
      requested,
      'done',
      arranged,
      addDays('2023-08-28', between(random, 0, 5)),
    );
  }
  if (thisYear > 2023) {
    if (`${thisYear}-09-01` < today) {
      school(officers[5]!, `${thisYear}-05-20`, 'done', `${thisYear}-07-20`, `${thisYear}-08-30`);
      school(officers[41]!, `${thisYear}-06-02`, 'done', `${thisYear}-07-28`, `${thisYear}-08-31`);
    }
    const lately = addDays(today, -20) > `${thisYear}-01-01` ? addDays(today, -20) : `${thisYear}-01-01`;
    school(officers[12]!, lately, 'requested', null, null);
    school(
      officers[33]!,
      addDays(lately, -15) > `${thisYear}-01-01` ? addDays(lately, -15) : lately,
      'arranged',
      lately,
      null,
    );
  }

  await bulkInsert(db, 'welfare_staff', staffRows);
  await bulkInsert(db, 'welfare_campaigns', campaigns);
  for (let i = 0; i < checkRows.length; i += 400)
    await bulkInsert(db, 'welfare_health_checks', checkRows.slice(i, i + 400));
  await bulkInsert(db, 'welfare_injuries', injuries);
  await bulkInsert(db, 'welfare_condolences', condolences);
  await bulkInsert(db, 'welfare_schooling', schooling);
  return {
    staff: staffRows.length,
    condolences: condolences.length,
    injuries: injuries.length,
    healthChecks: checkRows.filter((c) => c.done_on).length,
    schooling: schooling.length,
  };
}
