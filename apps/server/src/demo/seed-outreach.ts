import { randomUUID } from 'node:crypto';
import { createRng, type Rng } from '@ronghui/geo';
import {
  actionFor,
  FRAUD_TYPES,
  type FraudType,
  nextDue,
  type Outcome,
  RESIDENT_KINDS,
  type ResidentKind,
  type Risk,
  TIME_LIMITS,
  visitInterval,
} from '@ronghui/outreach';
import type { Insertable, Kysely } from 'kysely';
import type {
  DB,
  FraudWarningEventsTable,
  FraudWarningsTable,
  HomeVisitsTable,
  VulnerableResidentsTable,
} from '../platform/db/schema.ts';
import type { FieldCrypto } from '../platform/privacy/field-crypto.ts';

/**
 * 暖心为民 demo data, generated from the seed and marked as demo data: per station a register of vulnerable
 * residents at the grid registry's standard addresses with their visit history, and anti-fraud warnings over
 * 2023 and this year (about half low, a third medium, the rest high), their outcomes and money at risk and
 * saved. 连大爷 of 杨梅乡 is on record: his "养老理财" scam call warning, visited and dissuaded, and his visits.
 */

const SURNAMES = ['陈', '林', '郑', '黄', '苏', '连', '王', '李', '张', '赖', '涂', '徐', '曾', '颜', '刘'];
const GIVEN = [
  '秀英',
  '金水',
  '玉兰',
  '永福',
  '阿妹',
  '春生',
  '美珠',
  '德成',
  '清泉',
  '丽华',
  '文贵',
  '桂香',
];
const ACTIVITIES = [
  '上门问候，查看居住安全',
  '测量血压，了解近期身体状况',
  '检查用电用气安全',
  '帮助联系子女视频通话',
  '讲解冒充公检法、养老理财诈骗手法',
  '送去防诈宣传资料，教会识别诈骗短信',
];
const NEEDS = ['', '', '', '身份证即将到期，行动不便', '希望子女常回家', '屋顶漏雨需修缮', ''];
const SOURCES = ['ministry', 'province', 'province', 'city', 'city', 'city'] as const;

const DAY = 86_400_000;
const beijingDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)]!;
const phoneOf = (rng: Rng) =>
  `1${pick(rng, ['3', '5', '7', '8', '9'])}${String(rng.int(1e9)).padStart(9, '0')}`;

export interface OutreachSeedResult {
  residents: number;
  visits: number;
  warnings: number;
  byYear: Record<string, { warnings: number; high: number; dissuaded: number; moneySaved: number }>;
  lianWarningId: string;
  lianResidentId: string;
}

export async function seedOutreachDemo(
  db: Kysely<DB>,
  opts: { tenantCode: string; seed: number; crypto: FieldCrypto; now: Date },
): Promise<OutreachSeedResult> {
  const { tenantCode, crypto, now } = opts;
  const rng = createRng(opts.seed ^ 0x0f2a);
  const stations = await db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('tenant_code', '=', tenantCode)
    .where('kind', '=', 'station')
    .orderBy('id')
    .execute();
  const users = await db
    .selectFrom('users')
    .select(['id', 'username', 'org_id', 'roles'])
    .where('tenant_code', '=', tenantCode)
    .execute();
  const yangmei = stations.find((s) => s.name === '杨梅派出所');
  if (!yangmei) throw new Error('the demo has no 杨梅派出所');
  const today = beijingDay(now);
  const thisYear = Number(today.slice(0, 4));
  const residents: Insertable<VulnerableResidentsTable>[] = [];
  const visits: Insertable<HomeVisitsTable>[] = [];
  const warnings: Insertable<FraudWarningsTable>[] = [];
  const events: Insertable<FraudWarningEventsTable>[] = [];
  const officerOf = (stationId: string) =>
    users.find((u) => u.username === 'officer' && u.org_id === stationId) ??
    users.find(
      (u) => u.org_id === stationId && u.roles.includes('officer') && u.username.startsWith('officer-'),
    );
  const event = (warningId: string, when: Date, kind: string, actor: string, note: string | null) =>
    events.push({
      tenant_code: tenantCode,
      id: randomUUID(),
      warning_id: warningId,
      at: when,
      kind,
      actor,
      note,
    });

  function visitHistory(r: Insertable<VulnerableResidentsTable>, officerId: string | null, from: string) {
    const interval = visitInterval(r.kinds as ResidentKind[]);
    let day = from;
    while (day < today) {
      const missed = rng.next() < 0.05;
      visits.push({
        tenant_code: tenantCode,
        id: randomUUID(),
        resident_id: r.id,
        station_id: r.station_id,
        officer_id: officerId,
        status: missed ? 'missed' : 'done',
        planned_for: day,
        done_at: missed
          ? null
          : at(day, `${String(9 + rng.int(8)).padStart(2, '0')}:${String(rng.int(60)).padStart(2, '0')}`),
        anti_fraud_talk: !missed && rng.next() < 0.75,
        activities: missed ? '家中无人' : pick(rng, ACTIVITIES),
        needs: missed ? null : pick(rng, NEEDS) || null,
        demo: true,
        created_by: 'seed-demo',
        created_at: at(day, '08:00'),
        updated_at: at(day, '18:00'),
      });
      day = beijingDay(new Date(Date.parse(`${day}T00:00:00Z`) + (interval + rng.int(5) - 2) * DAY));
    }
  }

  for (const s of stations) {
    const officer = officerOf(s.id);
    const addresses = await db
      .selectFrom('registry_addresses')
      .select(['id', 'label', 'lon', 'lat', 'township_code'])
      .where('tenant_code', '=', tenantCode)
      .where('station_id', '=', s.id)
      .orderBy('id')
      .limit(8)
      .execute();
    const count = 5 + rng.int(4);
    for (let i = 0; i < count; i++) {
      const addr = addresses[i % Math.max(1, addresses.length)];
      const kinds = [pick(rng, RESIDENT_KINDS)];
      if (rng.next() < 0.3) kinds.push(pick(rng, RESIDENT_KINDS));
      const phone = rng.next() < 0.7 ? phoneOf(rng) : null;
      const r: Insertable<VulnerableResidentsTable> = {
        tenant_code: tenantCode,
        id: randomUUID(),
        station_id: s.id,
        kinds: [...new Set(kinds)].filter((k) => k !== 'fraud-target' || rng.next() < 0.5),
        active: true,
        name: crypto.encrypt(pick(rng, SURNAMES) + pick(rng, GIVEN)),
        phone: crypto.encrypt(phone),
        phone_hash: phone ? crypto.blindIndex(`outreach-phone:${phone}`) : null,
        id_number: null,
        address: addr?.label ?? `${s.name.replace('派出所', '')}`,
        address_id: addr?.id ?? null,
        township_code: addr?.township_code ?? null,
        lon: addr?.lon ?? null,
        lat: addr?.lat ?? null,
        officer_id: officer?.id ?? null,
        note: null,
        demo: true,
        created_by: 'seed-demo',
        created_at: at('2023-01-03', '09:00'),
        updated_at: at('2023-01-03', '09:00'),
      };
      if ((r.kinds as string[]).length === 0) r.kinds = ['elderly-alone'];
      residents.push(r);
      visitHistory(
        r,
        officer?.id ?? null,
        beijingDay(new Date(Date.parse('2023-01-05T00:00:00Z') + rng.int(20) * DAY)),
      );
    }
  }

  // 连大爷 of 杨梅乡: lives alone; a scam call selling "养老理财" in November 2023; the officers he knew from
  // their visits came at once, and he hung up and kept his savings. Visited since, monthly and more.
  const lianOfficer = officerOf(yangmei.id);
  const lianAddress = await db
    .selectFrom('registry_addresses')
    .select(['id', 'label', 'lon', 'lat', 'township_code'])
    .where('tenant_code', '=', tenantCode)
    .where('station_id', '=', yangmei.id)
    .orderBy('label')
    .executeTakeFirst();
  const lianPhone = '13960521876';
  const lian: Insertable<VulnerableResidentsTable> = {
    tenant_code: tenantCode,
    id: randomUUID(),
    station_id: yangmei.id,
    kinds: ['elderly-alone', 'fraud-target'],
    active: true,
    name: crypto.encrypt('连永福'),
    phone: crypto.encrypt(lianPhone),
    phone_hash: crypto.blindIndex(`outreach-phone:${lianPhone}`),
    id_number: null,
    address: lianAddress?.label ?? '德化县杨梅乡',
    address_id: lianAddress?.id ?? null,
    township_code: lianAddress?.township_code ?? null,
    lon: lianAddress?.lon ?? null,
    lat: lianAddress?.lat ?? null,
    officer_id: lianOfficer?.id ?? null,
    note: '连大爷，独居，子女在外务工；2023年11月接到“养老理财”诈骗电话，经民警上门劝阻挂断',
    demo: true,
    created_by: 'seed-demo',
    created_at: at('2023-02-10', '10:00'),
    updated_at: at('2023-11-16', '16:00'),
  };
  residents.push(lian);
  const lianWarningId = randomUUID();
  const issued = at('2023-11-16', '14:32');
  warnings.push({
    tenant_code: tenantCode,
    id: lianWarningId,
    number: `FZ${tenantCode}-20231116-0001`,
    station_id: yangmei.id,
    risk: 'high',
    action: 'visit',
    status: 'feedback',
    outcome: 'dissuaded',
    fraud_type: 'elderly-wealth',
    source: 'province',
    person_name: lian.name,
    phone: lian.phone!,
    id_number: null,
    address: lian.address,
    township_code: lian.township_code ?? null,
    lon: lian.lon ?? null,
    lat: lian.lat ?? null,
    incident_id: null,
    issued_at: issued,
    signed_at: new Date(issued.getTime() + 4 * 60_000),
    dissuaded_at: new Date(issued.getTime() + 38 * 60_000),
    feedback_at: new Date(issued.getTime() + 3 * 3_600_000),
    due_at: null,
    overdue: false,
    money_at_risk: 300_000,
    money_saved: 300_000,
    sms_status: null,
    calls: 1,
    signed_by: lianOfficer?.id ?? null,
    note: '连大爷：对方自称“养老服务中心”，以高息养老理财为名诱其转账',
    demo: true,
    created_by: 'seed-demo',
    created_at: issued,
    updated_at: new Date(issued.getTime() + 3 * 3_600_000),
  });
  const lianActor = '杨梅派出所民警';
  event(lianWarningId, issued, 'issued', 'seed-demo', '高风险：交杨梅派出所当面劝阻');
  event(lianWarningId, new Date(issued.getTime() + 4 * 60_000), 'signed', lianActor, null);
  event(
    lianWarningId,
    new Date(issued.getTime() + 9 * 60_000),
    'called',
    lianActor,
    '已接通：请其先挂断，民警马上到',
  );
  event(
    lianWarningId,
    new Date(issued.getTime() + 31 * 60_000),
    'visited',
    lianActor,
    '上门讲解养老理财骗局',
  );
  event(
    lianWarningId,
    new Date(issued.getTime() + 38 * 60_000),
    'dissuaded',
    lianActor,
    '劝阻成功：连大爷挂断电话，未转账',
  );
  event(lianWarningId, new Date(issued.getTime() + 3 * 3_600_000), 'feedback', lianActor, '已反馈省厅');
  // His visits: monthly through 2023 before the call (the officers he trusted), the warning's visit, and
  // weekly, then monthly after it.
  const lianVisit = (day: string, talk: boolean, activities: string, warningId: string | null = null) =>
    visits.push({
      tenant_code: tenantCode,
      id: randomUUID(),
      resident_id: lian.id,
      station_id: yangmei.id,
      officer_id: lianOfficer?.id ?? null,
      status: 'done',
      planned_for: day,
      done_at: warningId ? new Date(issued.getTime() + 31 * 60_000) : at(day, '10:30'),
      anti_fraud_talk: talk,
      activities,
      needs: null,
      warning_id: warningId,
      demo: true,
      created_by: 'seed-demo',
      created_at: at(day, '08:00'),
      updated_at: at(day, '18:00'),
    });
  for (let m = 2; m <= 11; m++)
    lianVisit(`2023-${String(m).padStart(2, '0')}-1${m % 3}`, m % 2 === 0, pick(rng, ACTIVITIES));
  lianVisit('2023-11-16', true, '接预警后上门：讲解养老理财骗局，陪同挂断诈骗电话', lianWarningId);
  for (const d of ['2023-11-23', '2023-11-30', '2023-12-07', '2023-12-21'])
    lianVisit(d, true, '回访：巩固防诈意识');
  for (let y = 2024; y <= thisYear; y++)
    for (let m = 1; m <= 12; m++) {
      const d = `${y}-${String(m).padStart(2, '0')}-15`;
      if (d < today) lianVisit(d, m % 2 === 1, pick(rng, ACTIVITIES));
    }

  // Warnings over 2023 and this year (to yesterday), realistic mix, most dissuaded in time.
  const byYear: OutreachSeedResult['byYear'] = {};
  const years = thisYear === 2023 ? [2023] : [2023, thisYear];
  const seq = new Map<string, number>([['20231116', 1]]);
  for (const year of years) {
    const first = Date.parse(`${year}-01-01T00:00:00+08:00`);
    const last =
      year === thisYear
        ? Date.parse(`${today}T00:00:00+08:00`)
        : Date.parse(`${year + 1}-01-01T00:00:00+08:00`);
    const perYear = year === 2023 ? 320 : Math.round((320 * (last - first)) / (365 * DAY));
    for (let i = 0; i < perYear; i++) {
      // A day of the year (this year: up to yesterday) and a time between 08:00 and 20:59, Beijing.
      const days = Math.max(1, Math.floor((last - first) / DAY));
      const day0 = beijingDay(new Date(first + rng.int(days) * DAY + 12 * 3_600_000));
      const issuedAt = at(
        day0,
        `${String(8 + rng.int(13)).padStart(2, '0')}:${String(rng.int(60)).padStart(2, '0')}`,
      );
      const roll = rng.next();
      const risk: Risk = roll < 0.15 ? 'high' : roll < 0.5 ? 'medium' : 'low';
      const station = pick(rng, stations);
      const officer = officerOf(station.id);
      const fraudType: FraudType = pick(rng, FRAUD_TYPES);
      const o = rng.next();
      const outcome: Outcome = o < 0.88 ? 'dissuaded' : o < 0.94 ? 'unreachable' : 'defrauded';
      const moneyAtRisk =
        risk === 'high'
          ? 50_000 + rng.int(450) * 1000
          : risk === 'medium'
            ? 5_000 + rng.int(45) * 1000
            : rng.int(50) * 100;
      const limit = TIME_LIMITS[risk];
      const late = rng.next() < 0.08;
      const signedAt = new Date(
        issuedAt.getTime() + (late ? limit.signMinutes * 1.5 : limit.signMinutes * rng.next() * 0.9) * 60_000,
      );
      const dissuadedAt = new Date(
        issuedAt.getTime() +
          Math.max(
            signedAt.getTime() - issuedAt.getTime() + 60_000,
            limit.dissuadeMinutes * (0.2 + 0.7 * rng.next()) * 60_000,
          ),
      );
      const feedbackAt = new Date(dissuadedAt.getTime() + (1 + rng.int(6)) * 3_600_000);
      const day = beijingDay(issuedAt).replaceAll('-', '');
      const n = (seq.get(day) ?? 0) + 1;
      seq.set(day, n);
      const phone = phoneOf(rng);
      const id = randomUUID();
      // The last days' warnings are still being worked.
      const open = last - issuedAt.getTime() < 2 * DAY && year === thisYear;
      const status = open ? (rng.next() < 0.5 ? 'issued' : 'signed') : 'feedback';
      warnings.push({
        tenant_code: tenantCode,
        id,
        number: `FZ${tenantCode}-${day}-${String(n).padStart(4, '0')}`,
        station_id: station.id,
        risk,
        action: actionFor(risk),
        status,
        outcome: open ? null : outcome,
        fraud_type: fraudType,
        source: pick(rng, SOURCES),
        person_name: crypto.encrypt(pick(rng, SURNAMES) + pick(rng, GIVEN)),
        phone: crypto.encrypt(phone),
        id_number: null,
        address: `${station.name.replace('派出所', '')}辖区`,
        township_code: null,
        lon: null,
        lat: null,
        incident_id: null,
        issued_at: issuedAt,
        signed_at: status === 'issued' ? null : signedAt,
        dissuaded_at: open ? null : dissuadedAt,
        feedback_at: open ? null : feedbackAt,
        due_at: open ? (nextDue({ risk, status, issuedAt })?.due ?? null) : null,
        overdue: late,
        money_at_risk: moneyAtRisk,
        money_saved: !open && outcome === 'dissuaded' ? moneyAtRisk : 0,
        sms_status: risk === 'low' ? 'sent' : null,
        calls: risk === 'medium' && status !== 'issued' ? 1 + rng.int(2) : 0,
        signed_by: status === 'issued' ? null : (officer?.id ?? null),
        note: null,
        demo: true,
        created_by: 'seed-demo',
        created_at: issuedAt,
        updated_at: open ? issuedAt : feedbackAt,
      });
      event(id, issuedAt, 'issued', 'seed-demo', null);
      if (status !== 'issued') event(id, signedAt, 'signed', `${station.name}民警`, null);
      if (!open) {
        event(id, dissuadedAt, 'dissuaded', `${station.name}民警`, outcome);
        event(id, feedbackAt, 'feedback', `${station.name}民警`, null);
      }
    }
  }
  for (const w of warnings) {
    const year = beijingDay(new Date(w.issued_at as Date)).slice(0, 4);
    const y = byYear[year] ?? { warnings: 0, high: 0, dissuaded: 0, moneySaved: 0 };
    byYear[year] = y;
    y.warnings++;
    if (w.risk === 'high') y.high++;
    if (w.outcome === 'dissuaded') y.dissuaded++;
    y.moneySaved += w.money_saved ?? 0;
  }

  const chunk = async <T>(rows: T[], insert: (part: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
  };
  await db.transaction().execute(async (trx) => {
    await chunk(residents, (p) => trx.insertInto('vulnerable_residents').values(p).execute());
    await chunk(visits, (p) => trx.insertInto('home_visits').values(p).execute());
    await chunk(warnings, (p) => trx.insertInto('fraud_warnings').values(p).execute());
    await chunk(events, (p) => trx.insertInto('fraud_warning_events').values(p).execute());
  });
  return {
    residents: residents.length,
    visits: visits.length,
    warnings: warnings.length,
    byYear,
    lianWarningId,
    lianResidentId: lian.id as string,
  };
}
